//! The reading view's model: which document is open, its layout at the
//! current width, the first visible line and the passage cursor. Pure: the
//! caller passes the visible height.

use crate::document::Document;
use crate::store::DocId;
use crate::wrap::{Blocks, Layout};
use std::sync::Arc;

/// Where the reader was in a document, independent of the window width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Byte of the text at the top of the screen.
    pub top_byte: usize,
    pub cursor: usize,
}

/// The open document and the view onto it.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Blank lines between passages (config `passage_spacing`).
    pub spacing: usize,
    pub doc: Option<DocId>,
    pub layout: Option<Layout>,
    /// First visible line.
    pub top: usize,
    /// The passage cursor (an index into the document's passages).
    pub cursor: usize,
    /// The open document's folded furniture is shown (`F`), not a fold
    /// line in its place.
    pub whole_page: bool,
    /// Where a range selection started (`v`); the range runs to the cursor.
    pub selection: Option<usize>,
    /// Passages shown highlighted after jumping to a bookmark, until the
    /// next key.
    pub flash: Option<(usize, usize)>,
    /// Byte ranges of the text matching the search (the filter's query, or
    /// a search inside this document), highlighted; `n`/`N` step through.
    pub matches: Vec<std::ops::Range<usize>>,
    /// Which match `n`/`N` stopped at.
    pub current: Option<usize>,
    /// True when there were more matches than are kept.
    pub more_matches: bool,
    /// How code and tables are laid out (their width, wrapped or not).
    pub blocks: Blocks,
    /// Columns of code and tables scrolled out on the left, with side
    /// scrolling on.
    pub hscroll: usize,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            spacing: crate::wrap::DEFAULT_SPACING,
            doc: None,
            layout: None,
            top: 0,
            cursor: 0,
            whole_page: false,
            selection: None,
            flash: None,
            matches: Vec::new(),
            current: None,
            more_matches: false,
            blocks: Blocks::default(),
            hscroll: 0,
        }
    }
}

impl Reader {
    /// Shows `docs[id]` at `width` columns from `position`.
    pub fn open(&mut self, docs: &[Arc<Document>], id: DocId, width: usize, position: Position) {
        let Some(doc) = docs.get(id.0) else { return };
        let layout = Layout::with_blocks(
            doc,
            width,
            self.blocks,
            self.spacing,
            position.top_byte,
            self.whole_page,
        );
        self.top = layout.line_at_byte(position.top_byte);
        let cursor = position.cursor.min(doc.passages.len().saturating_sub(1));
        // Opened afresh at a page whose top is folded furniture: the
        // cursor starts on the article, under the fold line.
        let fresh = position.cursor == 0 && position.top_byte == 0 && !self.whole_page;
        self.cursor = match (0..doc.passages.len()).find(|&i| !doc.is_folded(i)) {
            Some(article) if fresh && doc.is_folded(0) => article,
            _ => layout.visible_passage(cursor, false),
        };
        self.selection = None;
        self.flash = None;
        self.matches.clear();
        self.current = None;
        self.more_matches = false;
        self.doc = Some(id);
        self.layout = Some(layout);
        self.settle();
    }

    pub fn close(&mut self) {
        *self = Reader {
            spacing: self.spacing,
            blocks: self.blocks,
            ..Reader::default()
        };
    }

    /// The position to remember for the open document.
    pub fn position(&self, docs: &[Arc<Document>]) -> Option<Position> {
        let layout = self.layout.as_ref()?;
        let doc = docs.get(self.doc?.0)?;
        let top_byte = layout.lines.get(self.top).map_or(0, |l| l.range.start);
        Some(Position {
            top_byte: top_byte.min(doc.text.len()),
            cursor: self.cursor,
        })
    }

    /// Re-wraps at a new width, keeping the same text at the top.
    pub fn rewrap(&mut self, docs: &[Arc<Document>], width: usize, height: usize) {
        if self
            .layout
            .as_ref()
            .is_some_and(|l| l.width == width.max(1) && l.blocks == self.blocks)
        {
            return;
        }
        self.relayout(docs, width, height);
    }

