//! Markup articles (Markdown, HTML) turned into structured, safe display
//! text: passages that follow the source's blocks and inline style spans.
//!
//! Both parsers feed one [`builder::Builder`], so the two formats lay out
//! lists, quotes, links and tables the same way, and the one place that
//! appends text is the one place that sanitizes it.

mod builder;
mod extract;
pub use extract::Metadata;
pub mod html;
pub mod markdown;
mod table;

use crate::document::{Document, Passage, Source, StyleSpan};

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
}

impl Parsed {
    /// The document this parse describes.
    pub fn into_document(self, source: Source) -> Document {
        let mut doc =
            Document::from_parts(source, self.title, self.text, self.passages, self.spans);
        // Whether a heading or the first paragraph gave it.
        let title = without_link_markers(&doc.title);
        if !title.is_empty() {
            doc.title = title;
        }
        doc.meta = std::sync::Arc::new(crate::document::Meta::from_metadata(self.metadata));
        doc
    }
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
