//! A version-1 file written by a newer quire may hold fields this build
//! does not know: at the top, in each record, in its document and anchor.
//! They must survive every save this build makes (two saves, so the
//! backup is checked too), for `bookmarks.json` and `positions.json`.

use quire::bookmarks::store::{self, Store};
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use quire::positions::store::{self as positions, PositionStore};
use quire::positions::{Positions, ReadingPosition};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

fn article() -> Document {
    Document::new(
        Source::File("x.txt".into()),
        "Title\n\none\n\ntwo\n\nthree".into(),
    )
}

/// `record` (as this build writes it) with unknown fields added in it,
/// its document and its anchor.
fn with_unknown_fields(mut record: Value) -> Value {
    record["colour"] = json!("amber");
    record["document"]["origin"] = json!({"feed": "https://example.org/rss"});
    record["anchor"]["selector"] = json!({"type": "CssSelector", "value": "p:nth-child(3)"});
    record
}

/// Checks that the file at `path` still holds every unknown field.
fn assert_kept(path: &Path, list: &str) {
    let file: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        file["sync"],
        json!({"device": "laptop", "generation": 7}),
        "{path:?}"
    );
    let records = file[list].as_array().unwrap();
    let marked: Vec<&Value> = records.iter().filter(|r| r["colour"] == "amber").collect();
    assert_eq!(marked.len(), 1, "{path:?}: {records:?}");
    let first = marked[0];
    assert_eq!(
        first["document"]["origin"]["feed"],
        json!("https://example.org/rss")
    );
    assert_eq!(first["anchor"]["selector"]["type"], json!("CssSelector"));
}

#[test]
fn bookmarks_keep_unknown_fields_through_two_saves_and_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let bookmark = Bookmark::new(&article(), 1, 1, SystemTime::now()).unwrap();
    let file = json!({
        "version": store::SCHEMA_VERSION,
        "sync": {"device": "laptop", "generation": 7},
        "bookmarks": [with_unknown_fields(serde_json::to_value(&bookmark).unwrap())],
    });
    fs::write(dir.path().join(store::FILE_NAME), file.to_string()).unwrap();
    let (store, loaded) = Store::open(dir.path());
    assert!(loaded.warning.is_none());
    let mut set = loaded.bookmarks;
    for passage in [0, 2] {
        let mut more = Bookmarks::default();
        more.push(Bookmark::new(&article(), passage, passage, SystemTime::now()).unwrap());
        set.merge(&more);
        set = store.save(&set).unwrap();
        assert_kept(&store.path(), "bookmarks");
    }
    assert_kept(&store.backup_path(), "bookmarks");
    // A note edit (a change to the record itself) keeps them too.
    assert!(set.set_note(&bookmark.id, "still amber", SystemTime::now()));
    store.save(&set).unwrap();
    assert_kept(&store.path(), "bookmarks");
    let file: Value = serde_json::from_str(&fs::read_to_string(store.path()).unwrap()).unwrap();
    let marked = file["bookmarks"].as_array().unwrap().iter();
    let edited: Vec<&Value> = marked.filter(|r| r["colour"] == "amber").collect();
    assert_eq!(
        edited[0]["note"],
        json!("still amber"),
        "the edit reached it"
    );
}

#[test]
fn positions_keep_unknown_fields_through_two_saves_and_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let other = Document::new(Source::File("y.txt".into()), "Other\n\na\n\nb".into());
    let record = ReadingPosition::new(&article(), 1, 1, 30, false, SystemTime::now()).unwrap();
    let file = json!({
        "version": positions::SCHEMA_VERSION,
        "sync": {"device": "laptop", "generation": 7},
        "positions": [with_unknown_fields(serde_json::to_value(&record).unwrap())],
    });
    fs::write(dir.path().join(positions::FILE_NAME), file.to_string()).unwrap();
    let (store, loaded) = PositionStore::open(dir.path());
    assert!(loaded.warning.is_none());
    let mut set = loaded.positions;
    for top in [0, 1] {
        let mut more = Positions::default();
        more.set(ReadingPosition::new(&other, top, top, 50, false, SystemTime::now()).unwrap());
        set.merge(&more);
        set = store.save(&set).unwrap();
        assert_kept(&store.path(), "positions");
    }
    assert_kept(
        &dir.path().join(format!("{}.bak", positions::FILE_NAME)),
        "positions",
    );
}
