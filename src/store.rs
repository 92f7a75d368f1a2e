//! The documents quire has open, in one store that every thread reads: the
//! loader appends to it, the UI lists and draws from it, the search thread
//! indexes and ranks it. A document is named by its [`DocId`], its place in
//! load order, for as long as quire runs: documents are never removed, and
//! one read again or measured keeps its id.
//!
//! The store is versioned: each holder keeps the version it last took (a
//! slice of shared documents it reads without locking), and takes the
//! latest when told that something changed. A change never copies a
//! document, only the list of pointers to them, so a search running on an
//! older version is never blocked and never sees a half-made change.

use crate::document::Document;
use std::ops::{Deref, Index, Range};
use std::sync::{Arc, Mutex, PoisonError};

/// A document's place in the store. Every list of documents outside the
/// search index's postings names them by this, never by a bare number, so a
/// row of the list (a place among the hits) cannot be taken for one:
///
/// ```
/// use quire::document::{Document, Source};
/// use quire::store::{DocId, DocStore};
/// let docs = DocStore::new(vec![Document::new(Source::Stdin, "Title\n\nText".into())]);
/// assert_eq!(docs[DocId(0)].title, "Title");
/// ```
///
/// ```compile_fail
/// use quire::document::{Document, Source};
/// use quire::store::DocStore;
/// let docs = DocStore::new(vec![Document::new(Source::Stdin, "Title\n\nText".into())]);
/// let selected: usize = 0; // a row of the list
/// assert_eq!(docs[selected].title, "Title");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub usize);

impl DocId {
    /// The ids in `range`, as [`DocStore::append`] and
    /// [`DocStore::refresh`] give them.
    pub fn all_in(range: Range<usize>) -> impl DoubleEndedIterator<Item = DocId> {
        range.map(DocId)
    }
}

/// `docs[id]`, for the store and for any list of documents in store order
/// (`quire search` and `quire list` keep one without a store). Panics like
/// a slice when `id` is past the end: ids come from the store they index.
impl Index<DocId> for [Arc<Document>] {
    type Output = Arc<Document>;

    fn index(&self, id: DocId) -> &Arc<Document> {
        &self[id.0]
    }
}

/// `app.docs[id]`. Implemented on the store itself, not only on the slice
/// it reads as, so that `app.docs[row]` with a bare number is refused: a
/// row of the list is not a document.
impl Index<DocId> for DocStore {
    type Output = Arc<Document>;

    fn index(&self, id: DocId) -> &Arc<Document> {
        &self.seen[id.0]
    }
}

impl Index<DocId> for Vec<Arc<Document>> {
    type Output = Arc<Document>;

    fn index(&self, id: DocId) -> &Arc<Document> {
        &self[id.0]
    }
}

/// One version of the store's list.
type Version = Arc<Vec<Arc<Document>>>;

/// A handle on the shared store, reading the version it last took. Cloning
/// gives another handle on the same store (for another thread).
#[derive(Debug, Clone, Default)]
pub struct DocStore {
    latest: Arc<Mutex<Version>>,
    seen: Version,
}

impl DocStore {
    /// A store holding `docs`, with ids their positions.
    pub fn new(docs: Vec<Document>) -> DocStore {
        let version: Version = Arc::new(docs.into_iter().map(Arc::new).collect());
        DocStore {
            latest: Arc::new(Mutex::new(Arc::clone(&version))),
            seen: version,
        }
    }

    /// Appends `docs` and takes the new version; the ids they were given.
    pub fn append(&mut self, docs: impl IntoIterator<Item = Document>) -> Range<usize> {
        // Counted in the latest version, which another handle may have
        // made longer than this one's.
        let mut first = 0;
        let version = self.change(|list| {
            first = list.len();
            list.extend(docs.into_iter().map(Arc::new));
        });
        self.seen = version;
        first..self.seen.len()
    }

    /// Puts `doc` in place of document `id` and takes the new version;
    /// false if there is no such document.
    pub fn replace(&mut self, id: DocId, doc: Document) -> bool {
        self.update(id, |old| *old = doc)
    }

    /// Changes document `id` with `change` (on a copy: holders of older
    /// versions keep the document as it was) and takes the new version;
    /// false if there is no such document.
    pub fn update(&mut self, id: DocId, change: impl FnOnce(&mut Document)) -> bool {
        if id.0 >= self.seen.len() {
            return false;
        }
        let mut found = false;
        let version = self.change(|list| {
            if let Some(doc) = list.get_mut(id.0) {
                change(Arc::make_mut(doc));
                found = true;
            }
        });
        self.take_from(&version, [id]);
        found
    }

    /// [`DocStore::update`] for each of `ids`, in one new version: the
    /// list of pointers is copied once, not once per document.
    pub fn update_each(&mut self, ids: &[DocId], mut change: impl FnMut(&mut Document)) {
        let version = self.change(|list| {
            for id in ids {
                if let Some(doc) = list.get_mut(id.0) {
                    change(Arc::make_mut(doc));
                }
            }
        });
        self.take_from(&version, ids.iter().copied());
    }

