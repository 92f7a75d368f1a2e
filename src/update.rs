//! `update()`: the only place the model changes. It takes an [`Action`],
//! changes the [`App`], and returns the [`Effect`] (saving, quitting) for the
//! event loop to carry out, so it stays pure and testable without a terminal.
//! Bookmark and input-line handling is in [`marks`].

mod marks;

use crate::action::{Action, Effect};
use crate::app::{App, Focus, Overlay};
use crate::keymap::Mode;
use crate::line_edit::LineEdit;

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
        Action::Tick(now) => {
            app.now = now;
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
        Action::OpenBookmark(id) => {
            match app
                .bookmarks
                .items
                .iter()
                .position(|b| b.id == id && !b.deleted)
            {
                Some(index) => marks::jump_to_bookmark(app, index),
                None => app.error(format!("No bookmark has the id {id}")),
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
            Mode::Bookmarks => marks::bookmarks_view(app, action),
            Mode::Input => marks::input(app, action),
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

/// Applies a text-editing action to `line`; true if the text changed.
fn edit_line(line: &mut LineEdit, action: &Action) -> bool {
    match action {
        Action::Insert(c) => {
            line.insert(*c);
            true
        }
        Action::DeleteBack => line.backspace(),
        Action::DeleteWord => line.delete_word(),
        Action::CursorLeft => {
            line.left();
            false
        }
        Action::CursorRight => {
            line.right();
            false
        }
        Action::CursorHome => {
            line.home();
            false
        }
        Action::CursorEnd => {
            line.end();
            false
        }
        _ => false,
    }
}

fn move_selection(app: &mut App, delta: isize) {
    app.selected = app.selected.saturating_add_signed(delta);
    app.clamp_selection();
    app.preview_selected();
}

fn open_overlay(app: &mut App, action: &Action) -> bool {
    match action {
        Action::ShowBookmarks => {
            app.overlay = Overlay::Bookmarks {
                selected: 0,
                query: String::new(),
            }
        }
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
            app.filter.end();
        }
        Action::ClearFilter if !app.filter.is_empty() => clear_filter(app),
        other => {
            open_overlay(app, &other);
        }
    }
    None
}

fn reader(app: &mut App, action: Action) -> Option<Effect> {
    let (_, height) = app.reader_size();
    app.reader.flash = None;
    match action {
        Action::Top => app.reader.to_top(),
        Action::Bottom => app.reader.to_bottom(height),
        Action::NextPassage => app.reader.move_cursor(1, height),
        Action::PrevPassage => app.reader.move_cursor(-1, height),
        Action::ToggleBookmark => return marks::toggle_bookmark(app),
        Action::SelectRange => {
            app.reader.selection = match app.reader.selection {
                Some(_) => None,
                None => Some(app.reader.cursor),
            };
        }
        Action::EditNote => return marks::edit_note_here(app),
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
        Action::Back if app.reader.selection.is_some() => app.reader.selection = None,
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

fn clear_filter(app: &mut App) {
    let keep = app.selected_doc();
    app.filter.clear();
    app.refilter();
    if let Some(position) = keep.and_then(|doc| app.hits.iter().position(|h| h.doc == doc)) {
        app.selected = position;
        app.clamp_selection();
        app.preview_selected();
    }
}

fn filter(app: &mut App, action: Action) -> Option<Effect> {
    if edit_line(&mut app.filter, &action) {
        app.refilter();
        return None;
    }
    match action {
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

fn help(app: &mut App, action: Action) -> Option<Effect> {
    let Overlay::Help { scroll } = app.overlay else {
        return None;
    };
    let height = app.size.1.saturating_sub(4).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = crate::ui::help::line_count(app);
        app.overlay = Overlay::Help {
            scroll: scroll.saturating_add_signed(delta).min(last),
        };
    } else if matches!(action, Action::CloseOverlay | Action::ToggleHelp) {
        app.overlay = Overlay::None;
    }
    None
}
