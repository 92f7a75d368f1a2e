//! Everything the user can ask quire to do, as one enum. Keys map to these
//! (see [`crate::keymap`]); `update()` carries them out.

use std::fmt;

/// Declares [`Action`] from one list of its variants, each with its
/// snake_case name: the enum, [`Action::name`] and [`Action::BINDABLE`]
/// (the variants in the `bindable` group) all come from it, so a new
/// action is written once.
macro_rules! actions {
    (
        bindable {
            $( $(#[$bmeta:meta])* $bound:ident = $bname:literal, )*
        }
        internal {
            $(
                $(#[$imeta:meta])*
                $inner:ident $( ( $($tuple:tt)* ) )? $( { $($fields:tt)* } )? = $iname:literal,
            )*
        }
    ) => {
        /// A user intent. The names (snake_case) are what the help overlay
        /// and the config file use.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $( $(#[$bmeta])* $bound, )*
            $( $(#[$imeta])* $inner $( ( $($tuple)* ) )? $( { $($fields)* } )?, )*
        }

        impl Action {
            /// The name used in help and config.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Action::$bound => $bname, )*
                    $( Action::$inner { .. } => $iname, )*
                }
            }

            /// Every action a key can be bound to in the config file. The
            /// others (typing, resizing, ticks, saves, opening a bookmark
            /// by id) come from the event loop, not from keys.
            pub const BINDABLE: [Action; [$($bname),*].len()] = [$(Action::$bound),*];
        }
    };
}

actions! {
    bindable {
        /// Move the selection down, or scroll the article down a line.
        MoveDown = "move_down",
        MoveUp = "move_up",
        /// First entry, or the top of the article.
        Top = "top",
        Bottom = "bottom",
        HalfPageDown = "half_page_down",
        HalfPageUp = "half_page_up",
        PageDown = "page_down",
        PageUp = "page_up",
        /// Open the selected document (or bookmark) in the reading view.
        Open = "open",
        /// Leave the reading view for the list.
        Back = "back",
        /// Move focus between the list and the reading view.
        SwitchPane = "switch_pane",
        PrevDocument = "prev_document",
        NextDocument = "next_document",
        PrevPassage = "prev_passage",
        NextPassage = "next_passage",
        ToggleBookmark = "toggle_bookmark",
        /// Show or hide bookmark notes under their passages.
        ToggleNotes = "toggle_notes",
        ShowBookmarks = "show_bookmarks",
        DeleteBookmark = "delete_bookmark",
        UndoDelete = "undo_delete",
        /// Focus the filter line.
        FocusFilter = "focus_filter",
        /// Open the selected result and leave the filter line.
        AcceptFilter = "accept_filter",
        /// Clear the filter and return to the full list.
        ClearFilter = "clear_filter",
        /// Start (or cancel) selecting a range of passages from the cursor.
        SelectRange = "select_range",
        /// Add or edit the note of the bookmark under the cursor.
        EditNote = "edit_note",
        /// Keep what was typed in an input line (a note, a bookmarks filter).
        Accept = "accept",
        /// Leave an input line without keeping it.
        Cancel = "cancel",
        /// Text editing in the filter line and input lines.
        DeleteBack = "delete_back",
        DeleteWord = "delete_word",
        /// Empty the filter line or input line, keeping it open.
        ClearLine = "clear_line",
        /// Order the unfiltered list by the next of path, title, date,
        /// length and recently read.
        SortList = "sort_list",
        CursorLeft = "cursor_left",
        CursorRight = "cursor_right",
        CursorHome = "cursor_home",
        CursorEnd = "cursor_end",
        ToggleHelp = "toggle_help",
        /// Close the help or bookmarks view.
        CloseOverlay = "close_overlay",
        Quit = "quit",
        /// Step to the next or previous search match in the reading view.
        NextMatch = "next_match",
        PrevMatch = "prev_match",
        /// Search inside the open document.
        SearchDocument = "search_document",
        /// Show the open document's headings (or passages) to jump to.
        ShowOutline = "show_outline",
        /// Copy the passage (or the selected range) to the system clipboard.
        CopyPassage = "copy_passage",
        /// Open the document in `$VISUAL`/`$EDITOR` at the current line.
        EditExternally = "edit_externally",
        /// Give the terminal back to the shell until `fg` (Ctrl-z).
        Suspend = "suspend",
        /// Make the list narrower or wider.
        NarrowList = "narrow_list",
        WidenList = "widen_list",
        /// Show the reading view alone (again for both panes).
        ToggleFocusMode = "toggle_focus_mode",
        /// Turn mouse capture off (so the terminal's own selection works) or on.
        ToggleMouse = "toggle_mouse",
        /// Read the open document's file again, keeping the place.
        Reload = "reload",
        /// Show the open document's whole page, its folded furniture
        /// (related links, comments...) included; again to fold it.
        ToggleWholePage = "toggle_whole_page",
        /// Wrap wide code and table lines (with a mark where they go on), or
        /// keep them whole and scroll them sideways.
        ToggleWrap = "toggle_wrap",
        /// Scroll wide code and tables sideways (with `toggle_wrap` off).
        ScrollLeft = "scroll_left",
        ScrollRight = "scroll_right",
        /// Follow the link in the passage under the cursor (a picker when
        /// it holds several): into quire when it names an open document
        /// or a place in one, else to the system opener.
        FollowLink = "follow_link",
        /// Go back to where the last followed link was taken from.
        GoBack = "go_back",
        /// List the open document's links, to follow or copy.
        ShowLinks = "show_links",
        /// Copy the selected link's address to the clipboard.
        CopyLink = "copy_link",
        /// A page down; at the end of the document, the next document.
        PageOrNextDocument = "page_or_next_document",
    }
    internal {
        /// Open the bookmark with this id (`quire --at ID`).
        OpenBookmark(String) = "open_bookmark",
        /// A mouse event at a screen cell.
        Mouse {
            kind: MouseKind,
            column: u16,
            row: u16,
        } = "mouse",
        /// A document was read again from its file (or could not be).
        Reloaded(crate::store::DocId, Result<crate::document::Document, String>) = "reloaded",
        /// More documents were read: these, and any the loader has put in
        /// the store.
        DocumentsLoaded(
            Vec<crate::document::Document>,
            Vec<crate::corpus::LoadProblem>,
        ) = "documents_loaded",
        /// A big document listed before its word count and hash were known
        /// has been measured.
        DocumentMeasured(crate::store::DocId, crate::document::Measure) = "document_measured",
        /// Every input has been read.
        LoadFinished = "load_finished",
        /// Documents (by index) have new folds: a later document repeats
        /// one of their paragraphs.
        DocumentsRefolded(Vec<(crate::store::DocId, Vec<crate::document::Fold>)>) = "documents_refolded",
        /// The document of the bookmark with this id, read from its file for
        /// opening it, or why it could not be.
        BookmarkDocument(String, Result<crate::document::Document, String>) = "bookmark_document",
        /// The ranked results of the search with this generation.
        SearchResults {
            generation: u64,
            hits: Vec<crate::search::Hit>,
            described: usize,
        } = "search_results",
        /// A signal arrived or the terminal went away: quit without asking
        /// anything, saving what can be saved.
        QuitNow = "quit_now",
        /// A printable character typed into the filter line.
        Insert(char) = "insert",
        /// Text for the open input line, taken at once (one search): a
        /// paste, or characters typed faster than quire draws. Line breaks
        /// become spaces and control characters visible symbols, so a paste
        /// can never act as keys; outside an input line it is ignored.
        InsertText(String) = "insert_text",
        /// The terminal now has this many columns and rows.
        Resize(u16, u16) = "resize",
        /// Time passed (about four times a second): the clock, in milliseconds
        /// since the Unix epoch. Expires status messages and dates new records.
        Tick(u64) = "tick",
        /// The reading positions were written (merged with other quires'), or
        /// could not be.
        PositionsSaved(Result<crate::positions::Positions, String>) = "positions_saved",
        /// The bookmarks file was written (with what is now on disk, merged
        /// with other quire processes' saves), or could not be (the message).
        BookmarksSaved(Result<crate::bookmarks::Bookmarks, String>) = "bookmarks_saved",
        /// Background work has something to tell the user although it
        /// succeeded (a corrupt file was set aside during a save).
        Told(String) = "told",
    }
}

impl Action {
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

/// Work that `update()` asks for (in its [`crate::effects::Effects`]),
/// since `update()` itself never touches the disk or the terminal;
/// [`crate::runner`] carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveBookmarks,
    /// Search the documents for `query`; results come back as
    /// [`Action::SearchResults`] with the same generation.
    Search {
        generation: u64,
        query: std::sync::Arc<crate::search::Query>,
        snippet_width: usize,
    },
    /// Read document `.0` again from its file.
    Reload(crate::store::DocId),
    /// Document `.0` was read again with new text: the search indexes it
    /// anew.
    Reindex(crate::store::DocId),
    /// Put this text on the system clipboard (OSC 52).
    Copy(String),
    /// Open document `doc` in the user's editor at `line`.
    Edit {
        doc: crate::store::DocId,
        line: usize,
    },
    Suspend,
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Keep the pane layout for next time.
    SaveLayout,
    /// Write the reading positions.
    SavePositions,
    /// Run the `opener` program (words, no shell) with `target` as its
    /// last argument: a link quire does not show itself.
    OpenExternal {
        opener: Vec<String>,
        target: String,
    },
    /// Read the document of bookmark `id` from one of `paths` (it is not
    /// loaded); it comes back as [`Action::BookmarkDocument`].
    FetchBookmarkDocument {
        id: String,
        paths: Vec<String>,
    },
    /// Document `.0` was added after loading finished: the search indexes it.
    Index(crate::store::DocId),
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
        let mut names: Vec<&str> = Action::BINDABLE.iter().map(Action::name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            Action::BINDABLE.len(),
            "two actions share a name"
        );
        assert!(names.contains(&"reload") && names.contains(&"toggle_mouse"));
    }
}
