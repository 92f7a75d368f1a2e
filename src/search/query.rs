//! The filter line's syntax: `words`, `"exact phrases"`, `-exclusions`,
//! smart case per term, and CJK runs matched as substrings.
//!
//! Parsing never fails: any string is a query; an unclosed quote runs to
//! the end of the line. Words match as word prefixes everywhere (so the
//! list narrows while a word is typed, and `"red envelope"` finds "red
//! envelopes"); in a phrase every word but the last must be whole.

use super::text::{TokenKind, fold, has_upper, tokens};

/// A parsed query; the positive terms must all match, the excluded ones
/// must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// How a term is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A word: matches a word of the body that starts with it (a prefix),
    /// or the title fuzzily. Excluded words must match whole.
    Word,
    /// Consecutive whole words; `"quoted"`, or a word with inner
    /// punctuation such as `e-commerce`.
    Phrase,
    /// A run of Chinese, Japanese or Korean text: a substring.
    Cjk,
    /// A quoted phrase holding CJK text: a substring, with any run of
    /// spaces matching any run of whitespace.
    Literal,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As typed (a phrase without its quotes).
    pub text: String,
    pub kind: TermKind,
    /// Smart case: an uppercase letter makes the term case-sensitive.
    pub case_sensitive: bool,
    /// `-term`: documents containing it are left out.
    pub excluded: bool,
    /// The words (folded unless case-sensitive) of a Word, Phrase or Literal.
    pub(crate) words: Vec<String>,
    /// The CJK runs of a Cjk or Literal term.
    pub(crate) cjk: Vec<String>,
}

/// One word of a term as the body dictionaries are asked for it.
pub(crate) struct LookupWord {
    /// In the cased dictionary (as written), else the folded one.
    pub cased: bool,
    pub key: String,
    /// Matches every word it starts, not only itself.
    pub prefix: bool,
}

impl Term {
    /// The last word of a word or phrase matches as a prefix, except in an
    /// exclusion: `-pay` leaves out "pay", not "payment".
    pub(crate) fn last_word_is_prefix(&self) -> bool {
        !self.excluded
    }

    /// The words to look up for this term (none for a CJK literal, whose
    /// runs are looked up as grams). A lowercase word of a case-sensitive
    /// phrase is looked up folded: a superset, which the phrase check
    /// narrows.
    pub(crate) fn lookup_words(&self) -> impl Iterator<Item = LookupWord> + '_ {
        let words = if self.kind == TermKind::Literal {
            &[][..]
        } else {
            &self.words[..]
        };
        let last = words.len().saturating_sub(1);
        words.iter().enumerate().map(move |(i, word)| {
            let cased = self.case_sensitive && has_upper(word);
            LookupWord {
                cased,
                key: if cased { word.clone() } else { fold(word) },
                prefix: i == last && self.last_word_is_prefix(),
            }
        })
    }
}

impl Query {
    /// Parses the filter line. See the module documentation for the syntax.
    pub fn parse(input: &str) -> Query {
        let mut terms = Vec::new();
        let mut rest = input;
        loop {
            rest = rest.trim_start();
            let Some(first) = rest.chars().next() else {
                break;
            };
            let (excluded, body) = match rest.strip_prefix('-') {
                Some(after) if first == '-' && !after.starts_with(char::is_whitespace) => {
                    (true, after)
                }
                _ => (false, rest),
            };
            if let Some(inner) = body.strip_prefix('"') {
                let (phrase, next) = match inner.find('"') {
                    Some(end) => (&inner[..end], &inner[end + 1..]),
                    None => (inner, ""),
                };
                terms.extend(phrase_term(phrase, excluded));
                rest = next;
            } else {
                let end = body
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(body.len());
                terms.extend(chunk_terms(&body[..end], excluded));
                rest = &body[end..];
            }
        }
        Query { terms }
    }

    /// True when nothing would be matched: the whole list is shown.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms that must match.
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.excluded)
    }

    /// The terms that must not match.
    pub fn excluded(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| t.excluded)
    }
}

