//! Markup articles (Markdown, HTML) turned into structured, safe display
//! text: passages that follow the source's blocks and inline style spans.
//!
//! Both parsers feed one [`builder::Builder`], so the two formats lay out
//! lists, quotes, links and tables the same way, and the one place that
//! appends text is the one place that sanitizes it.

pub mod badges;
mod builder;
mod extract;
pub use extract::Metadata;
pub mod html;
pub mod markdown;
pub(crate) mod table;

use crate::document::{Document, Fold, Meta, Passage, Source, StyleSpan, WholePage};
use std::ops::Range;
use std::sync::Arc;

/// Nesting deeper than this is shown at this depth: a reader cannot follow
/// more indentation, and hostile input must not push text off the screen.
pub const MAX_DISPLAY_DEPTH: u8 = 8;

/// A parsed article, in the form [`Document::from_parts`] takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// From front matter, `<title>` or the first heading; `None` lets the
    /// document fall back to its first line.
    pub title: Option<String>,
    /// Sanitized display text; passages are separated by blank lines.
    pub text: String,
    /// Byte ranges of `text`, one per block, in order.
    pub passages: Vec<Passage>,
    /// Inline styles, byte ranges of `text`, sorted by start.
    pub spans: Vec<StyleSpan>,
    /// What a saved web page says about its article (author, date...).
    pub metadata: Metadata,
    /// The page around a saved page's article, folded: sorted, disjoint
    /// runs of passage indices.
    pub folds: Vec<Fold>,
    /// Why a saved page is shown whole, when it is.
    pub whole_page: Option<WholePage>,
    /// The links in `text` and the element ids of its places.
    pub links: crate::links::Links,
    /// The images in `text`, in order.
    pub images: Vec<badges::ImageMark>,
}

/// A page that sends the browser elsewhere at once and says no more than
/// this many words stands for the page it sends to.
const REDIRECT_STUB_WORDS: usize = 60;

impl Parsed {
    /// Whether this is a redirect stub: a page that sends the browser to
    /// another at once and has next to nothing to say itself ("Redirecting
    /// to …"), as documentation generators leave behind for moved pages.
    pub fn is_redirect_stub(&self) -> bool {
        self.metadata.redirect.is_some()
            && self
                .text
                .split_whitespace()
                .nth(REDIRECT_STUB_WORDS)
                .is_none()
    }

    /// The document this parse describes.
    pub fn into_document(self, source: Source) -> Document {
        let links = self.links;
        let images = self.images;
        let starts: Vec<usize> = self.passages.iter().map(|p| p.range.start).collect();
        let mut doc =
            Document::from_parts(source, self.title, self.text, self.passages, self.spans);
        // Whether a heading or the first paragraph gave it.
        let title = without_link_markers(&doc.title);
        if !title.is_empty() {
            doc.title = title;
        }
        let mut meta = Meta::from_metadata(self.metadata);
        meta.whole_page = self.whole_page;
        doc.meta = Arc::new(meta);
        let mut links = links;
        if links.canonical.is_none() {
            links.canonical = doc.meta.url.clone();
        }
        doc.links = Arc::new(links);
        if !self.folds.is_empty() {
            let folds = moved_folds(self.folds, &starts, &doc);
            let mut all = doc.folds.clone();
            all.extend(folds);
            let all = crate::document::normalize_folds(all, doc.passages.len());
            // With the furniture found in the text, nothing would be left
            // to read: the page's own folds give way.
            let folded: usize = all.iter().map(|f| f.passages.len()).sum();
            if folded < doc.passages.len() {
                doc.set_folds(all);
            }
        }
        badges::fold_badge_rows(&mut doc, &images);
        drop_title_after_folds(&mut doc, &images);
        doc
    }

    /// Byte ranges of `text` that are the article: the passages outside
    /// the folds.
    pub fn shown_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut folds = self.folds.iter().peekable();
        self.passages.iter().enumerate().filter_map(move |(i, p)| {
            while folds.next_if(|f| f.passages.end <= i).is_some() {}
            let folded = folds.peek().is_some_and(|f| f.passages.contains(&i));
            (!folded).then(|| p.range.clone())
        })
    }

    /// The article's text: the passages outside the folds, a blank line
    /// between them.
    pub fn shown_text(&self) -> String {
        let parts: Vec<&str> = self.shown_ranges().map(|r| &self.text[r]).collect();
        parts.join("\n\n")
    }
}

