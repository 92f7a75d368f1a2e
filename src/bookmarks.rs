//! Bookmarks: kept passages (or ranges of passages) with an optional note,
//! anchored so they are found again after the article changes (see
//! [`anchor`]), and the set the app edits. Deletions are kept as tombstones
//! so that merging with another quire's saves never brings a deleted
//! bookmark back: a tombstone beats any later edit of the copy it deleted
//! (only an undo, which counts as a new life of the bookmark, beats it),
//! and a note written meanwhile in another quire is kept as a new, marked
//! bookmark. Reading and writing the file is in [`store`].

pub mod anchor;
pub mod files;
mod kept_notes;
pub mod store;
pub mod stored_text;

use crate::document::Document;
use crate::storage::Unknown;
use crate::store::DocId;
use anchor::{Anchor, Found};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Which document a bookmark belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// SHA-256 of the document text when the record was last anchored.
    pub hash: String,
    /// Every path the document was seen at (`bundled/NAME` for seeds).
    pub paths: Vec<String>,
    /// The title then, to list the record even if the file is gone.
    pub title: String,
    /// Fields from a newer quire, kept on every save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl DocumentRef {
    /// The record of `doc`; None while it is unmeasured (it has no hash
    /// to record yet).
    pub fn of(doc: &Document) -> Option<DocumentRef> {
        Some(DocumentRef {
            hash: doc.hash.clone()?,
            paths: vec![doc.source.display_path()],
            title: doc.title.clone(),
            unknown: Unknown::new(),
        })
    }

    /// True when `doc` has the same text (an unmeasured document, whose
    /// hash is not known yet, has no text in common with any record).
    pub fn same_text(&self, doc: &Document) -> bool {
        doc.hash.as_ref() == Some(&self.hash)
    }

    pub fn same_path(&self, doc: &Document) -> bool {
        let path = doc.source.display_path();
        self.paths.contains(&path)
    }
}

/// One kept passage or range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub document: DocumentRef,
    pub anchor: Anchor,
    #[serde(default)]
    pub note: String,
    /// Milliseconds since the Unix epoch.
    pub created: u64,
    /// When anything about the bookmark last changed; the newest wins when
    /// two quire processes saved different versions.
    pub updated: u64,
    /// A deleted bookmark stays as a tombstone so merges do not revive it.
    #[serde(default)]
    pub deleted: bool,
    /// How many times a deletion was undone: each undo starts a new life,
    /// which beats the tombstone of the one before in a merge.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restored: u32,
    /// Fields from a newer quire, kept on every save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The start of the note of a bookmark made from a note that was written
/// while another quire deleted the bookmark it was on.
pub const KEPT_NOTE_MARK: &str = "[kept: deleted in another quire]";

