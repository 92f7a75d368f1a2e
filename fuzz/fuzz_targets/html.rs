//! Bytes -> decode -> HTML parse -> Document -> layout: never panics,
//! nothing unsafe survives (entities and C1 references included) and no line is
//! wider than its width.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use quire::decode::{Decoded, decode};
use quire::document::Source;
use quire::markup::html;

fuzz_target!(|bytes: &[u8]| {
    if let Decoded::Text { text, .. } = decode(bytes) {
        common::assert_layout(&html::parse(text).into_document(Source::Stdin));
    }
});
