//! The key bindings: one table of (mode, action, keys, description) that
//! drives both input handling and the help overlay, so help never lies.

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// Which bindings apply: the focused pane or the open overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Bindings that work everywhere, even while typing.
    Global,
    List,
    Reader,
    Filter,
    Bookmarks,
    Outline,
    /// Typing a note or a bookmarks filter.
    Input,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::List,
        Mode::Reader,
        Mode::Filter,
        Mode::Bookmarks,
        Mode::Outline,
        Mode::Input,
        Mode::Help,
        Mode::Global,
    ];

    /// The mode's name in the config file (`[keys.reader]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Reader => "reader",
            Mode::Filter => "filter",
            Mode::Bookmarks => "bookmarks",
            Mode::Outline => "outline",
            Mode::Input => "input",
            Mode::Help => "help",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Heading for this mode in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::List => "Document list",
            Mode::Reader => "Reading view",
            Mode::Filter => "Filter line",
            Mode::Bookmarks => "Bookmarks view",
            Mode::Outline => "Outline",
            Mode::Input => "Note and bookmark filter input",
            Mode::Help => "Help",
        }
    }
}

/// A key with its modifiers, normalised so `G` and `Shift-g` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        // Terminals report Shift with upper-case letters and symbols like
        // `?` inconsistently; the character already says it.
        let modifiers = match code {
            KeyCode::Char(_) => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key {
            code,
            modifiers: modifiers
                & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
        }
    }

    /// Parses names like `j`, `G`, `Ctrl-d`, `PgDn`, `Shift-Tab`, `Space`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            modifiers |= flag;
            rest = &rest[len..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => {
                        return Err(format!(
                            "unknown key {text:?}: use a character, or a name like Enter, Esc, Tab, Space, Up, PgDn, with Ctrl-/Alt-/Shift- before it"
                        ));
                    }
                }
            }
        };
        let modifiers = if code == KeyCode::BackTab {
            modifiers - KeyModifiers::SHIFT
        } else {
            modifiers
        };
        Ok(Key::new(code, modifiers))
    }
}

