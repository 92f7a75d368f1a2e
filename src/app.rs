//! The whole model of a running quire: documents, the filtered list, the
//! reading view, bookmarks, overlays and status. No I/O happens here; see
//! [`crate::update`] for how it changes and [`crate::ui`] for how it is drawn.

use crate::bookmarks::{Bookmarks, Resolved};
use crate::corpus::LoadProblem;
use crate::document::Document;
use crate::keymap::{Keymap, Mode};
use crate::layout::{self, Panes, ReaderArea, Single};
use crate::line_edit::LineEdit;
use crate::reader::{Position, Reader};
use crate::search::{self, Hit};
use ratatui::layout::Rect;
use std::collections::HashMap;

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
    Help {
        scroll: usize,
    },
    /// `selected` indexes the rows that match `query`.
    Bookmarks {
        selected: usize,
        query: String,
    },
}

/// What an input line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// The note of the bookmark with this id.
    Note { id: String },
    /// The bookmarks view's filter.
    BookmarkFilter,
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
    pub docs: Vec<Document>,
    pub problems: Vec<LoadProblem>,
    pub keymap: Keymap,
    pub bookmarks: Bookmarks,
    /// Where each bookmark is among `docs` (parallel to `bookmarks.items`).
    pub resolved: Vec<Option<Resolved>>,
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
    pub positions: HashMap<usize, Position>,
    pub status: Option<Status>,
    /// The id of the last bookmark deleted, for undo.
    pub undo: Option<String>,
    /// Window size in columns and rows.
    pub size: (u16, u16),
    pub measure: u16,
    pub should_quit: bool,
    /// Bookmarks changed without an action asking to save them (re-anchored
    /// after an edit); the event loop saves them.
    pub unsaved: bool,
}

impl App {
    pub fn new(docs: Vec<Document>, problems: Vec<LoadProblem>, bookmarks: Bookmarks) -> App {
        let hits = search::all(&docs);
        let mut app = App {
            docs,
            problems,
            keymap: Keymap::default(),
            resolved: Vec::new(),
            bookmarks,
            hits,
            selected: 0,
            list_offset: 0,
            filter: LineEdit::default(),
            focus: Focus::List,
            overlay: Overlay::None,
            input: None,
            now: crate::bookmarks::millis(std::time::SystemTime::now()),
            reader: Reader::default(),
            positions: HashMap::new(),
            status: None,
            undo: None,
            size: (80, 24),
            measure: DEFAULT_MEASURE,
            should_quit: false,
            unsaved: false,
        };
        app.refresh_bookmarks();
        app.report_problems();
        app.preview_selected();
        app
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        if self.input.is_some() {
            return Mode::Input;
        }
        match (&self.overlay, self.focus) {
            (Overlay::Help { .. }, _) => Mode::Help,
            (Overlay::Bookmarks { .. }, _) => Mode::Bookmarks,
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
        layout::panes(self.area(), self.single())
    }

    /// The reading view's text area; assumes a side-by-side or reader layout
    /// so widths stay stable while the list has focus on a narrow window.
    pub fn reader_area(&self) -> ReaderArea {
        let panes = layout::panes(self.area(), Single::Reader);
        let pane = panes.and_then(|p| p.reader).unwrap_or_default();
        layout::reader_area(pane, self.measure)
    }

    /// Text columns and rows of the reading view.
    pub fn reader_size(&self) -> (usize, usize) {
        let text = self.reader_area().text;
        (text.width as usize, (text.height as usize).max(1))
    }

    /// Rows of the document list.
    pub fn list_height(&self) -> usize {
        let pane = layout::panes(self.area(), Single::List)
            .and_then(|p| p.list)
            .unwrap_or_default();
        (pane.height.saturating_sub(2) as usize).max(1)
    }

    /// The document under the list selection.
    pub fn selected_doc(&self) -> Option<usize> {
        self.hits.get(self.selected).map(|h| h.doc)
    }

    /// True when `doc` holds at least one bookmark.
    pub fn has_bookmarks(&self, doc: usize) -> bool {
        self.resolved.iter().flatten().any(|r| r.doc == doc)
    }

    /// Passages of `doc` that are bookmarked.
    pub fn bookmarked_passages(&self, doc: usize) -> Vec<usize> {
        self.resolved
            .iter()
            .flatten()
            .filter(|r| r.doc == doc)
            .flat_map(|r| r.passage..=r.passage_end)
            .collect()
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
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_millis(self.now);
        if self.bookmarks.reanchor(&self.docs, &self.resolved, now) {
            self.unsaved = true;
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

    fn report_problems(&mut self) {
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
    pub fn preview_selected(&mut self) {
        match self.selected_doc() {
            Some(doc) => self.show_document(doc),
            None => {
                self.remember_position();
                self.reader.close();
            }
        }
    }

    /// Opens `doc` in the reading view where the reader last left it.
    pub fn show_document(&mut self, doc: usize) {
        if self.reader.doc == Some(doc) {
            return;
        }
        self.remember_position();
        let (width, height) = self.reader_size();
        let position = self.positions.get(&doc).copied().unwrap_or_default();
        self.reader.open(&self.docs, doc, width, position);
        self.reader.scroll(0, height);
    }

    /// Saves the reading position of the open document.
    pub fn remember_position(&mut self) {
        if let (Some(doc), Some(position)) = (self.reader.doc, self.reader.position(&self.docs)) {
            self.positions.insert(doc, position);
        }
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

    /// Re-runs the filter after its text changed; the top result is selected.
    pub fn refilter(&mut self) {
        self.hits = search::search(&self.docs, &self.filter.text);
        self.selected = 0;
        self.list_offset = 0;
        self.clamp_selection();
        self.preview_selected();
    }
}
