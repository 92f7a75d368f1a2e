//! `update()`: the only place the model changes. It takes an [`Action`],
//! changes the [`App`], and returns the [`Effect`] (saving, quitting) for the
//! event loop to carry out, so it stays pure and testable without a terminal.

use crate::action::{Action, Effect};
use crate::app::{App, Focus, Overlay};
use crate::bookmarks::Bookmark;
use crate::keymap::Mode;
use std::time::SystemTime;

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Resize(width, height) => {
            app.size = (width, height);
            let (w, h) = app.reader_size();
            app.reader.rewrap(&app.docs, w, h);
            app.clamp_selection();
            None
        }
        Action::Tick => {
            if let Some(status) = &mut app.status {
                status.ticks_left = status.ticks_left.saturating_sub(1);
                if status.ticks_left == 0 {
                    app.status = None;
                }
            }
            None
        }
        Action::BookmarksSaved(Err(message)) => {
            app.error(message);
            None
        }
        Action::BookmarksSaved(Ok(merged)) => {
            // Another quire may have saved in between: show the merged set.
            if merged != app.bookmarks {
                app.bookmarks = merged;
                app.refresh_bookmarks();
            }
            None
        }
        Action::Quit => {
            app.remember_position();
            app.should_quit = true;
            Some(Effect::Quit)
        }
        action => match app.mode() {
            Mode::List | Mode::Global => list(app, action),
            Mode::Reader => reader(app, action),
            Mode::Filter => filter(app, action),
            Mode::Bookmarks => bookmarks_view(app, action),
            Mode::Help => help(app, action),
        },
    }
}