impl From<KeyEvent> for Key {
    fn from(event: KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub action: Action,
    pub keys: Vec<Key>,
    pub description: &'static str,
    /// Short label for the status-bar hints; None keeps it out of the bar.
    pub hint: Option<&'static str>,
}

type Row = (
    Mode,
    Action,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// The default bindings, as a readable table: mode, action, keys (space
/// separated), description, status-bar hint.
#[rustfmt::skip]
const DEFAULTS: &[Row] = {
    use Action::*;
    use Mode::*;
    &[
        (Global, Quit, "Ctrl-c", "Quit quire", None),
        (Global, Suspend, "Ctrl-z", "Suspend quire (fg brings it back)", None),
        (Global, ToggleMouse, "Ctrl-o", "Mouse capture off (terminal selection works) or on", None),

        (List, MoveDown, "j Down", "Select the next document", Some("move")),
        (List, MoveUp, "k Up", "Select the previous document", None),
        (List, Top, "g Home", "Select the first document", None),
        (List, Bottom, "G End", "Select the last document", None),
        (List, HalfPageDown, "Ctrl-d", "Half a page down", None),
        (List, HalfPageUp, "Ctrl-u", "Half a page up", None),
        (List, PageDown, "Space PgDn Ctrl-f", "A page down", None),
        (List, PageUp, "b PgUp Ctrl-b", "A page up", None),
        (List, Open, "Enter l Right", "Read the selected document", Some("read")),
        (List, FocusFilter, "/", "Filter the list by typing", Some("filter")),
        (List, ClearFilter, "Esc", "Clear the filter", None),
        (List, SwitchPane, "Tab", "Switch to the reading view", None),
        (List, ShowBookmarks, "B", "Show all bookmarks", Some("bookmarks")),
        (List, NarrowList, "<", "Make the list narrower", None),
        (List, WidenList, ">", "Make the list wider", None),
        (List, ToggleFocusMode, "z", "Focus mode: one pane at a time (z again for both)", None),
        (List, ToggleHelp, "?", "Show the keys", Some("help")),
        (List, Quit, "q", "Quit quire", Some("quit")),

        (Reader, MoveDown, "j Down", "Scroll down a line", Some("scroll")),
        (Reader, MoveUp, "k Up", "Scroll up a line", None),
        (Reader, HalfPageDown, "Ctrl-d", "Scroll half a page down", None),
        (Reader, HalfPageUp, "Ctrl-u", "Scroll half a page up", None),
        (Reader, PageDown, "Space PgDn Ctrl-f", "Scroll a page down", Some("page")),
        (Reader, PageUp, "b PgUp Ctrl-b", "Scroll a page up", None),
        (Reader, Top, "g Home", "Go to the top", None),
        (Reader, Bottom, "G End", "Go to the end", None),
        (Reader, NextPassage, "}", "Next passage", Some("passage")),
        (Reader, PrevPassage, "{", "Previous passage", None),
        (Reader, ToggleBookmark, "m", "Bookmark the passage (or the selected range); again to remove", Some("bookmark")),
        (Reader, SelectRange, "v", "Select a range of passages from the cursor (v again to cancel)", None),
        (Reader, EditNote, "a", "Add or edit a note on the bookmarked passage", None),
        (Reader, SearchDocument, "/", "Search this document (n and N step through matches)", Some("search")),
        (Reader, NextMatch, "n", "Next search match", None),
        (Reader, PrevMatch, "N", "Previous search match", None),
        (Reader, ShowOutline, "o", "Outline: the document's headings, to jump to", None),
        (Reader, Reload, "R", "Read the file again, keeping your place", None),
        (Reader, ToggleWholePage, "F", "Show the whole page, folded furniture included (F again to fold)", None),
        (Reader, CopyPassage, "y", "Copy the passage (or the selected range) to the clipboard", None),
        (Reader, EditExternally, "e", "Open the document in $VISUAL or $EDITOR at this line", None),
        (Reader, NextDocument, "]", "Next document", Some("document")),
        (Reader, PrevDocument, "[", "Previous document", None),
        (Reader, Back, "h Left Esc", "Back to the list (Esc first cancels a range)", Some("back")),
        (Reader, SwitchPane, "Tab", "Switch to the list", None),
        (Reader, ShowBookmarks, "B", "Show all bookmarks", None),
        (Reader, NarrowList, "<", "Make the list narrower", None),
        (Reader, WidenList, ">", "Make the list wider", None),
        (Reader, ToggleFocusMode, "z", "Focus mode: the reading view alone (z again for both)", Some("focus")),
        (Reader, ToggleHelp, "?", "Show the keys", Some("help")),
        (Reader, Quit, "q", "Quit quire", Some("quit")),

        (Filter, AcceptFilter, "Enter", "Read the selected result", Some("read")),
        (Filter, MoveDown, "Down Ctrl-n", "Select the next result", Some("select")),
        (Filter, MoveUp, "Up Ctrl-p", "Select the previous result", None),
        (Filter, ClearFilter, "Esc", "Clear the filter and show every document", Some("clear")),
        (Filter, DeleteBack, "Backspace", "Delete the character before the cursor", None),
        (Filter, DeleteWord, "Ctrl-w", "Delete the word before the cursor", None),
        (Filter, CursorLeft, "Left", "Move the cursor left", None),
        (Filter, CursorRight, "Right", "Move the cursor right", None),
        (Filter, CursorHome, "Home Ctrl-a", "Move the cursor to the start", None),
        (Filter, CursorEnd, "End Ctrl-e", "Move the cursor to the end", None),

        (Bookmarks, MoveDown, "j Down", "Select the next bookmark", Some("move")),
        (Bookmarks, MoveUp, "k Up", "Select the previous bookmark", None),
        (Bookmarks, Top, "g Home", "Select the first bookmark", None),
        (Bookmarks, Bottom, "G End", "Select the last bookmark", None),
        (Bookmarks, Open, "Enter l", "Open the document at this passage", Some("open")),
        (Bookmarks, FocusFilter, "/", "Filter bookmarks by title, quote or note", Some("filter")),
        (Bookmarks, EditNote, "a", "Add or edit the bookmark's note", Some("note")),
        (Bookmarks, DeleteBookmark, "d", "Delete the bookmark", Some("delete")),
        (Bookmarks, UndoDelete, "u", "Undo the last delete", Some("undo")),
        (Bookmarks, CloseOverlay, "Esc q B", "Close the bookmarks view", Some("close")),

        (Outline, MoveDown, "j Down", "Select the next heading", Some("move")),
        (Outline, MoveUp, "k Up", "Select the previous heading", None),
        (Outline, Top, "g Home", "Select the first heading", None),
        (Outline, Bottom, "G End", "Select the last heading", None),
        (Outline, Open, "Enter l", "Jump to the heading", Some("jump")),
        (Outline, FocusFilter, "/", "Filter the headings", Some("filter")),
        (Outline, CloseOverlay, "Esc q o", "Close the outline", Some("close")),

        (Input, Accept, "Enter", "Keep what you typed", Some("keep")),
        (Input, Cancel, "Esc", "Leave without keeping it", Some("cancel")),
        (Input, DeleteBack, "Backspace", "Delete the character before the cursor", None),
        (Input, DeleteWord, "Ctrl-w", "Delete the word before the cursor", None),
        (Input, CursorLeft, "Left", "Move the cursor left", None),
        (Input, CursorRight, "Right", "Move the cursor right", None),
        (Input, CursorHome, "Home Ctrl-a", "Move the cursor to the start", None),
        (Input, CursorEnd, "End Ctrl-e", "Move the cursor to the end", None),

        (Help, MoveDown, "j Down", "Scroll down", None),
        (Help, MoveUp, "k Up", "Scroll up", None),
        (Help, PageDown, "Space PgDn", "Scroll a page down", None),
        (Help, PageUp, "b PgUp", "Scroll a page up", None),
        (Help, FocusFilter, "/", "Filter the keys by key or description", Some("filter")),
        (Help, CloseOverlay, "Esc ? q", "Close the help", Some("close")),
    ]
};

/// The active bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let bindings = DEFAULTS
            .iter()
            .map(|(mode, action, keys, description, hint)| Binding {
                mode: *mode,
                action: action.clone(),
                keys: keys
                    .split_whitespace()
                    .filter_map(|k| Key::parse(k).ok())
                    .collect(),
                description,
                hint: *hint,
            })
            .collect();
        Keymap { bindings }
    }
}

