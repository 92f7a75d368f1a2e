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
    /// A printable character typed into the filter line.
    Insert(char),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Time passed (about four times a second): the clock, in milliseconds
    /// since the Unix epoch. Expires status messages and dates new records.
    Tick(u64),
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
            Insert(_) => "insert",
            Resize(..) => "resize",
            Tick(_) => "tick",
            BookmarksSaved(_) => "bookmarks_saved",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Work that `update()` asks the event loop to do, since `update()` itself
/// never touches the disk or the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    SaveBookmarks,
    Quit,
}
