//! Page furniture in scraped articles (plain text and Markdown): finds the
//! passages at the start and end of an article that are the page around
//! it (previous/next links, "Related reading" and its teasers, comment
//! prompts, share lines, image placeholders), so the document can fold
//! them (see [`crate::document::Fold`]).
//!
//! Conservative by design: the tail is folded only from a marker line (or
//! a run of teasers cut off with `...`) onward, and only when nothing
//! after it is a long paragraph; an article's own closing paragraphs,
//! lists and short lines stay. Paragraphs repeated under several articles
//! of a collection are found by [`repeats`].

pub mod repeats;
pub mod rules;
mod split;

use crate::document::{Block, Fold, FoldKind, Passage};
use rules::{Marker, is_short, is_teaser, paragraph_marker};

/// Teasers in a run before it is folded without a heading over it.
const TEASER_RUN: usize = 3;

/// The passages of an article with its furniture marked: `passages` as
/// given, except that a paragraph that runs into furniture without a
/// blank line (scraped pages often lose it) is cut where the furniture
/// starts, one passage a line from there; and the folds over them.
pub fn detect(text: &str, passages: Vec<Passage>) -> (Vec<Passage>, Vec<Fold>) {
    let mut cuts = split::candidates(text, &passages);
    // A cut stays only where what it cuts off is folded: elsewhere the
    // paragraph is the article's, and stays whole.
    while !cuts.is_empty() {
        let (pieces, loose) = split::apply(text, &passages, &cuts);
        let folds = folds(text, &pieces);
        let folded = |i: &usize| folds.iter().any(|f| f.passages.contains(i));
        let failed: Vec<usize> = loose
            .iter()
            .filter(|(_, piece)| !folded(piece))
            .map(|(cut, _)| *cut)
            .collect();
        if failed.is_empty() {
            let folds = leaving_text(folds, pieces.len());
            return (pieces, folds);
        }
        cuts.retain(|c| !failed.contains(&c.passage));
    }
    let folds = leaving_text(folds(text, &passages), passages.len());
    (passages, folds)
}

/// The folds of `passages`: image placeholders anywhere, leading and
/// trailing furniture.
fn folds(text: &str, passages: &[Passage]) -> Vec<Fold> {
    let texts: Vec<&str> = passages.iter().map(|p| &text[p.range.clone()]).collect();
    let markers: Vec<Option<Marker>> = passages
        .iter()
        .zip(&texts)
        .map(|(p, t)| {
            (p.block != Block::Code)
                .then(|| paragraph_marker(t))
                .flatten()
        })
        .collect();
    let mut folds: Vec<Fold> = markers
        .iter()
        .enumerate()
        .filter(|(_, m)| **m == Some(Marker::Placeholder))
        .map(|(i, _)| Fold::new(i..i + 1, FoldKind::ImagePlaceholders))
        .collect();
    let head = markers
        .iter()
        .take_while(|m| {
            matches!(
                m,
                Some(Marker::PreviousNext | Marker::Share | Marker::Placeholder)
            )
        })
        .count();
    folds.extend(runs(&texts, &markers, 0..head));
    if let Some(start) = tail_start(&texts, &markers) {
        folds.extend(runs(&texts, &markers, start..texts.len()));
    }
    crate::document::normalize_folds(folds, passages.len())
}

/// `folds`, or none if they would leave nothing shown: a document that is
/// all furniture by the rules is better read whole.
fn leaving_text(folds: Vec<Fold>, passages: usize) -> Vec<Fold> {
    let folded: usize = folds.iter().map(|f| f.passages.len()).sum();
    if folded >= passages {
        return Vec::new();
    }
    folds
}

/// Where the trailing furniture starts: at the earliest marker after which
/// every passage is a marker or short, or at a run of teasers that goes
/// on to the end.
fn tail_start(texts: &[&str], markers: &[Option<Marker>]) -> Option<usize> {
    let mut start = None;
    let mut short_from = texts.len();
    for i in (0..texts.len()).rev() {
        if starts_tail(texts, markers, i) {
            start = Some(i);
        } else if markers[i].is_none() && !is_short(texts[i]) {
            break;
        }
        short_from = i;
    }
    let run = &texts[short_from..];
    let teasers = run.iter().filter(|t| is_teaser(t)).count();
    if teasers >= TEASER_RUN {
        let first = short_from + run.iter().position(|t| is_teaser(t)).unwrap_or(0);
        // Half or more of what follows is cut off: a list of links.
        if teasers * 2 >= texts.len() - first {
            let title = first > short_from && !ends_sentence(texts[first - 1]);
            let teaser_start = first - usize::from(title);
            start = Some(start.map_or(teaser_start, |s| s.min(teaser_start)));
        }
    }
    start
}

/// Whether the trailing furniture may start at passage `i`: at a marker
/// other than a picture, and for a heading only over a list (two or more
/// passages, or a teaser or marker): a "Recommended" heading over one
/// sentence is the article's own verdict.
fn starts_tail(texts: &[&str], markers: &[Option<Marker>], i: usize) -> bool {
    match markers[i] {
        None | Some(Marker::Placeholder) => false,
        Some(Marker::Related | Marker::Comments) => {
            texts.len() - i != 2 || markers[i + 1].is_some() || is_teaser(texts[i + 1])
        }
        Some(_) => true,
    }
}

/// Ends with sentence punctuation: prose rather than a teaser's title.
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', ':', '：'])
}

/// One fold per run of passages in `range` of the same kind: a passage
/// with a marker takes its kind, a teaser is a related link, any other
/// takes the kind before it.
fn runs(texts: &[&str], markers: &[Option<Marker>], range: std::ops::Range<usize>) -> Vec<Fold> {
    let mut folds: Vec<Fold> = Vec::new();
    let mut kind = FoldKind::Related;
    for i in range {
        let this = match markers[i] {
            Some(Marker::Placeholder) => FoldKind::ImagePlaceholders,
            Some(m) => {
                kind = kind_of(m);
                kind
            }
            None if is_teaser(texts[i]) && kind == FoldKind::PreviousNext => {
                kind = FoldKind::Related;
                kind
            }
            None => kind,
        };
        match folds.last_mut() {
            Some(last) if last.kind == this && last.passages.end == i => last.passages.end = i + 1,
            _ => folds.push(Fold::new(i..i + 1, this)),
        }
    }
    folds
}

fn kind_of(marker: Marker) -> FoldKind {
    match marker {
        Marker::PreviousNext => FoldKind::PreviousNext,
        Marker::Related => FoldKind::Related,
        Marker::Comments => FoldKind::Comments,
        Marker::Share => FoldKind::Share,
        Marker::Placeholder => FoldKind::ImagePlaceholders,
    }
}

#[cfg(test)]
mod tests;
