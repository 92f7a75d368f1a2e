//! Notes written on a bookmark that another quire deleted meanwhile. The
//! merge lets the deletion win (an edit must not undo a deletion made
//! elsewhere), but the note is the user's writing: before a save merges
//! the file in, such a note is moved to a new bookmark on the same
//! passages, its note marked with [`KEPT_NOTE_MARK`], and the user is told.

use super::{Bookmark, Bookmarks, KEPT_NOTE_MARK, life, short_hash};

/// Quote characters shown in the message naming the bookmark.
const QUOTE_CHARS: usize = 30;

impl Bookmarks {
    /// Keeps, as new marked bookmarks, the notes in this set that merging
    /// `theirs` would drop because `theirs` deleted their bookmark (or
    /// undid a deletion, starting a newer life) before the note was
    /// written here. Returns one message per note kept.
    pub fn keep_notes_of_deleted(&mut self, theirs: &Bookmarks) -> Vec<String> {
        let mut kept = Vec::new();
        for ours in self.items.iter().filter(|b| !b.deleted) {
            let Some(other) = theirs.items.iter().find(|t| t.id == ours.id) else {
                continue;
            };
            if note_lost(ours, other) {
                kept.push(kept_copy(ours));
            }
        }
        // Kept by an earlier save whose result was not taken up: the copy
        // has the same id, so it is not kept twice.
        kept.retain(|copy| !self.items.iter().any(|b| b.id == copy.id));
        let told = kept.iter().map(message).collect();
        self.items.extend(kept);
        told
    }
}

/// True when `ours` holds a note written after `theirs`, which the merge
/// drops because `theirs` is a later life of the bookmark (its deletion).
/// A later change that is not the user's note (re-anchoring to an edited
/// file) or a note emptied is not worth a bookmark of its own.
fn note_lost(ours: &Bookmark, theirs: &Bookmark) -> bool {
    life(theirs) > life(ours)
        && ours.updated > theirs.updated
        && !ours.note.is_empty()
        && ours.note != theirs.note
}

/// A new bookmark with `b`'s passages and note, marked. Its id comes from
/// the note's version, so saving the same conflict again finds it.
fn kept_copy(b: &Bookmark) -> Bookmark {
    let mut copy = b.clone();
    copy.id = short_hash(&format!("{}:kept:{}:{}", b.id, b.updated, b.note));
    copy.restored = 0;
    if !b.note.starts_with(KEPT_NOTE_MARK) {
        copy.note = format!("{KEPT_NOTE_MARK} {}", b.note);
    }
    copy
}

fn message(copy: &Bookmark) -> String {
    let quote = copy.quote_line();
    let short: String = quote.chars().take(QUOTE_CHARS).collect();
    let more = if short.len() < quote.len() { "…" } else { "" };
    format!(
        "“{short}{more}” was deleted in another quire; your note is kept on a new bookmark marked {KEPT_NOTE_MARK}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    fn at(ms: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(ms)
    }

    /// Two quires' copies of one set holding a bookmark on passage 3.
    fn two_copies() -> (Bookmarks, Bookmarks, String) {
        let d = Document::new(
            Source::File("a.txt".into()),
            "T\n\none\n\ntwo\n\nthree\n\nfour".into(),
        );
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 3, 3, at(10)).unwrap());
        let id = set.items[0].id.clone();
        (set.clone(), set, id)
    }

    #[test]
    fn a_note_written_after_a_deletion_elsewhere_does_not_undo_it() {
        let (mut a, mut b, id) = two_copies();
        a.delete(&id, at(20));
        b.set_note(&id, "worth quoting", at(30));
        // B saves: the file holds A's deletion.
        let told = b.keep_notes_of_deleted(&a);
        b.merge(&a);
        assert_eq!(told.len(), 1, "the user is told");
        assert!(told[0].contains("deleted in another quire"), "{}", told[0]);
        let original = b.items.iter().find(|x| x.id == id).unwrap();
        assert!(original.deleted, "the deletion wins");
        let live: Vec<&Bookmark> = b.live().map(|i| &b.items[i]).collect();
        assert_eq!(live.len(), 1);
        assert_eq!(
            live[0].note,
            format!("{KEPT_NOTE_MARK} worth quoting"),
            "the note is kept, marked"
        );
        assert_eq!(live[0].anchor, original.anchor, "on the same passage");
        // Saving the same conflict again keeps nothing twice.
        let mut again = b.clone();
        assert!(again.keep_notes_of_deleted(&a).is_empty());
        again.merge(&a);
        assert_eq!(again, b);
    }

    #[test]
    fn the_merge_alone_lets_a_deletion_beat_a_later_edit() {
        let (mut a, mut b, id) = two_copies();
        a.delete(&id, at(20));
        b.set_note(&id, "later", at(30));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert!(ab.items[0].deleted);
    }

    #[test]
    fn an_undo_beats_the_deletion_it_undoes() {
        let (mut a, _, id) = two_copies();
        a.delete(&id, at(20));
        let on_disk = a.clone();
        a.restore(&id, at(30));
        assert!(a.keep_notes_of_deleted(&on_disk).is_empty());
        a.merge(&on_disk);
        assert_eq!(a.live_count(), 1, "the undo holds after a save");
    }

    #[test]
    fn only_notes_written_after_the_deletion_are_kept() {
        let (mut a, mut b, id) = two_copies();
        b.set_note(&id, "before", at(15));
        a.delete(&id, at(20));
        assert!(b.keep_notes_of_deleted(&a).is_empty());
        // A later change that is not a note (re-anchoring) keeps nothing.
        let (mut a, mut b, id) = two_copies();
        a.delete(&id, at(20));
        b.items[0].updated = 30;
        assert!(b.keep_notes_of_deleted(&a).is_empty());
    }
}