    /// Takes the latest version of documents `ids` (changed by another
    /// handle), but not the documents appended since this handle's
    /// version: the UI lists those when it hears they were loaded.
    pub fn take(&mut self, ids: impl IntoIterator<Item = DocId>) {
        let latest = Arc::clone(&self.lock());
        self.take_from(&latest, ids);
    }

    fn take_from(&mut self, version: &Version, ids: impl IntoIterator<Item = DocId>) {
        if version.len() == self.seen.len() {
            self.seen = Arc::clone(version);
            return;
        }
        // Rare (a change while the loader appends): the list of pointers
        // is copied, never a document.
        let mine = Arc::make_mut(&mut self.seen);
        for id in ids {
            if let (Some(slot), Some(doc)) = (mine.get_mut(id.0), version.get(id.0)) {
                *slot = Arc::clone(doc);
            }
        }
    }

    /// Takes the latest version; the ids of the documents added since the
    /// version this handle had (changed documents keep their ids).
    pub fn refresh(&mut self) -> Range<usize> {
        let first = self.seen.len();
        let latest = Arc::clone(&self.lock());
        self.seen = latest;
        first..self.seen.len()
    }

    /// The document `id` in this handle's version. (It stands in for the
    /// slice's `get`, so a bare number cannot look a document up.)
    pub fn get(&self, id: DocId) -> Option<&Arc<Document>> {
        self.seen.get(id.0)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Version> {
        self.latest.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes a new latest version with `edit`: the list of pointers is
    /// copied when an older version is still read, the documents never.
    fn change(&self, edit: impl FnOnce(&mut Vec<Arc<Document>>)) -> Version {
        let mut latest = self.lock();
        edit(Arc::make_mut(&mut latest));
        Arc::clone(&latest)
    }
}

/// `docs` as shared documents, the form the search and the bookmarks read,
/// for a list that needs no store (`quire search`, `quire list`, tests).
pub fn shared(docs: Vec<Document>) -> Vec<Arc<Document>> {
    docs.into_iter().map(Arc::new).collect()
}

impl Deref for DocStore {
    type Target = [Arc<Document>];

    fn deref(&self) -> &[Arc<Document>] {
        &self.seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn an_id_costs_no_more_than_a_number() {
        use std::mem::size_of;
        assert_eq!(size_of::<DocId>(), size_of::<usize>());
        assert_eq!(size_of::<Option<DocId>>(), size_of::<Option<usize>>());
    }

    #[test]
    fn every_handle_reads_one_copy_of_each_document() {
        let mut loader = DocStore::new(Vec::new());
        let mut ui = loader.clone();
        assert_eq!(loader.append([doc("A\n\nalpha"), doc("B\n\nbeta")]), 0..2);
        assert!(
            ui.is_empty(),
            "a handle keeps its version until it refreshes"
        );
        assert_eq!(ui.refresh(), 0..2);
        assert!(
            Arc::ptr_eq(&ui[DocId(1)], &loader[DocId(1)]),
            "the document was copied"
        );
        assert_eq!(ui.get(DocId(0)).map(|d| d.title.as_str()), Some("A"));
    }

    #[test]
    fn appended_documents_get_the_ids_they_land_at() {
        let mut loader = DocStore::new(vec![doc("A\n\nalpha")]);
        let mut ui = loader.clone();
        loader.append([doc("B\n\nbeta")]);
        // The UI has not taken B yet when it adds a document of its own.
        let added = ui.append([doc("C\n\ngamma")]);
        assert_eq!(added, 2..3);
        assert_eq!(ui[DocId(added.start)].title, "C");
    }

    #[test]
    fn a_change_keeps_the_id_and_spares_older_versions() {
        let mut ui = DocStore::new(vec![doc("A\n\nalpha"), doc("B\n\nbeta")]);
        let searching = ui.clone();
        assert!(ui.replace(DocId(1), doc("C\n\ngamma")));
        assert_eq!(ui[DocId(1)].title, "C");
        assert_eq!(
            searching[DocId(1)].title,
            "B",
            "a search's version changed under it"
        );
        assert!(!ui.replace(DocId(5), doc("D")));
        let mut later = searching.clone();
        assert_eq!(later.refresh(), 2..2, "a replaced document is not new");
        assert_eq!(later[DocId(1)].title, "C");
    }

    #[test]
    fn a_change_does_not_take_documents_appended_by_another_handle() {
        let mut ui = DocStore::new(vec![doc("A\n\nalpha")]);
        let mut loader = ui.clone();
        loader.append([doc("B\n\nbeta")]);
        assert!(ui.replace(DocId(0), doc("C\n\ngamma")));
        assert_eq!(ui.len(), 1, "the UI lists B when told it was loaded");
        assert_eq!(ui[DocId(0)].title, "C");
        assert_eq!(ui.refresh(), 1..2);
        assert_eq!(ui[DocId(0)].title, "C");
        loader.update(DocId(0), |d| d.title = "D".into());
        loader.append([doc("E\n\nepsilon")]);
        ui.take([DocId(0)]);
        assert_eq!((ui.len(), ui[DocId(0)].title.as_str()), (2, "D"));
    }
}
