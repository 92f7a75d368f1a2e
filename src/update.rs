//! `update()`: the only place the model changes. It takes an [`Action`],
//! changes the [`App`], and returns the [`Effects`] (saving, searching,
//! quitting) for [`crate::runner`] to carry out. It reads no clock (time
//! comes in [`Action::Tick`]), hashes nothing and touches no disk or
//! terminal, so a test is a list of actions and an expected model.
//! Bookmark and input-line handling is in [`marks`].

mod folds;
mod links;
mod marks;
mod opening;
mod pointer;
mod sideways;

use crate::action::{Action, Effect};
use crate::app::{App, Focus, Overlay};
use crate::effects::Effects;
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use crate::store::DocId;

pub use links::rows as link_rows;

/// Applies one action to the app and returns what it asks to be done.
pub fn update(app: &mut App, action: Action) -> Effects {
    let before = Watched::of(app);
    let mode = app.mode();
    let mut effects = Effects::none();
    let first = step(app, action, &mut effects);
    // A line opened for typing shows its own keys in the status bar, not
    // the message from before it opened.
    let now = app.mode();
    if now != mode && matches!(now, Mode::Input | Mode::Filter) {
        app.status = None;
    }
    let mut all = Effects::from(first);
    all.extend(effects);
    all.extend(before.changed(app));
    all
}

/// The parts of the model whose change is work for the outside world,
/// whichever arm (or method deep below it) changed them: a new filter is
/// searched, re-anchored bookmarks and new reading positions are saved.
struct Watched {
    search_generation: u64,
    reanchored: u64,
    reading_changes: u64,
}

impl Watched {
    fn of(app: &App) -> Watched {
        Watched {
            search_generation: app.search_generation,
            reanchored: app.reanchored,
            reading_changes: app.reading_changes,
        }
    }

    fn changed(self, app: &App) -> Effects {
        let mut effects = Effects::none();
        if app.search_generation != self.search_generation && app.searching {
            effects.push(Effect::Search {
                generation: app.search_generation,
                query: std::sync::Arc::clone(&app.pending_query),
                snippet_width: app.snippet_width(),
            });
        }
        if app.reanchored != self.reanchored {
            effects.push(Effect::SaveBookmarks);
        }
        if app.reading_changes != self.reading_changes {
            effects.push(Effect::SavePositions);
        }
        effects
    }
}