/// Splits `text` into its words (folded unless `case_sensitive`) and CJK runs.
fn parts(text: &str, case_sensitive: bool) -> (Vec<String>, Vec<String>) {
    let (mut words, mut cjk) = (Vec::new(), Vec::new());
    for token in tokens(text) {
        let piece = &text[token.start..token.end];
        match token.kind {
            TokenKind::Word if case_sensitive => words.push(piece.to_string()),
            TokenKind::Word => words.push(fold(piece)),
            TokenKind::Cjk => cjk.push(piece.to_string()),
        }
    }
    (words, cjk)
}

fn term(text: &str, kind: TermKind, excluded: bool) -> Term {
    let case_sensitive = has_upper(text);
    let (words, cjk) = parts(text, case_sensitive);
    Term {
        text: text.to_string(),
        kind,
        case_sensitive,
        excluded,
        words,
        cjk,
    }
}

/// An unquoted chunk: one word, one CJK run, a punctuated phrase
/// (`e-commerce`), or, when it mixes scripts (`WeChat微信`), one term per
/// word and run, since those need not be adjacent in the text.
fn chunk_terms(chunk: &str, excluded: bool) -> Vec<Term> {
    let pieces: Vec<_> = tokens(chunk).collect();
    let all_words = pieces.iter().all(|t| t.kind == TokenKind::Word);
    match pieces.as_slice() {
        [] => Vec::new(),
        [only] => {
            let kind = match only.kind {
                TokenKind::Word => TermKind::Word,
                TokenKind::Cjk => TermKind::Cjk,
            };
            vec![term(&chunk[only.start..only.end], kind, excluded)]
        }
        _ if all_words => vec![term(chunk, TermKind::Phrase, excluded)],
        _ => pieces
            .iter()
            .flat_map(|t| chunk_terms(&chunk[t.start..t.end], excluded))
            .collect(),
    }
}

fn phrase_term(phrase: &str, excluded: bool) -> Option<Term> {
    let phrase = phrase.trim();
    let mut t = term(phrase, TermKind::Phrase, excluded);
    if !t.cjk.is_empty() {
        t.kind = TermKind::Literal;
    }
    (!t.words.is_empty() || !t.cjk.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(q: &str) -> Vec<(String, TermKind, bool, bool)> {
        Query::parse(q)
            .terms
            .into_iter()
            .map(|t| (t.text, t.kind, t.case_sensitive, t.excluded))
            .collect()
    }

    fn s(text: &str, kind: TermKind, case: bool, excluded: bool) -> (String, TermKind, bool, bool) {
        (text.to_string(), kind, case, excluded)
    }

    #[test]
    fn words_phrases_and_exclusions() {
        use TermKind::*;
        assert_eq!(
            summary(r#"  wechat "red envelope" -alipay -"Life Circle" "#),
            vec![
                s("wechat", Word, false, false),
                s("red envelope", Phrase, false, false),
                s("alipay", Word, false, true),
                s("Life Circle", Phrase, true, true),
            ]
        );
    }

    #[test]
    fn smart_case_is_per_term() {
        let q = Query::parse("WeChat pay");
        assert!(q.terms[0].case_sensitive);
        assert_eq!(q.terms[0].words, vec!["WeChat"]);
        assert!(!q.terms[1].case_sensitive);
    }

    #[test]
    fn cjk_runs_and_mixed_chunks() {
        use TermKind::*;
        assert_eq!(
            summary("微信支付 WeChat红包 \"微信 红包\""),
            vec![
                s("微信支付", Cjk, false, false),
                s("WeChat", Word, true, false),
                s("红包", Cjk, false, false),
                s("微信 红包", Literal, false, false),
            ]
        );
    }

    #[test]
    fn unbalanced_quote_runs_to_the_end() {
        let q = Query::parse(r#"pay "red env"#);
        assert_eq!(q.terms.len(), 2);
        assert_eq!(q.terms[1].kind, TermKind::Phrase);
        assert_eq!(q.terms[1].words, vec!["red", "env"]);
        let q = Query::parse(r#"-"red env" x"#);
        assert!(q.terms[0].excluded && !q.terms[0].last_word_is_prefix());
        assert_eq!(q.terms[1].text, "x");
    }

    #[test]
    fn punctuation_makes_a_phrase_and_noise_is_ignored() {
        use TermKind::*;
        assert_eq!(
            summary("e-commerce"),
            vec![s("e-commerce", Phrase, false, false)]
        );
        assert!(Query::parse(r#" - "" " -- ... "#).is_empty());
        assert_eq!(summary("-"), vec![]);
    }
}
