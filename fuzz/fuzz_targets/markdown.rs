//! Bytes -> decode -> Markdown parse -> Document -> layout: never panics,
//! nothing unsafe survives (entities like `&#27;` included) and no line is
//! wider than its width.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use quire::decode::{Decoded, decode};
use quire::document::Source;
use quire::markup::markdown;

fuzz_target!(|bytes: &[u8]| {
    if let Decoded::Text { text, .. } = decode(bytes) {
        common::assert_layout(&markdown::parse(&text).into_document(Source::Stdin));
    }
});
