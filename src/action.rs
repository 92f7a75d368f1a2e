//! Everything the user can ask quire to do, as one enum. Keys map to these
//! (see [`crate::keymap`]); `update()` carries them out.

use std::fmt;

/// A user intent. The names (snake_case) are what the help overlay and,
/// later, the config file use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the selection down, or scroll the article down a line.
    MoveDown,
    MoveUp,
    /// First entry, or the top of the article.
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// Open the selected document (or bookmark) in the reading view.
    Open,
    /// Leave the reading view for the list.
    Back,
    /// Move focus between the list and the reading view.
    SwitchPane,
    PrevDocument,
    NextDocument,
    PrevPassage,
    NextPassage,
    ToggleBookmark,
    ShowBookmarks,
    DeleteBookmark,
    UndoDelete,
    /// Focus the filter line.
    FocusFilter,
    /// Open the selected result and leave the filter line.
    AcceptFilter,
    /// Clear the filter and return to the full list.
    ClearFilter,
    /// Start (or cancel) selecting a range of passages from the cursor.
    SelectRange,
    /// Add or edit the note of the bookmark under the cursor.
    EditNote,
    /// Keep what was typed in an input line (a note, a bookmarks filter).
    Accept,
    /// Leave an input line without keeping it.
    Cancel,
    /// Text editing in the filter line and input lines.
    DeleteBack,
    DeleteWord,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    ToggleHelp,
    /// Close the help or bookmarks view.
    CloseOverlay,
    Quit,
    /// Open the bookmark with this id (`quire --at ID`).
    OpenBookmark(String),
    /// Step to the next or previous search match in the reading view.
    NextMatch,
    PrevMatch,
    /// Search inside the open document.
    SearchDocument,
    /// Show the open document's headings (or passages) to jump to.
    ShowOutline,
    /// Copy the passage (or the selected range) to the system clipboard.
    CopyPassage,
    /// Open the document in `$VISUAL`/`$EDITOR` at the current line.
    EditExternally,
    /// Give the terminal back to the shell until `fg` (Ctrl-z).
    Suspend,
    /// Make the list narrower or wider.
    NarrowList,
    WidenList,
    /// Show the reading view alone (again for both panes).
    ToggleFocusMode,
    /// Turn mouse capture off (so the terminal's own selection works) or on.
    ToggleMouse,
    /// A mouse event at a screen cell.
    Mouse {
        kind: MouseKind,
        column: u16,
        row: u16,
    },
    /// Read the open document's file again, keeping the place.
    Reload,
    /// A document was read again from its file (or could not be).
    Reloaded(usize, Result<crate::document::Document, String>),
    /// More documents were read (in the background).
    DocumentsLoaded(
        Vec<crate::document::Document>,
        Vec<crate::corpus::LoadProblem>,
    ),
    /// A big document listed before its word count and hash were known
    /// (found by its text) has been measured.
    DocumentMeasured(std::sync::Arc<str>, crate::document::Measure),
    /// Every input has been read.
    LoadFinished,
    /// The ranked results of the search with this generation.
    SearchResults {
        generation: u64,
        hits: Vec<crate::search::Hit>,
        described: usize,
    },
    /// A printable character typed into the filter line.
    Insert(char),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Time passed (about four times a second): the clock, in milliseconds
    /// since the Unix epoch. Expires status messages and dates new records.
    Tick(u64),
    /// The reading positions were written (merged with other quires'), or
    /// could not be.
    PositionsSaved(Result<crate::positions::Positions, String>),
    /// The bookmarks file was written (with what is now on disk, merged
    /// with other quire processes' saves), or could not be (the message).
    BookmarksSaved(Result<crate::bookmarks::Bookmarks, String>),
}

