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
    let toks = tokens_for(text, query);
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

/// The tokens of `text` if a term of `query` needs them (phrases, words
/// with non-ASCII letters); ASCII words are found without tokenizing.
pub(crate) fn tokens_for(text: &str, query: &Query) -> Vec<Token> {
    if query.positive().any(needs_tokens) {
        tokens(text).collect()
    } else {
        Vec::new()
    }
}

fn needs_tokens(term: &Term) -> bool {
    match term.kind {
        TermKind::Word => !term.words.iter().all(|w| w.is_ascii()),
        TermKind::Phrase => true,
        TermKind::Cjk | TermKind::Literal => false,
    }
}

/// Appends the ranges where `term` occurs in `text`; `toks` are its
/// tokens when [`tokens_for`] says they are needed.
pub(crate) fn term_ranges(text: &str, toks: &[Token], term: &Term, out: &mut Vec<Range<usize>>) {
    match term.kind {
        TermKind::Word if !needs_tokens(term) => {
            for word in &term.words {
                ascii_word_ranges(
                    text,
                    word,
                    term.case_sensitive,
                    term.last_word_is_prefix(),
                    out,
                );
            }
        }
        TermKind::Word | TermKind::Phrase => phrase_ranges(text, toks, term, out),
        TermKind::Cjk => {
            // memchr's SIMD search, not str's two-way one, which is slow
            // for the short multi-byte needles Chinese queries are.
            // Both texts are UTF-8, so a match starts and ends on
            // character boundaries; like `match_indices`, matches do not
            // overlap.
            for run in &term.cjk {
                out.extend(
                    memchr::memmem::find_iter(text.as_bytes(), run.as_bytes())
                        .map(|at| at..at + run.len()),
                );
            }
        }
        TermKind::Literal => out.extend(find_literal(text, &term.text, true)),
    }
}

/// True when `term` occurs in `text`.
pub(crate) fn contains(text: &str, term: &Term) -> bool {
    if term.kind == TermKind::Word && !needs_tokens(term) {
        // Checked for every matching title: stop at the first occurrence.
        let prefix = term.last_word_is_prefix();
        return term
            .words
            .iter()
            .any(|word| ascii_word_at(text, word, term.case_sensitive, prefix, 0).is_some());
    }
    let toks: Vec<Token> = if needs_tokens(term) {
        tokens(text).collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    term_ranges(text, &toks, term, &mut out);
    !out.is_empty()
}

/// Words starting with the ASCII `word`, found by scanning for its first
/// letter rather than tokenizing: the same matches as the tokenizer's
/// (ASCII bytes never occur inside multi-byte characters), several times
/// faster, which matters when describing a screenful of long documents.
fn ascii_word_ranges(
    text: &str,
    word: &str,
    case_sensitive: bool,
    prefix: bool,
    out: &mut Vec<Range<usize>>,
) {
    let mut from = 0;
    while let Some(found) = ascii_word_at(text, word, case_sensitive, prefix, from) {
        from = found.start + 1;
        out.push(found);
    }
}

/// The first occurrence of the ASCII `word` at or after `from`, as
/// [`ascii_word_ranges`] finds them.
fn ascii_word_at(
    text: &str,
    word: &str,
    case_sensitive: bool,
    prefix: bool,
    mut from: usize,
) -> Option<Range<usize>> {
    let (bytes, w) = (text.as_bytes(), word.as_bytes());
    let &first = w.first()?;
    let (lo, hi) = if case_sensitive {
        (first, first)
    } else {
        (first.to_ascii_lowercase(), first.to_ascii_uppercase())
    };
    while let Some(pos) = memchr::memchr2(lo, hi, bytes.get(from..)?) {
        let at = from + pos;
        from = at + 1;
        let end = at + w.len();
        let same = bytes.get(at..end).is_some_and(|b| {
            if case_sensitive {
                b == w
            } else {
                b.eq_ignore_ascii_case(w)
            }
        });
        if !same || continues_word(text, at, true) || (!prefix && continues_word(text, end, false))
        {
            continue;
        }
        return Some(at..end);
    }
    None
}

/// True when the character before (`before`) or at `at` is a word
/// character, so `at` is not a word boundary.
fn continues_word(text: &str, at: usize, before: bool) -> bool {
    let c = if before {
        text.get(..at).and_then(|t| t.chars().next_back())
    } else {
        text.get(at..).and_then(|t| t.chars().next())
    };
    c.is_some_and(|c| c.is_alphanumeric() && !crate::script::is_cjk(c))
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
    fn ascii_words_respect_word_boundaries_like_the_tokenizer() {
        let text = "WeChat café-we 微信we x_we we2 éwe Twe";
        let q = Query::parse("we");
        let starts: Vec<usize> = find_in_text(text, &q).iter().map(|r| r.start).collect();
        let tokenized: Vec<usize> = tokens(text)
            .filter(|t| text[t.start..t.end].to_lowercase().starts_with("we"))
            .map(|t| t.start)
            .collect();
        assert_eq!(starts, tokenized);
        assert_eq!(starts.len(), 5);
        // Exclusions match whole words only.
        let mut out = Vec::new();
        let term = &Query::parse("-we").terms[0];
        term_ranges("WeChat we2 éwe", &[], term, &mut out);
        assert!(out.is_empty());
        term_ranges("a we b", &[], term, &mut out);
        assert_eq!(out, vec![2..4]);
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