    /// Lays the open document out again (its folds, or the whole page,
    /// changed), keeping the same text at the top.
    pub fn relayout(&mut self, docs: &[Arc<Document>], width: usize, height: usize) {
        let (Some(index), Some(position)) = (self.doc, self.position(docs)) else {
            return;
        };
        let (selection, flash) = (self.selection, self.flash);
        let (matches, current) = (std::mem::take(&mut self.matches), self.current);
        let more = self.more_matches;
        self.open(docs, index, width, position);
        (self.selection, self.flash, self.matches, self.current) =
            (selection, flash, matches, current);
        self.more_matches = more;
        self.clamp(height);
    }

    /// Drops the ranges (matches) that lie in folded text, which is not
    /// on screen.
    pub fn keep_shown(&self, ranges: &mut Vec<std::ops::Range<usize>>) {
        if let Some(layout) = &self.layout {
            ranges.retain(|r| !layout.hides_byte(r.start));
        }
    }

    /// Keeps a big document's laid-out window around the screen.
    fn settle(&mut self) {
        if let Some(layout) = &mut self.layout {
            layout.settle(&mut self.top);
        }
    }

    /// Lays a big document out afresh around text byte `byte` when that
    /// byte is outside the window; true if it did.
    fn bring_into_view(&mut self, byte: usize) -> bool {
        let Some(layout) = &mut self.layout else {
            return false;
        };
        if layout.contains_byte(byte) {
            return false;
        }
        *layout = layout.rebuilt(layout.width, byte);
        self.top = layout.line_at_byte(byte);
        self.settle();
        true
    }

