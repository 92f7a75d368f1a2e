//! Anchors: where a bookmarked passage (or range of passages) is, recorded
//! so it can be found again after the article changes. Modelled on the W3C
//! Web Annotation selectors: a quote (`exact` with `prefix`/`suffix`
//! context) and a position (code points of the plain text), plus the
//! passage indices.
//!
//! Re-anchoring tries, in order: the recorded passages when the text is
//! unchanged; the exact quote (best by context, then by nearness to the old
//! position); an approximate match by word edit distance, accepted only
//! above a clear confidence threshold. Otherwise the anchor is an orphan.

use crate::document::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Characters of context kept before and after the quote.
pub const CONTEXT_CHARS: usize = 32;
/// Longest quote kept, in bytes: a bookmark in a 100 MB one-line file must
/// not copy 100 MB into `bookmarks.json`. The start of a long passage and
/// its context find it as surely as the whole of it.
pub const MAX_QUOTE_BYTES: usize = 4096;
/// Lowest similarity (0-1) at which an edited passage is accepted.
pub const MIN_SIMILARITY: f64 = 0.75;
/// How much better than the runner-up an approximate match must be.
pub const MIN_MARGIN: f64 = 0.1;

/// Where a bookmark or reading position points in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// First and last passage (inclusive) when the anchor was made.
    pub passage: usize,
    pub passage_end: usize,
    /// The text of those passages (W3C TextQuoteSelector `exact`).
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Code point offsets in the document text (W3C TextPositionSelector).
    pub start: usize,
    pub end: usize,
    /// True when `exact` is only the first [`MAX_QUOTE_BYTES`] of the
    /// passages (the suffix then follows the cut).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Fields from a newer quire, kept on every save (a new anchor, made
    /// when the article changed, starts without them: they described the
    /// old text).
    #[serde(flatten)]
    pub unknown: crate::storage::Unknown,
}

/// How an anchor was found again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Match {
    /// The document text is unchanged.
    Unchanged,
    /// The exact quote was found.
    Quote,
    /// An edited passage was found with this similarity (0-1).
    Approximate(f64),
}

/// Where an anchor resolved to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub passage: usize,
    pub passage_end: usize,
    pub how: Match,
}

impl Anchor {
    /// An anchor on passages `first..=last` of `doc`.
    pub fn new(doc: &Document, first: usize, last: usize) -> Option<Anchor> {
        let (first, last) = (first.min(last), first.max(last));
        let start_byte = doc.passages.get(first)?.range.start;
        let end_byte = doc.passages.get(last)?.range.end;
        let text = &doc.text;
        let before = &text[..start_byte];
        let start = before.chars().count();
        let truncated = end_byte - start_byte > MAX_QUOTE_BYTES;
        let end_byte = if truncated {
            text.floor_char_boundary(start_byte + MAX_QUOTE_BYTES)
        } else {
            end_byte
        };
        let exact = text[start_byte..end_byte].to_string();
        let skip = start.saturating_sub(CONTEXT_CHARS);
        Some(Anchor {
            passage: first,
            passage_end: last,
            end: start + exact.chars().count(),
            exact,
            prefix: before.chars().skip(skip).collect(),
            suffix: text[end_byte..].chars().take(CONTEXT_CHARS).collect(),
            start,
            truncated,
            unknown: crate::storage::Unknown::new(),
        })
    }

    /// Finds the anchored passages in `doc`; `same_text` says the document
    /// hash matches the one recorded with the anchor.
    pub fn resolve(&self, doc: &Document, same_text: bool) -> Option<Found> {
        if same_text && self.passage_end < doc.passages.len() && self.passage <= self.passage_end {
            return Some(Found {
                passage: self.passage,
                passage_end: self.passage_end,
                how: Match::Unchanged,
            });
        }
        self.find_quote(doc).or_else(|| self.find_approximate(doc))
    }

    fn find_quote(&self, doc: &Document) -> Option<Found> {
        if self.exact.trim().is_empty() {
            return None;
        }
        let text = &doc.text;
        let mut best: Option<((usize, usize), usize, usize)> = None; // (score, -distance), byte
        let mut chars_before = 0;
        let mut counted_to = 0;
        for (byte, _) in text.match_indices(self.exact.as_str()) {
            chars_before += text[counted_to..byte].chars().count();
            counted_to = byte;
            let context = common_suffix(&text[..byte], &self.prefix)
                + common_prefix(&text[byte + self.exact.len()..], &self.suffix);
            let distance = chars_before.abs_diff(self.start);
            let key = (context, usize::MAX - distance);
            if best.as_ref().is_none_or(|(k, _, _)| key > *k) {
                best = Some((key, byte, byte + self.exact.len()));
            }
        }
        let (_, start, end) = best?;
        let first = passage_containing(doc, start)?;
        let mut last = passage_containing(doc, end.saturating_sub(1))?;
        if self.truncated {
            // The quote ends inside the first passages: keep the span.
            let span = self.passage_end.saturating_sub(self.passage);
            last = last.max(first + span).min(doc.passages.len() - 1);
        }
        Some(Found {
            passage: first,
            passage_end: last,
            how: Match::Quote,
        })
    }

