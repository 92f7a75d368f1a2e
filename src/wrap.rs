//! Lays a document out for the reading view: passages wrapped with textwrap
//! to a width, blank lines between passages (one unless the config's
//! `passage_spacing` says otherwise), and a map from every screen
//! line back to its passage and its bytes in the document text (so cursors,
//! bookmarks and highlights work on the text, not on screen rows).
//!
//! A document up to [`EAGER_BYTES`] is laid out whole. A bigger one (a log,
//! a book, a 1 GB dump) is laid out as a window of a few thousand lines
//! around what is on screen, which moves as the reader scrolls; passages
//! longer than [`SEGMENT_BYTES`] are wrapped a segment at a time, so even a
//! single 100 MB line costs only what is near the screen.

pub mod blocks;
mod breaks;
mod table;

use crate::document::{Block, Document, Passage};
use crate::sanitize::columns;
pub use blocks::{Blocks, CONTINUATION, is_continuation};
use std::{collections::VecDeque, ops::Range, sync::Arc};
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
    /// The fold line standing for a run of folded passages (page
    /// furniture) that starts at `passage`; its range is empty.
    pub fold: bool,
}

/// Documents up to this size are laid out whole when opened.
pub const EAGER_BYTES: usize = 1 << 20;
/// Passages are wrapped in pieces of about this many bytes, cut after a
/// space or line break near each multiple: a line break is forced there,
/// once every few hundred screen lines of a giant paragraph.
pub const SEGMENT_BYTES: usize = 64 * 1024;
/// How far from a segment's nominal start a space is looked for.
const CUT_SEARCH: usize = 1024;
/// Lines kept laid out above and below the top of the screen in a big
/// document (more than any screen is tall).
pub const MARGIN: usize = 1000;

/// A piece of a document laid out on its own: a passage, or one segment of
/// a long passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    passage: usize,
    segment: usize,
}

/// A document laid out at one width: all of it, or for a big document a
/// window that [`Layout::settle`] keeps around the screen.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: usize,
    spacing: usize,
    text: Arc<str>,
    passages: Arc<[Passage]>,
    /// The laid-out lines; indices into this are what the reader scrolls.
    pub lines: Vec<Line>,
    /// The units in `lines`, in order, with how many lines each took.
    units: VecDeque<(Unit, usize)>,
    /// (passage, line) for every passage whose first line is in `lines`.
    starts: Vec<(usize, usize)>,
    /// False when the whole document is laid out: nothing is ever dropped.
    windowed: bool,
    /// Runs of passages shown as one fold line each (empty for the whole
    /// page): [`Document::fold_groups`].
    hidden: Arc<[Range<usize>]>,
    /// How code and tables are laid out.
    pub blocks: Blocks,
    /// The columns each laid-out code or table passage takes, its widest
    /// screen line: the reader places the block by it.
    block_columns: std::collections::BTreeMap<usize, usize>,
    /// Screen lines of tables whose cells are wrapped, by the first byte
    /// they show: the pieces of text in each column.
    table_rows: std::collections::HashMap<usize, table::Row>,
}

impl Layout {
    /// Lays `doc` out at `width` with `spacing` blank lines between
    /// passages: whole when it is small, else around text byte `near`.
    /// Its folds are shown as fold lines unless `whole_page`.
    pub fn new(
        doc: &Document,
        width: usize,
        spacing: usize,
        near: usize,
        whole_page: bool,
    ) -> Layout {
        Layout::with_blocks(doc, width, Blocks::default(), spacing, near, whole_page)
    }

    /// Like [`Layout::new`], with code and tables laid out as `blocks` says.
    pub fn with_blocks(
        doc: &Document,
        width: usize,
        blocks: Blocks,
        spacing: usize,
        near: usize,
        whole_page: bool,
    ) -> Layout {
        let windowed = doc.text.len() > EAGER_BYTES;
        let mut layout = Layout::empty(&doc.text, &doc.passages, width, spacing, windowed);
        layout.blocks = blocks;
        if !whole_page {
            layout.hidden = doc.fold_groups().into();
        }
        layout.filled(near)
    }

