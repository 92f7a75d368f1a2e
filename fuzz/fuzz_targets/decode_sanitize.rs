//! Bytes -> decode -> sanitize -> plain-text Document -> layout at several
//! widths: never panics, nothing unsafe survives, sanitizing is idempotent
//! and no line is wider than its width.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use quire::decode::{Decoded, decode};
use quire::document::{Document, Source};
use quire::sanitize::{sanitize, sanitize_line};

fuzz_target!(|bytes: &[u8]| {
    let Decoded::Text { text, .. } = decode(bytes) else {
        return;
    };
    let clean = sanitize(&text);
    assert_eq!(sanitize(&clean), clean, "sanitize is not idempotent");
    let line = sanitize_line(&text);
    assert!(!line.contains('\n'));
    common::assert_safe(&line);
    common::assert_layout(&Document::new(Source::Stdin, clean));
});
