//! Badge rows: the line of status images a README opens with (build
//! status, crate version, licence, downloads), often before its title.
//! They say nothing a reader came for, so a badge row near the top is
//! folded as page furniture (`F` shows it); and since a row of images is
//! no passage of text, it does not keep the title repeated under it from
//! being dropped. A single figure or logo is the document's and stays.

use crate::document::{Document, Fold, FoldKind};
use std::ops::Range;

/// How far into a document (bytes of shown text before it) a badge row
/// is still page furniture: about a first screen. Further down, a row of
/// images is the document's own.
const FIRST_SCREEN: usize = 2_000;

/// Images in a row of images of unknown sources that make it a badge
/// row: one or two may be a logo and a figure; three small images side
/// by side at the top are badges.
const BADGE_ROW: usize = 3;

/// Where an image was written, and whether its source is a badge's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageMark {
    /// The image's text (`[image: alt]`), a byte range of the parsed text.
    pub range: Range<usize>,
    /// Its source is a status badge service's or names itself a badge.
    pub badge: bool,
}

/// Whether an image at `src` is a status badge: served by a badge
/// service (shields.io, badgen, badge.fury.io), a CI or coverage
/// service's status image, or any address that calls itself a badge
/// (GitHub Actions' `badge.svg`, docs.rs, deps.rs, crates.io badges).
pub fn is_badge_source(src: &str) -> bool {
    const SIGNS: &[&str] = &[
        "badge",
        "shields.io",
        "travis-ci.",
        "codecov.io",
        "coveralls.io",
        "appveyor.com",
        "circleci.com",
        "pipeline.svg",
        "coverage.svg",
        "/status.svg",
        "/status.png",
    ];
    let src = src.to_ascii_lowercase();
    SIGNS.iter().any(|sign| src.contains(sign))
}

/// The images of `passage` (a byte range of the text) when nothing else
/// is in it but spaces, link markers (`[3]`) and punctuation: a row of
/// images, not text.
fn image_row<'m>(text: &str, passage: &Range<usize>, images: &'m [ImageMark]) -> &'m [ImageMark] {
    let first = images.partition_point(|m| m.range.start < passage.start);
    let count = images[first..]
        .iter()
        .take_while(|m| m.range.end <= passage.end)
        .count();
    let row = &images[first..first + count];
    let mut at = passage.start;
    let mut gaps = String::new();
    for mark in row {
        gaps.push_str(text.get(at..mark.range.start).unwrap_or_default());
        gaps.push(' ');
        at = mark.range.end;
    }
    gaps.push_str(text.get(at..passage.end).unwrap_or_default());
    let words = super::without_link_markers(&gaps);
    let only_images = !row.is_empty() && !words.chars().any(char::is_alphanumeric);
    if only_images { row } else { &[] }
}

/// Whether passage `i` of `doc` is only images.
pub fn is_image_row(doc: &Document, i: usize, images: &[ImageMark]) -> bool {
    let Some(passage) = doc.passages.get(i) else {
        return false;
    };
    !image_row(&doc.text, &passage.range, images).is_empty()
}

/// Whether a row of images is badges: all from badge sources, or many.
fn is_badge_row(row: &[ImageMark]) -> bool {
    !row.is_empty() && (row.iter().all(|m| m.badge) || row.len() >= BADGE_ROW)
}

/// Folds the badge rows in the first screen of `doc`, whose text holds
/// `images`.
pub fn fold_badge_rows(doc: &mut Document, images: &[ImageMark]) {
    if images.is_empty() {
        return;
    }
    let mut read = 0;
    let mut rows = Vec::new();
    for (i, passage) in doc.passages.iter().enumerate() {
        if read > FIRST_SCREEN {
            break;
        }
        if doc.is_folded(i) {
            continue;
        }
        if is_badge_row(image_row(&doc.text, &passage.range, images)) {
            rows.push(Fold::new(i..i + 1, FoldKind::Badges));
        } else {
            read += passage.range.len();
        }
    }
    // Never everything: a document of badges alone shows them.
    let shown = (0..doc.passages.len())
        .filter(|&i| !doc.is_folded(i))
        .count();
    if rows.is_empty() || rows.len() >= shown {
        return;
    }
    let mut folds = doc.folds.clone();
    folds.extend(rows);
    doc.set_folds(folds);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_sources_are_told_from_figures() {
        for badge in [
            "https://img.shields.io/crates/v/serde.svg",
            "https://github.com/git/git/workflows/CI/badge.svg",
            "https://docs.rs/regex/badge.svg",
            "https://travis-ci.org/x/y.svg?branch=master",
            "https://codecov.io/gh/x/y/graph/badge.svg",
            "https://ci.appveyor.com/api/projects/status/abc?svg=true",
        ] {
            assert!(is_badge_source(badge), "{badge}");
        }
        for figure in ["assets/logo.png", "https://example.com/demo.gif", ""] {
            assert!(!is_badge_source(figure), "{figure}");
        }
    }

    #[test]
    fn a_row_is_images_with_only_markers_and_punctuation_between() {
        let mark = |range: Range<usize>| ImageMark { range, badge: true };
        let text = "[image: CI][1] | [image: docs] · Read the docs";
        let images = [mark(0..11), mark(17..30)];
        assert_eq!(image_row(text, &(0..30), &images).len(), 2);
        assert!(image_row(text, &(0..text.len()), &images).is_empty());
        assert!(image_row(text, &(0..30), &[]).is_empty());
    }
}