    /// The same document laid out afresh at `width` around text byte `near`.
    pub fn rebuilt(&self, width: usize, near: usize) -> Layout {
        let (text, passages) = (&self.text, &self.passages);
        let mut layout = Layout::empty(text, passages, width, self.spacing, self.windowed);
        layout.hidden = Arc::clone(&self.hidden);
        layout.blocks = self.blocks;
        layout.filled(near)
    }

    /// The fold group hiding passage `index`, if any.
    fn hidden_group(&self, index: usize) -> Option<&Range<usize>> {
        let after = self.hidden.partition_point(|g| g.start <= index);
        after
            .checked_sub(1)
            .map(|i| &self.hidden[i])
            .filter(|g| g.contains(&index))
    }

    /// True when passage `index` is folded away: inside a fold line's run
    /// but not its first passage (which the fold line stands for).
    pub fn is_hidden(&self, index: usize) -> bool {
        self.hidden_group(index).is_some_and(|g| g.start != index)
    }

    /// True when text byte `byte` is in folded text (not on screen).
    pub fn hides_byte(&self, byte: usize) -> bool {
        let passage = self.passages.partition_point(|p| p.range.start <= byte);
        passage
            .checked_sub(1)
            .and_then(|p| self.hidden_group(p))
            .is_some()
    }

    /// The passage the cursor goes to for `index`: itself, or for a
    /// passage folded away the fold line's (or, moving `forward`, the one
    /// after the fold, if there is one).
    pub fn visible_passage(&self, index: usize, forward: bool) -> usize {
        match self.hidden_group(index) {
            Some(g) if g.start != index && forward && g.end < self.passages.len() => g.end,
            Some(g) => g.start,
            None => index,
        }
    }

    /// The columns the code or table passage `index` takes on screen (0
    /// for other passages, or one not laid out).
    pub fn block_columns(&self, index: usize) -> usize {
        self.block_columns.get(&index).copied().unwrap_or(0)
    }

    /// The pieces of text, one per column, of a screen line of a table
    /// whose cells are wrapped, by the line's first byte.
    pub fn table_row(&self, start: usize) -> Option<&[(Range<usize>, usize)]> {
        self.table_rows.get(&start).map(Vec::as_slice)
    }

    /// The columns the widest laid-out code or table line takes.
    pub fn widest_block(&self) -> usize {
        self.block_columns.values().copied().max().unwrap_or(0)
    }

    fn build(
        text: &Arc<str>,
        passages: &Arc<[Passage]>,
        width: usize,
        spacing: usize,
        windowed: bool,
        near: usize,
    ) -> Layout {
        Layout::empty(text, passages, width, spacing, windowed).filled(near)
    }

    /// A layout with nothing laid out yet.
    fn empty(
        text: &Arc<str>,
        passages: &Arc<[Passage]>,
        width: usize,
        spacing: usize,
        windowed: bool,
    ) -> Layout {
        Layout {
            width: width.max(1),
            spacing,
            text: Arc::clone(text),
            passages: Arc::clone(passages),
            lines: Vec::new(),
            units: VecDeque::new(),
            starts: Vec::new(),
            windowed,
            blocks: Blocks::default(),
            block_columns: Default::default(),
            table_rows: Default::default(),
            hidden: Arc::from([]),
        }
    }

    /// This layout laid out: whole, or for a big document around `near`.
    fn filled(mut self, near: usize) -> Layout {
        if self.windowed {
            self.recentre(near);
        } else {
            while self.append() {}
        }
        self
    }

    /// Lays the window out afresh around text byte `byte`.
    fn recentre(&mut self, byte: usize) {
        self.lines.clear();
        self.units.clear();
        self.starts.clear();
        let Some(unit) = self.unit_at_byte(byte) else {
            return;
        };
        self.push_back(unit);
        let mut top = self.line_at_byte(byte);
        self.settle(&mut top);
    }

