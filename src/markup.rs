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
        doc.meta = std::sync::Arc::new(crate::document::Meta::from_metadata(self.metadata));
        doc
    }
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
