//! Unit and property tests of the reading position model.

use super::*;
use crate::document::Source;
use proptest::prelude::*;
use std::time::{Duration, UNIX_EPOCH};

fn doc_at(path: &str, text: &str) -> Document {
    Document::new(Source::File(path.into()), text.to_string())
}

fn at(ms: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms)
}

const TEXT: &str = "Title\n\nfirst\n\nsecond\n\nthird\n\nfourth";

#[test]
fn a_position_reopens_at_the_same_passages() {
    let d = doc_at("a.txt", TEXT);
    let p = ReadingPosition::new(&d, 1, 2, 50, false, at(7)).unwrap();
    assert_eq!(p.anchor.exact, "second");
    assert_eq!((p.cursor, p.progress, p.updated), (2, 50, 7));
    assert_eq!(p.locate(&d), Some((1, 2)));
    assert!(ReadingPosition::new(&d, 9, 9, 0, false, at(7)).is_none());
    let over = ReadingPosition::new(&d, 0, 0, 200, true, at(7)).unwrap();
    assert_eq!(over.progress, 100);
}

#[test]
fn after_an_edit_above_the_position_follows_its_passage() {
    let d = doc_at("a.txt", TEXT);
    let p = ReadingPosition::new(&d, 1, 2, 50, false, at(7)).unwrap();
    let edited = doc_at("a.txt", &TEXT.replace("first", "first\n\ninserted"));
    assert_eq!(p.locate(&edited), Some((2, 3)));
    let gone = doc_at("a.txt", "Title\n\nnothing alike here at all");
    assert_eq!(p.locate(&gone), None);
}

#[test]
fn get_prefers_the_same_text_then_the_newest_at_the_same_path() {
    let d = doc_at("a.txt", TEXT);
    let moved = doc_at("moved/a.txt", TEXT);
    let edited = doc_at("a.txt", &format!("{TEXT}\n\nmore"));
    let mut set = Positions::default();
    set.set(ReadingPosition::new(&d, 1, 1, 30, false, at(1)).unwrap());
    assert_eq!(set.get(&moved).map(|p| p.cursor), Some(1), "same text");
    assert_eq!(set.get(&edited).map(|p| p.cursor), Some(1), "same path");
    assert!(set.get(&doc_at("b.txt", "other")).is_none());
    // Two records for the path (merged from two quires): the newest wins.
    let other = doc_at("a.txt", "Title\n\nolder text");
    let mut older = Positions::default();
    older.set(ReadingPosition::new(&other, 0, 0, 10, false, at(0)).unwrap());
    set.merge(&older);
    assert_eq!(set.items.len(), 2);
    assert_eq!(set.get(&edited).map(|p| p.updated), Some(1));
}

#[test]
fn set_replaces_the_record_of_the_same_document() {
    let d = doc_at("a.txt", TEXT);
    let mut set = Positions::default();
    set.set(ReadingPosition::new(&d, 1, 1, 30, false, at(1)).unwrap());
    set.set(ReadingPosition::new(&d, 3, 3, 90, true, at(2)).unwrap());
    assert_eq!(set.items.len(), 1);
    assert!(set.items[0].finished);
    // Moved: one record, seen at both paths.
    let moved = doc_at("moved/a.txt", TEXT);
    set.set(ReadingPosition::new(&moved, 2, 2, 60, false, at(3)).unwrap());
    assert_eq!(set.items.len(), 1);
    assert_eq!(set.items[0].document.paths, vec!["moved/a.txt", "a.txt"]);
    // Edited at the same path: the old text's record is replaced.
    let edited = doc_at("moved/a.txt", "Title\n\nnew text");
    set.set(ReadingPosition::new(&edited, 0, 0, 5, false, at(4)).unwrap());
    assert_eq!(set.items.len(), 1);
    assert_eq!(Some(&set.items[0].document.hash), edited.hash.as_ref());
}

fn record() -> impl Strategy<Value = ReadingPosition> {
    // Few hashes and paths, so records often share them.
    (
        0..4u8,
        prop::collection::vec(0..4u8, 1..3),
        0..6u64,
        0..3usize,
        0..=100u8,
        any::<bool>(),
        0..2u8,
        0..3u8,
    )
        .prop_map(
            |(hash, paths, updated, cursor, progress, finished, title, unknown)| ReadingPosition {
                document: DocumentRef {
                    hash: format!("h{hash}"),
                    paths: paths.iter().map(|p| format!("p{p}")).collect(),
                    title: format!("t{title}"),
                    ..DocumentRef::default()
                },
                anchor: Anchor {
                    passage: cursor,
                    passage_end: cursor,
                    exact: format!("passage {cursor}"),
                    ..Anchor::default()
                },
                cursor,
                progress,
                finished,
                updated,
                // Fields from a newer quire: the merge must pick among
                // records that differ only in them the same whatever the
                // order.
                unknown: match unknown {
                    0 => Unknown::new(),
                    n => [("colour".to_string(), serde_json::json!(n))]
                        .into_iter()
                        .collect(),
                },
            },
        )
}