    fn find_approximate(&self, doc: &Document) -> Option<Found> {
        let quote = words(&self.exact);
        if quote.is_empty() || doc.passages.is_empty() {
            return None;
        }
        let span = self.passage_end.saturating_sub(self.passage) + 1;
        let windows = doc.passages.len().saturating_sub(span - 1);
        let quote_bag = bag(&quote);
        // Cheap bag-of-words overlap picks candidates; the edit distance
        // (the real measure) is computed only for the best few.
        let mut candidates: Vec<(f64, usize)> = (0..windows)
            .map(|i| {
                let range = doc.passages[i].range.start..doc.passages[i + span - 1].range.end;
                (dice(&quote_bag, &bag(&words(&doc.text[range]))), i)
            })
            .filter(|(d, _)| *d >= 0.5)
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // The quote is compared with its context, as the W3C quote selector
        // intends: a short heading with a word changed is still recognised
        // by the text around it.
        let with_context: Vec<&str> = words(&self.prefix)
            .into_iter()
            .chain(quote.iter().copied())
            .chain(words(&self.suffix))
            .collect();
        let mut scored: Vec<(f64, usize)> = candidates
            .iter()
            .take(4)
            .map(|&(_, i)| {
                let range = doc.passages[i].range.start..doc.passages[i + span - 1].range.end;
                (
                    similarity(&with_context, &words(&in_context(&doc.text, range))),
                    i,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (best, index) = *scored.first()?;
        let runner_up = scored.get(1).map_or(0.0, |s| s.0);
        (best >= MIN_SIMILARITY && best - runner_up >= MIN_MARGIN).then_some(Found {
            passage: index,
            passage_end: index + span - 1,
            how: Match::Approximate(best),
        })
    }
}

/// `range` of `text` with up to [`CONTEXT_CHARS`] characters either side.
fn in_context(text: &str, range: std::ops::Range<usize>) -> String {
    let before = &text[..range.start];
    let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
    let prefix: String = before.chars().skip(skip).collect();
    let suffix: String = text[range.end..].chars().take(CONTEXT_CHARS).collect();
    format!("{prefix}{}{suffix}", &text[range])
}

fn passage_containing(doc: &Document, byte: usize) -> Option<usize> {
    let index = doc
        .passages
        .partition_point(|p| p.range.start <= byte)
        .checked_sub(1)?;
    (byte
        < doc.passages[index]
            .range
            .end
            .max(doc.passages[index].range.start + 1))
    .then_some(index)
}

/// Characters `text` ends with that `context` also ends with.
fn common_suffix(text: &str, context: &str) -> usize {
    text.chars()
        .rev()
        .zip(context.chars().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

fn common_prefix(text: &str, context: &str) -> usize {
    text.chars()
        .zip(context.chars())
        .take_while(|(a, b)| a == b)
        .count()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn bag<'a>(words: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut bag = HashMap::new();
    for w in words {
        *bag.entry(*w).or_insert(0) += 1;
    }
    bag
}

/// Dice coefficient of two word bags: 2|A∩B| / (|A|+|B|).
fn dice(a: &HashMap<&str, usize>, b: &HashMap<&str, usize>) -> f64 {
    let shared: usize = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    if total == 0 {
        0.0
    } else {
        2.0 * shared as f64 / total as f64
    }
}

/// 1 - (word edit distance / longer length), with the distance bounded so
/// very different texts cost little to reject.
fn similarity(a: &[&str], b: &[&str]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let limit = ((1.0 - MIN_SIMILARITY) * longest as f64).ceil() as usize + 1;
    match bounded_edit_distance(a, b, limit) {
        Some(d) => 1.0 - d as f64 / longest as f64,
        None => 0.0,
    }
}

/// Levenshtein distance over words, or None when it exceeds `limit`
/// (only a diagonal band of the table is computed).
fn bounded_edit_distance(a: &[&str], b: &[&str], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let big = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(big)).collect();
    let mut current = vec![big; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        current.fill(big);
        current[0] = i.min(big);
        for j in low..=high {
            let substitute = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = substitute
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(big);
        }
        if current[low.saturating_sub(1)..=high]
            .iter()
            .all(|&d| d > limit)
        {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    const BODY: &str = "Title\n\nThe first passage talks about messaging apps in China and how they grew.\n\nThe second passage explains why payments inside chat apps changed shopping habits for millions.\n\nThe third passage closes with a note on competition between the two largest companies.";

    #[test]
    fn a_huge_passage_is_quoted_by_its_start_and_found_again() {
        let huge = "Words of one enormous line go on. ".repeat(30_000);
        let text = format!("Title\n\nShort first.\n\n{huge}\n\nAfter it.");
        let d = doc(&text);
        let single = Anchor::new(&d, 1, 1).unwrap();
        assert!(single.truncated);
        assert!(single.exact.len() <= MAX_QUOTE_BYTES);
        assert!(huge.starts_with(&single.exact));
        let range = Anchor::new(&d, 1, 2).unwrap();
        assert!(range.exact.len() <= MAX_QUOTE_BYTES);
        // A paragraph inserted before: found by the quote, span kept.
        let edited = doc(&text.replace("Short first.", "Short first.\n\nNew one."));
        let found = single.resolve(&edited, false).unwrap();
        assert_eq!((found.passage, found.passage_end), (2, 2));
        let found = range.resolve(&edited, false).unwrap();
        assert_eq!((found.passage, found.passage_end), (2, 3));
        // Short quotes are whole, and files without the field still load.
        let short = Anchor::new(&d, 0, 0).unwrap();
        assert!(!short.truncated);
        let json = serde_json::to_string(&short).unwrap();
        assert!(!json.contains("truncated"));
        let back: Anchor = serde_json::from_str(&json).unwrap();
        assert_eq!(back, short);
    }

    #[test]
    fn records_w3c_selectors() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 1, 1).unwrap();
        assert!(a.exact.starts_with("The second passage"));
        assert!(a.prefix.ends_with("how they grew.\n\n"));
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert!(a.suffix.starts_with("\n\nThe third"));
        let chars: Vec<char> = d.text.chars().collect();
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), a.exact);
    }

    #[test]
    fn unchanged_text_resolves_to_the_recorded_passages() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 0, 2).unwrap();
        assert_eq!(
            a.resolve(&d, true),
            Some(Found {
                passage: 0,
                passage_end: 2,
                how: Match::Unchanged
            })
        );
        assert_eq!(
            a.resolve(&d, false).map(|f| (f.passage, f.passage_end)),
            Some((0, 2))
        );
    }

