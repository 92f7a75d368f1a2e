//! The writer both markup parsers drive: it turns block and inline events
//! into sanitized display text, passages and style spans.
//!
//! Passages open lazily, when the first visible text of a block arrives, so
//! empty blocks (an empty `<p>`, a `<div>` of whitespace) leave no trace. The
//! kind of a passage comes from the containers open at that moment: code and
//! headings win, otherwise the innermost list item or quote.

mod inline;
mod script;
pub(crate) use script::Script;

use super::MAX_DISPLAY_DEPTH;
use super::Parsed;
use super::table::{Align, Table};
use crate::document::{Block, Passage, SpanStyle, StyleSpan};
use crate::sanitize::{sanitize, sanitize_line};

/// The text of a thematic break.
const RULE_TEXT: &str = "───";
/// Before the label of a `<details>` block.
const SUMMARY_MARK: &str = "▸ ";
/// Separators of a row of links or notes: a paragraph of nothing else is
/// what remains of one whose parts were dropped. Not dashes: a lone `—`
/// is a scene break or a value of "none".
const LEFTOVER: &[char] = &['·', '•', '|'];

/// A paragraph of separators and spaces only (at least one separator).
fn is_leftover(body: &str) -> bool {
    body.contains(LEFTOVER)
        && body
            .chars()
            .all(|c| c == ' ' || c == '\n' || LEFTOVER.contains(&c))
}
/// Shown in place of an image, before its alt text.
pub(super) const IMAGE_OPEN: &str = "[image: ";

#[derive(Debug)]
struct OpenPassage {
    /// Where the passage's text starts.
    start: usize,
    /// Where the blank line before it starts: the text is cut back here if
    /// the passage turns out empty.
    separator: usize,
    line: usize,
    block: Block,
    /// Index of the first span that belongs to this passage.
    first_span: usize,
}

#[derive(Debug)]
struct OpenStyle {
    style: SpanStyle,
    /// Start of the styled text in the open passage; `None` until a passage
    /// opens. Styles that straddle passages are split at their boundaries.
    start: Option<usize>,
    /// Inline styles mean nothing inside code blocks and tables.
    active: bool,
}

#[derive(Debug)]
struct OpenLink {
    url: String,
    /// Where the link text starts, if a passage was open.
    start: Option<usize>,
    passages_before: usize,
}

#[derive(Debug)]
enum Container {
    Item {
        depth: u8,
        marker: String,
        used: bool,
    },
    Quote,
}

#[derive(Debug)]
struct List {
    ordered: bool,
    next: u64,
}

