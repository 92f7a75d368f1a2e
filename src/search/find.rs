//! Finding a query's matches inside one text: highlights for snippets and
//! the reader, the verification of phrases the index can only narrow down,
//! and the reader's plain `/` search.

use super::query::{Query, Term, TermKind};
use super::text::{Token, TokenKind, prefix_len, same_word, tokens};
use std::ops::Range;

/// Byte ranges of every occurrence of every positive term of `query` in
/// `text`: words as word prefixes, phrases as consecutive words, CJK as
/// substrings, each with its own smart case. Sorted, overlaps merged.
pub fn find_in_text(text: &str, query: &Query) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let toks: Vec<Token> = tokens(text).collect();
    for term in query.positive() {
        term_ranges(text, &toks, term, &mut found);
    }
    merge(found)
}

/// Byte ranges of `needle` in `text`, not overlapping, for the reader's
/// incremental `/` search. Any run of whitespace in the needle matches any
/// run of whitespace in the text, so a phrase that wraps still matches.
/// With `smart_case`, the search ignores case unless the needle has an
/// uppercase letter; without it, case always counts.
pub fn find_literal(text: &str, needle: &str, smart_case: bool) -> Vec<Range<usize>> {
    let ignore_case = smart_case && !super::text::has_upper(needle);
    let needle = normalize(needle, ignore_case);
    if needle.text.trim().is_empty() {
        return Vec::new();
    }
    let hay = normalize(text, ignore_case);
    hay.text
        .match_indices(needle.text.as_str())
        .map(|(at, m)| hay.origin[at]..hay.end_origin(at + m.len()))
        .collect()
}

/// Appends the ranges where `term` occurs in `text` (`toks` are its tokens).
pub(crate) fn term_ranges(text: &str, toks: &[Token], term: &Term, out: &mut Vec<Range<usize>>) {
    match term.kind {
        TermKind::Word | TermKind::Phrase => phrase_ranges(text, toks, term, out),
        TermKind::Cjk => {
            for run in &term.cjk {
                out.extend(
                    text.match_indices(run.as_str())
                        .map(|(at, m)| at..at + m.len()),
                );
            }
        }
        TermKind::Literal => out.extend(find_literal(text, &term.text, true)),
    }
}

/// True when `term` occurs in `text`.
pub(crate) fn contains(text: &str, term: &Term) -> bool {
    let toks: Vec<Token> = match term.kind {
        TermKind::Word | TermKind::Phrase => tokens(text).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    term_ranges(text, &toks, term, &mut out);
    !out.is_empty()
}

/// Consecutive words equal to the term's words; the last may be a prefix.
fn phrase_ranges(text: &str, toks: &[Token], term: &Term, out: &mut Vec<Range<usize>>) {
    let words = &term.words;
    let Some((last, whole)) = words.split_last() else {
        return;
    };
    let case = term.case_sensitive;
    let prefix = term.last_word_is_prefix();
    for (i, window) in toks.windows(words.len()).enumerate() {
        let word = |t: &Token| &text[t.start..t.end];
        let lead_ok = window
            .iter()
            .zip(whole)
            .all(|(t, w)| t.kind == TokenKind::Word && same_word(word(t), w, case));
        if !lead_ok {
            continue;
        }
        let tail = &toks[i + whole.len()];
        if tail.kind != TokenKind::Word {
            continue;
        }
        let end = if prefix {
            prefix_len(word(tail), last, case).map(|len| tail.start + len)
        } else {
            same_word(word(tail), last, case).then_some(tail.end)
        };
        if let Some(end) = end {
            out.push(window[0].start..end);
        }
    }
}

/// Sorts ranges and merges those that overlap or touch.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(prev) if r.start <= prev.end => prev.end = prev.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A text with whitespace runs collapsed to one space (and optionally
/// lowercased), remembering where each of its bytes came from.
struct Normalized {
    text: String,
    /// For each byte of `text`, the offset of the character it came from.
    origin: Vec<usize>,
    /// For each byte of `text`, the end of the character it came from.
    origin_end: Vec<usize>,
}

impl Normalized {
    fn end_origin(&self, end: usize) -> usize {
        self.origin_end[end - 1]
    }
}

fn normalize(text: &str, ignore_case: bool) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
        origin_end: Vec::with_capacity(text.len()),
    };
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let mut end = at + c.len_utf8();
        let before = out.text.len();
        if c.is_whitespace() {
            while let Some(&(next, w)) = chars.peek().filter(|(_, w)| w.is_whitespace()) {
                end = next + w.len_utf8();
                chars.next();
            }
            out.text.push(' ');
        } else if ignore_case {
            out.text.extend(c.to_lowercase());
        } else {
            out.text.push(c);
        }
        let added = out.text.len() - before;
        out.origin.extend(std::iter::repeat_n(at, added));
        out.origin_end.extend(std::iter::repeat_n(end, added));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn words_match_as_prefixes_with_smart_case() {
        let text = "WeChat and wechat; the web, Wed. we";
        let q = Query::parse("we");
        assert_eq!(
            texts(text, &find_in_text(text, &q)),
            vec!["We", "we", "we", "We", "we"]
        );
        let q = Query::parse("WeC");
        assert_eq!(texts(text, &find_in_text(text, &q)), vec!["WeC"]);
    }

    #[test]
    fn phrases_cross_line_breaks_and_punctuation() {
        let text = "A red\nenvelope, red envelopes, redder envelope, red-envelope.";
        let q = Query::parse("\"red envelope\"");
        assert_eq!(
            texts(text, &find_in_text(text, &q)),
            vec!["red\nenvelope", "red envelope", "red-envelope"]
        );
    }

    #[test]
    fn non_ascii_and_cjk_ranges_are_on_char_boundaries() {
        let text = "Ça va, ÇA? 微信支付和微信红包";
        let q = Query::parse("ça 微信");
        assert_eq!(
            texts(text, &find_in_text(text, &q)),
            vec!["Ça", "ÇA", "微信", "微信"]
        );
    }

    #[test]
    fn literal_search_ignores_whitespace_shape_and_smart_case() {
        let text = "The Red\n  Envelope and the red envelope";
        assert_eq!(
            texts(text, &find_literal(text, "red envelope", true)),
            vec!["Red\n  Envelope", "red envelope"]
        );
        assert_eq!(find_literal(text, "Red", true), vec![4..7]);
        assert_eq!(find_literal(text, "red", false), vec![27..30]);
        assert!(find_literal(text, "  ", true).is_empty());
        assert_eq!(
            texts("ÉCOLE école", &find_literal("ÉCOLE école", "éc", true)),
            vec!["ÉC", "éc"]
        );
    }
}
