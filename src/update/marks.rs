//! Bookmark actions: toggling (a passage or a selected range), notes, the
//! bookmarks view (filter, open, delete, undo) and the input line that
//! notes and the bookmarks filter are typed into.

use super::{distance, edit_line};
use crate::action::{Action, Effect};
use crate::app::{App, Focus, Input, InputKind, Overlay};
use crate::bookmarks::Bookmark;
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use crate::store::DocId;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The app's clock as a `SystemTime`.
fn now(app: &App) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(app.now)
}

/// `m`: bookmarks the selected range or the cursor passage; on a passage
/// that is already bookmarked, removes that bookmark.
pub fn toggle_bookmark(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    // A big file's bookmarks are found once it is measured.
    if !app.measured_or_later(doc, Action::ToggleBookmark) {
        return None;
    }
    let shown = app.bookmarks.find(&app.resolved, doc, app.reader.cursor);
    toggle_bookmark_shown(app, doc, shown)
}

/// `m` pressed on a document being measured, now that it is: no mark was
/// on screen, so the user meant to add one.
pub fn toggle_bookmark_measured(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    toggle_bookmark_shown(app, doc, None)
}

/// Toggles the bookmark at the cursor of `doc`; `shown` is the bookmark
/// the user saw there.
fn toggle_bookmark_shown(app: &mut App, doc: DocId, shown: Option<usize>) -> Option<Effect> {
    let (first, last) = app
        .reader
        .selected_range()
        .unwrap_or((app.reader.cursor, app.reader.cursor));
    let existing = app.bookmarks.find(&app.resolved, doc, app.reader.cursor);
    if let (None, None, Some(_)) = (app.reader.selection, shown, existing) {
        // The mark was not on screen yet: the user meant to add one.
        app.info("This passage is already bookmarked");
        return None;
    }
    if let (None, Some(index)) = (app.reader.selection, existing) {
        let id = app.bookmarks.items[index].id.clone();
        let noted = !app.bookmarks.items[index].note.is_empty();
        app.bookmarks.delete(&id, now(app));
        app.undo = Some(id);
        // A note is the user's own writing: say how to get it back, with
        // the key that does it here.
        let undo = app.keymap.keys_for(Mode::Reader, Action::UndoDelete);
        app.info(if noted {
            format!("Bookmark and its note removed · {undo} to undo")
        } else {
            format!("Bookmark removed · {undo} to undo")
        });
    } else {
        // The count tells apart ids made on one passage within a tick.
        let seed = app.id_seed.wrapping_add(app.bookmarks.items.len() as u64);
        let Some(bookmark) = Bookmark::seeded(&app.docs[doc], first, last, now(app), seed) else {
            app.error("This document has no passage to bookmark");
            return None;
        };
        app.bookmarks.push(bookmark);
        app.reader.selection = None;
        let what = if first == last {
            "Bookmark saved".to_string()
        } else {
            format!("Bookmark saved ({} passages)", last - first + 1)
        };
        app.info(what);
    }
    app.refresh_bookmarks();
    Some(Effect::SaveBookmarks)
}

/// `a` in the reading view: edits the note of the bookmark under the
/// cursor; on a passage (or selected range) not bookmarked yet, the
/// bookmark is made with the note when it is kept, and not at all on Esc.
pub fn edit_note_here(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    if !app.measured_or_later(doc, Action::EditNote) {
        return None;
    }
    let cursor = app.reader.cursor;
    match app.bookmarks.find(&app.resolved, doc, cursor) {
        Some(index) if app.reader.selection.is_none() => start_note(app, index),
        _ => {
            let (first, last) = app.reader.selected_range().unwrap_or((cursor, cursor));
            app.input = Some(Input {
                kind: InputKind::NewNote { doc, first, last },
                line: LineEdit::default(),
            });
        }
    }
    None
}

/// Enter on the note of a bookmark not made yet: makes it, with the note.
fn keep_new_note(app: &mut App, doc: DocId, (first, last): (usize, usize), text: &str) {
    let made = app.docs.get(doc).and_then(|d| {
        // The count tells apart ids made on one passage within a tick.
        let seed = app.id_seed.wrapping_add(app.bookmarks.items.len() as u64);
        Bookmark::seeded(d, first, last, now(app), seed)
    });
    let Some(mut bookmark) = made else {
        app.error("This document has no passage to bookmark");
        return;
    };
    bookmark.note = text.trim().to_string();
    let noted = !bookmark.note.is_empty();
    app.bookmarks.push(bookmark);
    app.reader.selection = None;
    app.refresh_bookmarks();
    app.info(if noted {
        "Bookmark saved with its note"
    } else {
        "Bookmark saved"
    });
}

