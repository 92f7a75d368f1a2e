//! quire: a terminal reader for articles.
//!
//! Data flows one way: files -> [`corpus`] (decode, sanitize) ->
//! [`document::Document`]s, kept once in the [`store::DocStore`] that the
//! loader, the UI and the search thread share -> the [`app::App`] model,
//! which [`update::update`] changes in response to [`action::Action`]s and
//! [`ui`] draws. What an action asks of the outside world leaves
//! `update()` only as [`effects::Effects`], carried out by [`runner`]; slow
//! work runs on [`worker`] and [`saver`] threads and comes back as actions.
//! See `docs/ARCHITECTURE.md`.
//!
//! `unsafe` is denied everywhere but [`shared_bytes`], which turns a file's
//! bytes into a document's text without a copy.

#![deny(unsafe_code)]

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod charset;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod document;
pub mod effects;
pub mod export;
pub mod format;
pub mod import;
pub mod key_help;
pub mod keymap;
pub mod layout;
pub mod line_edit;
pub mod links;
pub mod markup;
pub mod note_rows;
pub mod oneshot;
pub mod paths;
pub mod places;
pub mod positions;
pub mod reader;
pub mod reflow;
pub mod runner;
pub mod sanitize;
pub mod saver;
pub mod script;
pub mod search;
#[allow(unsafe_code)]
pub mod shared_bytes;
pub mod show;
pub mod signals;
pub mod sort;
pub mod storage;
pub mod store;
pub mod terminal;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod update;
pub mod worker;
pub mod wrap;