/// One action's own arm; `more` takes effects beyond the one returned.
fn step(app: &mut App, action: Action, more: &mut Effects) -> Option<Effect> {
    match action {
        Action::Resize(width, height) => {
            app.size = (width, height);
            let (w, h) = app.reader_size();
            app.reader.blocks.wide = app.block_width();
            app.reader.rewrap(&app.docs, w, h);
            app.clamp_selection();
            None
        }
        Action::Tick(now) => {
            let first = app.now == 0;
            app.now = now;
            if first {
                // The clock has started: bookmarks whose document was
                // edited or moved since they were saved are re-anchored
                // (and so saved), dated now.
                app.refresh_bookmarks();
            }
            if let Some(status) = &mut app.status {
                status.ticks_left = status.ticks_left.saturating_sub(1);
                if status.ticks_left == 0 {
                    app.status = None;
                }
            }
            // While reading, the position is recorded every tick it moved
            // and so saved (the saver writes every few seconds at most): a
            // crash or a closed terminal loses little.
            if app.focus == Focus::Reader {
                app.remember_position();
            }
            None
        }
        Action::PositionsSaved(result) => {
            match result {
                // Merged, not replaced: the reader may have moved on since
                // the copy that was saved.
                Ok(merged) => {
                    app.reading.merge(&merged);
                    app.positions_error = None;
                }
                Err(message) => {
                    app.error(message.clone());
                    app.positions_error = Some(message);
                }
            }
            None
        }
        Action::Told(message) => {
            app.error(message);
            None
        }
        Action::BookmarksSaved(Err(message)) => {
            app.error(message.clone());
            app.bookmarks_error = Some(message);
            None
        }
        Action::BookmarksSaved(Ok(merged)) => {
            app.bookmarks_error = None;
            if std::mem::take(&mut app.quit_asked) {
                // Saved on the try made when the user asked to quit.
                return step(app, Action::Quit, more);
            }
            // Another quire may have saved in between: show the merged set.
            // Merged, not replaced: the user may have changed bookmarks
            // since the copy that was saved (that change is saved next).
            let mine = app.bookmarks.clone();
            app.bookmarks.merge(&merged);
            if mine != app.bookmarks {
                app.refresh_bookmarks();
            }
            None
        }
        Action::DocumentsLoaded(docs, problems) => {
            loaded(app, docs, problems);
            opening::documents_arrived(app);
            None
        }
        Action::BookmarkDocument(id, read) => opening::document_read(app, id, read),
        Action::DocumentMeasured(doc, measure) => {
            app.document_measured(doc, measure);
            // A bookmark asked for while the document was being measured.
            match app.after_measure.take() {
                Some((doc, action)) if app.docs.get(doc).is_some_and(|d| d.is_measured()) => {
                    // `m` and `a` were about the passage in the reading view:
                    // done only if the user is still reading that document.
                    let reading = app.reader.doc == Some(doc) && app.mode() == Mode::Reader;
                    match action {
                        Action::ToggleBookmark | Action::EditNote if !reading => None,
                        Action::ToggleBookmark => marks::toggle_bookmark_measured(app),
                        action => step(app, action, more),
                    }
                }
                waiting => {
                    app.after_measure = waiting;
                    None
                }
            }
        }
        Action::DocumentsRefolded(folds) => {
            folds::refold(app, folds);
            None
        }
        Action::LoadFinished => {
            app.loading = false;
            app.report_problems();
            opening::loading_done(app)
        }
        Action::SearchResults {
            generation,
            hits,
            described,
        } => {
            if generation == app.search_generation {
                app.searching = false;
                app.show_results(generation, hits, described);
            }
            None
        }
        Action::Reloaded(doc, result) => reloaded(app, doc, result),
        Action::OpenBookmark(id) => {
            match app
                .bookmarks
                .items
                .iter()
                .position(|b| b.id == id && !b.deleted)
            {
                Some(index) => marks::jump_to_bookmark(app, index),
                None => {
                    app.error(format!("No bookmark has the id {id}"));
                    None
                }
            }
        }
        Action::Insert(c) => insert_text(app, c.encode_utf8(&mut [0; 4])),
        Action::InsertText(text) => insert_text(app, &text),
        Action::Suspend => Some(Effect::Suspend),
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            let key = app.keymap.keys_for(Mode::Global, Action::ToggleMouse);
            app.info(if app.mouse {
                format!(
                    "Mouse on: wheel scrolls, click selects, drag the divider; {key} turns it off"
                )
            } else {
                format!("Mouse off: select text with the terminal; {key} turns it back on")
            });
            Some(Effect::SetMouse(app.mouse))
        }
        Action::NarrowList | Action::WidenList | Action::ToggleFocusMode
            if app.overlay == Overlay::None =>
        {
            change_layout(app, &action)
        }
        Action::Mouse { kind, column, row } => {
            crate::update::pointer::mouse(app, kind, column, row)
        }
        Action::Quit if app.bookmarks_error.is_some() && !app.quit_asked => {
            app.quit_asked = true;
            let key = match app.keymap.keys_for(app.mode(), Action::Quit) {
                here if here.is_empty() => app.keymap.keys_for(Mode::Global, Action::Quit),
                here => here,
            };
            app.error(format!(
                "Your latest bookmark changes are not saved: {}. Trying again; {key} again quits without them",
                app.bookmarks_error.as_deref().unwrap_or_default()
            ));
            Some(Effect::SaveBookmarks)
        }
        Action::Quit | Action::QuitNow => {
            app.remember_position();
            // The last save failed (a full disk, a read-only folder): one
            // more try before the changes are lost.
            if app.bookmarks_error.is_some() {
                more.push(Effect::SaveBookmarks);
            }
            Some(Effect::Quit)
        }
        action => match app.mode() {
            Mode::List | Mode::Global => list(app, action),
            Mode::Reader => reader(app, action),
            Mode::Filter => filter(app, action),
            Mode::Bookmarks => marks::bookmarks_view(app, action),
            Mode::Outline => marks::outline_view(app, action),
            Mode::Links => links::links_view(app, action),
            Mode::Input => marks::input(app, action),
            Mode::Help => help(app, action),
        },
    }
}

