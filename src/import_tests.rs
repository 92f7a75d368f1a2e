//! Import: quire's own export read back, another tool's annotations, and
//! files that are not what they should be.

use super::*;
use crate::document::Source;
use crate::export::{annotation_collection, entries_with_urls, json_text_pretty};

fn docs() -> Vec<std::sync::Arc<Document>> {
    let mut docs = crate::corpus::bundled();
    docs.push(Document::new(
        Source::File("notes/essay.txt".into()),
        "Essay\n\nFirst thought.\n\nSecond thought, longer.\n\nThird.".into(),
    ));
    crate::store::shared(docs)
}

fn exported(set: &Bookmarks, docs: &[std::sync::Arc<Document>]) -> String {
    let resolved = set.resolve(docs);
    json_text_pretty(&annotation_collection(&entries_with_urls(
        set, &resolved, docs,
    )))
}

#[test]
fn an_export_imported_elsewhere_gives_the_same_bookmarks_anchored() {
    let docs = docs();
    // Exports keep whole seconds.
    let now = UNIX_EPOCH + Duration::from_secs(1_795_305_600);
    let mut set = Bookmarks::default();
    set.push(Bookmark::new(&docs[5], 0, 1, now).unwrap());
    let mut noted = Bookmark::new(&docs[3], 4, 4, now).unwrap();
    noted.note = "why this matters".into();
    set.push(noted);
    set.push(Bookmark::new(&docs[0], 0, 0, now).unwrap());
    let json = exported(&set, &docs);

    let (incoming, skipped) = parse(&json).unwrap();
    assert_eq!((incoming.len(), skipped), (3, 0));
    let mut other = Bookmarks::default();
    let report = place_all(&mut other, &incoming, &docs, now);
    assert_eq!(
        report,
        Report {
            added: 3,
            ..Report::default()
        }
    );
    let key = |s: &Bookmarks| -> Vec<_> {
        let resolved = s.resolve(&docs);
        s.items
            .iter()
            .zip(resolved)
            .map(|(b, r)| {
                (
                    b.id.clone(),
                    b.note.clone(),
                    b.anchor.exact.clone(),
                    b.created,
                    r,
                )
            })
            .collect()
    };
    assert_eq!(key(&other), key(&set));
    assert!(key(&other).iter().all(|k| k.4.is_some()), "all anchored");
    // Imported twice, nothing is doubled.
    let again = place_all(&mut other, &incoming, &docs, now);
    assert_eq!((again.added, again.already), (0, 3));
}

#[test]
fn another_tools_annotations_are_placed_and_misses_reported() {
    let docs = docs();
    let json = r#"[
      {"type": "Annotation", "bodyValue": "from elsewhere",
       "target": [{"source": "https://example.org/essay",
         "selector": [{"type": "TextQuoteSelector", "exact": "Second thought, longer."}]}]},
      {"type": "Annotation", "body": [{"type": "TextualBody", "value": "lost"}],
       "target": {"source": "file:///nowhere.txt",
         "selector": {"type": "TextQuoteSelector", "exact": "Words in no document at all, anywhere here."}}},
      {"type": "Annotation", "target": "https://example.org/only-a-page"}
    ]"#;
    let (incoming, skipped) = parse(json).unwrap();
    assert_eq!((incoming.len(), skipped), (2, 1));
    assert_eq!(incoming[1].source.as_deref(), Some("/nowhere.txt"));
    let mut set = Bookmarks::default();
    let report = place_all(&mut set, &incoming, &docs, SystemTime::now());
    assert_eq!(report.added, 1);
    assert_eq!(report.unplaced.len(), 1);
    assert!(report.unplaced[0].1.starts_with("Words in no document"));
    assert_eq!(set.items[0].note, "from elsewhere");
    assert_eq!(set.items[0].anchor.passage, 1);
    assert_eq!(set.items[0].document.paths, vec!["notes/essay.txt"]);
}

#[test]
fn files_that_are_not_annotations_are_refused_or_skipped() {
    assert!(parse("not json").unwrap_err().contains("not JSON"));
    for odd in [
        "{}",
        "[]",
        "42",
        "[1, \"x\", null]",
        r#"{"items": [{"target": {"selector": 3}}]}"#,
    ] {
        let (incoming, _) = parse(odd).unwrap();
        assert!(incoming.is_empty(), "{odd}");
    }
}
