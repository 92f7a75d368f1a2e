//! The whole model of a running quire: documents, the filtered list, the
//! reading view, bookmarks, overlays and status. No I/O happens here, and no
//! flag asks for any: [`crate::update`] changes the model and returns what
//! is to be done; [`crate::ui`] draws it.

use crate::action::Action;
use crate::bookmarks::{Bookmarks, Resolved};
use crate::corpus::LoadProblem;
use crate::document::{Document, Measure};
use crate::keymap::{Keymap, Mode};
use crate::layout::{self, Panes, ReaderArea, Single};
use crate::line_edit::LineEdit;
use crate::reader::{Position, Reader};
use crate::search::{self, Hit, Query};
use crate::store::{DocId, DocStore};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::sync::Arc;

/// The default reading measure, in columns.
pub const DEFAULT_MEASURE: u16 = 80;
/// How long a status message stays, in ticks (about a quarter second each).
pub const MESSAGE_TICKS: u16 = 16;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Filter,
}

/// A view drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// `query` narrows the lines to those whose keys or description
    /// hold every word of it.
    Help {
        scroll: usize,
        query: String,
    },
    /// `selected` indexes the rows that match `query`.
    Bookmarks {
        selected: usize,
        query: String,
    },
    /// The open document's headings (or passages), filtered by `query`.
    Outline {
        selected: usize,
        query: String,
    },
    /// The open document's links, filtered by `query`; only those of
    /// passage `passage` when picking among a passage's links.
    Links {
        selected: usize,
        query: String,
        passage: Option<usize>,
    },
    /// The whole quote and note of bookmark `index`, shown from the
    /// bookmarks view (row `selected` under `query`) when it cannot open.
    Quote {
        index: usize,
        selected: usize,
        query: String,
    },
}

/// What an input line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// The note of the bookmark with this id.
    Note { id: String },
    /// The note of a bookmark not made yet, on passages `first..=last` of
    /// document `doc`: made on Enter, never on Esc.
    NewNote {
        doc: DocId,
        first: usize,
        last: usize,
    },
    /// The filter of the bookmarks view or the outline.
    OverlayFilter,
    /// A search inside the open document.
    DocumentSearch,
    /// The help overlay's filter.
    HelpFilter,
}

/// An input line in use, drawn in place of the filter line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub line: LineEdit,
}

/// A transient message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    pub ticks_left: u16,
}