    #[test]
    fn insertions_elsewhere_shift_the_quote() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 2, 2).unwrap();
        let edited = doc(&BODY.replace(
            "Title\n\n",
            "Title\n\nA new opening paragraph.\n\nAnother one.\n\n",
        ));
        let f = a.resolve(&edited, false).unwrap();
        assert_eq!((f.passage, f.how), (4, Match::Quote));
    }

    #[test]
    fn repeated_quotes_pick_the_one_with_matching_context() {
        let text = "T\n\nalpha\n\nrepeat me\n\nbeta\n\nrepeat me\n\ngamma";
        let d = doc(text);
        let a = Anchor::new(&d, 3, 3).unwrap();
        let f = a
            .resolve(&doc(&text.replace("alpha", "ALPHA ALPHA")), false)
            .unwrap();
        assert_eq!(f.passage, 3);
        let b = Anchor::new(&d, 1, 1).unwrap();
        assert_eq!(
            b.resolve(&doc(&text.replace("gamma", "x")), false)
                .unwrap()
                .passage,
            1
        );
    }

    #[test]
    fn small_edits_inside_the_passage_are_accepted() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 1, 1).unwrap();
        let edited =
            doc(&BODY.replace("changed shopping habits", "transformed the shopping habits"));
        let f = a.resolve(&edited, false).unwrap();
        assert_eq!(f.passage, 1);
        assert!(matches!(f.how, Match::Approximate(s) if s >= MIN_SIMILARITY));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 1, 1).unwrap();
        let second = d.passage_text(1).to_string();
        let edited = doc(&BODY.replace(&format!("{second}\n\n"), ""));
        assert_eq!(a.resolve(&edited, false), None);
    }

    #[test]
    fn a_rewritten_passage_is_an_orphan_not_a_wrong_match() {
        let d = doc(BODY);
        let a = Anchor::new(&d, 1, 1).unwrap();
        let edited = doc(&BODY.replace(
            d.passage_text(1),
            "Completely different words now stand in this place instead.",
        ));
        assert_eq!(a.resolve(&edited, false), None);
    }

    #[test]
    fn bounded_edit_distance_matches_the_plain_one() {
        let a = ["a", "b", "c", "d"];
        let b = ["a", "x", "c", "d", "e"];
        assert_eq!(bounded_edit_distance(&a, &b, 5), Some(2));
        assert_eq!(bounded_edit_distance(&a, &b, 1), None);
        assert_eq!(bounded_edit_distance(&[], &b, 5), Some(5));
    }
}
