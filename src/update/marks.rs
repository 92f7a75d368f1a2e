//! Bookmark actions: toggling (a passage or a selected range), notes, the
//! bookmarks view (filter, open, delete, undo) and the input line that
//! notes and the bookmarks filter are typed into.

use super::{distance, edit_line};
use crate::action::{Action, Effect};
use crate::app::{App, Focus, Input, InputKind, Overlay};
use crate::bookmarks::Bookmark;
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The app's clock as a `SystemTime`.
fn now(app: &App) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(app.now)
}

/// `m`: bookmarks the selected range or the cursor passage; on a passage
/// that is already bookmarked, removes that bookmark.
pub fn toggle_bookmark(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    let shown = app.bookmarks.find(&app.resolved, doc, app.reader.cursor);
    // A big file's bookmarks are found once it is measured.
    app.measure_now(doc);
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
        app.bookmarks.delete(&id, now(app));
        app.undo = Some(id);
        app.info("Bookmark removed");
    } else {
        let Some(bookmark) = Bookmark::new(&app.docs[doc], first, last, now(app)) else {
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
/// cursor, bookmarking the passage first if it is not yet.
pub fn edit_note_here(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    app.measure_now(doc);
    let mut effect = None;
    if app
        .bookmarks
        .find(&app.resolved, doc, app.reader.cursor)
        .is_none()
    {
        effect = toggle_bookmark(app);
    }
    let index = app.bookmarks.find(&app.resolved, doc, app.reader.cursor)?;
    start_note(app, index);
    effect
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
    let found = if needle.trim().is_empty() {
        crate::search::Found::default()
    } else {
        crate::search::find_literal_capped(&app.docs[doc].text, needle, true)
    };
    let mut found = found;
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
        Action::Open => jump_to_bookmark(app, chosen?),
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
            let Some(id) = app.undo.take() else {
                app.info("Nothing to undo");
                return None;
            };
            app.bookmarks.restore(&id, now(app));
            app.refresh_bookmarks();
            let index = app.bookmarks.items.iter().position(|b| b.id == id);
            let row = app
                .bookmark_rows()
                .iter()
                .position(|&i| Some(i) == index)
                .unwrap_or(selected);
            app.overlay = Overlay::Bookmarks {
                selected: row,
                query,
            };
            app.info("Bookmark restored");
            return Some(Effect::SaveBookmarks);
        }
        Action::CloseOverlay => app.overlay = Overlay::None,
        _ => {}
    }
    None
}

/// Opens the bookmark's document at its passage, highlighted.
pub fn jump_to_bookmark(app: &mut App, index: usize) {
    if app.resolved.get(index).copied().flatten().is_none() {
        // Its document may be a big file listed moments ago and not yet
        // measured: measure it now, which finds its bookmarks.
        let record = &app.bookmarks.items[index].document;
        let waiting: Vec<usize> = (0..app.docs.len())
            .filter(|&d| !app.docs[d].is_measured() && record.same_path(&app.docs[d]))
            .collect();
        for doc in waiting {
            app.measure_now(doc);
        }
    }
    let Some(target) = app.resolved.get(index).copied().flatten() else {
        let doc = &app.bookmarks.items[index].document;
        let path = doc.paths.last().map_or("", String::as_str);
        let text = format!(
            "Cannot open this bookmark: “{}” ({path}) is not open, or its passage is gone",
            doc.title
        );
        app.error(crate::sanitize::sanitize_line(&text));
        return;
    };
    if !app.hits.iter().any(|h| h.doc == target.doc) {
        app.filter.clear();
        app.refilter();
    }
    if let Some(position) = app.hits.iter().position(|h| h.doc == target.doc) {
        app.selected = position;
        app.clamp_selection();
    }
    app.show_document(target.doc);
    super::folds::reveal(app, target.passage, target.passage_end);
    let (_, height) = app.reader_size();
    app.reader.jump_to_passage(target.passage, height);
    app.reader.flash = Some((target.passage, target.passage_end));
    app.overlay = Overlay::None;
    app.focus = Focus::Reader;
}