/// Milliseconds since the Unix epoch.
pub fn millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Bookmark {
    /// A bookmark on passages `first..=last` of `doc`; None when they are
    /// not in it, or `doc` is not measured yet (it has no hash to record).
    /// Its id is new to this process and moment (see [`process_seed`]).
    pub fn new(doc: &Document, first: usize, last: usize, now: SystemTime) -> Option<Bookmark> {
        Bookmark::seeded(doc, first, last, now, process_seed())
    }

    /// Like [`Bookmark::new`], with the id made only from its inputs:
    /// `seed` tells apart bookmarks made on the same passage in the same
    /// millisecond (by two quires, or one that made and removed one).
    pub fn seeded(
        doc: &Document,
        first: usize,
        last: usize,
        now: SystemTime,
        seed: u64,
    ) -> Option<Bookmark> {
        let hash = doc.hash.as_deref()?;
        let anchor = Anchor::new(doc, first, last)?;
        let created = millis(now);
        Some(Bookmark {
            id: short_hash(&format!("{hash}:{first}:{created}:{seed}")),
            document: DocumentRef::of(doc)?,
            anchor,
            note: String::new(),
            created,
            updated: created,
            deleted: false,
            restored: 0,
            unknown: Unknown::new(),
        })
    }

    /// Where this bookmark is in `doc`, if it can be found.
    pub fn locate(&self, doc: &Document) -> Option<Found> {
        self.anchor.resolve(doc, self.document.same_text(doc))
    }

    /// The quote on one line, for lists.
    pub fn quote_line(&self) -> String {
        crate::sanitize::sanitize_line(
            &self
                .anchor
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// A number that differs between quire processes and between calls: the
/// process id and the clock's nanoseconds. Read by the program, never by
/// `update()`, which gets it through [`crate::app::App::id_seed`].
pub fn process_seed() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// 12 hex digits of the SHA-256 of `seed`: the shape of bookmark ids.
fn short_hash(seed: &str) -> String {
    Sha256::digest(seed.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a bookmark resolved to among the loaded documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub doc: DocId,
    pub passage: usize,
    pub passage_end: usize,
}

impl Resolved {
    pub fn contains(&self, doc: DocId, passage: usize) -> bool {
        self.doc == doc && (self.passage..=self.passage_end).contains(&passage)
    }
}

/// All bookmarks, tombstones included, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookmarks {
    pub items: Vec<Bookmark>,
    /// Top-level fields of the file from a newer quire.
    pub unknown: Unknown,
}

impl Bookmarks {
    /// Indices of bookmarks that are not deleted.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.deleted)
            .map(|(i, _)| i)
    }

    pub fn live_count(&self) -> usize {
        self.live().count()
    }

    /// Finds each live bookmark among `docs`: the document with the same
    /// text first, else one seen at the same path. Tombstones resolve to None.
    /// Finds live bookmarks not found yet (`None` in `resolved`) among the
    /// documents `fresh` (those that just arrived, or were just measured);
    /// true if any was found. Each document is looked at once per arrival,
    /// not once per batch, so loading stays linear. Unmeasured documents
    /// are left for when they are measured.
    pub fn resolve_new(
        &self,
        docs: &[Arc<Document>],
        fresh: std::ops::Range<usize>,
        resolved: &mut Vec<Option<Resolved>>,
    ) -> bool {
        let first = fresh.start.min(docs.len());
        let fresh = &docs[first..fresh.end.clamp(first, docs.len())];
        resolved.resize(self.items.len(), None);
        let mut found_any = false;
        for (b, slot) in self.items.iter().zip(resolved.iter_mut()) {
            if b.deleted || slot.is_some() {
                continue;
            }
            let by_text = fresh.iter().position(|d| b.document.same_text(d));
            let candidates = by_text.into_iter().chain(
                fresh
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.is_measured() && b.document.same_path(d))
                    .map(|(i, _)| i),
            );
            for i in candidates {
                if let Some(f) = b.locate(&fresh[i]) {
                    *slot = Some(Resolved {
                        doc: DocId(first + i),
                        passage: f.passage,
                        passage_end: f.passage_end,
                    });
                    found_any = true;
                    break;
                }
            }
        }
        found_any
    }

    pub fn resolve(&self, docs: &[Arc<Document>]) -> Vec<Option<Resolved>> {
        self.items
            .iter()
            .map(|b| {
                if b.deleted {
                    return None;
                }
                let (doc, found) = docs
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| b.document.same_text(d))
                    .chain(
                        docs.iter()
                            .enumerate()
                            .filter(|(_, d)| d.is_measured() && b.document.same_path(d)),
                    )
                    .find_map(|(i, d)| Some((i, b.locate(d)?)))?;
                Some(Resolved {
                    doc: DocId(doc),
                    passage: found.passage,
                    passage_end: found.passage_end,
                })
            })
            .collect()
    }

    /// The live bookmark covering `passage` of `docs[doc]`, if any.
    pub fn find(&self, resolved: &[Option<Resolved>], doc: DocId, passage: usize) -> Option<usize> {
        resolved
            .iter()
            .position(|r| r.is_some_and(|r| r.contains(doc, passage)))
    }

    pub fn push(&mut self, bookmark: Bookmark) {
        self.items.push(bookmark);
    }

    fn by_id(&mut self, id: &str) -> Option<&mut Bookmark> {
        self.items.iter_mut().find(|b| b.id == id)
    }

    /// Marks a bookmark deleted (a tombstone); false if there is none.
    pub fn delete(&mut self, id: &str, now: SystemTime) -> bool {
        self.by_id(id)
            .filter(|b| !b.deleted)
            .map(|b| {
                b.deleted = true;
                b.updated = millis(now).max(b.updated + 1);
            })
            .is_some()
    }

    /// Brings a deleted bookmark back (undo).
    pub fn restore(&mut self, id: &str, now: SystemTime) -> bool {
        self.by_id(id)
            .filter(|b| b.deleted)
            .map(|b| {
                b.deleted = false;
                b.restored = b.restored.saturating_add(1);
                b.updated = millis(now).max(b.updated + 1);
            })
            .is_some()
    }

    pub fn set_note(&mut self, id: &str, note: &str, now: SystemTime) -> bool {
        self.by_id(id)
            .map(|b| {
                b.note = note.trim().to_string();
                b.updated = millis(now).max(b.updated + 1);
            })
            .is_some()
    }

    /// Re-anchors live bookmarks whose document changed or moved, so the
    /// file records the current text, hash and paths.
    pub fn reanchor(
        &mut self,
        docs: &[Arc<Document>],
        resolved: &[Option<Resolved>],
        now: SystemTime,
    ) -> bool {
        let mut changed = false;
        for (b, r) in self.items.iter_mut().zip(resolved) {
            let Some(r) = r else { continue };
            let doc = &docs[r.doc];
            let Some(hash) = doc.hash.as_ref() else {
                continue;
            };
            let path = doc.source.display_path();
            let moved = !b.document.paths.contains(&path);
            let edited = b.document.hash != *hash;
            if !(moved || edited) {
                continue;
            }
            if edited && let Some(anchor) = Anchor::new(doc, r.passage, r.passage_end) {
                b.anchor = anchor;
                b.document.hash = hash.clone();
                b.document.title = doc.title.clone();
            }
            if moved {
                b.document.paths.push(path);
            }
            b.updated = millis(now).max(b.updated + 1);
            changed = true;
        }
        changed
    }

    /// Combines another copy of the set (another process's save) with this
    /// one: per id the version in the latest life wins, a tombstone over
    /// the live copy in the same life, else the newest; ties are broken the
    /// same way whichever side they come from, so merging is
    /// order-independent.
    pub fn merge(&mut self, other: &Bookmarks) {
        crate::storage::merge_unknown(&mut self.unknown, &other.unknown);
        for theirs in &other.items {
            match self.items.iter_mut().find(|b| b.id == theirs.id) {
                Some(ours) => {
                    if wins(theirs, ours) {
                        *ours = theirs.clone();
                    }
                }
                None => self.items.push(theirs.clone()),
            }
        }
        self.items
            .sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    }
}