/// A user's keys for one action in one mode (from the config file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub mode: Mode,
    pub action: Action,
    /// Empty to unbind the action.
    pub keys: Vec<Key>,
}

impl Keymap {
    /// The defaults with the user's keys merged over them. A key the user
    /// gives one action is taken from the default actions of that mode that
    /// had it, so a key never means two things. Overrides of actions the
    /// mode does not have are ignored (the config parser rejects them).
    pub fn with_overrides(overrides: &[Override]) -> Keymap {
        let mut keymap = Keymap::default();
        let overridden = |b: &Binding| {
            overrides
                .iter()
                .any(|o| o.mode == b.mode && o.action == b.action)
        };
        for b in &mut keymap.bindings {
            if let Some(o) = overrides
                .iter()
                .rev()
                .find(|o| o.mode == b.mode && o.action == b.action)
            {
                b.keys.clone_from(&o.keys);
            }
        }
        let taken: Vec<(Mode, Key)> = overrides
            .iter()
            .flat_map(|o| o.keys.iter().map(move |k| (o.mode, *k)))
            .collect();
        for b in &mut keymap.bindings {
            if !overridden(b) {
                let mode = b.mode;
                b.keys.retain(|k| !taken.contains(&(mode, *k)));
            }
        }
        keymap
    }

    /// The actions a mode has (the ones its keys can be bound to).
    pub fn actions(&self, mode: Mode) -> Vec<Action> {
        self.bindings(mode).map(|b| b.action.clone()).collect()
    }