/// The whole application state.
#[derive(Debug, Clone)]
pub struct App {
    /// Every document open, shared with the loader and the search thread.
    pub docs: DocStore,
    /// Where each document lives, for the list's place column.
    pub places: crate::places::Places,
    pub problems: Vec<LoadProblem>,
    pub keymap: Keymap,
    pub bookmarks: Bookmarks,
    /// Where each bookmark is among `docs` (parallel to `bookmarks.items`).
    pub resolved: Vec<Option<Resolved>>,
    /// The bookmarks found in each document (indices into `resolved`),
    /// so a drawn row asks a map, not every bookmark.
    marked: HashMap<DocId, Vec<usize>>,
    /// The list as filtered and ranked.
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// First visible row of the list.
    pub list_offset: usize,
    pub filter: LineEdit,
    pub focus: Focus,
    pub overlay: Overlay,
    /// A note or bookmarks filter being typed.
    pub input: Option<Input>,
    /// The clock, in milliseconds since the Unix epoch (set by ticks).
    pub now: u64,
    pub reader: Reader,
    /// Where the reader was in each document this session.
    pub positions: HashMap<DocId, Position>,
    pub status: Option<Status>,
    /// The id of the last bookmark deleted, for undo.
    pub undo: Option<String>,
    /// The bookmark being opened while its document is read from disk.
    pub opening: Option<String>,
    /// Bookmarks that could not be opened (id, why): their file is gone or
    /// their passage is no longer in it.
    pub unopenable: Vec<(String, String)>,
    /// Notes are not drawn under their passages.
    pub hide_notes: bool,
    /// Window size in columns and rows.
    pub size: (u16, u16),
    pub measure: u16,
    /// The colours in use (config `theme`, `[colors]`, `NO_COLOR`).
    pub theme: crate::theme::Theme,
    /// Whether to capture the mouse (config `mouse`).
    pub mouse: bool,
    /// The list/reader split and focus mode, kept between sessions.
    pub split: crate::layout::Split,
    /// The pane divider is being dragged with the mouse.
    pub dragging: bool,
    /// How many times bookmarks were re-anchored to edited or moved
    /// documents without an action asking for it; `update()` asks for a
    /// save when it grows.
    pub reanchored: u64,
    /// The query the listed hits answer: the reader highlights its matches
    /// and snippets are made for it. Parsed once, on the filter line's
    /// change, and shared with the search that ranks it.
    pub query: Arc<Query>,
    /// The query of `search_generation`, listed once its results arrive.
    pub pending_query: Arc<Query>,
    /// Bumped on every filter change; results for older ones are dropped.
    pub search_generation: u64,
    /// The generation of the results listed: the same query answered again
    /// (more documents were read) keeps the selection where the user left it.
    pub shown_generation: u64,
    /// The user moved the selection since the filter last changed: the
    /// results of the new query, when they come, keep the row moved to.
    pub selection_moved: bool,
    /// A search is running for the current filter.
    pub searching: bool,
    /// Files are still being read in the background.
    pub loading: bool,
    /// How many leading hits carry snippets and best passages.
    pub described: usize,
    /// Where the reader was in each document, kept between sessions.
    pub reading: crate::positions::Positions,
    /// How many times `reading` changed; `update()` asks for a save when
    /// it grows.
    pub reading_changes: u64,
    /// Why the last save of the reading positions failed, until one
    /// succeeds (said on stderr at the end).
    pub positions_error: Option<String>,
    /// An action waiting for document `.0` to be measured (its hash names
    /// it in a bookmark): done when the measure arrives, so no keypress
    /// hashes a big file.
    pub after_measure: Option<(DocId, Action)>,
    /// Mixed into new bookmark ids so two quires bookmarking the same
    /// passage in the same millisecond make different ids (set by the
    /// program at start; the process id does).
    pub id_seed: u64,
    /// Why the last save of the bookmarks failed, until one succeeds: it is
    /// tried again at quit, and said on stderr if it still fails.
    pub bookmarks_error: Option<String>,
    /// The user asked to quit while the bookmarks were not saved and was
    /// told; asking again quits without them.
    pub quit_asked: bool,
    /// Where links were followed from, latest last (`Backspace` goes back).
    pub link_history: Vec<crate::links::Visit>,
    /// The program that opens links quire does not show (config `opener`;
    /// empty for the system's).
    pub opener: Vec<String>,
    /// The documents in path order and how many there were when it was
    /// made: clearing the filter of a big library lists them again
    /// without sorting them again. Paths never change, so only new
    /// documents make it stale.
    path_order: Option<(usize, Vec<DocId>)>,
}

impl App {
    pub fn new(docs: Vec<Document>, problems: Vec<LoadProblem>, bookmarks: Bookmarks) -> App {
        let mut docs = docs;
        let places = crate::places::Places::naming_sites(&mut docs);
        let docs = DocStore::new(docs);
        let hits = search::all(&docs);
        let mut app = App {
            places,
            docs,
            problems,
            keymap: Keymap::default(),
            resolved: Vec::new(),
            marked: HashMap::new(),
            bookmarks,
            hits,
            selected: 0,
            list_offset: 0,
            filter: LineEdit::default(),
            focus: Focus::List,
            overlay: Overlay::None,
            input: None,
            // The clock starts with the first tick.
            now: 0,
            reader: Reader::default(),
            positions: HashMap::new(),
            status: None,
            undo: None,
            opening: None,
            unopenable: Vec::new(),
            hide_notes: false,
            size: (80, 24),
            measure: DEFAULT_MEASURE,
            theme: crate::theme::Theme::default(),
            mouse: true,
            split: crate::layout::Split::default(),
            dragging: false,
            reanchored: 0,
            query: Arc::default(),
            pending_query: Arc::default(),
            search_generation: 0,
            shown_generation: 0,
            selection_moved: false,
            searching: false,
            loading: false,
            described: 0,
            reading: Default::default(),
            reading_changes: 0,
            positions_error: None,
            after_measure: None,
            id_seed: 0,
            bookmarks_error: None,
            quit_asked: false,
            link_history: Vec::new(),
            opener: Vec::new(),
            path_order: None,
        };
        // Found, not re-anchored: that dates the bookmarks, and the clock
        // starts with the first tick (see update()).
        app.resolved = app.bookmarks.resolve(&app.docs);
        app.report_problems();
        app.preview_selected();
        app
    }