/// True when `a` should replace `b` (same id): the later life first, then
/// a tombstone over a live copy (an edit made where the deletion was not
/// seen yet does not undo it), then the newer, then a fixed order on the
/// content.
fn wins(a: &Bookmark, b: &Bookmark) -> bool {
    let key = |x: &Bookmark| {
        (
            life(x),
            x.updated,
            x.note.clone(),
            x.anchor.start,
            x.anchor.exact.clone(),
        )
    };
    // Versions equal on all of that (a re-anchor in the same millisecond)
    // still need one winner whichever side they come from: the whole record.
    let whole = |x: &Bookmark| serde_json::to_string(x).unwrap_or_default();
    (key(a), whole(a)) > (key(b), whole(b))
}

/// Which life of the bookmark a version belongs to, its deletion last.
fn life(x: &Bookmark) -> (u32, bool) {
    (x.restored, x.deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;
    use std::time::Duration;

    fn doc(text: &str) -> Document {
        Document::new(Source::File("a.txt".into()), text.to_string())
    }

    fn at(ms: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(ms)
    }

    #[test]
    fn a_bookmark_records_its_document_and_anchor() {
        let d = doc("Tïtle\n\nfirst para\n\nsecond para\n\nthird");
        let b = Bookmark::new(&d, 1, 1, at(5)).unwrap();
        assert_eq!(b.anchor.exact, "second para");
        assert_eq!(b.document.paths, vec!["a.txt"]);
        assert_eq!((b.created, b.updated, b.deleted), (5, 5, false));
        assert_eq!(b.id.len(), 12);
        assert!(Bookmark::new(&d, 9, 9, at(5)).is_none());
        let range = Bookmark::new(&d, 2, 0, at(5)).unwrap();
        assert_eq!((range.anchor.passage, range.anchor.passage_end), (0, 2));
    }

    #[test]
    fn moved_files_keep_their_bookmarks() {
        let d = doc("T\n\na\n\nb");
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 1, 1, at(1)).unwrap());
        let moved = Document::new(Source::File("elsewhere/b.txt".into()), d.text.to_string());
        let other = doc("Other\n\nx");
        let resolved = set.resolve(&[Arc::new(other), Arc::new(moved.clone())]);
        assert_eq!(
            resolved,
            vec![Some(Resolved {
                doc: DocId(1),
                passage: 1,
                passage_end: 1
            })]
        );
        assert!(set.reanchor(
            &[Arc::new(doc("Other\n\nx")), Arc::new(moved)],
            &resolved,
            at(2)
        ));
        assert_eq!(
            set.items[0].document.paths,
            vec!["a.txt", "elsewhere/b.txt"]
        );
    }

    #[test]
    fn edited_files_are_reanchored_to_the_new_text() {
        let d = doc("T\n\na\n\nkeep me");
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 1, 1, at(1)).unwrap());
        let edited = doc("T\n\nnew\n\na\n\nkeep me");
        let resolved = set.resolve(&[Arc::new(edited.clone())]);
        assert_eq!(resolved[0].unwrap().passage, 2);
        set.reanchor(&[Arc::new(edited.clone())], &resolved, at(2));
        assert_eq!(Some(&set.items[0].document.hash), edited.hash.as_ref());
        assert_eq!(set.items[0].anchor.passage, 2);
    }

    #[test]
    fn batches_of_documents_resolve_like_all_at_once() {
        let docs: Vec<Arc<Document>> = (0..6)
            .map(|i| {
                Arc::new(Document::new(
                    Source::File(format!("{i}.txt").into()),
                    format!("T{i}\n\na{i}\n\nb{i}"),
                ))
            })
            .collect();
        let mut set = Bookmarks::default();
        for (d, p) in [(4, 1), (1, 0), (5, 1)] {
            set.push(Bookmark::new(&docs[d], p, p, at(1)).unwrap());
        }
        let mut resolved = Vec::new();
        assert!(!set.resolve_new(&docs[..1], 0..1, &mut resolved));
        assert!(set.resolve_new(&docs[..3], 1..3, &mut resolved));
        assert!(set.resolve_new(&docs, 3..docs.len(), &mut resolved));
        assert_eq!(resolved, set.resolve(&docs));
    }

    #[test]
    fn delete_keeps_a_tombstone_and_restore_undoes_it() {
        let d = doc("T\n\na\n\nb");
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 0, 0, at(1)).unwrap());
        let id = set.items[0].id.clone();
        assert!(set.delete(&id, at(2)));
        assert!(!set.delete(&id, at(3)));
        assert_eq!(set.live_count(), 0);
        assert_eq!(set.resolve(&[Arc::new(d.clone())]), vec![None]);
        assert!(set.restore(&id, at(4)));
        assert_eq!(set.live_count(), 1);
        assert!(set.items[0].updated >= 4);
    }

    #[test]
    fn merge_keeps_both_sides_additions_and_deletions() {
        let d = doc("T\n\na\n\nb\n\nc");
        let mut base = Bookmarks::default();
        base.push(Bookmark::new(&d, 0, 0, at(1)).unwrap());
        let mut one = base.clone();
        let mut two = base.clone();
        one.push(Bookmark::new(&d, 1, 1, at(2)).unwrap());
        let id = two.items[0].id.clone();
        two.delete(&id, at(3));
        let mut merged = one.clone();
        merged.merge(&two);
        assert_eq!(merged.items.len(), 2);
        assert!(
            merged.items.iter().find(|b| b.id == id).unwrap().deleted,
            "the delete is not undone"
        );
        let mut other_way = two.clone();
        other_way.merge(&one);
        assert_eq!(merged, other_way);
    }

    #[test]
    fn notes_are_trimmed_and_bump_the_update_time() {
        let d = doc("T\n\na");
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 0, 0, at(10)).unwrap());
        let id = set.items[0].id.clone();
        assert!(set.set_note(&id, "  worth quoting \n", at(5)));
        assert_eq!(set.items[0].note, "worth quoting");
        assert_eq!(set.items[0].updated, 11, "updates never go back in time");
    }
}