/// `u`: brings back the bookmark deleted last (with its note).
pub fn undo_delete(app: &mut App) -> Option<Effect> {
    let Some(id) = app.undo.take() else {
        app.info("Nothing to undo");
        return None;
    };
    app.bookmarks.restore(&id, now(app));
    app.refresh_bookmarks();
    app.info("Bookmark restored");
    Some(Effect::SaveBookmarks)
}

fn start_note(app: &mut App, index: usize) {
    let bookmark = &app.bookmarks.items[index];
    app.input = Some(Input {
        kind: InputKind::Note {
            id: bookmark.id.clone(),
        },
        line: LineEdit::with_text(&bookmark.note),
    });
}

/// The open input line's text changed: filter the overlay or search the
/// document with it.
pub fn input_changed(app: &mut App) -> Option<Effect> {
    let input = app.input.as_ref()?;
    let (kind, text) = (input.kind.clone(), input.line.text.clone());
    match kind {
        InputKind::DocumentSearch => search_document(app, &text),
        _ => set_overlay_query(app, &kind, text),
    }
    None
}

/// Keys while an input line is open.
pub fn input(app: &mut App, action: Action) -> Option<Effect> {
    let input = app.input.as_mut()?;
    if edit_line(&mut input.line, &action) {
        return input_changed(app);
    }
    let kind = input.kind.clone();
    let text = input.line.text.clone();
    match action {
        Action::Accept => {
            app.input = None;
            if kind == InputKind::DocumentSearch && !text.trim().is_empty() {
                match app.reader.matches.len() {
                    0 => app.info(format!("No match for “{text}”")),
                    n => app.info(format!("{n} matches · n and N step through them")),
                }
            }
            if let InputKind::NewNote { doc, first, last } = kind {
                keep_new_note(app, doc, (first, last), &text);
                return Some(Effect::SaveBookmarks);
            }
            if let InputKind::Note { id } = kind {
                app.bookmarks.set_note(&id, &text, now(app));
                app.info(if text.trim().is_empty() {
                    "Note removed"
                } else {
                    "Note saved"
                });
                return Some(Effect::SaveBookmarks);
            }
        }
        Action::Cancel => {
            app.input = None;
            match kind {
                InputKind::DocumentSearch => search_document(app, ""),
                _ => set_overlay_query(app, &kind, String::new()),
            }
        }
        _ => {}
    }
    None
}

/// Highlights every occurrence of `needle` in the open document (smart
/// case; any run of spaces matches any whitespace, so a phrase that wraps
/// is found) and shows the first one from the top of the screen on.
fn search_document(app: &mut App, needle: &str) {
    let Some(doc) = app.reader.doc else { return };
    let mut found = if needle.trim().is_empty() {
        crate::search::Found::default()
    } else {
        crate::search::find_literal_capped(&app.docs[doc].text, needle, true)
    };
    app.docs[doc].keep_shown(&mut found.ranges);
    app.reader.keep_shown(&mut found.ranges);
    (app.reader.matches, app.reader.more_matches) = (found.ranges, found.capped);
    app.reader.current = None;
    let (_, height) = app.reader_size();
    if let Some(first) = app.reader.first_visible_match() {
        app.reader.show_match(first, height);
    }
}

/// Filters the bookmarks view, the outline or the help overlay as its
/// filter line changes.
fn set_overlay_query(app: &mut App, kind: &InputKind, query: String) {
    match (kind, &app.overlay) {
        (InputKind::OverlayFilter, Overlay::Bookmarks { .. }) => {
            app.overlay = Overlay::Bookmarks { selected: 0, query };
        }
        (InputKind::OverlayFilter, Overlay::Outline { .. }) => {
            app.overlay = Overlay::Outline { selected: 0, query };
        }
        (InputKind::OverlayFilter, Overlay::Links { .. }) => {
            super::links::set_query(app, query);
        }
        (InputKind::HelpFilter, Overlay::Help { .. }) => {
            app.overlay = Overlay::Help { scroll: 0, query };
        }
        _ => {}
    }
}

/// Keys in the outline: move, filter, jump to the entry.
pub fn outline_view(app: &mut App, action: Action) -> Option<Effect> {
    let Overlay::Outline { selected, query } = app.overlay.clone() else {
        return None;
    };
    let rows = app.outline_rows();
    let height = app.size.1.saturating_sub(4).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = rows.len().saturating_sub(1);
        app.overlay = Overlay::Outline {
            selected: selected.saturating_add_signed(delta).min(last),
            query,
        };
        return None;
    }
    match action {
        Action::Open => {
            let (passage, _, _) = rows.get(selected)?;
            let (_, height) = app.reader_size();
            app.reader.jump_to_passage(*passage, height);
            app.overlay = Overlay::None;
            app.focus = Focus::Reader;
        }
        Action::FocusFilter => {
            app.input = Some(Input {
                kind: InputKind::OverlayFilter,
                line: LineEdit::with_text(&query),
            });
        }
        Action::CloseOverlay | Action::ShowOutline => app.overlay = Overlay::None,
        _ => {}
    }
    None
}

