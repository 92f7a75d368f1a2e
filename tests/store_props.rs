//! Property tests of the bookmarks file: merging two processes' sets is
//! order-independent and idempotent whatever they hold, and loading any
//! bytes at all as `bookmarks.json` never panics and never loses them.

use proptest::prelude::*;
use quire::bookmarks::anchor::Anchor;
use quire::bookmarks::store::{self, FILE_NAME, Store};
use quire::bookmarks::{Bookmark, Bookmarks, DocumentRef};
use quire::storage::{Decoded, Unknown};

/// A version of bookmark `id`: what two quire processes can disagree on
/// (when it changed, deleted or not, the note, where it is anchored).
/// What is fixed at creation (`created`, the first path) stays the same for
/// one id, as it does in quire.
fn version(id: u8) -> impl Strategy<Value = Bookmark> {
    (0..4u64, any::<bool>(), 0..3u8, 0..3usize, 0..2u32, 0..3u8).prop_map(
        move |(updated, deleted, note, start, restored, unknown)| Bookmark {
            id: format!("id{id}"),
            document: DocumentRef {
                hash: format!("h{start}"),
                paths: vec![format!("p{id}")],
                title: "t".into(),
                ..DocumentRef::default()
            },
            anchor: Anchor {
                exact: format!("passage {start}"),
                start,
                end: start + 9,
                ..Anchor::default()
            },
            note: if note == 0 {
                String::new()
            } else {
                format!("note {note}")
            },
            created: u64::from(id % 3),
            updated,
            deleted,
            restored,
            unknown: unknown_fields(unknown),
        },
    )
}

/// Fields a newer quire may have written, which must travel with their
/// record.
fn unknown_fields(n: u8) -> Unknown {
    let mut fields = Unknown::new();
    if n > 0 {
        fields.insert("colour".into(), serde_json::json!(format!("c{n}")));
    }
    fields
}

/// A set with unique ids drawn from a small pool, so sets share ids.
fn set() -> impl Strategy<Value = Bookmarks> {
    prop::collection::btree_set(0..6u8, 0..6)
        .prop_flat_map(|ids| ids.into_iter().map(version).collect::<Vec<_>>())
        .prop_map(|items| Bookmarks {
            items,
            ..Bookmarks::default()
        })
}

fn merged(a: &Bookmarks, b: &Bookmarks) -> Bookmarks {
    let mut m = a.clone();
    m.merge(b);
    m
}

proptest! {
    #[test]
    fn merge_is_order_independent_and_idempotent(a in set(), b in set(), c in set()) {
        let ab = merged(&a, &b);
        prop_assert_eq!(&ab, &merged(&b, &a));
        prop_assert_eq!(&merged(&ab, &ab), &ab);
        prop_assert_eq!(&merged(&ab, &a), &ab, "merging a side again changes nothing");
        prop_assert_eq!(merged(&ab, &c), merged(&a, &merged(&b, &c)));
    }

    #[test]
    fn merge_keeps_every_id_at_its_latest_life(a in set(), b in set()) {
        let m = merged(&a, &b);
        let life = |x: &Bookmark| (x.restored, x.deleted);
        for x in a.items.iter().chain(&b.items) {
            let kept = m.items.iter().filter(|k| k.id == x.id).collect::<Vec<_>>();
            prop_assert_eq!(kept.len(), 1);
            let kept = kept[0];
            prop_assert!(life(kept) >= life(x), "no deletion or undo is undone");
            if life(kept) == life(x) {
                prop_assert!(kept.updated >= x.updated, "then the newest wins");
            }
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = store::decode(&bytes);
    }

    #[test]
    fn a_damaged_real_file_is_never_taken_for_another(
        cut in 0..2000usize,
        flip in prop::option::of((0..2000usize, any::<u8>())),
    ) {
        let good = Bookmark {
            id: "id1".into(),
            document: DocumentRef::default(),
            anchor: Anchor::default(),
            note: "a note".into(),
            created: 1,
            updated: 2,
            deleted: false,
            restored: 0,
            unknown: Unknown::new(),
        };
        let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({
            "version": 1,
            "bookmarks": [good],
        })).unwrap();
        bytes.truncate(cut.min(bytes.len()));
        if let Some((at, byte)) = flip && at < bytes.len() {
            bytes[at] = byte;
        }
        match store::decode(&bytes) {
            Decoded::Current(read) => prop_assert!(read.items.len() <= 1),
            Decoded::Newer { .. } | Decoded::Corrupt { .. } => {}
        }
    }
}

proptest! {
    // Each case touches the disk, so fewer of them.
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn opening_any_bytes_never_panics_or_loses_them(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, &bytes).unwrap();
        let (_, loaded) = Store::open(dir.path());
        let still_there = std::fs::read(&path).ok() == Some(bytes.clone());
        let kept_aside = std::fs::read_dir(dir.path()).unwrap().any(|e| {
            let e = e.unwrap();
            e.file_name().to_string_lossy().contains(".corrupt-")
                && std::fs::read(e.path()).unwrap() == bytes
        });
        prop_assert!(still_there || kept_aside, "the bytes are somewhere");
        prop_assert!(still_there || loaded.warning.is_some(), "the user is told");
    }
}
