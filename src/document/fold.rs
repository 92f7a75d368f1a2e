//! Folds: runs of a document's passages that are page furniture (related
//! links, previous/next lines, comment prompts, a bio repeated under every
//! article...) rather than the article. Folded passages are kept, never
//! deleted: the reading view shows one fold line in their place and the
//! whole page on request, while search, the filter, word counts and
//! reading time see only the shown passages.
//!
//! A document's folds are sorted, disjoint, non-empty ranges of passage
//! indices (see [`normalize`]); [`Document::passages`] always holds every
//! passage, so an index means the same passage in both views.

use super::{Document, Passage, count_words, reading_time};
use std::ops::Range;

/// What a fold holds, as the fold line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FoldKind {
    /// Site menus, breadcrumbs, a page's header or footer.
    Navigation,
    /// Links to the previous and next article (`<<:` / `>>:`, 上一篇).
    PreviousNext,
    /// A "Related reading" / "Recommend" heading and the teasers under it,
    /// or a run of teasers cut off with `...`.
    Related,
    /// A comment form, its prompt and captcha line, or the comments.
    Comments,
    /// Share, follow and subscribe lines.
    Share,
    /// Bare image placeholders such as `[[152224]]`.
    ImagePlaceholders,
    /// A row of status badges near the top (build status, version).
    Badges,
    /// A paragraph found word for word in this many documents of the
    /// collection (an author bio, a disclaimer).
    Repeated { documents: usize },
    /// Furniture of more than one kind, or of no kind above.
    Other,
}

impl FoldKind {
    /// The words the fold line uses, e.g. "related links".
    pub fn label(self) -> String {
        match self {
            FoldKind::Navigation => "navigation".into(),
            FoldKind::PreviousNext => "previous/next".into(),
            FoldKind::Related => "related links".into(),
            FoldKind::Comments => "comments".into(),
            FoldKind::Share => "share links".into(),
            FoldKind::ImagePlaceholders => "image placeholders".into(),
            FoldKind::Badges => "badges".into(),
            FoldKind::Repeated { documents } => format!("repeated across {documents} documents"),
            FoldKind::Other => "page furniture".into(),
        }
    }
}

/// A run of passages that is not the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// Indices into [`Document::passages`], never empty.
    pub passages: Range<usize>,
    pub kind: FoldKind,
}

impl Fold {
    pub fn new(passages: Range<usize>, kind: FoldKind) -> Fold {
        Fold { passages, kind }
    }
}

/// Sorts `folds`, drops empty ones and those past `passages` passages, and
/// merges overlapping folds (of different kinds into [`FoldKind::Other`])
/// and touching folds of one kind, so each passage is in at most one fold.
/// Touching folds of different kinds stay apart: the fold line names each.
pub fn normalize(mut folds: Vec<Fold>, passages: usize) -> Vec<Fold> {
    for fold in &mut folds {
        fold.passages.end = fold.passages.end.min(passages);
    }
    folds.retain(|f| f.passages.start < f.passages.end);
    folds.sort_by_key(|f| (f.passages.start, f.passages.end));
    let mut merged: Vec<Fold> = Vec::with_capacity(folds.len());
    for fold in folds {
        match merged.last_mut() {
            Some(last)
                if fold.passages.start < last.passages.end
                    || (fold.passages.start == last.passages.end && fold.kind == last.kind) =>
            {
                last.passages.end = last.passages.end.max(fold.passages.end);
                if last.kind != fold.kind {
                    last.kind = FoldKind::Other;
                }
            }
            _ => merged.push(fold),
        }
    }
    merged
}

impl Document {
    /// This document with `folds` (replacing any it had), its word count
    /// and reading time counted again over the passages still shown. For
    /// whoever finds furniture after the passages are built: HTML
    /// extraction, the collection-wide pass over repeated paragraphs.
    pub fn with_folds(mut self, folds: Vec<Fold>) -> Document {
        self.set_folds(folds);
        self
    }

    /// Replaces the folds, as [`Document::with_folds`].
    pub fn set_folds(&mut self, folds: Vec<Fold>) {
        let folds = normalize(folds, self.passages.len());
        if folds == self.folds {
            return;
        }
        self.folds = folds;
        if self.is_measured() {
            self.count_shown();
        }
    }

    /// Sets `words` and `minutes` from the shown text only: the whole
    /// text's counts less the folded text's, which is short.
    pub(super) fn count_shown(&mut self) {
        let (folded_words, folded_cjk) = self
            .folded_byte_ranges()
            .map(|r| count_words(&self.text[r]))
            .fold((0, 0), |(w, c), (a, b)| (w + a, c + b));
        let (words, cjk) = self.whole;
        (self.words, self.minutes) = reading_time(
            words.saturating_sub(folded_words),
            cjk.saturating_sub(folded_cjk),
        );
    }

    /// True if passage `index` is in a fold (hidden unless the whole page
    /// is shown).
    pub fn is_folded(&self, index: usize) -> bool {
        self.fold_of(index).is_some()
    }

    /// The fold that holds passage `index`, if any.
    pub fn fold_of(&self, index: usize) -> Option<&Fold> {
        let after = self.folds.partition_point(|f| f.passages.start <= index);
        after
            .checked_sub(1)
            .map(|i| &self.folds[i])
            .filter(|f| f.passages.contains(&index))
    }