    /// Why bookmark `id` cannot be opened, if that is known.
    pub fn why_unopenable(&self, id: &str) -> Option<String> {
        self.unopenable
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, why)| why.clone())
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        if self.input.is_some() {
            return Mode::Input;
        }
        match (&self.overlay, self.focus) {
            (Overlay::Help { .. }, _) => Mode::Help,
            (Overlay::Bookmarks { .. } | Overlay::Quote { .. }, _) => Mode::Bookmarks,
            (Overlay::Outline { .. }, _) => Mode::Outline,
            (Overlay::Links { .. }, _) => Mode::Links,
            (Overlay::None, Focus::List) => Mode::List,
            (Overlay::None, Focus::Reader) => Mode::Reader,
            (Overlay::None, Focus::Filter) => Mode::Filter,
        }
    }

    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The pane shown when only one fits.
    pub fn single(&self) -> Single {
        if self.focus == Focus::Reader {
            Single::Reader
        } else {
            Single::List
        }
    }

    pub fn panes(&self) -> Option<Panes> {
        layout::panes(self.area(), self.single(), self.split)
    }

    /// The reading view's text area; assumes a side-by-side or reader layout
    /// so widths stay stable while the list has focus on a narrow window.
    pub fn reader_area(&self) -> ReaderArea {
        let panes = layout::panes(self.area(), Single::Reader, self.split);
        let pane = panes.and_then(|p| p.reader).unwrap_or_default();
        layout::reader_area(pane, self.measure)
    }

    /// Text columns and rows of the reading view.
    pub fn reader_size(&self) -> (usize, usize) {
        let text = self.reader_area().text;
        (text.width as usize, (text.height as usize).max(1))
    }

    /// Columns code and tables may take in the reading view.
    pub fn block_width(&self) -> usize {
        self.reader_area().wide.width as usize
    }

    /// Rows of the document list.
    /// How many results fit in the list.
    pub fn list_height(&self) -> usize {
        let pane = layout::panes(self.area(), Single::List, self.split)
            .and_then(|p| p.list)
            .unwrap_or_default();
        (pane.height.saturating_sub(2) as usize / self.row_height()).max(1)
    }

    /// Screen lines per list row: with a query each result has a second
    /// line showing why it matched.
    pub fn row_height(&self) -> usize {
        if self.query.is_empty() { 1 } else { 2 }
    }

    /// The document under the list selection.
    pub fn selected_doc(&self) -> Option<DocId> {
        self.hits.get(self.selected).map(|h| h.doc)
    }

    /// The document the reading view shows while the user reads it (not a
    /// preview): it stays what they read when the list is remade under it.
    pub fn reading_doc(&self) -> Option<DocId> {
        self.reader.doc.filter(|_| self.focus == Focus::Reader)
    }

    /// True when `doc` holds at least one bookmark.
    pub fn has_bookmarks(&self, doc: DocId) -> bool {
        self.marked.contains_key(&doc)
    }

    /// Passages of `doc` that are bookmarked.
    pub fn bookmarked_passages(&self, doc: DocId) -> Vec<usize> {
        let found = self.marked.get(&doc).into_iter().flatten();
        found
            .filter_map(|&i| self.resolved.get(i).copied().flatten())
            .flat_map(|r| r.passage..=r.passage_end)
            .collect()
    }

    /// Remakes [`marked`](Self::marked) from `resolved`.
    fn index_marks(&mut self) {
        self.marked.clear();
        for (i, r) in self.resolved.iter().enumerate() {
            if let Some(r) = r {
                self.marked.entry(r.doc).or_default().push(i);
            }
        }
    }

    /// Bookmark indices in the order the bookmarks view lists them: found
    /// ones by document title then passage, then the ones not found; only
    /// those matching the view's filter (every word, in the title, quote or
    /// note, ignoring case).
    pub fn bookmark_rows(&self) -> Vec<usize> {
        let query = match &self.overlay {
            Overlay::Bookmarks { query, .. } => query.to_lowercase(),
            _ => String::new(),
        };
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut rows: Vec<usize> = self
            .bookmarks
            .live()
            .filter(|&i| {
                let b = &self.bookmarks.items[i];
                let haystack = format!("{} {} {}", self.bookmark_title(i), b.anchor.exact, b.note)
                    .to_lowercase();
                words.iter().all(|w| haystack.contains(w))
            })
            .collect();
        rows.sort_by_key(|&i| match self.resolved.get(i).copied().flatten() {
            Some(r) => (0, self.docs[r.doc].title.clone(), r.passage, i),
            None => (1, self.bookmarks.items[i].document.title.clone(), 0, i),
        });
        rows
    }

    /// The outline of the open document: (passage, depth, label) for each
    /// heading, or for each passage (its first words) when it has none;
    /// only entries matching the outline's filter.
    pub fn outline_rows(&self) -> Vec<(usize, u8, String)> {
        let Some(doc) = self.reader.doc.map(|d| &self.docs[d]) else {
            return Vec::new();
        };
        let query = match &self.overlay {
            Overlay::Outline { query, .. } => query.to_lowercase(),
            _ => String::new(),
        };
        let headings: Vec<(usize, u8)> = doc
            .passages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p.block {
                crate::document::Block::Heading(level) => Some((i, level)),
                _ => None,
            })
            .collect();
        let entries: Vec<(usize, u8)> = if headings.is_empty() {
            (0..doc.passages.len()).map(|i| (i, 1)).collect()
        } else {
            headings
        };
        entries
            .into_iter()
            .map(|(i, level)| {
                let words: Vec<&str> = doc.passage_text(i).split_whitespace().take(16).collect();
                (
                    i,
                    level,
                    crate::document::truncate_words(&words.join(" "), 100),
                )
            })
            .filter(|(_, _, label)| {
                query
                    .split_whitespace()
                    .all(|w| label.to_lowercase().contains(w))
            })
            .collect()
    }

    /// Finds bookmarks in documents that just arrived (`first` and those
    /// after it), re-anchoring those whose document changed or moved.
    pub fn resolve_new_documents(&mut self, first: DocId) {
        if self.bookmarks.items.is_empty() {
            return;
        }
        self.resolve_among(first.0..self.docs.len());
    }

    /// Finds bookmarks not found yet among `docs`, re-anchoring those
    /// whose document changed or moved.
    fn resolve_among(&mut self, docs: std::ops::Range<usize>) {
        let found = self
            .bookmarks
            .resolve_new(&self.docs, docs, &mut self.resolved);
        self.index_marks();
        if found {
            let now = std::time::UNIX_EPOCH + std::time::Duration::from_millis(self.now);
            if self.bookmarks.reanchor(&self.docs, &self.resolved, now) {
                self.reanchored += 1;
            }
        }
    }

    /// Takes the word count and hash of document `doc` (listed unmeasured
    /// because it is big), then finds its bookmarks.
    pub fn document_measured(&mut self, doc: DocId, measure: Measure) {
        if self.docs.get(doc).is_some() {
            self.take_measure(doc, measure);
        }
    }

    /// True when `doc` is measured; else `action` is kept to be done
    /// once the loader's measure of it arrives (a bookmark needs the
    /// document's hash, which takes up to a second for a gigabyte: never
    /// on a keypress).
    pub fn measured_or_later(&mut self, doc: DocId, action: Action) -> bool {
        if self.docs[doc].is_measured() {
            return true;
        }
        self.after_measure = Some((doc, action));
        self.info("Still measuring this document: done as soon as it is measured");
        false
    }

    fn take_measure(&mut self, doc: DocId, measure: Measure) {
        if self.docs[doc].is_measured() {
            return;
        }
        self.docs.update(doc, |d| d.apply(measure));
        if !self.bookmarks.items.is_empty() {
            self.resolve_among(doc.0..doc.0 + 1);
        }
    }

    /// The title shown for bookmark `index`: its document's current title
    /// when it is open, else the one recorded with it.
    pub fn bookmark_title(&self, index: usize) -> &str {
        match self.resolved.get(index).copied().flatten() {
            Some(r) => &self.docs[r.doc].title,
            None => &self.bookmarks.items[index].document.title,
        }
    }

    /// Recomputes where bookmarks are; call after any bookmark change.
    /// Bookmarks whose document was edited or moved get their anchors
    /// brought up to date, and `unsaved` is set so the loop saves them.
    pub fn refresh_bookmarks(&mut self) {
        self.resolved = self.bookmarks.resolve(&self.docs);
        self.index_marks();
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_millis(self.now);
        if self.bookmarks.reanchor(&self.docs, &self.resolved, now) {
            self.reanchored += 1;
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            ticks_left: MESSAGE_TICKS,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        // Errors stay a little longer: they usually ask the user to act.
        self.status = Some(Status {
            text: text.into(),
            error: true,
            ticks_left: MESSAGE_TICKS * 3,
        });
    }

    pub fn report_problems(&mut self) {
        let skipped: Vec<&LoadProblem> = self.problems.iter().collect();
        match skipped.as_slice() {
            [] => {}
            [one] => {
                let text = one.to_string();
                self.error(text);
            }
            [first, rest @ ..] => {
                let text = format!(
                    "{first} (and {} more problems, listed on the terminal after quitting)",
                    rest.len()
                );
                self.error(text);
            }
        }
    }

    /// Shows the selected document in the reading view (the preview).
    /// With a query, the preview opens at the best matching passage with
    /// every match highlighted.
    pub fn preview_selected(&mut self) {
        self.describe_up_to(self.selected.max(self.list_offset + self.list_height()));
        let Some(hit) = self.hits.get(self.selected).cloned() else {
            self.remember_position();
            self.reader.close();
            return;
        };
        let reopened = self.reader.doc != Some(hit.doc);
        self.show_document(hit.doc);
        if self.query.is_empty() {
            if !self.reader.matches.is_empty() {
                self.reader.matches.clear();
                self.reader.current = None;
                self.reader.more_matches = false;
            }
            return;
        }
        let mut found = search::find_in_text_capped(&self.docs[hit.doc].text, &self.query);
        self.docs[hit.doc].keep_shown(&mut found.ranges);
        self.reader.keep_shown(&mut found.ranges);
        if !reopened && found.ranges == self.reader.matches {
            return;
        }
        (self.reader.matches, self.reader.more_matches) = (found.ranges, found.capped);
        self.reader.current = None;
        let (_, height) = self.reader_size();
        if let Some(best) = hit.best_passage {
            self.reader.jump_to_passage(best, height);
            let start = self.docs[hit.doc]
                .passages
                .get(best)
                .map_or(0, |p| p.range.start);
            let first = self.reader.matches.partition_point(|m| m.start < start);
            if first < self.reader.matches.len() {
                // Long passages: show the match itself, not just the start.
                self.reader.show_match(first, height);
            }
        }
    }

    /// Opens `doc` in the reading view where the reader last left it.
    pub fn show_document(&mut self, doc: DocId) {
        if self.reader.doc == Some(doc) {
            return;
        }
        self.remember_position();
        // Each document opens with its furniture folded.
        self.reader.whole_page = false;
        let (width, height) = self.reader_size();
        let position = self
            .positions
            .get(&doc)
            .copied()
            .or_else(|| self.stored_position(doc))
            .unwrap_or_default();
        self.reader.blocks.wide = self.block_width();
        self.reader.open(&self.docs, doc, width, position);
        self.reader.scroll(0, height);
    }

    /// Where the reader was in `doc` in an earlier session, found by the
    /// anchor of the passage that was at the top (so it survives edits).
    fn stored_position(&self, doc: DocId) -> Option<Position> {
        let document = &self.docs[doc];
        let (top, cursor) = self.reading.get(document)?.locate(document)?;
        let top_byte = document.passages.get(top)?.range.start;
        Some(Position { top_byte, cursor })
    }

    /// Records where the reader is in the open document, for this session
    /// and (saved by the event loop) for the next.
    pub fn remember_position(&mut self) {
        let (Some(doc), Some(position)) = (self.reader.doc, self.reader.position(&self.docs))
        else {
            return;
        };
        self.positions.insert(doc, position);
        // A preview while browsing the list is not reading: only the reading
        // view records progress.
        if self.focus != Focus::Reader {
            return;
        }
        let (_, height) = self.reader_size();
        let Some(top) = self
            .reader
            .layout
            .as_ref()
            .and_then(|l| l.passage_at(self.reader.top))
        else {
            return;
        };
        let progress = self.reader.percent(height).min(100) as u8;
        // Only a big document read within a second of loading is still
        // unmeasured: a record needs its hash, so it waits for the
        // loader's measure (a later tick records it).
        let document = &self.docs[doc];
        if !document.is_measured() {
            return;
        }
        let finished = progress >= 100 || self.reading.get(document).is_some_and(|p| p.finished);
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_millis(self.now);
        let changed = self.reading.get(document).is_none_or(|p| {
            p.anchor.passage != top
                || p.cursor != self.reader.cursor
                || p.progress != progress
                || p.finished != finished
        });
        if changed
            && let Some(record) = crate::positions::ReadingPosition::new(
                document,
                top,
                self.reader.cursor,
                progress,
                finished,
                now,
            )
        {
            self.reading.set(record);
            self.reading_changes += 1;
        }
    }

    /// How far the user got in `doc`: None when never opened.
    pub fn progress(&self, doc: DocId) -> Option<(u8, bool)> {
        self.reading
            .get(&self.docs[doc])
            .map(|p| (p.progress, p.finished))
    }

    /// Every document, in the order the user chose (`s`).
    pub fn unfiltered_hits(&mut self) -> Vec<Hit> {
        if self.split.sort == crate::sort::SortOrder::Path {
            let count = self.docs.len();
            let order = match self.path_order.take() {
                Some((made_of, order)) if made_of == count => order,
                _ => crate::sort::sorted(&self.docs, self.split.sort, |_| None),
            };
            let hits = order.iter().copied().map(Hit::unranked).collect();
            self.path_order = Some((count, order));
            return hits;
        }
        let read = |id: DocId| self.reading.get(&self.docs[id]).map(|p| p.updated);
        crate::sort::sorted(&self.docs, self.split.sort, read)
            .into_iter()
            .map(Hit::unranked)
            .collect()
    }

    /// Lists every document again in the chosen order, with `keep` (a
    /// document) selected if given, else the first.
    pub fn relist(&mut self, keep: Option<DocId>) {
        self.hits = self.unfiltered_hits();
        self.selected = keep
            .and_then(|doc| self.hits.iter().position(|h| h.doc == doc))
            .unwrap_or(0);
        self.clamp_selection();
    }

    /// Keeps the list selection within bounds and on screen.
    pub fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        let height = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
        self.list_offset = self.list_offset.min(self.hits.len().saturating_sub(height));
    }

    /// Re-runs the filter after its text changed. An empty filter lists
    /// everything at once; otherwise a search is queued for the event loop
    /// and the list keeps its current rows until the results arrive, so
    /// it never flickers while the user types.
    pub fn refilter(&mut self) {
        let query = Arc::new(Query::parse(&self.filter.text));
        self.pending_query = Arc::clone(&query);
        self.search_generation += 1;
        self.selection_moved = false;
        if query.is_empty() {
            self.searching = false;
            let hits = self.unfiltered_hits();
            self.show_results(self.search_generation, hits, 0);
            return;
        }
        // update() sees the new generation and asks for the search.
        self.searching = true;
    }

    /// Replaces the list with the ranked results of search `generation`.
    pub fn show_results(&mut self, generation: u64, hits: Vec<Hit>, described: usize) {
        // The same query answered again, over more documents, stays on the
        // document the user moved to; if they did not move, the best
        // result stays selected as better ones arrive. A new query starts
        // at its best result, unless the user moved down the list after
        // typing it, before its results came: then they get the row they
        // moved to. In the reading view the document on screen is the
        // user's choice, whatever row it had: it stays, on its own row.
        let reading = self.reading_doc();
        let moved_to = (generation == self.shown_generation && self.selection_moved)
            .then(|| self.hits.get(self.selected).map(|h| h.doc))
            .flatten();
        let kept = reading.or(moved_to);
        if generation == self.search_generation {
            self.query = Arc::clone(&self.pending_query);
        }
        let docs = &self.docs;
        self.hits = hits
            .into_iter()
            .filter(|h| docs.get(h.doc).is_some())
            .collect();
        self.described = described.min(self.hits.len());
        self.shown_generation = generation;
        match kept.and_then(|doc| self.hits.iter().position(|h| h.doc == doc)) {
            Some(at) => self.selected = at,
            None if self.selection_moved => {}
            None => {
                self.selected = 0;
                self.list_offset = 0;
            }
        }
        self.clamp_selection();
        if reading.is_some_and(|doc| self.selected_doc() != Some(doc)) {
            return; // read from a link: not in the list, and not replaced
        }
        self.preview_selected();
    }

    /// Columns for a snippet under a list row, so the match it is centred
    /// on is visible.
    pub fn snippet_width(&self) -> usize {
        let pane = layout::panes(self.area(), Single::List, self.split)
            .and_then(|p| p.list)
            .unwrap_or_default();
        (pane.width as usize).saturating_sub(6).max(10)
    }

    /// Makes sure hits in rows up to `row` have snippets (the first screen
    /// comes described from the search; later ones on demand).
    pub fn describe_up_to(&mut self, row: usize) {
        while self.described < self.hits.len() && self.described <= row && !self.query.is_empty() {
            let width = self.snippet_width();
            let hit = &mut self.hits[self.described];
            search::describe(&self.docs[hit.doc], &self.query, width, hit);
            self.described += 1;
        }
    }
}
