//! Opening a bookmark whose document is not among the loaded ones: it is
//! read from the paths the bookmark recorded (on a worker thread), added
//! to the list, re-anchored and opened at the passage. A bookmark is
//! "not found" only when its file is gone or its passage is no longer in
//! the file; then Enter in the bookmarks view shows the kept quote.

use crate::action::{Action, Effect};
use crate::app::{App, Focus, Overlay};
use crate::document::Document;
use crate::keymap::Mode;
use crate::sanitize::sanitize_line;
use crate::store::DocId;

/// Bookmark `index` did not resolve among the loaded documents: waits for
/// the loader, or asks for its file to be read.
pub fn open_unresolved(app: &mut App, index: usize) -> Option<Effect> {
    let bookmark = app.bookmarks.items[index].clone();
    let id = bookmark.id.clone();
    if let Some(why) = app.why_unopenable(&id) {
        explain(app, index, &why);
        return None;
    }
    let record = &bookmark.document;
    // Its document is open and measured, and the passage is not in it.
    let open = app
        .docs
        .iter()
        .any(|d| d.is_measured() && (record.same_text(d) || record.same_path(d)));
    if open {
        let why = "its passage is no longer in the document".to_string();
        app.unopenable.push((id, why.clone()));
        explain(app, index, &why);
        return None;
    }
    let title = sanitize_line(&record.title);
    app.opening = Some(id.clone());
    if app.loading {
        // The loader may be reading it now; see `loading_done`.
        app.info(format!("Opening “{title}” when it is loaded…"));
        return None;
    }
    app.info(format!("Opening “{title}”…"));
    Some(Effect::FetchBookmarkDocument {
        id,
        paths: record.paths.clone(),
    })
}

/// The live bookmark with this id.
fn index_of(app: &App, id: &str) -> Option<usize> {
    app.bookmarks
        .items
        .iter()
        .position(|b| b.id == id && !b.deleted)
}

/// After documents arrived: opens the bookmark waiting for them if they
/// hold it.
pub fn documents_arrived(app: &mut App) {
    let Some(id) = app.opening.clone() else {
        return;
    };
    if let Some(index) = index_of(app, &id)
        && let Some(target) = app.resolved.get(index).copied().flatten()
    {
        app.opening = None;
        show_found(app, target);
        app.status = None; // "Opening…" is done.
    }
}

/// Loading finished and the waiting bookmark was not among the files: its
/// file is read now.
pub fn loading_done(app: &mut App) -> Option<Effect> {
    let id = app.opening.take()?;
    let index = index_of(app, &id)?;
    open_unresolved(app, index)
}

/// The waiting bookmark's document was read (or could not be).
pub fn document_read(app: &mut App, id: String, read: Result<Document, String>) -> Option<Effect> {
    if app.opening.as_deref() != Some(id.as_str()) {
        return None; // The user went on to something else.
    }
    app.opening = None;
    let index = index_of(app, &id)?;
    let doc = match read {
        Ok(doc) => doc,
        Err(why) => {
            app.unopenable.push((id, why.clone()));
            explain(app, index, &why);
            return None;
        }
    };
    let path = doc.source.display_path();
    // Listed meanwhile (the same file): the copy in the list is used.
    let known = app
        .docs
        .iter()
        .position(|d| d.source.display_path() == path && d.hash == doc.hash)
        .map(DocId);
    let (added, effect) = match known {
        Some(at) => (at, None),
        None => {
            // Appended to the store, where the search thread finds it.
            let at = DocId(app.docs.append([doc]).start);
            if app.query.is_empty() {
                app.hits.push(crate::search::Hit::unranked(at));
            }
            (at, Some(Effect::Index(at)))
        }
    };
    app.resolve_new_documents(added);
    if let Some(target) = app.resolved.get(index).copied().flatten() {
        show_found(app, target);
        app.status = None; // "Opening…" is done.
    } else {
        let why = "its passage is no longer in the document".to_string();
        app.unopenable.push((id, why.clone()));
        explain(app, index, &why);
    }
    effect
}

/// Says why bookmark `index` cannot open, and how to see its quote.
fn explain(app: &mut App, index: usize, why: &str) {
    let title = sanitize_line(&app.bookmarks.items[index].document.title);
    let keys = app.keymap.keys_for(Mode::Bookmarks, Action::Open);
    let key = keys.split('/').next().unwrap_or_default();
    let show = if matches!(app.overlay, Overlay::Bookmarks { .. }) {
        format!(" · {key} again shows the quote")
    } else {
        String::new()
    };
    app.error(format!(
        "Cannot open “{title}”: {}{show}",
        sanitize_line(why)
    ));
}

/// Enter in the bookmarks view on a bookmark known not to open: its quote.
pub fn show_quote(app: &mut App, index: usize) {
    if let Overlay::Bookmarks { selected, query } = app.overlay.clone() {
        app.overlay = Overlay::Quote {
            index,
            selected,
            query,
        };
    }
}

/// Shows the document of a found bookmark at its passages, highlighted.
pub fn show_found(app: &mut App, target: crate::bookmarks::Resolved) {
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
