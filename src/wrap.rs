//! Lays a document out for the reading view: passages wrapped with textwrap
//! to a width, blank lines between passages (one unless the config's
//! `passage_spacing` says otherwise), and a map from every screen
//! line back to its passage and its bytes in the document text (so cursors,
//! bookmarks and highlights work on the text, not on screen rows).

use crate::document::{Block, Document};
use std::ops::Range;
use textwrap::{Options, WordSeparator, WordSplitter};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One screen line of a laid-out document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The passage this line belongs to; None for the gap between passages.
    pub passage: Option<usize>,
    /// Bytes of [`Document::text`] shown on this line.
    pub range: Range<usize>,
    /// Columns before the text: list markers, quote bars, hanging indents.
    pub indent: u16,
    /// True for the first line of its passage (where a list marker goes).
    pub first: bool,
}

/// A document laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// Index in `lines` of each passage's first line.
    pub passage_starts: Vec<usize>,
}

impl Layout {
    /// The first line of passage `index` (0 when out of range).
    pub fn passage_start(&self, index: usize) -> usize {
        self.passage_starts.get(index).copied().unwrap_or(0)
    }

    /// The last line of passage `index`.
    pub fn passage_end(&self, index: usize) -> usize {
        match self.passage_starts.get(index + 1) {
            Some(&next) => {
                let mut end = next.saturating_sub(1);
                while end > 0 && self.lines.get(end).is_some_and(|l| l.passage.is_none()) {
                    end -= 1;
                }
                end
            }
            None => self.lines.len().saturating_sub(1),
        }
    }

    /// The line showing text byte `offset` (or the nearest one before it).
    pub fn line_at_byte(&self, offset: usize) -> usize {
        // Gap lines carry the start of the next passage, so starts never
        // decrease and the search is valid.
        let after = self.lines.partition_point(|l| l.range.start <= offset);
        let mut index = after.saturating_sub(1);
        while index > 0 && self.lines[index].passage.is_none() {
            index -= 1;
        }
        index
    }

    /// The passage shown at or after `line`.
    pub fn passage_at(&self, line: usize) -> Option<usize> {
        self.lines.iter().skip(line).find_map(|l| l.passage)
    }
}

/// The columns a passage's prefix takes (marker, quote bars).
pub fn indent_for(block: &Block) -> usize {
    match block {
        // An empty marker continues the item above: align with its text.
        Block::ListItem { depth, marker } => 2 * *depth as usize + marker.width().max(1) + 1,
        Block::Quote { depth } => 2 * *depth as usize,
        _ => 0,
    }
}

/// True when `block` continues the list the passages `before` end with:
/// a deeper item, a continuation, or an item of the same kind (numbered or
/// bulleted) as the previous item at its depth.
fn same_list(before: &[crate::document::Passage], block: &Block) -> bool {
    let numbered = |m: &str| m.starts_with(|c: char| c.is_ascii_digit());
    let Block::ListItem { depth, marker } = block else {
        return false;
    };
    let mut previous = before.iter().rev().map(|p| &p.block);
    match previous.next() {
        Some(Block::ListItem { depth: d, .. }) if d < depth || marker.is_empty() => return true,
        Some(Block::ListItem { .. }) => {}
        _ => return false,
    }
    before
        .iter()
        .rev()
        .map_while(|p| match &p.block {
            Block::ListItem {
                depth: d,
                marker: m,
            } => Some((d, m)),
            _ => None,
        })
        .find(|(d, _)| *d == depth)
        .is_some_and(|(_, m)| m.is_empty() || numbered(m) == numbered(marker))
}

/// Blank lines between passages unless the config says otherwise.
pub const DEFAULT_SPACING: usize = 1;

/// Lays `doc` out at `width` columns (at least 1), one blank line between
/// passages.
pub fn layout(doc: &Document, width: usize) -> Layout {
    layout_spaced(doc, width, DEFAULT_SPACING)
}

