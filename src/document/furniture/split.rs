//! Paragraphs that run into page furniture without a blank line: scraped
//! text often keeps the article's last paragraph, the previous/next lines
//! and a list of teasers as one block of lines. Such a paragraph is cut
//! where the furniture starts, one passage a line from there, so the
//! furniture can be folded and the article's text kept.

use super::TEASER_RUN;
use super::rules::{is_short, is_teaser, marker};
use crate::document::{Block, Passage};
use std::ops::Range;

/// Where to cut one paragraph: its lines from `line` on become passages
/// of their own (line 0: every line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub passage: usize,
    pub line: usize,
}

/// The paragraphs that may run into furniture: one with a marker line
/// after its first (`>>: Next article`), or a block of short lines mostly
/// cut off with `...` (teasers).
pub fn candidates(text: &str, passages: &[Passage]) -> Vec<Cut> {
    passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.block == Block::Paragraph && text[p.range.clone()].contains('\n'))
        .filter_map(|(i, p)| {
            let lines = line_ranges(text, p.range.clone());
            let line = |r: &Range<usize>| &text[r.clone()];
            if let Some(at) = lines.iter().skip(1).position(|r| marker(line(r)).is_some()) {
                return Some(Cut {
                    passage: i,
                    line: at + 1,
                });
            }
            let teasers = lines.iter().filter(|r| is_teaser(line(r))).count();
            // Two lines are a list of teasers when both are cut off.
            let listed = (lines.len() >= TEASER_RUN || teasers == lines.len())
                && teasers * 2 >= lines.len()
                && lines.iter().all(|r| is_short(line(r)));
            listed.then_some(Cut {
                passage: i,
                line: 0,
            })
        })
        .collect()
}

/// `passages` with `cuts` made, and for each cut the new passages it made
/// (by index), which must be folded for the cut to stand.
pub fn apply(
    text: &str,
    passages: &[Passage],
    cuts: &[Cut],
) -> (Vec<Passage>, Vec<(usize, usize)>) {
    let mut out = Vec::with_capacity(passages.len() + 16);
    let mut loose = Vec::new();
    for (i, passage) in passages.iter().enumerate() {
        let Some(cut) = cuts.iter().find(|c| c.passage == i) else {
            out.push(passage.clone());
            continue;
        };
        let lines = line_ranges(text, passage.range.clone());
        if cut.line > 0 {
            out.push(Passage {
                range: passage.range.start..lines[cut.line - 1].end,
                ..passage.clone()
            });
        }
        for (n, range) in lines.into_iter().enumerate().skip(cut.line) {
            if !text[range.clone()].trim().is_empty() {
                loose.push((i, out.len()));
                out.push(Passage {
                    range,
                    line: passage.line + n,
                    block: Block::Paragraph,
                });
            }
        }
    }
    (out, loose)
}

/// The byte ranges of the lines in `range` of `text`, without their `\n`.
fn line_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut start = range.start;
    let mut out = Vec::new();
    for piece in text[range].split('\n') {
        out.push(start..start + piece.len());
        start += piece.len() + 1;
    }
    out
}
