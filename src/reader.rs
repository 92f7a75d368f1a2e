//! The reading view's model: which document is open, its layout at the
//! current width, the first visible line and the passage cursor. Pure: the
//! caller passes the visible height.

use crate::document::Document;
use crate::wrap::{Layout, layout};

/// Where the reader was in a document, independent of the window width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Byte of the text at the top of the screen.
    pub top_byte: usize,
    pub cursor: usize,
}

/// The open document and the view onto it.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub doc: Option<usize>,
    pub layout: Option<Layout>,
    /// First visible line.
    pub top: usize,
    /// The passage cursor (an index into the document's passages).
    pub cursor: usize,
    /// Where a range selection started (`v`); the range runs to the cursor.
    pub selection: Option<usize>,
    /// Passages shown highlighted after jumping to a bookmark, until the
    /// next key.
    pub flash: Option<(usize, usize)>,
}

impl Reader {
    /// Shows `docs[index]` at `width` columns from `position`.
    pub fn open(&mut self, docs: &[Document], index: usize, width: usize, position: Position) {
        let Some(doc) = docs.get(index) else { return };
        let layout = layout(doc, width);
        self.top = layout.line_at_byte(position.top_byte);
        self.cursor = position.cursor.min(doc.passages.len().saturating_sub(1));
        self.selection = None;
        self.flash = None;
        self.doc = Some(index);
        self.layout = Some(layout);
    }

    pub fn close(&mut self) {
        *self = Reader::default();
    }

    /// The position to remember for the open document.
    pub fn position(&self, docs: &[Document]) -> Option<Position> {
        let layout = self.layout.as_ref()?;
        let doc = docs.get(self.doc?)?;
        let top_byte = layout.lines.get(self.top).map_or(0, |l| l.range.start);
        Some(Position {
            top_byte: top_byte.min(doc.text.len()),
            cursor: self.cursor,
        })
    }

    /// Re-wraps at a new width, keeping the same text at the top.
    pub fn rewrap(&mut self, docs: &[Document], width: usize, height: usize) {
        let (Some(index), Some(position)) = (self.doc, self.position(docs)) else {
            return;
        };
        if self
            .layout
            .as_ref()
            .is_some_and(|l| l.width == width.max(1))
        {
            return;
        }
        let (selection, flash) = (self.selection, self.flash);
        self.open(docs, index, width, position);
        (self.selection, self.flash) = (selection, flash);
        self.clamp(height);
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
        self.keep_cursor_visible(height);
    }

    pub fn to_top(&mut self) {
        self.top = 0;
        self.cursor = 0;
    }

    pub fn to_bottom(&mut self, height: usize) {
        self.top = self.max_top(height);
        if let Some(layout) = &self.layout {
            self.cursor = layout.passage_starts.len().saturating_sub(1);
        }
    }

    /// The selected range of passages (first, last), if selecting.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.selection
            .map(|start| (start.min(self.cursor), start.max(self.cursor)))
    }

    /// Moves the passage cursor by `delta` and scrolls to show it.
    pub fn move_cursor(&mut self, delta: isize, height: usize) {
        let Some(layout) = &self.layout else { return };
        let last = layout.passage_starts.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.reveal_cursor(height);
    }

    /// Puts the cursor on `passage` with its start near the top.
    pub fn jump_to_passage(&mut self, passage: usize, height: usize) {
        let Some(layout) = &self.layout else { return };
        self.cursor = passage.min(layout.passage_starts.len().saturating_sub(1));
        self.top = layout.passage_start(self.cursor).min(self.max_top(height));
    }

    /// Scrolls as little as possible so the cursor passage is on screen
    /// (its start, when it is taller than the screen).
    pub fn reveal_cursor(&mut self, height: usize) {
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
    }

    /// After scrolling, moves the cursor onto the screen if it left it.
    fn keep_cursor_visible(&mut self, height: usize) {
        let Some(layout) = &self.layout else { return };
        let bottom = self.top + height.max(1) - 1;
        let (start, end) = (
            layout.passage_start(self.cursor),
            layout.passage_end(self.cursor),
        );
        if end < self.top {
            self.cursor = layout.passage_at(self.top).unwrap_or(self.cursor);
        } else if start > bottom {
            // The last passage that starts on screen, or the one at the top.
            let on_screen = layout.passage_starts.partition_point(|&s| s <= bottom);
            self.cursor = on_screen
                .saturating_sub(1)
                .max(layout.passage_at(self.top).unwrap_or(0).min(on_screen));
        }
    }

    /// How far through the document the bottom of the screen is, 0-100.
    pub fn percent(&self, height: usize) -> u16 {
        let total = self.line_count();
        if total == 0 {
            return 100;
        }
        let seen = (self.top + height).min(total);
        (seen * 100 / total) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn docs() -> Vec<Document> {
        // 10 passages of 3 lines each at width 10 -> 39 lines with gaps.
        let body: Vec<String> = (0..10)
            .map(|i| format!("p{i} aaaa bbbb cccc dddd"))
            .collect();
        vec![Document::new(
            Source::Stdin,
            format!("Title\n\n{}", body.join("\n\n")),
        )]
    }

    fn open() -> (Vec<Document>, Reader) {
        let d = docs();
        let mut r = Reader::default();
        r.open(&d, 0, 10, Position::default());
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
}