/// Lays `doc` out at `width` columns with `spacing` blank lines between
/// passages (items of one list stay on consecutive lines).
// One range per line is the shape, not a mistaken `0..n` collection.
#[allow(clippy::single_range_in_vec_init)]
pub fn layout_spaced(doc: &Document, width: usize, spacing: usize) -> Layout {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut passage_starts = Vec::with_capacity(doc.passages.len());
    for (index, passage) in doc.passages.iter().enumerate() {
        // Items of one list sit on consecutive lines, like a printed list.
        let tight = index > 0 && same_list(&doc.passages[..index], &passage.block);
        let gaps = if index > 0 && !tight { spacing } else { 0 };
        for _ in 0..gaps {
            lines.push(Line {
                passage: None,
                range: passage.range.start..passage.range.start,
                indent: 0,
                first: false,
            });
        }
        passage_starts.push(lines.len());
        let indent = indent_for(&passage.block).min(width.saturating_sub(1));
        let text_width = (width - indent).max(1);
        let preformatted = matches!(passage.block, Block::Code | Block::Table | Block::Rule);
        let mut first = true;
        let mut offset = passage.range.start;
        for source_line in doc.text[passage.range.clone()].split('\n') {
            let ranges = if preformatted {
                vec![0..source_line.len()]
            } else {
                wrap_line(source_line, text_width)
            };
            for r in ranges {
                let range = offset + r.start..offset + r.end;
                lines.push(Line {
                    passage: Some(index),
                    range,
                    indent: indent as u16,
                    first,
                });
                first = false;
            }
            offset += source_line.len() + 1;
        }
    }
    Layout {
        width,
        lines,
        passage_starts,
    }
}

/// Wraps one line of text, returning byte ranges of `line`.
#[allow(clippy::single_range_in_vec_init)]
fn wrap_line(line: &str, width: usize) -> Vec<Range<usize>> {
    if line.width() <= width {
        return vec![0..line.trim_end().len()];
    }
    let options = Options::new(width)
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true);
    let base = line.as_ptr() as usize;
    let mut search_from = 0;
    textwrap::wrap(line, options)
        .iter()
        .map(|piece| {
            // textwrap borrows its lines from the input when it adds nothing
            // (no indent, no hyphen), so the pointer gives the offset.
            let start = (piece.as_ptr() as usize).wrapping_sub(base);
            let start = if start <= line.len() && line.is_char_boundary(start) {
                start
            } else {
                line[search_from..]
                    .find(piece.as_ref())
                    .map_or(search_from, |i| search_from + i)
            };
            let end = (start + piece.len()).min(line.len());
            search_from = end;
            start..end
        })
        .flat_map(|range| fit(line, range, width))
        .collect()
}