/// How far a movement action goes in a view of `height` rows.
fn distance(action: &Action, height: usize) -> Option<isize> {
    let page = height.saturating_sub(2).max(1) as isize;
    let half = (height / 2).max(1) as isize;
    Some(match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

fn move_selection(app: &mut App, delta: isize) {
    app.selected = app.selected.saturating_add_signed(delta);
    app.clamp_selection();
    app.preview_selected();
}

fn open_overlay(app: &mut App, action: &Action) -> bool {
    match action {
        Action::ShowBookmarks => app.overlay = Overlay::Bookmarks { selected: 0 },
        Action::ToggleHelp => app.overlay = Overlay::Help { scroll: 0 },
        _ => return false,
    }
    true
}

fn list(app: &mut App, action: Action) -> Option<Effect> {
    if let Some(delta) = distance(&action, app.list_height()) {
        move_selection(app, delta);
        return None;
    }
    match action {
        Action::Open if app.reader.doc.is_some() => app.focus = Focus::Reader,
        Action::SwitchPane if app.reader.doc.is_some() => app.focus = Focus::Reader,
        Action::FocusFilter => {
            app.focus = Focus::Filter;
            app.filter.cursor = app.filter.text.len();
        }
        Action::ClearFilter if !app.filter.text.is_empty() => clear_filter(app),
        other => {
            open_overlay(app, &other);
        }
    }
    None
}

fn reader(app: &mut App, action: Action) -> Option<Effect> {
    let (_, height) = app.reader_size();
    match action {
        Action::Top => app.reader.to_top(),
        Action::Bottom => app.reader.to_bottom(height),
        Action::NextPassage => app.reader.move_cursor(1, height),
        Action::PrevPassage => app.reader.move_cursor(-1, height),
        Action::ToggleBookmark => return toggle_bookmark(app),
        Action::NextDocument | Action::PrevDocument => {
            let step = if action == Action::NextDocument {
                1
            } else {
                -1
            };
            let before = app.selected;
            move_selection(app, step);
            if app.selected == before {
                app.info(if step > 0 {
                    "This is the last document"
                } else {
                    "This is the first document"
                });
            }
        }
        Action::Back | Action::SwitchPane => {
            app.remember_position();
            app.focus = Focus::List;
        }
        other => {
            if let Some(delta) = distance(&other, height) {
                app.reader.scroll(delta, height);
            } else {
                open_overlay(app, &other);
            }
        }
    }
    None
}

fn toggle_bookmark(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    let passage = app.reader.cursor;
    if let Some(index) = app.bookmarks.find(&app.resolved, doc, passage) {
        let id = app.bookmarks.items[index].id.clone();
        app.bookmarks.delete(&id, SystemTime::now());
        app.undo = Some(id);
        app.info("Bookmark removed");
    } else {
        match Bookmark::new(&app.docs[doc], passage, passage, SystemTime::now()) {
            Some(bookmark) => app.bookmarks.push(bookmark),
            None => {
                app.error("This document has no passage to bookmark");
                return None;
            }
        }
        app.info("Bookmark saved");
    }
    app.refresh_bookmarks();
    Some(Effect::SaveBookmarks)
}

fn clear_filter(app: &mut App) {
    let keep = app.selected_doc();
    app.filter = Default::default();
    app.refilter();
    if let Some(position) = keep.and_then(|doc| app.hits.iter().position(|h| h.doc == doc)) {
        app.selected = position;
        app.clamp_selection();
        app.preview_selected();
    }
}

fn filter(app: &mut App, action: Action) -> Option<Effect> {
    let line = &mut app.filter;
    match action {
        Action::Insert(c) => {
            line.text.insert(line.cursor, c);
            line.cursor += c.len_utf8();
            app.refilter();
        }
        Action::FilterBackspace => {
            if let Some((at, _)) = line.text[..line.cursor].char_indices().next_back() {
                line.text.replace_range(at..line.cursor, "");
                line.cursor = at;
                app.refilter();
            }
        }
        Action::FilterDeleteWord => {
            let before = line.text[..line.cursor].trim_end();
            let at = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            line.text.replace_range(at..line.cursor, "");
            line.cursor = at;
            app.refilter();
        }
        Action::FilterCursorLeft => {
            line.cursor = line.text[..line.cursor]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
        }
        Action::FilterCursorRight => {
            line.cursor = line.text[line.cursor..]
                .chars()
                .next()
                .map_or(line.cursor, |c| line.cursor + c.len_utf8());
        }
        Action::MoveDown => move_selection(app, 1),
        Action::MoveUp => move_selection(app, -1),
        Action::AcceptFilter => {
            if app.reader.doc.is_some() {
                app.focus = Focus::Reader;
            } else {
                app.error("No document matches the filter; Esc clears it");
            }
        }
        Action::ClearFilter => {
            clear_filter(app);
            app.focus = Focus::List;
        }
        _ => {}
    }
    None
}

fn bookmarks_view(app: &mut App, action: Action) -> Option<Effect> {
    let Overlay::Bookmarks { selected } = app.overlay else {
        return None;
    };
    let rows = app.bookmark_rows();
    let height = app.size.1.saturating_sub(6).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = rows.len().saturating_sub(1);
        app.overlay = Overlay::Bookmarks {
            selected: selected.saturating_add_signed(delta).min(last),
        };
        return None;
    }
    match action {
        Action::Open => {
            let index = *rows.get(selected)?;
            jump_to_bookmark(app, index);
            None
        }
        Action::DeleteBookmark => {
            let index = *rows.get(selected)?;
            let id = app.bookmarks.items[index].id.clone();
            app.bookmarks.delete(&id, SystemTime::now());
            app.undo = Some(id);
            app.refresh_bookmarks();
            let last = app.bookmarks.live_count().saturating_sub(1);
            app.overlay = Overlay::Bookmarks {
                selected: selected.min(last),
            };
            let undo = app.keymap.keys_for(Mode::Bookmarks, Action::UndoDelete);
            app.info(format!("Bookmark deleted · {undo} to undo"));
            Some(Effect::SaveBookmarks)
        }
        Action::UndoDelete => {
            let Some(id) = app.undo.take() else {
                app.info("Nothing to undo");
                return None;
            };
            app.bookmarks.restore(&id, SystemTime::now());
            app.refresh_bookmarks();
            let index = app.bookmarks.items.iter().position(|b| b.id == id);
            if let Some(row) = app.bookmark_rows().iter().position(|&i| Some(i) == index) {
                app.overlay = Overlay::Bookmarks { selected: row };
            }
            app.info("Bookmark restored");
            Some(Effect::SaveBookmarks)
        }
        Action::CloseOverlay => {
            app.overlay = Overlay::None;
            None
        }
        _ => None,
    }
}

fn jump_to_bookmark(app: &mut App, index: usize) {
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
        app.filter = Default::default();
        app.refilter();
    }
    if let Some(position) = app.hits.iter().position(|h| h.doc == target.doc) {
        app.selected = position;
        app.clamp_selection();
    }
    app.show_document(target.doc);
    let (_, height) = app.reader_size();
    app.reader.jump_to_passage(target.passage, height);
    app.overlay = Overlay::None;
    app.focus = Focus::Reader;
}

fn help(app: &mut App, action: Action) -> Option<Effect> {
    let Overlay::Help { scroll } = app.overlay else {
        return None;
    };
    let height = app.size.1.saturating_sub(4).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        // The help view clamps the scroll when it knows its length.
        app.overlay = Overlay::Help {
            scroll: scroll
                .saturating_add_signed(delta)
                .min(crate::ui::help::line_count(app)),
        };
    } else if matches!(action, Action::CloseOverlay | Action::ToggleHelp) {
        app.overlay = Overlay::None;
    }
    None
}