impl Action {
    /// The name used in help and config.
    pub fn name(&self) -> &'static str {
        use Action::*;
        match self {
            MoveDown => "move_down",
            MoveUp => "move_up",
            Top => "top",
            Bottom => "bottom",
            HalfPageDown => "half_page_down",
            HalfPageUp => "half_page_up",
            PageDown => "page_down",
            PageUp => "page_up",
            Open => "open",
            Back => "back",
            SwitchPane => "switch_pane",
            PrevDocument => "prev_document",
            NextDocument => "next_document",
            PrevPassage => "prev_passage",
            NextPassage => "next_passage",
            ToggleBookmark => "toggle_bookmark",
            ShowBookmarks => "show_bookmarks",
            DeleteBookmark => "delete_bookmark",
            UndoDelete => "undo_delete",
            FocusFilter => "focus_filter",
            AcceptFilter => "accept_filter",
            ClearFilter => "clear_filter",
            SelectRange => "select_range",
            EditNote => "edit_note",
            Accept => "accept",
            Cancel => "cancel",
            DeleteBack => "delete_back",
            DeleteWord => "delete_word",
            CursorLeft => "cursor_left",
            CursorRight => "cursor_right",
            CursorHome => "cursor_home",
            CursorEnd => "cursor_end",
            ToggleHelp => "toggle_help",
            CloseOverlay => "close_overlay",
            Quit => "quit",
            OpenBookmark(_) => "open_bookmark",
            NextMatch => "next_match",
            PrevMatch => "prev_match",
            SearchDocument => "search_document",
            ShowOutline => "show_outline",
            CopyPassage => "copy_passage",
            EditExternally => "edit_externally",
            Suspend => "suspend",
            NarrowList => "narrow_list",
            WidenList => "widen_list",
            ToggleFocusMode => "toggle_focus_mode",
            ToggleMouse => "toggle_mouse",
            Mouse { .. } => "mouse",
            Reload => "reload",
            Reloaded(..) => "reloaded",
            DocumentsLoaded(..) => "documents_loaded",
            DocumentMeasured(..) => "document_measured",
            LoadFinished => "load_finished",
            SearchResults { .. } => "search_results",
            Insert(_) => "insert",
            Resize(..) => "resize",
            Tick(_) => "tick",
            BookmarksSaved(_) => "bookmarks_saved",
            PositionsSaved(_) => "positions_saved",
        }
    }
}

impl Action {
    /// Every action a key can be bound to in the config file. The others
    /// (typing, resizing, ticks, saves, opening a bookmark by id) come from
    /// the event loop, not from keys.
    pub const BINDABLE: [Action; 47] = {
        use Action::*;
        [
            MoveDown,
            MoveUp,
            Top,
            Bottom,
            HalfPageDown,
            HalfPageUp,
            PageDown,
            PageUp,
            Open,
            Back,
            SwitchPane,
            PrevDocument,
            NextDocument,
            PrevPassage,
            NextPassage,
            ToggleBookmark,
            ShowBookmarks,
            DeleteBookmark,
            UndoDelete,
            FocusFilter,
            AcceptFilter,
            ClearFilter,
            SelectRange,
            EditNote,
            Accept,
            Cancel,
            DeleteBack,
            DeleteWord,
            CursorLeft,
            CursorRight,
            CursorHome,
            CursorEnd,
            ToggleHelp,
            CloseOverlay,
            Quit,
            NextMatch,
            PrevMatch,
            SearchDocument,
            ShowOutline,
            Reload,
            CopyPassage,
            EditExternally,
            Suspend,
            NarrowList,
            WidenList,
            ToggleFocusMode,
            ToggleMouse,
        ]
    };

    /// The bindable action called `name` (as [`Action::name`] spells it).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.into_iter().find(|a| a.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    ScrollUp,
    ScrollDown,
    Press,
    Drag,
    Release,
}

/// Work that `update()` asks the event loop to do, since `update()` itself
/// never touches the disk or the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveBookmarks,
    /// Search the documents for `query`; results come back as
    /// [`Action::SearchResults`] with the same generation.
    Search {
        generation: u64,
        query: String,
        snippet_width: usize,
    },
    /// Read document `.0` again from its file.
    Reload(usize),
    /// Put this text on the system clipboard (OSC 52).
    Copy(String),
    /// Open document `doc` in the user's editor at `line`.
    Edit {
        doc: usize,
        line: usize,
    },
    Suspend,
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Keep the pane layout for next time.
    SaveLayout,
    /// Write the reading positions.
    SavePositions,
    Quit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_names_round_trip() {
        for action in Action::BINDABLE {
            assert_eq!(Action::from_name(action.name()), Some(action.clone()));
        }
        assert_eq!(Action::from_name("insert"), None);
        assert_eq!(Action::from_name("tick"), None);
        assert_eq!(Action::from_name("nonsense"), None);
    }
}