/// Keys in the bookmarks view.
pub fn bookmarks_view(app: &mut App, action: Action) -> Option<Effect> {
    if let Overlay::Quote {
        selected, query, ..
    } = app.overlay.clone()
    {
        // Any key closes the quote, back to the list it came from.
        app.overlay = Overlay::Bookmarks { selected, query };
        return None;
    }
    let Overlay::Bookmarks { selected, query } = app.overlay.clone() else {
        return None;
    };
    let rows = app.bookmark_rows();
    let height = (app.size.1.saturating_sub(4) / 2).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = rows.len().saturating_sub(1);
        app.overlay = Overlay::Bookmarks {
            selected: selected.saturating_add_signed(delta).min(last),
            query,
        };
        return None;
    }
    let chosen = rows.get(selected).copied();
    match action {
        Action::Open => return jump_to_bookmark(app, chosen?),
        Action::FocusFilter => {
            app.input = Some(Input {
                kind: InputKind::OverlayFilter,
                line: LineEdit::with_text(&query),
            });
        }
        Action::EditNote => start_note(app, chosen?),
        Action::DeleteBookmark => {
            let id = app.bookmarks.items[chosen?].id.clone();
            app.bookmarks.delete(&id, now(app));
            app.undo = Some(id);
            app.refresh_bookmarks();
            let last = app.bookmark_rows().len().saturating_sub(1);
            app.overlay = Overlay::Bookmarks {
                selected: selected.min(last),
                query,
            };
            let undo = app.keymap.keys_for(Mode::Bookmarks, Action::UndoDelete);
            app.info(format!("Bookmark deleted · {undo} to undo"));
            return Some(Effect::SaveBookmarks);
        }
        Action::UndoDelete => {
            let id = app.undo.clone();
            let effect = undo_delete(app);
            let index = app
                .bookmarks
                .items
                .iter()
                .position(|b| Some(&b.id) == id.as_ref());
            let row = app
                .bookmark_rows()
                .iter()
                .position(|&i| Some(i) == index)
                .unwrap_or(selected);
            app.overlay = Overlay::Bookmarks {
                selected: row,
                query,
            };
            return effect;
        }
        Action::CloseOverlay => app.overlay = Overlay::None,
        _ => {}
    }
    None
}

/// Opens the bookmark's document at its passage, highlighted; a bookmark
/// whose document is not loaded is opened once its file is read.
pub fn jump_to_bookmark(app: &mut App, index: usize) -> Option<Effect> {
    if app.resolved.get(index).copied().flatten().is_none() {
        // Its document may be a big file listed moments ago and not yet
        // measured: the jump is made once it is, which finds its bookmarks.
        let record = &app.bookmarks.items[index].document;
        let waiting = DocId::all_in(0..app.docs.len())
            .find(|&d| !app.docs[d].is_measured() && record.same_path(&app.docs[d]));
        if let Some(doc) = waiting {
            let id = app.bookmarks.items[index].id.clone();
            app.measured_or_later(doc, Action::OpenBookmark(id));
            return None;
        }
    }
    let Some(target) = app.resolved.get(index).copied().flatten() else {
        let id = &app.bookmarks.items[index].id;
        let known = app.why_unopenable(id).is_some();
        if known && matches!(app.overlay, Overlay::Bookmarks { .. }) {
            super::opening::show_quote(app, index);
            return None;
        }
        return super::opening::open_unresolved(app, index);
    };
    super::opening::show_found(app, target);
    None
}

/// `v`: says what the selection is for, with the keys that do it.
pub fn selection_hint(app: &mut App) {
    if app.reader.selection.is_none() {
        app.info("Selection cancelled");
        return;
    }
    let key = |action| app.keymap.keys_for(Mode::Reader, action);
    let text = format!(
        "Selecting passages: {} or {} extends · {} bookmarks the range · {} adds a note · {} copies it · {} cancels",
        key(Action::MoveDown),
        key(Action::NextPassage),
        key(Action::ToggleBookmark),
        key(Action::EditNote),
        key(Action::CopyPassage),
        key(Action::SelectRange),
    );
    app.info(text);
}