    /// Extends the window so `MARGIN` lines lie above and twice that below
    /// line `top` (where the document has them), and in a big document drops
    /// what lies far outside; `top` is moved to keep pointing at the same
    /// line.
    pub fn settle(&mut self, top: &mut usize) {
        if !self.windowed {
            return;
        }
        while *top < MARGIN {
            match self.prepend() {
                Some(added) => *top += added,
                None => break,
            }
        }
        while self.lines.len().saturating_sub(*top) < 2 * MARGIN && self.append() {}
        while let Some(&(_, count)) = self.units.front() {
            if self.units.len() < 2 || *top < 2 * MARGIN + count {
                break;
            }
            self.drop_front();
            *top -= count;
        }
        while let Some(&(_, count)) = self.units.back() {
            if self.units.len() < 2 || self.lines.len() < *top + 3 * MARGIN + count {
                break;
            }
            self.drop_back();
        }
    }

    /// True when the first line of the document is laid out.
    pub fn at_start(&self) -> bool {
        self.units.front().is_none_or(|(u, _)| {
            *u == Unit {
                passage: 0,
                segment: 0,
            }
        })
    }

    /// True when the last line of the document is laid out.
    pub fn at_end(&self) -> bool {
        self.units
            .back()
            .is_none_or(|(u, _)| self.next(*u).is_none())
    }

    /// True when every line of the document is laid out.
    pub fn is_complete(&self) -> bool {
        self.at_start() && self.at_end()
    }

    /// True when text byte `byte` is inside the laid-out window.
    pub fn contains_byte(&self, byte: usize) -> bool {
        let (Some((first, _)), Some((last, _))) = (self.units.front(), self.units.back()) else {
            return true;
        };
        let start = if self.at_start() {
            0
        } else {
            self.unit_range(*first).start
        };
        let end = if self.at_end() {
            usize::MAX
        } else {
            self.unit_range(*last).end
        };
        (start..=end).contains(&byte)
    }

    /// How many passages the document has.
    pub fn passage_count(&self) -> usize {
        self.passages.len()
    }

    /// The length of the document's text in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// True when passage `index` starts inside the window.
    pub fn has_passage_start(&self, index: usize) -> bool {
        self.starts
            .binary_search_by_key(&index, |&(p, _)| p)
            .is_ok()
    }

    /// The text byte where passage `index` starts.
    pub fn passage_byte(&self, index: usize) -> usize {
        self.passages.get(index).map_or(0, |p| p.range.start)
    }

    /// The first line of passage `index`: 0 when it starts before the
    /// window (or is out of range), the window's end when it starts after.
    pub fn passage_start(&self, index: usize) -> usize {
        match self.starts.binary_search_by_key(&index, |&(p, _)| p) {
            Ok(i) => self.starts[i].1,
            Err(i) if i == self.starts.len() && !self.starts.is_empty() => {
                let after_window = self.units.back().is_some_and(|(u, _)| index > u.passage);
                if after_window { self.lines.len() } else { 0 }
            }
            Err(_) => 0,
        }
    }

    /// The last line of passage `index` (the window's last line when the
    /// passage runs on past it).
    pub fn passage_end(&self, index: usize) -> usize {
        let next = self
            .starts
            .binary_search_by_key(&(index + 1), |&(p, _)| p)
            .ok()
            .map(|i| self.starts[i].1);
        match next {
            Some(next) => {
                let mut end = next.saturating_sub(1);
                while end > 0 && self.lines.get(end).is_some_and(|l| l.passage.is_none()) {
                    end -= 1;
                }
                end
            }
            None => self.lines.len().saturating_sub(1),
        }
    }

