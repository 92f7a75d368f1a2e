//! Searching inside one document of any size: the finders of
//! [`super::find`] run over slices of about a megabyte, so a 1 GB text
//! never needs working copies of itself, and the search stops after
//! [`MAX_MATCHES`] matches, which is more than anyone steps through.

use super::find::{find_in_text, find_literal};
use super::query::Query;
use std::ops::Range;

/// Matches kept for highlighting and `n`/`N`.
pub const MAX_MATCHES: usize = 100_000;
/// Texts longer than this are searched a slice at a time.
const CHUNK: usize = 1 << 20;

/// The matches found, and whether there were more than [`MAX_MATCHES`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub ranges: Vec<Range<usize>>,
    pub capped: bool,
}

/// [`find_in_text`], a slice at a time and capped.
pub fn find_in_text_capped(text: &str, query: &Query) -> Found {
    let reach = query.terms.iter().map(|t| t.text.len()).max().unwrap_or(0);
    chunked(text, reach, |piece| find_in_text(piece, query))
}

/// [`find_literal`], a slice at a time and capped. In a big text, a needle
/// of ASCII words is found by a byte scan instead, which gives the same
/// matches at memory speed (the general path copies and folds the text).
pub fn find_literal_capped(text: &str, needle: &str, smart_case: bool) -> Found {
    if text.len() > CHUNK
        && let Some(words) = plain_words(needle)
    {
        let ignore_case = smart_case && !super::text::has_upper(needle);
        return scan_words(text, &words, ignore_case);
    }
    chunked(text, needle.len(), |piece| {
        find_literal(piece, needle, smart_case)
    })
}

/// The words of a needle made of ASCII words and single spaces between
/// them; None for anything else.
fn plain_words(needle: &str) -> Option<Vec<&[u8]>> {
    let plain = needle.is_ascii() && !needle.is_empty() && needle.trim() == needle;
    plain.then(|| needle.split_ascii_whitespace().map(str::as_bytes).collect())
}

/// Occurrences of `words` separated by runs of whitespace, not overlapping.
fn scan_words(text: &str, words: &[&[u8]], ignore_case: bool) -> Found {
    let bytes = text.as_bytes();
    let first = words[0];
    let finder = memchr::memmem::Finder::new(first);
    let (lower, upper) = (first[0].to_ascii_lowercase(), first[0].to_ascii_uppercase());
    let mut ranges = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let found = if ignore_case {
            memchr::memchr2(lower, upper, &bytes[from..])
        } else {
            finder.find(&bytes[from..])
        };
        let Some(at) = found.map(|i| from + i) else {
            break;
        };
        match words_at(bytes, at, words, ignore_case) {
            // One more than are kept: say there are more.
            Some(_) if ranges.len() == MAX_MATCHES => {
                return Found {
                    ranges,
                    capped: true,
                };
            }
            Some(end) => {
                ranges.push(at..end);
                from = end;
            }
            None => from = at + 1,
        }
    }
    Found {
        ranges,
        capped: false,
    }
}

/// Where the words end if they occur at `at`.
fn words_at(bytes: &[u8], mut at: usize, words: &[&[u8]], ignore_case: bool) -> Option<usize> {
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let gap = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        let piece = bytes.get(at..at + word.len())?;
        let same = if ignore_case {
            piece.eq_ignore_ascii_case(word)
        } else {
            piece == *word
        };
        if !same {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

/// Runs `find` over slices of `text` that start just after whitespace and
/// reach `reach`-dependent bytes into the next slice, keeping the matches
/// that start in each slice's own part, so none is found twice or cut.
fn chunked(text: &str, reach: usize, find: impl Fn(&str) -> Vec<Range<usize>>) -> Found {
    let mut ranges = Vec::new();
    // A match can be longer than its query: whitespace runs match any run.
    let overlap = reach * 4 + 256;
    let mut start = 0;
    while start < text.len() {
        let own_end = cut(text, start + CHUNK);
        let end = boundary(text, own_end.saturating_add(overlap));
        for range in find(&text[start..end]) {
            if start + range.start < own_end {
                ranges.push(start + range.start..start + range.end);
            }
        }
        if ranges.len() > MAX_MATCHES {
            ranges.truncate(MAX_MATCHES);
            return Found {
                ranges,
                capped: true,
            };
        }
        start = own_end;
    }
    Found {
        ranges,
        capped: false,
    }
}

/// Where a slice ending near `at` ends: just after the first space or line
/// break from `at` on (so words are never split), else at a character.
fn cut(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let bytes = text.as_bytes();
    let near = &bytes[at..(at + 4096).min(bytes.len())];
    match near.iter().position(|&b| b == b' ' || b == b'\n') {
        Some(i) => at + i + 1,
        None => boundary(text, at),
    }
}

/// The first character boundary at or after `at` (the end at most).
fn boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_text() -> String {
        // Sentences of varied length, so matches fall across every slice
        // boundary, with a wrapped phrase and some CJK.
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 3 * CHUNK + 12_345 {
            text.push_str(&format!(
                "Para {i} has red\n envelope and wechat 微信支付 words{}.\n\n",
                " x".repeat(i % 7)
            ));
            i += 1;
        }
        text
    }

    #[test]
    fn slices_find_exactly_what_a_whole_search_finds() {
        let text = big_text();
        for query in ["red envelope", "\"red envelope\"", "wech", "微信", "words"] {
            let q = Query::parse(query);
            let whole = find_in_text(&text, &q);
            let found = find_in_text_capped(&text, &q);
            assert!(!found.capped);
            assert_eq!(found.ranges, whole, "{query}");
        }
        for needle in [
            "red envelope",
            "Para 1",
            "para 1",
            "微信支付 w",
            "x x",
            "x  x",
        ] {
            let whole = find_literal(&text, needle, true);
            assert!(!whole.is_empty());
            let found = find_literal_capped(&text, needle, true);
            assert_eq!(found.ranges, whole, "{needle}");
        }
    }

    #[test]
    fn the_search_stops_at_the_cap() {
        let text = "a ".repeat(MAX_MATCHES + 10);
        let found = find_literal_capped(&text, "a", true);
        assert!(found.capped);
        assert_eq!(found.ranges.len(), MAX_MATCHES);
        assert_eq!(found.ranges[1], 2..3);
    }

    #[test]
    fn the_byte_scan_stops_at_the_cap_and_only_then() {
        let filler = "zz ".repeat(CHUNK / 3);
        let exactly = format!("{}{filler}", "ab ".repeat(MAX_MATCHES));
        let found = find_literal_capped(&exactly, "ab", true);
        assert_eq!((found.ranges.len(), found.capped), (MAX_MATCHES, false));
        let more = format!("{exactly} AB");
        let found = find_literal_capped(&more, "ab", true);
        assert_eq!((found.ranges.len(), found.capped), (MAX_MATCHES, true));
        assert_eq!(find_literal_capped(&more, "AB", true).ranges.len(), 1);
    }
}
