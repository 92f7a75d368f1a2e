//! quire: a terminal reader for articles.
//!
//! Data flows one way: files -> [`corpus`] (decode, sanitize) ->
//! [`document::Document`] -> the [`app::App`] model, which [`update::update`]
//! changes in response to [`action::Action`]s and [`ui`] draws.

pub mod corpus;
pub mod decode;
pub mod document;
pub mod markup;
pub mod sanitize;
pub mod script;
pub mod search;