    fn line_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.lines.len())
    }

    fn max_top(&self, height: usize) -> usize {
        self.line_count().saturating_sub(height.max(1))
    }

    fn clamp(&mut self, height: usize) {
        self.top = self.top.min(self.max_top(height));
    }

    /// Scrolls by `delta` lines; the cursor follows if it leaves the screen.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        self.top = self
            .top
            .saturating_add_signed(delta)
            .min(self.max_top(height));
        self.settle();
        self.keep_cursor_visible(height);
    }

    pub fn to_top(&mut self) {
        self.bring_into_view(0);
        self.top = 0;
        self.cursor = 0;
        self.settle();
    }

    pub fn to_bottom(&mut self, height: usize) {
        let end = self.layout.as_ref().map_or(0, |l| l.text_len());
        self.bring_into_view(end);
        self.top = self.max_top(height);
        if let Some(layout) = &self.layout {
            let last = layout.passage_count().saturating_sub(1);
            self.cursor = layout.visible_passage(last, false);
        }
        self.settle();
    }

    /// Shows match `index`: scrolls it into view a third of the way down
    /// and puts the passage cursor on its passage.
    pub fn show_match(&mut self, index: usize, height: usize) {
        let Some(start) = self.matches.get(index).map(|m| m.start) else {
            return;
        };
        let moved = self.bring_into_view(start);
        let Some(layout) = &self.layout else { return };
        let line = layout.line_at_byte(start);
        let height = height.max(1);
        if moved || line < self.top || line >= self.top + height {
            self.top = line.saturating_sub(height / 3);
        }
        if let Some(passage) = layout.lines.get(line).and_then(|l| l.passage) {
            self.cursor = passage;
        }
        self.current = Some(index);
        self.clamp(height);
        self.settle();
    }

    /// The first match at or after the top of the screen.
    pub fn first_visible_match(&self) -> Option<usize> {
        let layout = self.layout.as_ref()?;
        let top_byte = layout.lines.get(self.top).map_or(0, |l| l.range.start);
        let after = self.matches.partition_point(|m| m.start < top_byte);
        (!self.matches.is_empty()).then(|| after.min(self.matches.len() - 1))
    }

    /// The selected range of passages (first, last), if selecting.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.selection
            .map(|start| (start.min(self.cursor), start.max(self.cursor)))
    }

    /// Moves the passage cursor by `delta` and scrolls to show it.
    pub fn move_cursor(&mut self, delta: isize, height: usize) {
        let Some(layout) = &self.layout else { return };
        let last = layout.passage_count().saturating_sub(1);
        let mut cursor = self.cursor;
        // A step at a time, so a fold line counts as one passage.
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                (cursor + 1).min(last)
            } else {
                cursor.saturating_sub(1)
            };
            cursor = layout.visible_passage(next, delta > 0);
        }
        self.cursor = cursor;
        self.reveal_cursor(height);
    }

    /// Puts the cursor on `passage` with its start near the top.
    pub fn jump_to_passage(&mut self, passage: usize, height: usize) {
        let Some(layout) = &self.layout else { return };
        let passage = passage.min(layout.passage_count().saturating_sub(1));
        self.cursor = layout.visible_passage(passage, false);
        self.bring_passage_into_view(self.cursor);
        let Some(layout) = &self.layout else { return };
        self.top = layout.passage_start(self.cursor).min(self.max_top(height));
        self.settle();
    }

    /// Makes sure the first line of `passage` is laid out.
    fn bring_passage_into_view(&mut self, passage: usize) {
        let Some(layout) = &self.layout else { return };
        if !layout.has_passage_start(passage) {
            self.bring_into_view(layout.passage_byte(passage));
        }
    }

    /// Scrolls as little as possible so the cursor passage is on screen
    /// (its start, when it is taller than the screen).
    pub fn reveal_cursor(&mut self, height: usize) {
        self.bring_passage_into_view(self.cursor);
        let Some(layout) = &self.layout else { return };
        let height = height.max(1);
        let (start, end) = (
            layout.passage_start(self.cursor),
            layout.passage_end(self.cursor),
        );
        if start < self.top || end - start + 1 > height {
            self.top = start;
        } else if end >= self.top + height {
            self.top = end + 1 - height;
        }
        self.clamp(height);
        self.settle();
    }

    /// After scrolling, moves the cursor onto the screen if it left it.
    fn keep_cursor_visible(&mut self, height: usize) {
        let Some(layout) = &self.layout else { return };
        let bottom = self.top + height.max(1) - 1;
        let top_passage = layout.passage_at(self.top);
        let started = layout.passages_started_by(bottom);
        let before_screen = top_passage.is_some_and(|p| self.cursor < p);
        if before_screen {
            self.cursor = top_passage.unwrap_or(self.cursor);
        } else if self.cursor >= started {
            // The last passage that starts on screen, or the one at the top.
            self.cursor = started
                .saturating_sub(1)
                .max(top_passage.unwrap_or(0).min(started));
        }
    }

    /// How far through the document the bottom of the screen is, 0-100:
    /// by lines when all of it is laid out, else by bytes.
    pub fn percent(&self, height: usize) -> u16 {
        let Some(layout) = &self.layout else {
            return 100;
        };
        let total = layout.lines.len();
        if total == 0 {
            return 100;
        }
        let seen = (self.top + height).min(total).max(1);
        if layout.is_complete() {
            return (seen * 100 / total) as u16;
        }
        if seen == total && layout.at_end() {
            return 100;
        }
        let byte = layout.lines[seen - 1].range.end;
        (byte * 100 / layout.text_len().max(1)) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;
    use unicode_width::UnicodeWidthStr;

    fn docs() -> Vec<Arc<Document>> {
        // 10 passages of 3 lines each at width 10 -> 39 lines with gaps.
        let body: Vec<String> = (0..10)
            .map(|i| format!("p{i} aaaa bbbb cccc dddd"))
            .collect();
        vec![Arc::new(Document::new(
            Source::Stdin,
            format!("Title\n\n{}", body.join("\n\n")),
        ))]
    }

    fn open() -> (Vec<Arc<Document>>, Reader) {
        let d = docs();
        let mut r = Reader::default();
        r.open(&d, DocId(0), 10, Position::default());
        (d, r)
    }

    #[test]
    fn layout_has_expected_shape() {
        let (_, r) = open();
        assert_eq!(r.line_count(), 39);
        assert_eq!(r.layout.as_ref().unwrap().passage_start(1), 4);
    }

    #[test]
    fn scrolling_is_clamped_and_drags_the_cursor() {
        let (_, mut r) = open();
        r.scroll(100, 10);
        assert_eq!(r.top, 29);
        assert!(r.cursor >= 7, "cursor {}", r.cursor);
        r.scroll(-100, 10);
        assert_eq!(r.top, 0);
        assert!(r.cursor <= 2, "cursor {}", r.cursor);
    }

    #[test]
    fn cursor_moves_reveal_the_passage() {
        let (_, mut r) = open();
        r.move_cursor(5, 10);
        assert_eq!(r.cursor, 5);
        let start = r.layout.as_ref().unwrap().passage_start(5);
        assert!(r.top <= start && start < r.top + 10);
        r.move_cursor(100, 10);
        assert_eq!(r.cursor, 9);
        r.move_cursor(-100, 10);
        assert_eq!((r.cursor, r.top), (0, 0));
    }

    #[test]
    fn rewrap_keeps_the_text_at_the_top() {
        let (d, mut r) = open();
        r.jump_to_passage(6, 10);
        let before = r.position(&d).unwrap();
        r.rewrap(&d, 40, 3);
        let after = r.position(&d).unwrap();
        let layout = r.layout.as_ref().unwrap();
        assert_eq!(layout.lines[r.top].passage, Some(6));
        assert_eq!(before.cursor, after.cursor);
    }

    #[test]
    fn percent_reflects_the_bottom_of_the_screen() {
        let (_, mut r) = open();
        assert_eq!(r.percent(13), 33);
        r.to_bottom(13);
        assert_eq!(r.percent(13), 100);
        assert_eq!(r.cursor, 9);
    }

    /// A document well over the size that is laid out whole: numbered
    /// paragraphs of a few lines each.
    fn big() -> Vec<Arc<Document>> {
        let body: Vec<String> = (0..30_000)
            .map(|i| format!("p{i} the quick brown fox jumps over the lazy dog again"))
            .collect();
        let text = format!("Big\n\n{}", body.join("\n\n"));
        assert!(text.len() > crate::wrap::EAGER_BYTES);
        vec![Arc::new(Document::new(Source::Stdin, text))]
    }

    fn top_text(d: &[Arc<Document>], r: &Reader) -> String {
        let layout = r.layout.as_ref().unwrap();
        d[0].text[layout.lines[r.top].range.clone()].to_string()
    }

    #[test]
    fn a_big_document_is_laid_out_only_around_the_screen() {
        let d = big();
        let mut r = Reader::default();
        r.open(&d, DocId(0), 40, Position::default());
        let layout = r.layout.as_ref().unwrap();
        assert!(!layout.is_complete());
        assert!(
            layout.lines.len() <= 4 * crate::wrap::MARGIN,
            "{}",
            layout.lines.len()
        );
        assert_eq!(top_text(&d, &r), "p0 the quick brown fox jumps over the");
        // The window shows exactly what a whole layout shows at those lines.
        let whole = crate::wrap::layout(&d[0], 40);
        assert_eq!(layout.lines[..], whole.lines[..layout.lines.len()]);
    }

    #[test]
    fn paging_through_a_big_document_reaches_the_end_in_order() {
        let d = big();
        let whole = crate::wrap::layout(&d[0], 40);
        let mut r = Reader::default();
        r.open(&d, DocId(0), 40, Position::default());
        let mut seen = 0;
        let mut last_byte = 0;
        loop {
            // The screen shows what the whole layout has at the same text.
            let layout = r.layout.as_ref().unwrap();
            let byte = layout.lines[r.top].range.start;
            let mut at = whole.lines.partition_point(|l| l.range.start < byte);
            if layout.lines[r.top].passage.is_some() && whole.lines[at].passage.is_none() {
                at += 1;
            }
            let shown = &layout.lines[r.top..(r.top + 30).min(layout.lines.len())];
            assert_eq!(shown, &whole.lines[at..at + shown.len()]);
            assert!(layout.lines.len() <= 5 * crate::wrap::MARGIN);
            if r.percent(30) == 100 {
                break;
            }
            assert!(byte > last_byte || seen == 0, "stuck at byte {byte}");
            last_byte = byte;
            r.scroll(30, 30);
            seen += 1;
        }
        assert!(seen * 30 + 30 >= whole.lines.len(), "{seen} pages");
        assert!(top_text(&d, &r).starts_with("p29999") || r.top > 0);
        // And back up to the start, a page at a time.
        for _ in 0..seen {
            r.scroll(-30, 30);
        }
        assert!(r.layout.as_ref().unwrap().at_start());
        assert_eq!(top_text(&d, &r), "p0 the quick brown fox jumps over the");
        // Dragged along: the last passage starting on the screen.
        assert_eq!(r.cursor, 9);
    }

    #[test]
    fn jumps_in_a_big_document_land_where_asked() {
        let d = big();
        let mut r = Reader::default();
        r.open(&d, DocId(0), 40, Position::default());
        assert_eq!(
            r.percent(0),
            0,
            "a pane with no rows still has a percentage"
        );
        r.to_bottom(20);
        assert_eq!(r.percent(20), 100);
        assert_eq!(r.cursor, 29_999);
        assert!(
            top_text(&d, &r).starts_with("p2999"),
            "{}",
            top_text(&d, &r)
        );
        r.to_top();
        assert_eq!((r.top, r.cursor), (0, 0));
        assert_eq!(top_text(&d, &r), "p0 the quick brown fox jumps over the");
        r.jump_to_passage(20_000, 20);
        assert_eq!(r.cursor, 20_000);
        assert!(
            top_text(&d, &r).starts_with("p20000 "),
            "{}",
            top_text(&d, &r)
        );
        r.move_cursor(-5_000, 20);
        assert_eq!(r.cursor, 15_000);
        assert!(top_text(&d, &r).starts_with("p15000 "));
        let far = d[0].text.find("p25000 ").unwrap();
        r.matches = std::iter::once(far..far + 6).collect();
        r.show_match(0, 20);
        assert_eq!(r.cursor, 25_000);
        let layout = r.layout.as_ref().unwrap();
        let line = layout.line_at_byte(far);
        assert!(line >= r.top && line < r.top + 20);
        // The position survives closing and opening again.
        let position = r.position(&d).unwrap();
        let mut again = Reader::default();
        again.open(&d, DocId(0), 40, position);
        assert_eq!(top_text(&d, &again), top_text(&d, &r));
        assert!(
            again.percent(20) > 80 && again.percent(20) < 90,
            "{}",
            again.percent(20)
        );
    }

    #[test]
    fn one_enormous_line_is_wrapped_a_segment_at_a_time() {
        let sentence = "Tencent 微信支付 and Alipay compete hard for every payment. ";
        let text = format!(
            "Huge\n\n{}",
            sentence.repeat(3 * crate::wrap::EAGER_BYTES / sentence.len())
        );
        let d = vec![Arc::new(Document::new(Source::Stdin, text))];
        assert_eq!(d[0].passages.len(), 1);
        let mut r = Reader::default();
        r.open(&d, DocId(0), 50, Position::default());
        for _ in 0..3 {
            // Whole, the line would be about 63,000 screen lines.
            let layout = r.layout.as_ref().unwrap();
            assert!(layout.lines.len() <= 8 * crate::wrap::MARGIN);
            let mut end = layout.lines[0].range.start;
            for line in &layout.lines {
                let shown = &d[0].text[line.range.clone()];
                assert!(shown.width() <= 50, "{shown:?}");
                // Lines follow each other: only spaces lie between them.
                assert!(d[0].text[end..line.range.start].trim().is_empty());
                end = line.range.end;
            }
            r.scroll(1500, 40);
        }
        r.to_bottom(40);
        assert_eq!(r.percent(40), 100);
        let layout = r.layout.as_ref().unwrap();
        assert_eq!(
            layout.lines.last().unwrap().range.end,
            d[0].text.trim_end().len()
        );
    }
}