fn set() -> impl Strategy<Value = Positions> {
    prop::collection::vec(record(), 0..6).prop_map(|items| Positions {
        items,
        ..Positions::default()
    })
}

fn merged(a: &Positions, b: &Positions) -> Positions {
    let mut m = a.clone();
    m.merge(b);
    m
}

/// [`Positions::get`] as a scan of every record: what its lookup must
/// agree with.
fn scanned<'p>(set: &'p Positions, doc: &Document) -> Option<&'p ReadingPosition> {
    let newest = |same: &dyn Fn(&ReadingPosition) -> bool| {
        set.items
            .iter()
            .filter(|p| same(p))
            .max_by(|a, b| a.rank().cmp(&b.rank()))
    };
    newest(&|p| p.document.same_text(doc)).or_else(|| newest(&|p| p.document.same_path(doc)))
}

proptest! {
    #[test]
    fn the_lookup_finds_what_a_scan_finds(
        a in set(), b in set(), hash in 0..5u8, path in 0..4u8, measured in any::<bool>()
    ) {
        let mut doc = Document::new(Source::File(format!("p{path}").into()), "T\n\nx".into());
        doc.hash = measured.then(|| format!("h{hash}"));
        let mut set = a.clone();
        prop_assert_eq!(set.get(&doc), scanned(&set, &doc));
        // Every change made since is seen.
        set.merge(&b);
        prop_assert_eq!(set.get(&doc), scanned(&set, &doc));
        for record in b.items.iter().take(2) {
            set.set(record.clone());
            prop_assert_eq!(set.get(&doc), scanned(&set, &doc));
        }
    }

    #[test]
    fn merge_is_order_independent_and_idempotent(a in set(), b in set(), c in set()) {
        let ab = merged(&a, &b);
        prop_assert_eq!(&ab, &merged(&b, &a));
        prop_assert_eq!(&merged(&ab, &ab), &ab);
        prop_assert_eq!(&merged(&ab, &b), &ab, "merging a side again changes nothing");
        prop_assert_eq!(merged(&ab, &c), merged(&a, &merged(&b, &c)));
    }

    #[test]
    fn merge_keeps_the_newest_record_of_each_text(a in set(), b in set()) {
        let m = merged(&a, &b);
        for r in a.items.iter().chain(&b.items) {
            let kept = m.items.iter().find(|k| k.document.hash == r.document.hash);
            let kept = kept.expect("every text keeps a record");
            prop_assert!(kept.updated >= r.updated);
            for path in &r.document.paths {
                prop_assert!(kept.document.paths.contains(path));
            }
        }
    }
}

#[test]
fn merging_keeps_the_newest_positions_up_to_the_limit() {
    let record = |i: usize| {
        let d = doc_at(&format!("{i}.txt"), &format!("T{i}\n\npassage {i}"));
        ReadingPosition::new(&d, 0, 0, 10, false, at(1_000 + i as u64)).unwrap()
    };
    let mut mine = Positions::default();
    let mut theirs = Positions::default();
    for i in 0..MAX_POSITIONS + 10 {
        if i % 2 == 0 {
            mine.set(record(i));
        } else {
            theirs.set(record(i));
        }
    }
    let one = merged(&mine, &theirs);
    assert_eq!(one.items.len(), MAX_POSITIONS);
    let oldest = one.items.iter().map(|p| p.updated).min().unwrap();
    assert_eq!(oldest, 1_010, "the ten oldest are dropped");
    assert_eq!(merged(&theirs, &mine), one, "either side first");
    assert_eq!(merged(&one, &one), one, "merging again changes nothing");
}

#[test]
fn the_strings_of_a_positions_file_are_sanitized_when_read() {
    use crate::storage::{Decoded, Format};
    let hostile = r#"{"version": 1, "positions": [{
        "document": {"hash": "h\u001b[2J", "paths": ["/p\u202e/x"],
                     "title": "T\u202eitle\u001b]0;x\u0007"},
        "anchor": {"passage": 0, "passage_end": 0, "exact": "q\u2066uote\u001b[H",
                   "prefix": "", "suffix": "\u0007", "start": 0, "end": 5},
        "cursor": 0, "progress": 10, "updated": 1}]}"#;
    let positions = crate::positions::store::PositionsFile::parse(hostile).expect("parses");
    let p = &positions.items[0];
    for s in [
        &p.document.hash,
        &p.document.title,
        &p.document.paths[0],
        &p.anchor.exact,
        &p.anchor.suffix,
    ] {
        assert!(!s.chars().any(crate::sanitize::is_unsafe), "{s:?}");
    }
    assert!(matches!(
        crate::positions::store::decode(hostile.as_bytes()),
        Decoded::Current(_)
    ));
}