/// Puts a re-read document in place of the old one, keeping the reader at
/// the same passage (found by its anchor, since the text may have changed).
/// Puts document `doc`, read again, in place; when its text changed, the
/// search is told to index it again, so the filter finds what it says now.
fn reloaded(
    app: &mut App,
    doc: DocId,
    result: Result<crate::document::Document, String>,
) -> Option<Effect> {
    let fresh = match result {
        Ok(fresh) => fresh,
        Err(message) => {
            app.error(format!("{message}; showing the text as it was"));
            return None;
        }
    };
    let old = app.docs.get(doc)?;
    let open = app.reader.doc == Some(doc);
    let layout_top = app
        .reader
        .layout
        .as_ref()
        .and_then(|l| l.passage_at(app.reader.top))
        .unwrap_or(0);
    let anchors = open.then(|| {
        let top = crate::bookmarks::anchor::Anchor::new(old, layout_top, layout_top);
        let cursor =
            crate::bookmarks::anchor::Anchor::new(old, app.reader.cursor, app.reader.cursor);
        (top, cursor)
    });
    // A big file reloaded before it was measured: compare the texts.
    let unchanged = if old.is_measured() {
        old.hash == fresh.hash
    } else {
        old.text == fresh.text
    };
    let mut fresh = fresh;
    app.places.name_site(&mut fresh);
    app.docs.replace(doc, fresh);
    app.refresh_bookmarks();
    if let Some((top, cursor)) = anchors {
        let find = |a: Option<crate::bookmarks::anchor::Anchor>, app: &App| {
            a.and_then(|a| a.resolve(&app.docs[doc], unchanged))
                .map(|f| f.passage)
        };
        let (top, cursor) = (find(top, app), find(cursor, app));
        app.reader.close();
        app.show_document(doc);
        let (_, height) = app.reader_size();
        if let Some(top) = top {
            app.reader.jump_to_passage(top, height);
        }
        if let Some(cursor) = cursor {
            app.reader.cursor = cursor.min(app.docs[doc].passages.len().saturating_sub(1));
            app.reader.reveal_cursor(height);
        }
    }
    app.info(if unchanged {
        "Read again: unchanged"
    } else {
        "Read again: the file had changed"
    });
    (!unchanged).then_some(Effect::Reindex(doc))
}

/// Appends documents read in the background: the list grows (a filter is
/// re-run by the search thread as it indexes them) and bookmarks in them
/// are found.
fn loaded(
    app: &mut App,
    docs: Vec<crate::document::Document>,
    problems: Vec<crate::corpus::LoadProblem>,
) {
    // Documents given here, then any the loader has stored.
    let first = app.docs.len();
    app.docs.append(docs);
    app.docs.refresh();
    let unnamed = app.places.add(&app.docs, first);
    if !unnamed.is_empty() {
        let places = &app.places;
        app.docs.update_each(&unnamed, |d| places.name_site(d));
    }
    app.problems.extend(problems);
    if app.query.is_empty() && app.split.sort == crate::sort::SortOrder::Path {
        // Files arrive in path order.
        let added = DocId::all_in(first..app.docs.len());
        app.hits.extend(added.map(crate::search::Hit::unranked));
    } else if app.query.is_empty() {
        let moved_to = app.selection_moved.then(|| app.selected_doc()).flatten();
        app.relist(app.reading_doc().or(moved_to));
    }
    app.resolve_new_documents(DocId(first));
    if app.reader.doc.is_none() {
        app.preview_selected();
    }
}

