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
}
