//! A `bookmarks.json` (or its backup, or `positions.json`) that is a
//! symbolic link into a dotfiles repository stays a link: saves write
//! through it, atomically, with the temporary file in the target's folder
//! and renamed over the target, so the linked copy keeps getting the
//! bookmarks. Recovery from a corrupt linked file works through it too.

#![cfg(unix)]

use quire::bookmarks::store::{self, Store};
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use quire::positions::store::{self as positions, PositionStore};
use quire::positions::{Positions, ReadingPosition};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn article() -> Document {
    Document::new(
        Source::File("x.txt".into()),
        "Title\n\none\n\ntwo\n\nthree\n\nfour".into(),
    )
}

fn bookmark_on(passage: usize) -> Bookmarks {
    let mut set = Bookmarks::default();
    set.push(Bookmark::new(&article(), passage, passage, SystemTime::now()).unwrap());
    set
}

/// A config folder and a dotfiles folder beside it.
struct Folders {
    _root: tempfile::TempDir,
    config: PathBuf,
    dotfiles: PathBuf,
}

fn folders() -> Folders {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config");
    let dotfiles = root.path().join("dotfiles");
    fs::create_dir(&config).unwrap();
    fs::create_dir(&dotfiles).unwrap();
    Folders {
        config,
        dotfiles,
        _root: root,
    }
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn live_in(path: &Path) -> usize {
    store::parse(&fs::read_to_string(path).unwrap())
        .unwrap()
        .1
        .live_count()
}

#[test]
fn saves_write_through_a_linked_bookmarks_file_and_backup() {
    let f = folders();
    let file = f.config.join(store::FILE_NAME);
    let backup = f.config.join(format!("{}.bak", store::FILE_NAME));
    let linked = f.dotfiles.join("quire-bookmarks.json");
    let linked_backup = f.dotfiles.join("quire-bookmarks.json.bak");
    // Relative links, as dotfiles managers make them.
    symlink("../dotfiles/quire-bookmarks.json", &file).unwrap();
    symlink("../dotfiles/quire-bookmarks.json.bak", &backup).unwrap();
    let (store, _) = Store::open(&f.config);
    let mut set = Bookmarks::default();
    for passage in 1..=3 {
        set.merge(&bookmark_on(passage));
        set = store.save(&set).unwrap();
    }
    assert!(is_link(&file), "bookmarks.json is still a link");
    assert!(is_link(&backup), "its backup is still a link");
    assert_eq!(live_in(&linked), 3, "the linked copy gets every bookmark");
    assert_eq!(live_in(&linked_backup), 2, "the backup is the save before");
    assert_eq!(
        names(&f.dotfiles),
        vec!["quire-bookmarks.json", "quire-bookmarks.json.bak"],
        "no temporary file is left in the target's folder"
    );
    let (_, again) = Store::open(&f.config);
    assert_eq!(again.bookmarks.live_count(), 3);
}

#[test]
fn a_link_to_a_file_not_made_yet_gets_it_made() {
    let f = folders();
    let file = f.config.join(store::FILE_NAME);
    let linked = f.dotfiles.join("bookmarks.json");
    symlink(&linked, &file).unwrap();
    let (store, loaded) = Store::open(&f.config);
    assert!(loaded.warning.is_none());
    store.save(&bookmark_on(1)).unwrap();
    assert!(is_link(&file));
    assert_eq!(live_in(&linked), 1);
}

#[test]
fn a_corrupt_linked_file_is_recovered_through_the_link() {
    let f = folders();
    let file = f.config.join(store::FILE_NAME);
    let linked = f.dotfiles.join("bookmarks.json");
    symlink(&linked, &file).unwrap();
    let (store, _) = Store::open(&f.config);
    store.save(&bookmark_on(1)).unwrap();
    store.save(&bookmark_on(2)).unwrap();
    fs::write(&linked, "{garbage").unwrap();
    let (_, loaded) = Store::open(&f.config);
    assert!(loaded.warning.unwrap().contains("last good backup"));
    assert_eq!(loaded.bookmarks.live_count(), 1);
    assert!(is_link(&file), "still a link");
    assert_eq!(live_in(&linked), 1, "the backup is back behind the link");
    let aside: Vec<String> = names(&f.dotfiles)
        .into_iter()
        .filter(|n| n.contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "the bad copy is kept beside the target");
    assert_eq!(
        fs::read_to_string(f.dotfiles.join(&aside[0])).unwrap(),
        "{garbage"
    );
}

#[test]
fn saves_write_through_a_linked_positions_file() {
    let f = folders();
    let file = f.config.join(positions::FILE_NAME);
    let linked = f.dotfiles.join("positions.json");
    symlink(&linked, &file).unwrap();
    let (store, _) = PositionStore::open(&f.config);
    let mut set = Positions::default();
    for top in 1..=2 {
        set.set(ReadingPosition::new(&article(), top, top, 50, false, SystemTime::now()).unwrap());
        set = store.save(&set).unwrap();
    }
    assert!(is_link(&file));
    let (_, again) = PositionStore::open(&f.config);
    assert_eq!(again.positions.items.len(), 1);
    assert_eq!(again.positions.items[0].cursor, 2);
    assert!(
        fs::read_to_string(&linked)
            .unwrap()
            .contains("\"cursor\": 2")
    );
}

/// A link to a device is never renamed over: as root that would replace
/// `/dev/null` itself.
#[test]
fn a_link_to_a_device_is_never_written_through() {
    let f = folders();
    let backup = f.config.join(format!("{}.bak", store::FILE_NAME));
    symlink("/dev/null", &backup).unwrap();
    let (store, _) = Store::open(&f.config);
    store.save(&bookmark_on(1)).unwrap();
    // The second save would move the first file to the backup.
    let err = store.save(&bookmark_on(2)).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    assert!(is_link(&backup));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}
