//! Following links: `Enter` on a passage (a picker when it holds several),
//! the links list (`L`), going back (`Backspace`), and handing links quire
//! cannot show to the system opener.

use super::distance;
use crate::action::{Action, Effect};
use crate::app::{App, Focus, Input, InputKind, Overlay};
use crate::keymap::Mode;
use crate::line_edit::LineEdit;
use crate::links::{self, MAX_HISTORY, Visit, target::Destination};
use crate::store::DocId;

/// `Enter` in the reading view: the cursor passage's one link is followed;
/// among several, a picker opens.
pub fn follow_here(app: &mut App) -> Option<Effect> {
    let doc = app.reader.doc?;
    let passage = app.reader.cursor;
    let here = links::in_passage(&app.docs[doc], passage);
    match here.as_slice() {
        [] => {
            let key = app.keymap.keys_for(Mode::Reader, Action::ShowLinks);
            app.info(if app.docs[doc].links.is_empty() {
                "This document has no links".to_string()
            } else {
                format!("No link in this passage; {key} lists the document's links")
            });
            None
        }
        [one] => follow(app, doc, *one),
        _ => {
            app.overlay = Overlay::Links {
                selected: 0,
                query: String::new(),
                passage: Some(passage),
            };
            None
        }
    }
}

/// `L`: every link of the open document.
pub fn show_all(app: &mut App) {
    app.overlay = Overlay::Links {
        selected: 0,
        query: String::new(),
        passage: None,
    };
}

/// The rows the links overlay shows now.
pub fn rows(app: &App) -> Vec<usize> {
    let (Some(doc), Overlay::Links { query, passage, .. }) = (app.reader.doc, &app.overlay) else {
        return Vec::new();
    };
    links::rows(&app.docs[doc], *passage, query)
}

/// Keys in the links overlay: move, filter, follow, copy the address.
pub fn links_view(app: &mut App, action: Action) -> Option<Effect> {
    let Overlay::Links {
        selected,
        query,
        passage,
    } = app.overlay.clone()
    else {
        return None;
    };
    let rows = rows(app);
    let height = app.size.1.saturating_sub(4).max(1) as usize;
    if let Some(delta) = distance(&action, height) {
        let last = rows.len().saturating_sub(1);
        app.overlay = Overlay::Links {
            selected: selected.saturating_add_signed(delta).min(last),
            query,
            passage,
        };
        return None;
    }
    let chosen = rows.get(selected).copied();
    match action {
        Action::Open => {
            let doc = app.reader.doc?;
            app.overlay = Overlay::None;
            return follow(app, doc, chosen?);
        }
        Action::CopyLink => {
            let doc = app.reader.doc?;
            let url = app.docs[doc].links.get(chosen?)?.url.to_string();
            app.info(format!("Copied {url}"));
            return Some(Effect::Copy(url));
        }
        Action::FocusFilter => {
            app.input = Some(Input {
                kind: InputKind::OverlayFilter,
                line: LineEdit::with_text(&query),
            });
        }
        Action::CloseOverlay | Action::ShowLinks => app.overlay = Overlay::None,
        _ => {}
    }
    None
}

/// A new filter for the links overlay, typed in its input line.
pub fn set_query(app: &mut App, query: String) {
    if let Overlay::Links { passage, .. } = app.overlay {
        app.overlay = Overlay::Links {
            selected: 0,
            query,
            passage,
        };
    }
}

/// Follows link `index` of document `doc`.
pub fn follow(app: &mut App, doc: DocId, index: usize) -> Option<Effect> {
    let url = app.docs.get(doc)?.links.get(index)?.url.to_string();
    match links::target::resolve(&app.docs, doc, &url) {
        Destination::Document { doc: to, offset } => {
            go_to(app, to, offset);
            None
        }
        Destination::MissingPlace { doc: to, fragment } => {
            go_to(app, to, None);
            app.error(format!(
                "No place called “{fragment}” here; showing the top"
            ));
            None
        }
        Destination::External(target) => {
            app.info(format!("Opening {target}"));
            Some(Effect::OpenExternal {
                opener: app.opener.clone(),
                target,
            })
        }
    }
}

/// Opens `doc` in the reading view at the passage holding `offset` (where
/// the reader left it without one), remembering where it was.
fn go_to(app: &mut App, doc: DocId, offset: Option<usize>) {
    if let (Some(from), Some(position)) = (app.reader.doc, app.reader.position(&app.docs)) {
        if app.link_history.len() >= MAX_HISTORY {
            app.link_history.remove(0);
        }
        app.link_history.push(Visit {
            doc: from,
            position,
        });
    }
    show(app, doc);
    let (_, height) = app.reader_size();
    if let Some(passage) = offset.and_then(|o| links::passage_at(&app.docs[doc], o)) {
        app.reader.jump_to_passage(passage, height);
    }
    let key = app.keymap.keys_for(Mode::Reader, Action::GoBack);
    if app.status.is_none() {
        app.info(format!("{key} goes back"));
    }
}

/// `Backspace`: back to where the last link was followed from.
pub fn go_back(app: &mut App) {
    let Some(visit) = app.link_history.pop() else {
        app.info("No link followed to go back from");
        return;
    };
    if app.docs.get(visit.doc).is_none() {
        return;
    }
    show(app, visit.doc);
    let (width, height) = app.reader_size();
    app.reader.open(&app.docs, visit.doc, width, visit.position);
    app.reader.scroll(0, height);
}

/// Shows `doc` in the reading view with the list's selection on it.
fn show(app: &mut App, doc: DocId) {
    app.focus = Focus::Reader;
    app.overlay = Overlay::None;
    if let Some(row) = app.hits.iter().position(|h| h.doc == doc) {
        app.selected = row;
        app.clamp_selection();
    }
    app.show_document(doc);
}