/// `s`: the unfiltered list in the next order, on the same document; the
/// order is kept with the layout.
fn sort_list(app: &mut App) -> Option<Effect> {
    app.split.sort = app.split.sort.next();
    let label = app.split.sort.label();
    if app.query.is_empty() {
        app.relist(app.selected_doc());
        app.info(format!("Sorted {label}"));
    } else {
        app.info(format!("Sorted {label} once the filter is cleared"));
    }
    Some(Effect::SaveLayout)
}

/// `<`, `>` and `z`: the split and focus mode, re-wrapping the reader.
fn change_layout(app: &mut App, action: &Action) -> Option<Effect> {
    let split = &mut app.split;
    match action {
        Action::NarrowList => split.list_percent = split.list_percent.saturating_sub(5),
        Action::WidenList => split.list_percent += 5,
        _ => split.focus = !split.focus,
    }
    let range = crate::layout::LIST_PERCENT;
    split.list_percent = split.list_percent.clamp(*range.start(), *range.end());
    if *action == Action::ToggleFocusMode {
        let focus = app.split.focus;
        app.info(if focus {
            "Focus mode: one pane at a time (z for both)"
        } else {
            "Both panes"
        });
    }
    relayout(app);
    Some(Effect::SaveLayout)
}

/// Re-wraps and re-clamps after the pane geometry changed.
fn relayout(app: &mut App) {
    let (w, h) = app.reader_size();
    app.reader.blocks.wide = app.block_width();
    app.reader.rewrap(&app.docs, w, h);
    app.clamp_selection();
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

/// Typed or pasted text: into the open input line or the filter line,
/// searched once for all of it. Anywhere else it is not taken as keys.
fn insert_text(app: &mut App, text: &str) -> Option<Effect> {
    let mode = app.mode();
    let line = match mode {
        Mode::Input => &mut app.input.as_mut()?.line,
        Mode::Filter => &mut app.filter,
        _ => {
            let (where_, action) = match mode {
                Mode::Reader => (Mode::Reader, Action::SearchDocument),
                _ => (Mode::List, Action::FocusFilter),
            };
            let key = app.keymap.keys_for(where_, action);
            app.info(format!(
                "Paste ignored: it goes into an input line ({key} opens one)"
            ));
            return None;
        }
    };
    let inserted = line.insert_text(text);
    if inserted.left_out > 0 {
        app.error(format!(
            "The line holds {} characters: {} more were left out",
            crate::line_edit::MAX_CHARS,
            inserted.left_out
        ));
    }
    match (inserted.changed, mode) {
        (false, _) => None,
        (true, Mode::Filter) => {
            app.refilter();
            None
        }
        (true, _) => marks::input_changed(app),
    }
}

/// Applies a text-editing action to `line`; true if the text changed.
fn edit_line(line: &mut LineEdit, action: &Action) -> bool {
    match action {
        Action::DeleteBack => line.backspace(),
        Action::DeleteWord => line.delete_word(),
        Action::ClearLine => {
            let had_text = !line.text.is_empty();
            line.clear();
            had_text
        }
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
    app.selection_moved = true;
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
        Action::ToggleHelp => {
            app.overlay = Overlay::Help {
                scroll: 0,
                query: String::new(),
            }
        }
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
        Action::SortList => return sort_list(app),
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
            marks::selection_hint(app);
        }
        Action::EditNote => return marks::edit_note_here(app),
        Action::PageOrNextDocument => page_or_next_document(app, height),
        Action::FollowLink => return links::follow_here(app),
        Action::GoBack => links::go_back(app),
        Action::ShowLinks => links::show_all(app),
        Action::UndoDelete => return marks::undo_delete(app),
        Action::ToggleNotes => {
            app.hide_notes = !app.hide_notes;
            let key = app.keymap.keys_for(Mode::Reader, Action::ToggleNotes);
            app.info(if app.hide_notes {
                format!("Notes hidden; {key} shows them under their passages")
            } else {
                format!("Notes shown under their passages; {key} hides them")
            });
        }
        Action::ShowOutline => {
            app.overlay = Overlay::Outline {
                selected: 0,
                query: String::new(),
            }
        }
        Action::CopyPassage => {
            let doc = &app.docs[app.reader.doc?];
            let (first, last) = app
                .reader
                .selected_range()
                .unwrap_or((app.reader.cursor, app.reader.cursor));
            let (start, end) = (
                doc.passages.get(first)?.range.start,
                doc.passages.get(last)?.range.end,
            );
            let text = doc.text[start..end].to_string();
            app.reader.selection = None;
            let what = if first == last {
                "passage".to_string()
            } else {
                format!("{} passages", last - first + 1)
            };
            app.info(format!("Copied the {what} to the clipboard"));
            return Some(Effect::Copy(text));
        }
        Action::EditExternally => {
            let doc = app.reader.doc?;
            if !matches!(app.docs[doc].source, crate::document::Source::File(_)) {
                app.info("Only files can be edited; this document came from standard input or quire itself");
                return None;
            }
            let line = app.docs[doc]
                .passages
                .get(app.reader.cursor)
                .map_or(1, |p| p.line);
            return Some(Effect::Edit { doc, line });
        }
        Action::Reload => {
            let doc = app.reader.doc?;
            if matches!(app.docs[doc].source, crate::document::Source::File(_)) {
                return Some(Effect::Reload(doc));
            }
            app.info("Only files can be read again; this document came from standard input or quire itself");
        }
        Action::ToggleWholePage => folds::toggle_whole_page(app),
        Action::ToggleWrap => sideways::toggle_wrap(app),
        Action::ScrollLeft | Action::ScrollRight => {
            sideways::scroll(app, action == Action::ScrollRight)
        }
        Action::NextMatch | Action::PrevMatch => {
            step_match(app, action == Action::NextMatch, height)
        }
        Action::SearchDocument => {
            app.input = Some(crate::app::Input {
                kind: crate::app::InputKind::DocumentSearch,
                line: LineEdit::default(),
            });
        }
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

/// Space: a page down, or at the end of the document the next one, said
/// in the status bar so the change of document is not missed.
fn page_or_next_document(app: &mut App, height: usize) {
    if app.reader.percent(height) < 100 {
        app.reader
            .scroll(distance(&Action::PageDown, height).unwrap_or(1), height);
        return;
    }
    let before = app.selected;
    move_selection(app, 1);
    match app.selected_doc().filter(|_| app.selected != before) {
        Some(doc) => {
            let title = app.docs[doc].title.clone();
            app.info(format!("End of the document; next: {title}"));
        }
        None => app.info("End of the last document"),
    }
}

/// `n`/`N`: the next or previous match, wrapping around the document.
fn step_match(app: &mut App, forward: bool, height: usize) {
    let count = app.reader.matches.len();
    if count == 0 {
        let key = app.keymap.keys_for(Mode::Reader, Action::SearchDocument);
        app.info(format!(
            "No matches to step through; {key} searches this document"
        ));
        return;
    }
    let next = match (app.reader.current, forward) {
        (None, _) => app.reader.first_visible_match().unwrap_or(0),
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    };
    app.reader.show_match(next, height);
    app.info(format!("Match {}/{count}", next + 1));
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
        Action::PageDown | Action::PageUp => {
            let delta = distance(&action, app.list_height()).unwrap_or(0);
            move_selection(app, delta);
        }
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
    let Overlay::Help { scroll, query } = app.overlay.clone() else {
        return None;
    };
    let height = app.size.1.saturating_sub(4).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = crate::key_help::line_count(&app.keymap, &query, app.size.0);
        app.overlay = Overlay::Help {
            scroll: scroll.saturating_add_signed(delta).min(last),
            query,
        };
    } else if action == Action::FocusFilter {
        app.input = Some(crate::app::Input {
            kind: crate::app::InputKind::HelpFilter,
            line: LineEdit::with_text(&query),
        });
    } else if matches!(action, Action::CloseOverlay | Action::ToggleHelp) {
        app.overlay = Overlay::None;
    }
    None
}
