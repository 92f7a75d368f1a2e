//! Folded page furniture in the reading view: `F` shows the whole page of
//! the open document or folds it again, a bookmark in folded text turns the
//! whole page on, and folds found after loading (a paragraph repeated in a
//! later document) reach the documents already listed.

use crate::app::App;
use crate::document::Fold;
use crate::store::DocId;

/// `F`: the open document's whole page, or its furniture folded again.
pub(super) fn toggle_whole_page(app: &mut App) {
    let Some(doc) = app.reader.doc else { return };
    if app.docs[doc].folds.is_empty() && !app.reader.whole_page {
        app.info("Nothing is folded in this document");
        return;
    }
    set_whole_page(app, !app.reader.whole_page);
    let key = app.keymap.keys_for(
        crate::keymap::Mode::Reader,
        crate::action::Action::ToggleWholePage,
    );
    app.info(if app.reader.whole_page {
        format!("Whole page shown, page furniture included ({key} folds it again)")
    } else {
        format!("Page furniture folded ({key} shows the whole page)")
    });
}

/// Lays the open document out with its folds shown or not.
fn set_whole_page(app: &mut App, whole: bool) {
    if app.reader.whole_page == whole {
        return;
    }
    app.reader.whole_page = whole;
    let (width, height) = app.reader_size();
    app.reader.relayout(&app.docs, width, height);
    // The filter's matches, in the text now shown.
    app.reader.current = None;
    if app.query.is_empty() {
        app.reader.matches.clear();
        return;
    }
    let Some(document) = app.reader.doc.and_then(|doc| app.docs.get(doc)) else {
        return;
    };
    let mut found = crate::search::find_in_text_capped(&document.text, &app.query);
    app.reader.keep_shown(&mut found.ranges);
    (app.reader.matches, app.reader.more_matches) = (found.ranges, found.capped);
}

/// Before showing passages `first..=last` of the open document (a
/// bookmark): the whole page, if any of them is folded.
pub(crate) fn reveal(app: &mut App, first: usize, last: usize) {
    let Some(doc) = app.reader.doc else { return };
    if (first..=last).any(|p| app.docs[doc].is_folded(p)) {
        set_whole_page(app, true);
    }
}

/// Takes the new folds of documents already listed; the open one is laid
/// out again.
pub(super) fn refold(app: &mut App, folds: Vec<(DocId, Vec<Fold>)>) {
    // The loader folded them in the store already: taken from there, and
    // folded here only when not (a document copied only then).
    app.docs.take(folds.iter().map(|(doc, _)| *doc));
    for (doc, folds) in folds {
        let Some(document) = app.docs.get(doc) else {
            continue;
        };
        if document.folds != folds {
            app.docs.update(doc, |d| d.set_folds(folds));
        }
        if app.reader.doc == Some(doc) && !app.reader.whole_page {
            let (width, height) = app.reader_size();
            app.reader.relayout(&app.docs, width, height);
        }
    }
}
