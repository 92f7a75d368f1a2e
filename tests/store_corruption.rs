//! Bookmark files quire cannot use: corrupt, truncated, empty, not UTF-8,
//! from a newer quire, unreadable, or in a folder quire cannot write. Each
//! case checks the message the user sees and that the original bytes are
//! still on disk (kept aside or untouched): nothing is overwritten. When a
//! backup exists, quire starts from it.

use quire::bookmarks::store::{FILE_NAME, Store};
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn with_passages(count: usize) -> Bookmarks {
    let text = (0..count).fold("Title".to_string(), |t, i| format!("{t}\n\npassage {i}"));
    let d = Document::new(Source::File("x.txt".into()), text);
    let mut set = Bookmarks::default();
    for i in 0..count {
        set.push(Bookmark::new(&d, i, i, SystemTime::now()).unwrap());
    }
    set
}

fn aside_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    found.sort();
    found
}

/// Writes `bytes` as the bookmarks file (with no backup), opens it, and
/// checks it was kept aside byte for byte; returns the warning.
fn open_bad_file(bytes: &[u8]) -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.expect("the user is told");
    assert!(loaded.bookmarks.items.is_empty());
    assert!(warning.contains("could not be read"), "{warning}");
    assert!(warning.contains("started with no bookmarks"), "{warning}");
    let aside = aside_files(dir.path());
    assert_eq!(aside.len(), 1);
    assert!(
        warning.contains(&aside[0].display().to_string()),
        "{warning}"
    );
    assert_eq!(
        fs::read(&aside[0]).unwrap(),
        bytes,
        "the original bytes are kept"
    );
    // Saving afterwards writes a fresh file and leaves the kept one alone.
    store.save(&with_passages(1)).unwrap();
    assert_eq!(fs::read(&aside[0]).unwrap(), bytes);
    (dir, store, warning)
}

#[test]
fn a_corrupt_file_is_kept_aside_with_where_it_went_wrong() {
    let (_dir, _, warning) = open_bad_file(b"{\"version\": 1, \"bookmarks\": [ {oops");
    assert!(warning.contains("line 1, column"), "{warning}");
}

#[test]
fn a_truncated_file_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    store.save(&with_passages(3)).unwrap();
    let whole = fs::read(store.path()).unwrap();
    let (_dir, _, warning) = open_bad_file(&whole[..whole.len() / 2]);
    assert!(warning.contains("EOF while parsing"), "{warning}");
}

#[test]
fn an_empty_file_is_kept_aside() {
    let (_dir, _, warning) = open_bad_file(b"");
    assert!(warning.contains("the file is empty"), "{warning}");
}

#[test]
fn a_file_that_is_not_utf8_is_kept_aside() {
    let (_dir, _, warning) = open_bad_file(b"{\"version\": 1, \"bookmarks\": [\xff\xfe]}");
    assert!(warning.contains("not UTF-8"), "{warning}");
}

#[test]
fn a_corrupt_file_is_replaced_by_the_last_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    store.save(&with_passages(2)).unwrap();
    store.save(&with_passages(3)).unwrap();
    let good_backup = fs::read(store.backup_path()).unwrap();
    fs::write(store.path(), "{\"version\": 1, \"bookmarks\": [").unwrap();

    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("last good backup"), "{warning}");
    assert!(warning.contains("bookmarks.json.bak"), "{warning}");
    assert_eq!(
        loaded.bookmarks.items.len(),
        2,
        "the state before the last save"
    );
    assert_eq!(
        fs::read(store.path()).unwrap(),
        good_backup,
        "the backup is put back"
    );
    let aside = aside_files(dir.path());
    assert_eq!(
        fs::read_to_string(&aside[0]).unwrap(),
        "{\"version\": 1, \"bookmarks\": ["
    );
}

