//! The one definition of "a word" shared by the index, the matcher and the
//! highlighter, so that whatever is indexed can be found and highlighted at
//! exactly the same bytes.
//!
//! A word is a run of letters and digits outside CJK scripts; a CJK run is
//! a run of CJK letters (Chinese, Japanese and Korean have no spaces to
//! split on, so they are searched as substrings). Everything else separates.

use crate::script::{ideograph_at, is_cjk};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Cjk,
}

/// A word or CJK run: a byte range of the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// The words and CJK runs of `text`, in order.
pub(crate) fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

pub(crate) struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// The kind of the character at `pos` (None for separators) and its length.
/// ASCII is decided from the byte alone: it is nearly all of English text.
fn class(text: &str, pos: usize) -> (Option<TokenKind>, usize) {
    let byte = text.as_bytes()[pos];
    if byte < 0x80 {
        let kind = byte.is_ascii_alphanumeric().then_some(TokenKind::Word);
        return (kind, 1);
    }
    // Every CJK unified ideograph is a letter: Chinese text is decided
    // without the Unicode tables, and without slicing the text for each
    // character.
    if ideograph_at(text, pos) {
        return (Some(TokenKind::Cjk), 3);
    }
    let Some(c) = text[pos..].chars().next() else {
        return (None, 1);
    };
    if is_common_punctuation(c) {
        return (None, c.len_utf8());
    }
    let kind = if !c.is_alphanumeric() {
        None
    } else if is_cjk(c) {
        Some(TokenKind::Cjk)
    } else {
        Some(TokenKind::Word)
    };
    (kind, c.len_utf8())
}

/// CJK and general punctuation, the separators between Chinese words
/// (，。、「」 and so on) and English ones (— “ ” …): none of them is a
/// letter or digit, which the Unicode tables are slow to say.
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2000}'..='\u{206F}'
            | '\u{3000}'..='\u{3004}'
            | '\u{3008}'..='\u{3020}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
    )
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let end = self.text.len();
        while self.pos < end {
            let (kind, len) = class(self.text, self.pos);
            let start = self.pos;
            self.pos += len;
            let Some(kind) = kind else { continue };
            while self.pos < end {
                let (next, len) = class(self.text, self.pos);
                if next != Some(kind) {
                    break;
                }
                self.pos += len;
            }
            return Some(Token {
                start,
                end: self.pos,
                kind,
            });
        }
        None
    }
}

/// How long `text` is for BM25: its words plus its CJK characters (each
/// CJK character counts, as the index's unigrams do), counted as
/// [`tokens`] splits them without making the tokens.
pub(crate) fn token_count(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let (mut count, mut pos, mut in_word) = (0u32, 0, false);
    while pos < bytes.len() {
        // ASCII and CJK ideographs, nearly all of Chinese text, are told
        // here from their bytes; the rest as the tokenizer tells them.
        let byte = bytes[pos];
        if byte < 0x80 {
            let word = byte.is_ascii_alphanumeric();
            count += u32::from(word && !in_word);
            in_word = word;
            pos += 1;
            continue;
        }
        if ideograph_at(text, pos) {
            count += 1;
            in_word = false;
            pos += 3;
            continue;
        }
        let (kind, len) = class(text, pos);
        match kind {
            Some(TokenKind::Word) => count += u32::from(!in_word),
            Some(TokenKind::Cjk) => count += 1,
            None => {}
        }
        in_word = kind == Some(TokenKind::Word);
        pos += len;
    }
    count
}

/// Lowercases `text` into `out` (cleared first), fast for ASCII.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// `text` lowercased.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// True when `text` has an uppercase letter: smart case makes it exact.
pub(crate) fn has_upper(text: &str) -> bool {
    text.chars().any(char::is_uppercase)
}

/// When `token` starts with `word`, the length in bytes of that prefix of
/// `token`. Without `case_sensitive`, `word` must already be folded and the
/// token is compared folded (the prefix length is then measured in the
/// token's own bytes, which can differ from the folded length).
pub(crate) fn prefix_len(token: &str, word: &str, case_sensitive: bool) -> Option<usize> {
    if case_sensitive {
        return token.starts_with(word).then_some(word.len());
    }
    if token.is_ascii() && word.is_ascii() {
        let fits = token.len() >= word.len()
            && token.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes());
        return fits.then_some(word.len());
    }
    let mut want = word.chars();
    for (at, c) in token.char_indices() {
        let mut lower = c.to_lowercase().peekable();
        if lower.peek().is_some() && want.as_str().is_empty() {
            return Some(at);
        }
        for l in lower {
            match want.next() {
                Some(w) if w == l => {}
                // The word ended inside this character's lowercase form.
                None => return Some(at + c.len_utf8()),
                Some(_) => return None,
            }
        }
    }
    want.as_str().is_empty().then_some(token.len())
}

/// True when `token` is exactly `word` (folded unless `case_sensitive`).
pub(crate) fn same_word(token: &str, word: &str, case_sensitive: bool) -> bool {
    prefix_len(token, word, case_sensitive) == Some(token.len())
}

/// The bigrams a CJK run is matched by (the run itself when it is one
/// character), as the index stores them.
pub(crate) fn cjk_grams(run: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    match chars.len() {
        0 => Vec::new(),
        1 => vec![run],
        n => (0..n - 1)
            .map(|k| {
                let end = chars.get(k + 2).map_or(run.len(), |c| c.0);
                &run[chars[k].0..end]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_punctuation_is_no_letter_or_digit() {
        let all = (0..=0x10FFFF).filter_map(char::from_u32);
        let punctuation: Vec<char> = all.filter(|&c| is_common_punctuation(c)).collect();
        assert!(punctuation.len() > 150 && punctuation.contains(&'，'));
        for c in punctuation {
            assert!(!c.is_alphanumeric(), "{c:?} is a letter or digit");
        }
    }

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text)
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn splits_words_and_cjk_runs() {
        use TokenKind::*;
        assert_eq!(
            words("WeChat微信支付, e-commerce! café 2015。好"),
            vec![
                ("WeChat", Word),
                ("微信支付", Cjk),
                ("e", Word),
                ("commerce", Word),
                ("café", Word),
                ("2015", Word),
                ("好", Cjk)
            ]
        );
    }

    #[test]
    fn unified_ideographs_are_cjk_letters() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(c.is_alphanumeric() && is_cjk(c), "{c:?}");
        }
    }

    #[test]
    fn prefix_length_is_measured_in_the_token() {
        assert_eq!(prefix_len("WeChat", "wec", false), Some(3));
        assert_eq!(prefix_len("WeChat", "wec", true), None);
        assert_eq!(prefix_len("Café", "café", false), Some(5));
        assert_eq!(prefix_len("ÉCOLE", "éc", false), Some(3));
        assert_eq!(prefix_len("eco", "ecology", false), None);
        assert!(same_word("Über", "über", false));
        assert!(!same_word("Übers", "über", false));
    }
}