/// Drops the first shown passage when it only repeats the title and folded
/// furniture (a saved page's menu bar, then its `<h1>`) or a row of
/// images (a README's badges or logo, then its `# Name`) comes before it:
/// the reader shows the title as a header, as for a title at the top.
fn drop_title_after_folds(doc: &mut Document, images: &[badges::ImageMark]) {
    let Some(first) = (0..doc.passages.len())
        .find(|&i| !doc.is_folded(i) && !badges::is_image_row(doc, i, images))
    else {
        return;
    };
    // Kept when it is all there is to read.
    let more = (first + 1..doc.passages.len()).any(|i| !doc.is_folded(i));
    if first == 0 || !more || doc.passage_text(first).trim() != doc.title {
        return;
    }
    let mut passages = doc.passages.to_vec();
    passages.remove(first);
    doc.passages = passages.into();
    // `first` is in no fold: the folds after it move up by one.
    let folds = doc
        .folds
        .iter()
        .cloned()
        .map(|mut fold| {
            if fold.passages.start > first {
                fold.passages.start -= 1;
                fold.passages.end -= 1;
            }
            fold
        })
        .collect();
    doc.folds = Vec::new();
    doc.set_folds(folds);
}

/// `folds` of the passages a parse made (starting at `starts`), as
/// indices of the document's passages: the document drops leading
/// passages that repeat its title, and may split its last passage where
/// furniture starts.
fn moved_folds(folds: Vec<Fold>, starts: &[usize], doc: &Document) -> Vec<Fold> {
    let written = starts.len();
    let skipped = doc
        .passages
        .first()
        .map_or(written, |p| starts.partition_point(|&s| s < p.range.start));
    let total = doc.passages.len();
    folds
        .into_iter()
        .filter_map(|mut fold| {
            let end = fold.passages.end;
            fold.passages.start = fold.passages.start.saturating_sub(skipped);
            fold.passages.end = if end >= written {
                total
            } else {
                end.saturating_sub(skipped)
            };
            (fold.passages.start < fold.passages.end).then_some(fold)
        })
        .collect()
}

/// `title` without the `[12]` markers the reader puts after a link's text
/// (`Foreword[1]`): they number references, they are not words of it.
pub(crate) fn without_link_markers(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..open]);
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based line numbers of byte offsets in a source text.
pub(crate) struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(source: &str) -> LineIndex {
        let starts = source
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        LineIndex { starts }
    }

    /// The line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    #[test]
    fn link_markers_and_badges_never_make_a_title() {
        assert_eq!(without_link_markers("Foreword[1]"), "Foreword");
        assert_eq!(
            without_link_markers("Arrays [2] and [x] [] [33"),
            "Arrays and [x] [] [33"
        );
        let readme = "# Serde &emsp; [![Build Status]][actions] [![Latest Version]][crates]\n\n\
                      [Build Status]: https://img.shields.io/ci.svg\n\
                      [Latest Version]: https://img.shields.io/v.svg\n\
                      [actions]: https://github.com/serde-rs/serde/actions\n\
                      [crates]: https://crates.io/crates/serde\n\n\
                      Serde is a framework for serializing.";
        let doc = markdown::parse(readme).into_document(Source::Stdin);
        assert_eq!(doc.title, "Serde");
        let page = "<html><body><p><a href='title-page.html'>The Book</a></p></body></html>";
        let doc = html::parse(page.to_string()).into_document(Source::Stdin);
        assert!(!doc.title.contains('['), "{}", doc.title);
    }

    #[test]
    fn line_index_counts_from_one() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 1);
        assert_eq!(index.line(3), 2);
        assert_eq!(index.line(6), 3);
        assert_eq!(index.line(7), 4);
        assert_eq!(index.line(100), 4);
    }
}