    /// The action bound to `key` in `mode`, falling back to global keys.
    /// In the filter line, unbound printable characters are typed.
    pub fn action_for(&self, mode: Mode, key: Key) -> Option<Action> {
        let find = |m: Mode| {
            self.bindings
                .iter()
                .find(|b| b.mode == m && b.keys.contains(&key))
                .map(|b| b.action.clone())
        };
        find(mode)
            .or_else(|| find(Mode::Global))
            .or_else(|| match (mode, key.code) {
                (Mode::Filter | Mode::Input, KeyCode::Char(c))
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Insert(c))
                }
                _ => None,
            })
    }

    /// The bindings of one mode, in table order.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// Status-bar hints for a mode: (first key, label).
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.bindings(mode)
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.hint?)))
            .collect()
    }

    /// Every key of `action` in `mode`, joined for display ("j/Down").
    pub fn keys_for(&self, mode: Mode, action: Action) -> String {
        self.bindings(mode)
            .filter(|b| b.action == action)
            .flat_map(|b| b.keys.iter().map(ToString::to_string))
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Held by tests that rewrite README.md with `QUIRE_BLESS=1`, so two of
/// them never interleave their read and write.
#[cfg(test)]
pub(crate) static README_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The key table in Markdown, one section per mode, as the README shows it.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::new();
    for mode in Mode::ALL {
        out.push_str(&format!(
            "**{}**\n\n| Keys | Action |\n| --- | --- |\n",
            mode.title()
        ));
        for b in keymap.bindings(mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.description));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn every_default_key_parses() {
        for (_, _, keys, _, _) in DEFAULTS {
            for k in keys.split_whitespace() {
                assert!(Key::parse(k).is_ok(), "{k}");
            }
        }
    }

    #[test]
    fn parse_and_display_round_trip() {
        for name in [
            "j",
            "G",
            "Ctrl-d",
            "PgDn",
            "Space",
            "Enter",
            "Esc",
            "Shift-Tab",
            "Alt-x",
            "?",
            "{",
        ] {
            assert_eq!(key(name).to_string(), name);
        }
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("jk").is_err());
    }

    #[test]
    fn shifted_characters_match_their_plain_form() {
        let from_terminal = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(from_terminal, key("G"));
        let km = Keymap::default();
        assert_eq!(
            km.action_for(Mode::List, from_terminal),
            Some(Action::Bottom)
        );
        let question = Key::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(
            km.action_for(Mode::Reader, question),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn vim_and_less_keys_are_bound() {
        let km = Keymap::default();
        let cases = [
            (Mode::List, "j", Action::MoveDown),
            (Mode::List, "Enter", Action::Open),
            (Mode::List, "/", Action::FocusFilter),
            (Mode::Reader, "Ctrl-d", Action::HalfPageDown),
            (Mode::Reader, "Space", Action::PageDown),
            (Mode::Reader, "b", Action::PageUp),
            (Mode::Reader, "}", Action::NextPassage),
            (Mode::Reader, "]", Action::NextDocument),
            (Mode::Reader, "m", Action::ToggleBookmark),
            (Mode::Reader, "Esc", Action::Back),
            (Mode::Reader, "q", Action::Quit),
            (Mode::Bookmarks, "d", Action::DeleteBookmark),
        ];
        for (mode, k, action) in cases {
            assert_eq!(km.action_for(mode, key(k)), Some(action), "{mode:?} {k}");
        }
    }

    #[test]
    fn typing_in_the_filter_inserts_even_bound_letters() {
        let km = Keymap::default();
        assert_eq!(
            km.action_for(Mode::Filter, key("q")),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            km.action_for(Mode::Filter, key("j")),
            Some(Action::Insert('j'))
        );
        assert_eq!(
            km.action_for(Mode::Filter, key("Ctrl-c")),
            Some(Action::Quit)
        );
        assert_eq!(km.action_for(Mode::Filter, key("Ctrl-x")), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let km = Keymap::default();
        for mode in Mode::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in km.bindings(mode) {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{mode:?}: {k} bound twice");
                }
            }
        }
    }

    /// The README's key table sits between these markers; run the tests
    /// with `QUIRE_BLESS=1` to rewrite it from the keymap.
    #[test]
    fn readme_key_table_matches_the_keymap() {
        let _lock = README_LOCK.lock();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
        let from = readme
            .find(start)
            .expect("README.md has a keys:start marker")
            + start.len();
        let to = readme.find(end).expect("README.md has a keys:end marker");
        let table = markdown_table(&Keymap::default());
        if std::env::var_os("QUIRE_BLESS").is_some() {
            std::fs::write(
                &path,
                format!("{}{table}{}", &readme[..from], &readme[to..]),
            )
            .unwrap();
            return;
        }
        assert!(
            readme[from..to] == table,
            "README.md's key table is out of date: run `QUIRE_BLESS=1 cargo test --lib readme`"
        );
    }

    fn with(mode: Mode, action: Action, keys: &[&str]) -> Override {
        Override {
            mode,
            action,
            keys: keys.iter().map(|k| key(k)).collect(),
        }
    }

    #[test]
    fn overrides_replace_keys_and_take_them_from_other_actions() {
        let km = Keymap::with_overrides(&[with(Mode::Reader, Action::NextPassage, &["n", "j"])]);
        assert_eq!(
            km.action_for(Mode::Reader, key("n")),
            Some(Action::NextPassage)
        );
        assert_eq!(
            km.action_for(Mode::Reader, key("j")),
            Some(Action::NextPassage)
        );
        assert_eq!(km.action_for(Mode::Reader, key("}")), None);
        // j keeps moving in the list: overrides are per mode.
        assert_eq!(km.action_for(Mode::List, key("j")), Some(Action::MoveDown));
        assert_eq!(km.keys_for(Mode::Reader, Action::MoveDown), "Down");
        assert!(
            km.hints(Mode::Reader)
                .contains(&("n".to_string(), "passage"))
        );
    }

    #[test]
    fn swapping_two_keys_works_in_either_order() {
        let km = Keymap::with_overrides(&[
            with(Mode::List, Action::MoveDown, &["k"]),
            with(Mode::List, Action::MoveUp, &["j"]),
        ]);
        assert_eq!(km.action_for(Mode::List, key("k")), Some(Action::MoveDown));
        assert_eq!(km.action_for(Mode::List, key("j")), Some(Action::MoveUp));
    }

    #[test]
    fn an_empty_list_unbinds() {
        let km = Keymap::with_overrides(&[with(Mode::List, Action::Quit, &[])]);
        assert_eq!(km.action_for(Mode::List, key("q")), None);
        assert!(
            !km.hints(Mode::List)
                .iter()
                .any(|(_, label)| *label == "quit")
        );
        // Ctrl-c still quits from everywhere.
        assert_eq!(km.action_for(Mode::List, key("Ctrl-c")), Some(Action::Quit));
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = Keymap::default().hints(Mode::Reader);
        assert!(hints.contains(&("m".to_string(), "bookmark")));
        assert_eq!(
            Keymap::default().keys_for(Mode::Reader, Action::Back),
            "h/Left/Esc"
        );
    }
}