/// Accumulates one parsed article; see the module docs.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    passages: Vec<Passage>,
    spans: Vec<StyleSpan>,
    open: Option<OpenPassage>,
    styles: Vec<OpenStyle>,
    links: Vec<OpenLink>,
    /// The links closed so far and the element ids seen.
    found: crate::links::Links,
    /// Markdown: headings get GitHub-style slug ids; each slug's uses.
    slug_headings: bool,
    slugs: std::collections::HashMap<String, usize>,
    lists: Vec<List>,
    containers: Vec<Container>,
    quote_depth: usize,
    heading: Option<u8>,
    code: usize,
    line: Option<usize>,
    last_line: usize,
    /// HTML whitespace seen but not yet written: it becomes one space only
    /// if more text follows in the same passage.
    pending_space: bool,
    title: Option<String>,
    capture: Option<String>,
    /// Images open: their alt text is not a heading's title (a README's
    /// first heading is often its name followed by badges).
    images: usize,
    /// Where each open image's text starts (none inside a table) and
    /// whether its source is a badge's.
    image_starts: Vec<(Option<usize>, bool)>,
    /// The images written, for telling badge rows (see [`super::badges`]).
    image_marks: Vec<super::badges::ImageMark>,
    table: Option<Table>,
    /// Tables nested in the one being read; their cells are flattened.
    nested_tables: usize,
    /// An open superscript or subscript, whose text is held back.
    script: Option<script::OpenScript>,
    /// A `<summary>` began and its mark waits for the summary's first
    /// text, so it leads that line even when a block (a heading, a
    /// section) opens first.
    summary_mark: bool,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder {
            last_line: 1,
            ..Builder::default()
        }
    }

    /// A builder with room for `bytes` of text and `spans` style spans
    /// made at once: growing them by doubling leaves the freed smaller
    /// copies behind in the heap. Room never written to costs no memory.
    pub(crate) fn with_capacity(bytes: usize, spans: usize) -> Builder {
        Builder {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(spans),
            ..Builder::new()
        }
    }

    /// The source line of the next block (overrides earlier offers).
    pub(crate) fn set_line(&mut self, line: usize) {
        self.line = Some(line);
    }

    /// A source line for the next passage, unless a block start gave one.
    pub(crate) fn offer_line(&mut self, line: usize) {
        if self.open.is_none() && self.line.is_none() {
            self.line = Some(line);
        }
    }

    /// How many passages are written, the open one ended first.
    pub(crate) fn passages_written(&mut self) -> usize {
        self.boundary();
        self.passages.len()
    }

    /// Ends the open passage: something block-level starts or ends here.
    pub(crate) fn boundary(&mut self) {
        if self.table.is_some() {
            self.pending_space = true;
            return;
        }
        let Some(open) = self.open.take() else {
            return;
        };
        let end = self.text.len();
        for i in 0..self.styles.len() {
            if let Some(start) = self.styles[i].start.take()
                && self.styles[i].active
            {
                self.push_span(start..end, self.styles[i].style);
            }
        }
        let body = &self.text[open.start..];
        let kept = match open.block {
            Block::Code => body.trim_end_matches('\n').len(),
            // What is left of a row of links once they are dropped
            // ("1.0 · Source" without its parts) says nothing.
            Block::Paragraph if is_leftover(body) => 0,
            _ => body.trim_end_matches([' ', '\n']).len(),
        };
        let end = open.start + kept;
        self.text.truncate(end);
        let tail = self.spans.split_off(open.first_span.min(self.spans.len()));
        self.spans
            .extend(tail.into_iter().filter_map(|s| s.cut(end)));
        self.pending_space = false;
        if kept == 0 {
            self.text.truncate(open.separator);
            // Links in what was dropped would point at the next passage.
            self.found.drop_from(open.start);
            return;
        }
        if self.slug_headings
            && matches!(open.block, Block::Heading(_))
            && self.found.ids.len() < crate::links::MAX_IDS
        {
            let slug = crate::links::slug(&self.text[open.start..], &mut self.slugs);
            self.found.ids.push((slug, open.start));
        }
        self.passages.push(Passage {
            range: open.start..self.text.len(),
            line: open.line,
            block: open.block,
        });
    }

    pub(crate) fn start_list(&mut self, start: Option<u64>) {
        self.boundary();
        self.lists.push(List {
            ordered: start.is_some(),
            next: start.unwrap_or(1),
        });
    }

    pub(crate) fn end_list(&mut self) {
        self.boundary();
        self.lists.pop();
    }

    /// Opens a list item; `value` overrides its number in an ordered list.
    pub(crate) fn start_item(&mut self, value: Option<u64>) {
        self.boundary();
        let depth = cap_depth(self.lists.len().saturating_sub(1));
        let marker = match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let number = value.unwrap_or(list.next);
                list.next = number.saturating_add(1);
                format!("{number}.")
            }
            _ if depth.is_multiple_of(2) => "•".to_string(),
            _ => "◦".to_string(),
        };
        self.containers.push(Container::Item {
            depth,
            marker,
            used: false,
        });
    }

    pub(crate) fn end_item(&mut self) {
        self.boundary();
        self.containers.pop();
    }

    pub(crate) fn start_quote(&mut self) {
        self.boundary();
        self.containers.push(Container::Quote);
        self.quote_depth += 1;
    }

    pub(crate) fn end_quote(&mut self) {
        self.boundary();
        self.containers.pop();
        self.quote_depth = self.quote_depth.saturating_sub(1);
    }

    /// Opens a heading; with `title`, its text becomes the title unless an
    /// earlier heading already gave one.
    pub(crate) fn start_heading(&mut self, level: u8, title: bool) {
        self.boundary();
        self.heading = Some(level.clamp(1, 6));
        if title && self.title.is_none() && self.table.is_none() {
            self.capture = Some(String::new());
        }
    }

    pub(crate) fn end_heading(&mut self) {
        self.boundary();
        self.heading = None;
        if let Some(captured) = self.capture.take() {
            let captured = captured.trim();
            if !captured.is_empty() {
                self.title = Some(captured.to_string());
            }
        }
    }

    pub(crate) fn start_code(&mut self) {
        self.boundary();
        self.code += 1;
    }

    pub(crate) fn end_code(&mut self) {
        self.boundary();
        self.code = self.code.saturating_sub(1);
    }

    pub(crate) fn rule(&mut self) {
        self.emit_block(Block::Rule, RULE_TEXT);
    }

    /// Opens the label of a `<details>` block (its `<summary>`): a passage
    /// of its own that says, with a triangle, that it heads what follows.
    pub(crate) fn start_summary(&mut self) {
        self.boundary();
        self.summary_mark = true;
    }

    /// A `<summary>` ends: one with no text of its own gets no mark.
    pub(crate) fn end_summary(&mut self) {
        self.summary_mark = false;
        self.boundary();
    }

    /// Inline text that needs no whitespace processing (Markdown): one line,
    /// or verbatim lines inside code.
    pub(crate) fn text(&mut self, raw: &str) {
        if self.code > 0 && self.table.is_none() {
            self.put(&sanitize(raw), false);
        } else {
            self.put(&sanitize_line(raw), true);
        }
    }

    /// Inline text with HTML whitespace rules: runs of whitespace collapse
    /// to one space, dropped at passage edges; kept as is inside `<pre>`.
    pub(crate) fn words(&mut self, raw: &str) {
        if self.code > 0 && self.table.is_none() {
            self.put(&sanitize(raw), false);
            return;
        }
        for (i, word) in raw.split(is_html_space).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if !word.is_empty() {
                self.put(&sanitize_line(word), true);
            }
        }
    }

    pub(crate) fn soft_break(&mut self) {
        if self.open.is_some() || self.table.is_some() {
            self.pending_space = true;
        }
    }

    /// A line break inside a passage; never a blank line, which would split
    /// the passage for plain-text processing.
    pub(crate) fn hard_break(&mut self) {
        if self.code > 0 && self.table.is_none() {
            self.put("\n", false);
        } else if self.table.is_some() {
            self.pending_space = true;
        } else if let Some(open) = &self.open {
            if self.text.len() > open.start && !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.pending_space = false;
        }
    }

    pub(crate) fn start_table(&mut self, aligns: Vec<Align>) {
        if self.table.is_some() {
            self.nested_tables += 1;
            self.pending_space = true;
            return;
        }
        self.boundary();
        self.table = Some(Table::new(aligns));
    }

    pub(crate) fn end_table(&mut self) {
        if self.nested_tables > 0 {
            self.nested_tables -= 1;
            self.pending_space = true;
            return;
        }
        if let Some(table) = self.table.take() {
            let rendered = table.render();
            self.emit_block(Block::Table, &rendered);
        }
    }

    pub(crate) fn start_row(&mut self, header: bool) {
        self.pending_space = false;
        match &mut self.table {
            Some(table) if self.nested_tables == 0 => table.start_row(header),
            _ => self.pending_space = true,
        }
    }

    pub(crate) fn end_row(&mut self) {
        if let Some(table) = self.table.as_mut().filter(|_| self.nested_tables == 0) {
            table.end_row();
        }
    }

    pub(crate) fn start_cell(&mut self, header: bool) {
        self.pending_space = false;
        match &mut self.table {
            Some(table) if self.nested_tables == 0 => table.start_cell(header),
            _ => self.pending_space = true,
        }
    }

    pub(crate) fn end_cell(&mut self) {
        if let Some(table) = self.table.as_mut().filter(|_| self.nested_tables == 0) {
            table.end_cell();
        }
    }

    /// Everything written, with spans sorted by start.
    pub(crate) fn finish(mut self) -> Parsed {
        self.nested_tables = 0;
        self.end_table();
        self.boundary();
        self.spans.sort_by_key(StyleSpan::start);
        self.found.clamp(self.text.len());
        Parsed {
            title: self.title,
            text: self.text,
            passages: self.passages,
            spans: self.spans,
            metadata: Default::default(),
            folds: Vec::new(),
            whole_page: None,
            links: self.found,
            images: self.image_marks,
        }
    }

    /// A whole block of already sanitized text (a rule, a table).
    fn emit_block(&mut self, block: Block, text: &str) {
        self.boundary();
        if text.is_empty() || self.table.is_some() {
            return;
        }
        self.open_passage(Some(block));
        self.text.push_str(text);
        self.boundary();
    }

    /// Appends sanitized text to the open passage or table cell, opening a
    /// passage if needed; `capture` says it is visible text (for titles).
    fn put(&mut self, clean: &str, capture: bool) {
        if self.hold_script(clean) {
            return;
        }
        if let Some(table) = &mut self.table {
            table.push(clean, std::mem::take(&mut self.pending_space));
            return;
        }
        if self.open.is_none() {
            self.open_passage(None);
        }
        self.flush_space();
        if std::mem::take(&mut self.summary_mark) && self.code == 0 {
            let start = self.text.len();
            self.text.push_str(SUMMARY_MARK);
            self.push_span(start..self.text.len(), SpanStyle::Dim);
        }
        crate::sanitize::push_apart(&mut self.text, clean);
        let capture = capture && self.images == 0;
        if let Some(title) = self.capture.as_mut().filter(|_| capture) {
            title.push_str(clean);
        }
    }

    /// Writes a pending collapsed space, unless at the start of a line.
    fn flush_space(&mut self) {
        if !std::mem::take(&mut self.pending_space) {
            return;
        }
        let Some(open) = &self.open else { return };
        if self.text.len() > open.start && !self.text.ends_with(['\n', ' ']) {
            self.text.push(' ');
            if let Some(title) = self.capture.as_mut() {
                title.push(' ');
            }
        }
    }

    fn open_passage(&mut self, block: Option<Block>) {
        let block = block.unwrap_or_else(|| self.current_block());
        let separator = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        let line = self.line.take().unwrap_or(self.last_line);
        self.last_line = line;
        for style in &mut self.styles {
            style.start = Some(start);
        }
        self.pending_space = false;
        self.open = Some(OpenPassage {
            start,
            separator,
            line,
            block,
            first_span: self.spans.len(),
        });
    }

    /// The kind of a passage opening now.
    fn current_block(&mut self) -> Block {
        if self.code > 0 {
            return Block::Code;
        }
        if let Some(level) = self.heading {
            return Block::Heading(level);
        }
        match self.containers.last_mut() {
            Some(Container::Item {
                depth,
                marker,
                used,
            }) => {
                // Later paragraphs of the same item hang under it unmarked.
                let marker = if *used { String::new() } else { marker.clone() };
                *used = true;
                Block::ListItem {
                    depth: *depth,
                    marker,
                }
            }
            Some(Container::Quote) => Block::Quote {
                depth: cap_depth(self.quote_depth).max(1),
            },
            None => Block::Paragraph,
        }
    }

    /// Records a span, without the spaces at its edges.
    fn push_span(&mut self, range: std::ops::Range<usize>, style: SpanStyle) {
        let Some(slice) = self.text.get(range.clone()) else {
            return;
        };
        let start = range.start + (slice.len() - slice.trim_start_matches([' ', '\n']).len());
        let end = range.end - (slice.len() - slice.trim_end_matches([' ', '\n']).len());
        if start < end {
            self.spans.extend(StyleSpan::new(start..end, style));
        }
    }
}

fn cap_depth(depth: usize) -> u8 {
    depth.min(usize::from(MAX_DISPLAY_DEPTH)) as u8
}

/// HTML's ASCII whitespace: what collapses between words.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}