    /// Every passage with its index: the whole page.
    pub fn all_passages(&self) -> impl Iterator<Item = (usize, &Passage)> + '_ {
        self.passages.iter().enumerate()
    }

    /// The passages that are the article, with their indices (which are
    /// indices into [`Document::passages`], so they skip over folds).
    pub fn shown_passages(&self) -> impl Iterator<Item = (usize, &Passage)> + '_ {
        self.all_passages().filter(|(i, _)| !self.is_folded(*i))
    }

    /// Byte ranges of `text` that search, the filter and word counts see:
    /// all of it less the folded passages. One range when nothing is
    /// folded.
    pub fn shown_byte_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let cuts: Vec<Range<usize>> = self.folded_byte_ranges().collect();
        let mut start = 0;
        let mut cuts = cuts.into_iter();
        let len = self.text.len();
        std::iter::from_fn(move || {
            loop {
                if start > len {
                    return None;
                }
                let (end, next) = match cuts.next() {
                    Some(cut) => (cut.start, cut.end),
                    None => (len, len + 1),
                };
                let range = start..end.max(start);
                start = next;
                if !range.is_empty() {
                    return Some(range);
                }
            }
        })
    }

    /// The byte ranges of `text` each fold covers, from its first
    /// passage's start to its last passage's end.
    pub fn folded_byte_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.folds.iter().filter_map(|f| {
            let first = self.passages.get(f.passages.start)?;
            let last = self.passages.get(f.passages.end - 1)?;
            Some(first.range.start..last.range.end)
        })
    }

    /// Runs of folded passages, touching folds joined: each is one fold
    /// line in the reading view.
    pub fn fold_groups(&self) -> Vec<Range<usize>> {
        let mut groups: Vec<Range<usize>> = Vec::new();
        for fold in &self.folds {
            match groups.last_mut() {
                Some(last) if last.end == fold.passages.start => last.end = fold.passages.end,
                _ => groups.push(fold.passages.clone()),
            }
        }
        groups
    }

    /// What the fold line for the group of folds starting at passage
    /// `start` says, without the key hint: "18 lines of page furniture
    /// (previous/next, related links)". None if no fold starts there.
    pub fn fold_summary(&self, start: usize) -> Option<String> {
        let group = self.fold_groups().into_iter().find(|g| g.start == start)?;
        let folds = self
            .folds
            .iter()
            .filter(|f| group.contains(&f.passages.start));
        let (mut lines, mut kinds) = (0, Vec::new());
        for fold in folds {
            lines += self.fold_lines(fold);
            // "page furniture" names the whole line already.
            let label = fold.kind.label();
            if fold.kind != FoldKind::Other && !kinds.contains(&label) {
                kinds.push(label);
            }
        }
        let s = if lines == 1 { "" } else { "s" };
        let kinds = if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        };
        Some(format!("{lines} line{s} of page furniture{kinds}"))
    }

    /// How many non-blank lines of text `fold` holds, for its fold line.
    pub fn fold_lines(&self, fold: &Fold) -> usize {
        self.passages
            .get(fold.passages.clone())
            .unwrap_or_default()
            .iter()
            .map(|p| {
                self.text[p.range.clone()]
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fold_line_names_page_furniture_once() {
        let doc = doc("Title\n\nmenu\n\nbody text\n\nmore text")
            .with_folds(vec![Fold::new(0..1, FoldKind::Other)]);
        assert_eq!(
            doc.fold_summary(0).as_deref(),
            Some("1 line of page furniture")
        );
        let doc = doc.with_folds(vec![
            Fold::new(0..1, FoldKind::Other),
            Fold::new(1..2, FoldKind::Comments),
        ]);
        let summary = doc.fold_summary(0).unwrap_or_default();
        assert!(summary.ends_with("page furniture (comments)"), "{summary}");
    }
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn folds_are_sorted_merged_and_kept_in_bounds() {
        let folds = normalize(
            vec![
                Fold::new(5..9, FoldKind::Related),
                Fold::new(1..2, FoldKind::PreviousNext),
                Fold::new(2..3, FoldKind::PreviousNext),
                Fold::new(3..4, FoldKind::Share),
                Fold::new(4..4, FoldKind::Share),
                Fold::new(8..20, FoldKind::Comments),
            ],
            10,
        );
        assert_eq!(
            folds,
            vec![
                Fold::new(1..3, FoldKind::PreviousNext),
                Fold::new(3..4, FoldKind::Share),
                Fold::new(5..10, FoldKind::Other),
            ]
        );
    }

    #[test]
    fn folded_passages_are_kept_but_not_shown_or_counted() {
        let full = doc("Title\n\none two three\n\nfour five\n\nsix\n\nseven eight");
        // The title line is text too: nine words in all.
        assert_eq!(full.words, 9);
        let d = full.with_folds(vec![Fold::new(1..3, FoldKind::Related)]);
        assert_eq!(d.passages.len(), 4);
        assert_eq!(d.words, 6);
        assert!(!d.is_folded(0) && d.is_folded(1) && d.is_folded(2) && !d.is_folded(3));
        let shown: Vec<usize> = d.shown_passages().map(|(i, _)| i).collect();
        assert_eq!(shown, vec![0, 3]);
        assert_eq!(d.all_passages().count(), 4);
        let shown_text: String = d.shown_byte_ranges().map(|r| &d.text[r]).collect();
        assert!(shown_text.contains("one two three") && shown_text.contains("seven"));
        assert!(!shown_text.contains("four") && !shown_text.contains("six"));
        assert_eq!(d.fold_lines(&d.folds[0]), 2);
        assert_eq!(d.fold_of(2).map(|f| f.kind), Some(FoldKind::Related));
    }

    #[test]
    fn unfolded_document_shows_all_its_text() {
        let d = doc("Title\n\nBody.");
        assert_eq!(
            d.shown_byte_ranges().collect::<Vec<_>>(),
            vec![0..d.text.len()]
        );
        assert!(d.folds.is_empty() && !d.is_folded(0));
    }
}
