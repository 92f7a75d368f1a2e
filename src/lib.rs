//! quire: a terminal reader for articles.
//!
//! Data flows one way: files -> [`corpus`] (decode, sanitize) ->
//! [`document::Document`]s, kept once in the [`store::DocStore`] that the
//! loader, the UI and the search thread share -> the [`app::App`] model,
//! which [`update::update`] changes in response to [`action::Action`]s and
//! [`ui`] draws.
//!
//! `unsafe` is denied everywhere but [`shared_bytes`], which turns a file's
//! bytes into a document's text without a copy.

#![deny(unsafe_code)]

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod document;
pub mod export;
pub mod keymap;
pub mod layout;
pub mod line_edit;
pub mod markup;
pub mod oneshot;
pub mod paths;
pub mod positions;
pub mod reader;
pub mod sanitize;
pub mod script;
pub mod search;
#[allow(unsafe_code)]
pub mod shared_bytes;
pub mod signals;
pub mod storage;
pub mod store;
pub mod terminal;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod update;
pub mod worker;
pub mod wrap;