#[test]
fn a_file_corrupted_while_quire_runs_is_set_aside_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let first = with_passages(1);
    store.save(&first).unwrap();
    store.save(&with_passages(2)).unwrap();
    // Something else (not a quire) breaks the file.
    fs::write(store.path(), "garbage").unwrap();
    let saved = store.save_reporting(&with_passages(1)).unwrap();
    let warning = saved.warning.unwrap();
    assert!(warning.contains("had become unreadable"), "{warning}");
    let aside = aside_files(dir.path());
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), "garbage");
    // What the backup held is merged in, not dropped.
    assert!(
        saved
            .bookmarks
            .items
            .iter()
            .any(|b| b.id == first.items[0].id)
    );
    let (_, again) = Store::open(dir.path());
    assert!(again.warning.is_none());
    assert_eq!(again.bookmarks, saved.bookmarks);
}

#[test]
fn a_newer_schema_is_read_only_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let (store, _) = Store::open(dir.path());
    store.save(&with_passages(1)).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"version\": 1", "\"version\": 2");
    fs::write(&path, &text).unwrap();

    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("newer quire (format 2)"), "{warning}");
    assert!(warning.contains("read-only"), "{warning}");
    assert_eq!(
        loaded.bookmarks.items.len(),
        1,
        "its bookmarks are still shown"
    );
    let err = store.save(&with_passages(2)).unwrap_err();
    assert!(err.contains("newer quire"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert!(aside_files(dir.path()).is_empty());
}

#[test]
fn a_newer_schema_written_while_quire_runs_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    store.save(&with_passages(1)).unwrap();
    let newer = "{\"version\": 7, \"annotations\": {}}";
    fs::write(store.path(), newer).unwrap();
    let err = store.save(&with_passages(2)).unwrap_err();
    assert!(
        err.contains("replaced by a newer quire (format 7)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(store.path()).unwrap(), newer);
    // Opened afterwards: read-only, nothing set aside even though this
    // build cannot read the newer layout.
    let (store, loaded) = Store::open(dir.path());
    assert!(loaded.bookmarks.items.is_empty());
    assert!(store.read_only().is_some());
    assert!(aside_files(dir.path()).is_empty());
}

#[test]
fn an_unwritable_config_dir_gives_a_clear_error() {
    // A file where the folder should be: fails for every user, root too.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "x").unwrap();
    let config = blocker.join("quire");
    let (store, loaded) = Store::open(&config);
    // Told at the start, not only at the first save.
    let warning = loaded.warning.expect("the user is told");
    assert!(warning.contains("not a folder"), "{warning}");
    assert!(warning.contains("will not be saved"), "{warning}");
    assert!(loaded.bookmarks.items.is_empty());
    let err = store.save(&with_passages(1)).unwrap_err();
    assert!(err.contains(&config.display().to_string()), "{err}");
    assert!(err.contains("QUIRE_CONFIG_DIR"), "{err}");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "x");
}

#[cfg(unix)]
#[test]
fn a_read_only_config_dir_gives_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    store.save(&with_passages(1)).unwrap();
    let before = fs::read(store.path()).unwrap();
    fs::remove_file(dir.path().join(format!("{FILE_NAME}.lock"))).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let result = store.save(&with_passages(2));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    // Root writes anyway; for everyone else the message says what to do.
    if let Err(err) = result {
        assert!(err.contains("could not save bookmarks"), "{err}");
        assert!(err.contains("writable"), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), before);
    }
}

#[test]
fn a_corrupt_file_that_cannot_be_set_aside_makes_saving_refuse() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), "{oops").unwrap();
    // The lock cannot be taken (its path is a folder), so the file cannot
    // safely be moved: it must stay exactly as it is.
    fs::create_dir(dir.path().join(format!("{FILE_NAME}.lock"))).unwrap();
    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("nor moved aside"), "{warning}");
    assert!(warning.contains("will not be saved"), "{warning}");
    assert!(store.save(&with_passages(1)).is_err());
    assert_eq!(
        fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(),
        "{oops"
    );
}

#[test]
fn an_unreadable_file_makes_saving_refuse() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be cannot be read as a file.
    fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("not a regular file"), "{warning}");
    let err = store.save(&with_passages(1)).unwrap_err();
    assert!(err.contains("will not be saved"), "{err}");
    assert!(dir.path().join(FILE_NAME).is_dir());
}
