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

use crate::document::{Block, Fold, FoldKind, Passage};
use rules::{Marker, is_short, is_teaser, paragraph_marker};

/// Teasers in a run before it is folded without a heading over it.
const TEASER_RUN: usize = 3;

/// The passages of an article with its furniture marked: `passages` as
/// given, except that a last paragraph that runs into furniture without a
/// blank line is cut where the furniture starts (one passage a line from
/// there), and the folds over them.
pub fn detect(text: &str, passages: Vec<Passage>) -> (Vec<Passage>, Vec<Fold>) {
    if let Some(split) = split_last(text, &passages) {
        let body = passages.len() - 1;
        let folds = folds(text, &split);
        if folds.iter().any(|f| f.passages.end > body + 1) {
            return (split, folds);
        }
    }
    let folds = folds(text, &passages);
    (passages, folds)
}

/// The folds of `passages`: image placeholders anywhere, leading and
/// trailing furniture; none if they would leave nothing shown.
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
    let folds = crate::document::normalize_folds(folds, passages.len());
    let folded: usize = folds.iter().map(|f| f.passages.len()).sum();
    if folded >= passages.len() {
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

/// The passages with the last one cut where a marker line starts inside
/// it (scraped pages often lose the blank line before their furniture),
/// the furniture one passage a line; None when there is no such line.
fn split_last(text: &str, passages: &[Passage]) -> Option<Vec<Passage>> {
    let last = passages.last().filter(|p| p.block == Block::Paragraph)?;
    let lines = line_ranges(text, last.range.clone());
    let cut = lines
        .iter()
        .skip(1)
        .position(|r| rules::marker(&text[r.clone()]).is_some())?
        + 1;
    let mut out = passages[..passages.len() - 1].to_vec();
    let body_end = lines[cut - 1].end;
    out.push(Passage {
        range: last.range.start..body_end,
        ..last.clone()
    });
    for (n, range) in lines.into_iter().enumerate().skip(cut) {
        if !text[range.clone()].trim().is_empty() {
            out.push(Passage {
                range,
                line: last.line + n,
                block: Block::Paragraph,
            });
        }
    }
    Some(out)
}

/// The byte ranges of the lines in `range` of `text`, without their `\n`.
fn line_ranges(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut start = range.start;
    let mut out = Vec::new();
    for piece in text[range.clone()].split('\n') {
        out.push(start..start + piece.len());
        start += piece.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests;