    /// How many passages start at or before `line`, counting those that
    /// start before the window.
    pub fn passages_started_by(&self, line: usize) -> usize {
        match self.starts.partition_point(|&(_, l)| l <= line) {
            0 => self
                .units
                .front()
                .map_or(0, |(u, _)| u.passage + usize::from(u.segment > 0)),
            n => self.starts[n - 1].0 + 1,
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

    /// How many segments passage `index` is wrapped in.
    fn segments(&self, index: usize) -> usize {
        if self.hidden_group(index).is_some() {
            return 1;
        }
        let range = &self.passages[index].range;
        let len = range.end - range.start;
        let mut count = len.div_ceil(SEGMENT_BYTES).max(1);
        while count > 1 && self.segment_start(index, count - 1) >= range.end {
            count -= 1;
        }
        count
    }

    /// Where segment `segment` of passage `index` starts: just after the
    /// first space or line break at or past its nominal start, else at the
    /// next character.
    fn segment_start(&self, index: usize, segment: usize) -> usize {
        let range = &self.passages[index].range;
        let nominal = range.start + segment * SEGMENT_BYTES;
        if segment == 0 || nominal >= range.end {
            return nominal.min(range.end);
        }
        let bytes = self.text.as_bytes();
        let window = &bytes[nominal..(nominal + CUT_SEARCH).min(range.end)];
        match window.iter().position(|&b| b == b' ' || b == b'\n') {
            Some(i) => nominal + i + 1,
            None => (nominal..range.end)
                .find(|&i| self.text.is_char_boundary(i))
                .unwrap_or(range.end),
        }
    }

    /// The bytes of the text a unit covers.
    fn unit_range(&self, unit: Unit) -> Range<usize> {
        let range = &self.passages[unit.passage].range;
        let start = self.segment_start(unit.passage, unit.segment);
        let end = if unit.segment + 1 < self.segments(unit.passage) {
            self.segment_start(unit.passage, unit.segment + 1)
        } else {
            range.end
        };
        start..end
    }

    fn next(&self, unit: Unit) -> Option<Unit> {
        if unit.segment + 1 < self.segments(unit.passage) {
            Some(Unit {
                segment: unit.segment + 1,
                ..unit
            })
        } else {
            (unit.passage + 1 < self.passages.len()).then_some(Unit {
                passage: unit.passage + 1,
                segment: 0,
            })
        }
    }

    fn previous(&self, unit: Unit) -> Option<Unit> {
        if unit.segment > 0 {
            Some(Unit {
                segment: unit.segment - 1,
                ..unit
            })
        } else {
            let passage = unit.passage.checked_sub(1)?;
            Some(Unit {
                passage,
                segment: self.segments(passage) - 1,
            })
        }
    }

    /// The unit showing text byte `byte` (or the nearest before it).
    fn unit_at_byte(&self, byte: usize) -> Option<Unit> {
        if self.passages.is_empty() {
            return None;
        }
        let passage = self
            .passages
            .partition_point(|p| p.range.start <= byte)
            .saturating_sub(1);
        let start = self.passages[passage].range.start;
        let mut segment =
            (byte.saturating_sub(start) / SEGMENT_BYTES).min(self.segments(passage) - 1);
        while segment > 0 && self.segment_start(passage, segment) > byte {
            segment -= 1;
        }
        Some(Unit { passage, segment })
    }

    /// Lays out the unit after the window; false at the end of the text.
    fn append(&mut self) -> bool {
        let unit = match self.units.back() {
            Some(&(last, _)) => match self.next(last) {
                Some(unit) => unit,
                None => return false,
            },
            None if self.passages.is_empty() => return false,
            None => Unit {
                passage: 0,
                segment: 0,
            },
        };
        self.push_back(unit);
        true
    }

    fn push_back(&mut self, unit: Unit) {
        let before = self.lines.len();
        let mut lines = std::mem::take(&mut self.lines);
        let start = self.lay_out(unit, &mut lines);
        self.lines = lines;
        if let Some(line) = start {
            self.starts.push((unit.passage, line));
        }
        self.units.push_back((unit, self.lines.len() - before));
    }

    /// The line of each passage start in the window, in order.
    #[cfg(test)]
    pub fn passage_starts(&self) -> Vec<usize> {
        self.starts.iter().map(|&(_, line)| line).collect()
    }

    /// Appends the lines of `unit` to `lines`: the gap before its passage
    /// (for a passage's first segment), then its wrapped text. Returns the
    /// index in `lines` of the passage's first line, for a first segment.
    // One range per line is the shape, not a mistaken `0..n` collection.
    #[allow(clippy::single_range_in_vec_init)]
    fn lay_out(&mut self, unit: Unit, lines: &mut Vec<Line>) -> Option<usize> {
        let index = unit.passage;
        let passages = Arc::clone(&self.passages);
        let passage = &passages[index];
        if let Some(start) = self.hidden_group(index).map(|g| g.start) {
            return self.lay_out_fold(index, start, lines);
        }
        let range = self.unit_range(unit);
        let start = (unit.segment == 0).then(|| {
            // Items of one list sit on consecutive lines, like a printed list.
            let tight = index > 0 && same_list(&self.passages[..index], &passage.block);
            let gaps = if index > 0 && !tight { self.spacing } else { 0 };
            for _ in 0..gaps {
                lines.push(Line {
                    passage: None,
                    range: passage.range.start..passage.range.start,
                    indent: 0,
                    first: false,
                    fold: false,
                });
            }
            lines.len()
        });
        let width = self.width;
        let indent = indent_for(&passage.block).min(width.saturating_sub(1));
        let text_width = (width - indent).max(1);
        if passage.block == Block::Table
            && !self.blocks.scroll
            && unit.segment == 0
            && self.segments(index) == 1
            && self.lay_out_table(index, range.clone(), indent, lines)
        {
            return start;
        }
        let block = matches!(passage.block, Block::Code | Block::Table);
        let preformatted = matches!(passage.block, Block::Rule);
        let block_width = self.blocks.columns(width);
        let mut widest = 0;
        let mut first = unit.segment == 0;
        let mut offset = range.start;
        for source_line in self.text[range].split('\n') {
            let ranges = if block {
                let (ranges, columns) =
                    blocks::lay_out_line(source_line, block_width, self.blocks.scroll);
                widest = widest.max(columns);
                ranges
            } else if preformatted {
                vec![0..source_line.len()]
            } else {
                wrap_line(source_line, text_width)
            };
            for r in ranges {
                lines.push(Line {
                    passage: Some(index),
                    range: offset + r.start..offset + r.end,
                    indent: indent as u16,
                    first,
                    fold: false,
                });
                first = false;
            }
            offset += source_line.len() + 1;
        }
        if block {
            let columns = self.block_columns.entry(index).or_default();
            *columns = (*columns).max(widest);
        }
        start
    }

    /// Appends the fold line for a run of folded passages starting at
    /// `start` (nothing for the others in the run), after the gap before
    /// it; returns its index in `lines`.
    fn lay_out_fold(&self, index: usize, start: usize, lines: &mut Vec<Line>) -> Option<usize> {
        if index != start {
            return None;
        }
        let byte = self.passages[index].range.start;
        let gap = Line {
            passage: None,
            range: byte..byte,
            indent: 0,
            first: false,
            fold: false,
        };
        let gaps = if index > 0 { self.spacing } else { 0 };
        lines.extend(std::iter::repeat_n(gap, gaps));
        lines.push(Line {
            passage: Some(index),
            range: byte..byte,
            indent: 0,
            first: true,
            fold: true,
        });
        Some(lines.len() - 1)
    }

    /// Lays out table passage `index` (its text is `range`) with its cells
    /// wrapped, when it is wider than the room for blocks; false when it
    /// fits as it is or cannot be read as columns.
    fn lay_out_table(
        &mut self,
        index: usize,
        range: Range<usize>,
        indent: usize,
        lines: &mut Vec<Line>,
    ) -> bool {
        let width = self.blocks.columns(self.width);
        let text = &self.text[range.clone()];
        if text.split('\n').all(|l| columns(l) <= width) {
            return false;
        }
        let Some(rows) = table::lay_out(text, range.start, width) else {
            return false;
        };
        let mut widest = 0;
        for (i, row) in rows.into_iter().enumerate() {
            let shown = table::span(&row).unwrap_or(range.start..range.start);
            let used: usize = row.iter().map(|(_, w)| w).sum();
            widest = widest.max(
                used + columns(crate::markup::table::COLUMN_SEPARATOR)
                    * row.len().saturating_sub(1),
            );
            lines.push(Line {
                passage: Some(index),
                range: shown.clone(),
                indent: indent as u16,
                first: i == 0,
                fold: false,
            });
            self.table_rows.insert(shown.start, row);
        }
        self.block_columns.insert(index, widest);
        true
    }

    /// Lays out the unit before the window; the number of lines added, or
    /// None at the start of the text.
    fn prepend(&mut self) -> Option<usize> {
        let &(first, _) = self.units.front()?;
        let unit = self.previous(first)?;
        let mut lines = Vec::new();
        let start = self.lay_out(unit, &mut lines);
        let added = lines.len();
        self.lines.splice(0..0, lines);
        for s in &mut self.starts {
            s.1 += added;
        }
        if let Some(line) = start {
            self.starts.insert(0, (unit.passage, line));
        }
        self.units.push_front((unit, added));
        Some(added)
    }

    fn drop_front(&mut self) {
        let Some((_, count)) = self.units.pop_front() else {
            return;
        };
        self.lines.drain(..count);
        self.starts.retain(|&(_, line)| line >= count);
        for s in &mut self.starts {
            s.1 -= count;
        }
    }

    fn drop_back(&mut self) {
        let Some((_, count)) = self.units.pop_back() else {
            return;
        };
        let keep = self.lines.len() - count;
        self.lines.truncate(keep);
        self.starts.retain(|&(_, line)| line < keep);
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
fn same_list(before: &[Passage], block: &Block) -> bool {
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

/// Lays all of `doc` out at `width` columns (at least 1), one blank line
/// between passages.
pub fn layout(doc: &Document, width: usize) -> Layout {
    layout_spaced(doc, width, DEFAULT_SPACING)
}

/// Lays all of `doc` out at `width` columns with `spacing` blank lines
/// between passages (items of one list stay on consecutive lines), however
/// big it is.
pub fn layout_spaced(doc: &Document, width: usize, spacing: usize) -> Layout {
    Layout::build(&doc.text, &doc.passages, width, spacing, false, 0)
}

/// Wraps one line of text, returning byte ranges of `line`.
#[allow(clippy::single_range_in_vec_init)]
fn wrap_line(line: &str, width: usize) -> Vec<Range<usize>> {
    if columns(line) <= width {
        return vec![0..line.trim_end().len()];
    }
    let options = Options::new(width)
        .word_separator(WordSeparator::Custom(breaks::prose_words))
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
    if columns(text) <= width {
        return vec![range];
    }
    let mut pieces = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, grapheme) in text.grapheme_indices(true) {
        let w = columns(grapheme);
        if used + w > width && at > start {
            pieces.push(range.start + start..range.start + at);
            (start, used) = (at, 0);
        }
        used += w;
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
        assert_eq!(l.passage_starts(), vec![0, 4]);
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
    fn ligatures_are_measured_as_the_terminal_draws_them() {
        // unicode-width counts an Arabic lam-alef as one column; terminals
        // draw its two letters in two, and so does ratatui (two graphemes).
        let d = doc(&format!("T\n\n{}", "\u{644}\u{627}".repeat(8)));
        for width in [5, 10, 15] {
            for line in shown(&d, &layout(&d, width)) {
                let drawn = crate::sanitize::columns(&line);
                assert!(
                    drawn <= width,
                    "width {width}: {line:?} is drawn in {drawn}"
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
    fn c_plus_plus_and_urls_are_not_broken_in_prose() {
        let d = doc("T\n\nwritten in C++ and at https://example.com/a/b today");
        assert_eq!(
            shown(&d, &layout(&d, 27)),
            vec!["written in C++ and at", "https://example.com/a/b", "today"]
        );
        assert_eq!(
            shown(&d, &layout(&d, 13)),
            vec![
                "written in",
                "C++ and at",
                "https://examp",
                "le.com/a/b",
                "today"
            ]
        );
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
        assert_eq!(airy.passage_starts(), vec![0, 4, 8]);
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
