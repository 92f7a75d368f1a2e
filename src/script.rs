//! Small facts about scripts that several modules need: which characters
//! belong to Chinese, Japanese or Korean text (no spaces between words, so
//! they are matched as substrings and read at a different pace).

/// True for Han ideographs, kana, Hangul, and CJK punctuation and forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x2E80..=0x2FDF      // CJK radicals
        | 0x3000..=0x30FF      // CJK symbols and punctuation, kana
        | 0x3100..=0x31FF      // Bopomofo, Hangul compatibility, kana ext.
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF00..=0xFFEF      // half- and full-width forms
        | 0x20000..=0x3FFFF    // CJK extensions B onwards
    )
}

/// Whether a CJK unified ideograph (U+4E00 to U+9FFF, most of Chinese
/// text) starts at byte `at` of `text`, decided from its lead bytes
/// without decoding the character: in UTF-8, E5 to E9 lead U+5000 to
/// U+9FFF, and E4 leads U+4000 to U+4FFF, ideographs from its second
/// byte B8 (U+4E00) on.
#[inline]
pub fn ideograph_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes[at] {
        0xE5..=0xE9 => true,
        // A lead byte of E4 starts a three-byte sequence, here complete.
        0xE4 => bytes[at + 1] >= 0xB8,
        _ => false,
    }
}

/// True when `text` holds at least one CJK character.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_cjk() {
        assert!(is_cjk('微'));
        assert!(is_cjk('か'));
        assert!(is_cjk('한'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('é'));
        assert!(has_cjk("WeChat 微信"));
        assert!(!has_cjk("WeChat"));
    }

    #[test]
    fn ideographs_are_told_by_their_bytes() {
        let all = (0..=0x10FFFF).filter_map(char::from_u32);
        for c in all {
            let text = format!("a{c}");
            let want = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert_eq!(ideograph_at(&text, 1), want, "{c:?}");
        }
    }
}