/// Splits `range` of `line` into pieces no wider than `width`, between
/// grapheme clusters. textwrap 0.16 can return a line one column too wide
/// (seen with `|` before a word exactly `width` long), and a line that
/// sticks out would be drawn over the pane's border.
fn fit(line: &str, range: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let text = &line[range.clone()];
    if text.width() <= width {
        return vec![range];
    }
    let mut pieces = Vec::new();
    let (mut start, mut columns) = (0, 0);
    for (at, grapheme) in text.grapheme_indices(true) {
        let w = grapheme.width();
        if columns + w > width && at > start {
            pieces.push(range.start + start..range.start + at);
            (start, columns) = (at, 0);
        }
        columns += w;
    }
    pieces.push(range.start + start..range.end);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    fn shown(doc: &Document, layout: &Layout) -> Vec<String> {
        layout
            .lines
            .iter()
            .map(|l| doc.text[l.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries_with_gaps_between_passages() {
        let d = doc("T\n\nthe quick brown fox jumps\n\nover");
        let l = layout(&d, 10);
        assert_eq!(
            shown(&d, &l),
            vec!["the quick", "brown fox", "jumps", "", "over"]
        );
        assert_eq!(l.passage_starts, vec![0, 4]);
        assert_eq!(l.lines[3].passage, None);
        assert_eq!(l.passage_end(0), 2);
        assert_eq!(l.passage_end(1), 4);
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let text = format!(
            "T\n\n{}",
            "Tencent 微信支付 and Alipay 支付宝 compete 🙂 hard. ".repeat(30)
        );
        let d = doc(&text);
        // A double-width character cannot fit in one column; the reader never goes
        // below a few columns (smaller windows get the "too small" notice).
        for width in [2, 3, 5, 11, 40, 80, 200] {
            let l = layout(&d, width);
            for line in shown(&d, &l) {
                assert!(
                    line.width() <= width,
                    "width {width}: {line:?} is {}",
                    line.width()
                );
            }
        }
    }

    #[test]
    fn no_line_is_wider_than_the_width_after_textwrap() {
        // Found by tests/props_text.rs: textwrap 0.16 gives the third line
        // of these control pictures 41 columns at width 40.
        let bytes: &[u8] = &[
            14, 14, 14, 48, 11, 14, 11, 1, 1, 11, 11, 1, 1, 14, 14, 1, 1, 14, 1, 194, 128, 11, 11,
            11, 11, 1, 1, 1, 34, 11, 1, 1, 1, 11, 1, 14, 14, 1, 1, 14, 1, 1, 1, 1, 14, 48, 14, 1,
            14, 1, 14, 14, 11, 14, 1, 1, 11, 11, 34, 1, 14, 1, 1, 1, 1, 1, 14, 1, 1, 14, 1, 1, 11,
            64, 1, 14, 1, 1, 14, 11, 1, 124, 1, 1, 1, 14, 14, 34, 11, 1, 1, 48, 1, 1, 1, 48, 1, 48,
            64, 1, 1, 1, 1, 11, 11, 1, 1, 14, 14, 48, 11, 11, 11, 1, 11, 14, 14, 1, 14, 11, 34, 14,
            1,
        ];
        let text = crate::sanitize::sanitize(std::str::from_utf8(bytes).unwrap());
        let d = doc(&format!("T\n\n{text}"));
        let lines = shown(&d, &layout(&d, 40));
        assert!(lines.iter().all(|s| s.width() <= 40), "{lines:?}");
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn cjk_wraps_by_display_width_between_characters() {
        let d = doc("T\n\n微信支付宝微信支付宝");
        let l = layout(&d, 8);
        assert_eq!(shown(&d, &l), vec!["微信支付", "宝微信支", "付宝"]);
    }

    #[test]
    fn long_words_are_broken() {
        let d = doc("T\n\nabcdefghijkl");
        assert_eq!(shown(&d, &layout(&d, 5)), vec!["abcde", "fghij", "kl"]);
    }

    #[test]
    fn hard_line_breaks_inside_a_passage_are_kept() {
        let d = doc("T\n\nroses are red\nviolets");
        assert_eq!(shown(&d, &layout(&d, 80)), vec!["roses are red", "violets"]);
    }

    #[test]
    fn text_is_covered_in_order() {
        let d = doc("T\n\none two three four five six seven eight nine ten");
        let l = layout(&d, 12);
        let joined: Vec<String> = shown(&d, &l);
        assert_eq!(
            joined.join(" "),
            "one two three four five six seven eight nine ten"
        );
        let mut last = 0;
        for line in &l.lines {
            assert!(line.range.start >= last);
            last = line.range.end;
        }
    }

    #[test]
    fn byte_offsets_map_back_to_lines() {
        let d = doc("T\n\naaa bbb ccc\n\nddd");
        let l = layout(&d, 4);
        let ccc = d.text.find("ccc").unwrap();
        assert_eq!(l.line_at_byte(ccc), 2);
        assert_eq!(l.line_at_byte(d.text.find("ddd").unwrap()), 4);
        assert_eq!(l.line_at_byte(0), 0);
        assert_eq!(l.passage_at(3), Some(1));
    }

    #[test]
    fn list_items_sit_on_consecutive_lines_and_lists_are_separated() {
        let md = "# T\n\nIntro.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n";
        let d = crate::markup::markdown::parse(md).into_document(Source::Stdin);
        let l = layout(&d, 40);
        let shown: Vec<String> = shown(&d, &l);
        assert_eq!(
            shown,
            vec!["Intro.", "", "one", "two", "nested", "", "first", "second"]
        );
        assert_eq!(
            l.passage_end(1),
            2,
            "a passage without a gap after it ends on its own line"
        );
    }

    #[test]
    fn passage_spacing_sets_the_gap() {
        let d = doc("T\n\naaa\n\nbbb\n\nccc");
        let tight = layout_spaced(&d, 20, 0);
        assert_eq!(shown(&d, &tight), vec!["aaa", "bbb", "ccc"]);
        assert_eq!(tight.passage_end(0), 0);
        let airy = layout_spaced(&d, 20, 3);
        assert_eq!(
            shown(&d, &airy),
            vec!["aaa", "", "", "", "bbb", "", "", "", "ccc"]
        );
        assert_eq!(airy.passage_starts, vec![0, 4, 8]);
        assert_eq!(airy.passage_end(0), 0);
        assert_eq!(airy.line_at_byte(d.text.find("bbb").unwrap()), 4);
        assert_eq!(airy.line_at_byte(d.text.find("bbb").unwrap() - 1), 0);
    }

    #[test]
    fn empty_document_has_no_lines() {
        let l = layout(&doc(""), 40);
        assert!(l.lines.is_empty());
        assert_eq!(l.passage_start(3), 0);
    }
}
