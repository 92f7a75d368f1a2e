//! Bytes to text: byte-order marks, UTF-16, invalid UTF-8, line endings and
//! binary detection. What comes out still needs [`crate::sanitize`].

/// How far into a file to look for signs that it is not text.
const SNIFF_BYTES: usize = 64 * 1024;

/// The result of decoding a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Text with `\n` line ends. `lossy` is true when invalid sequences were
    /// replaced by U+FFFD.
    Text { text: String, lossy: bool },
    /// Not text; the reason says why, for the user.
    Binary(&'static str),
}

/// Decodes a file's bytes into text with `\n` line endings.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(text) = decode_utf16(bytes) {
        return text;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(reason) = binary_reason(bytes) {
        return Decoded::Binary(reason);
    }
    let (text, lossy) = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    };
    Decoded::Text {
        text: normalize_line_ends(text),
        lossy,
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<Decoded> {
    let (body, little) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (rest, false)
    } else {
        return None;
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    let mut lossy = body.len() % 2 != 0;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if text.contains('\0') {
        return Some(Decoded::Binary("it contains NUL characters"));
    }
    Some(Decoded::Text {
        text: normalize_line_ends(text),
        lossy,
    })
}

/// Why `bytes` look like a binary file, if they do.
pub fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    signature_reason(bytes).or_else(|| {
        memchr::memchr(0, head)
            .is_some()
            .then_some("it contains NUL bytes (a binary file)")
    })
}

/// Why the first bytes of a stream say it is not text, as [`decode`]
/// would judge the whole: UTF-16 (which holds NUL bytes) is text.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    binary_reason(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head))
}

/// Which binary format `bytes` start like, if any: [`binary_reason`]
/// without the look for NUL bytes, for text known to hold none.
pub fn signature_reason(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "it is a PDF document"),
        (b"\x89PNG", "it is a PNG image"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"GIF8", "it is a GIF image"),
        (b"PK\x03\x04", "it is a ZIP archive"),
        (b"\x1F\x8B", "it is gzip-compressed"),
        (b"\x7FELF", "it is an executable"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, reason)| *reason)
}

/// Turns CRLF and lone CR line ends into `\n`.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, bool) {
        match decode(bytes) {
            Decoded::Text { text, lossy } => (text, lossy),
            Decoded::Binary(r) => panic!("binary: {r}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text(b"hi"), ("hi".into(), false));
        assert_eq!(text(b"\xEF\xBB\xBFhi"), ("hi".into(), false));
    }

    #[test]
    fn utf16_both_orders() {
        assert_eq!(text(b"\xFF\xFEh\0i\0"), ("hi".into(), false));
        assert_eq!(text(b"\xFE\xFF\0h\0i"), ("hi".into(), false));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        assert_eq!(text(b"a\xFFb"), ("a\u{FFFD}b".into(), true));
    }

    #[test]
    fn line_ends_are_normalized() {
        assert_eq!(text(b"a\r\nb\rc\n").0, "a\nb\nc\n");
    }

    #[test]
    fn binary_is_detected() {
        assert!(matches!(decode(b"abc\0def"), Decoded::Binary(_)));
        assert!(matches!(decode(b"%PDF-1.7 ..."), Decoded::Binary(_)));
        assert!(matches!(decode(b"\x89PNG\r\n"), Decoded::Binary(_)));
    }

    #[test]
    fn sniffing_the_first_bytes_judges_as_decoding_does() {
        for bytes in [
            &b"abc\0"[..],
            b"%PDF-1",
            b"\xEF\xBB\xBF\0",
            b"\xFF\xFEh\0",
            b"text",
        ] {
            let whole = matches!(decode(bytes), Decoded::Binary(_));
            assert_eq!(sniff(bytes).is_some(), whole, "{bytes:?}");
        }
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(text(b""), (String::new(), false));
    }
}
