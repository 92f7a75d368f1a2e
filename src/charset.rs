//! The character encoding of a web page that is not UTF-8: a byte-order
//! mark wins, then what the page declares (`<meta charset>`, the
//! `http-equiv` Content-Type, the XML declaration) in its first bytes, as
//! browsers prescan them; a page that declares nothing and is not UTF-8 is
//! read as windows-1252, as browsers do. Decoding is encoding_rs's.

use crate::decode::Decoded;
use encoding_rs::{Encoding, UTF_8};

/// How far into a page its declaration is looked for (browsers look at
/// 1024 bytes; saved pages put long comments first).
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page's bytes by its declared charset; None leaves it to
/// [`crate::decode::decode`] (a BOM, or UTF-8 that is valid).
pub fn decode_html(bytes: &[u8]) -> Option<Decoded> {
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let declared = declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    let encoding = match declared {
        // A page that says UTF-8 (or something encoding_rs reads as it) is
        // decoded as UTF-8, with replacement characters where invalid.
        Some(e) if e == UTF_8 => return None,
        Some(e) => e,
        None if simdutf8::basic::from_utf8(bytes).is_ok() => return None,
        None => encoding_rs::WINDOWS_1252,
    };
    if let Some(reason) = crate::decode::binary_reason(bytes) {
        return Some(Decoded::Binary(reason));
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Some(Decoded::Text {
        text,
        lossy: had_errors,
    })
}

/// The encoding a page's start declares, if it names one encoding_rs knows.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml")
        && let Some(end) = find(&lower, b"?>")
        && let Some(found) = attribute(&lower[..end], b"encoding")
    {
        return Encoding::for_label(found);
    }
    let mut at = 0;
    while let Some(start) = find(&lower[at..], b"<meta") {
        let tag_start = at + start;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        let label = attribute(tag, b"charset").or_else(|| {
            let content = attribute(tag, b"content")?;
            let after = find(content, b"charset=")? + b"charset=".len();
            let value = &content[after..];
            let end = value
                .iter()
                .position(|b| matches!(b, b';' | b' ' | b'"' | b'\''))
                .unwrap_or(value.len());
            Some(&value[..end])
        });
        if let Some(encoding) = label.and_then(Encoding::for_label) {
            return Some(encoding);
        }
        at = tag_end;
    }
    None
}

/// The value of `name=` in a tag: quoted or not.
fn attribute<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let mut at = 0;
    while let Some(found) = find(&tag[at..], name) {
        let start = at + found;
        at = start + name.len();
        // A whole attribute name: `content=` must not match `charset` in it.
        if start > 0 && tag[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = skip_spaces(&tag[at..]);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = skip_spaces(rest);
        return Some(match rest.first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &rest[1..];
                &inner[..inner
                    .iter()
                    .position(|&b| b == quote)
                    .unwrap_or(inner.len())]
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/' | b';'))
                    .unwrap_or(rest.len());
                &rest[..end]
            }
        });
    }
    None
}

fn skip_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        match decode_html(bytes) {
            Some(Decoded::Text { text, .. }) => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn meta_charset_and_http_equiv_are_read() {
        assert_eq!(
            text(b"<html><head><meta charset=\"ISO-8859-1\"></head><p>Pokorn\xfd"),
            "<html><head><meta charset=\"ISO-8859-1\"></head><p>Pokorný"
        );
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1250'><p>\x8aKODA";
        assert!(text(page).ends_with("ŠKODA"));
        assert!(text(b"<META CHARSET=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4").ends_with("Привет"));
    }

    #[test]
    fn the_xml_declaration_is_read() {
        let page = b"<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><html><p>\xb1";
        assert!(text(page).ends_with("ą"));
    }

    #[test]
    fn utf8_and_boms_are_left_to_the_plain_decoder() {
        assert_eq!(decode_html("<meta charset=utf-8><p>ý".as_bytes()), None);
        assert_eq!(decode_html("<p>ý".as_bytes()), None);
        assert_eq!(decode_html(b"\xEF\xBB\xBF<meta charset=latin1><p>x"), None);
        // Undeclared and not UTF-8: windows-1252, as browsers read it.
        assert_eq!(text(b"<p>caf\xe9"), "<p>café");
    }
}
