//! Reading and writing `bookmarks.json`, shared safely between quire
//! processes through [`crate::storage`]: each save locks, re-reads the file,
//! merges by bookmark id (a deletion wins over edits made where it was not
//! seen yet, else the newest change; tombstones kept), keeps the
//! previous good file as `bookmarks.json.bak` and replaces the file
//! atomically. A file that cannot be parsed is never overwritten: it is
//! renamed aside with a timestamp and quire starts from the backup. Its
//! strings are sanitized as it is parsed ([`super::stored_text`]).

use super::{Bookmark, Bookmarks};
use crate::storage::{self, Format, SharedFile, Unknown};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "bookmarks.json";
/// The file format version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    bookmarks: Vec<Bookmark>,
    /// Fields from a newer quire, kept on every save.
    #[serde(flatten)]
    unknown: Unknown,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Parses the file's text; the error says where it went wrong.
pub fn parse(text: &str) -> Result<(u32, Bookmarks), serde_json::Error> {
    let version: VersionOnly = serde_json::from_str(text)?;
    let mut file: FileFormat = serde_json::from_str(text)?;
    // Sanitized where it is read, so nothing in the model needs it later.
    file.bookmarks
        .iter_mut()
        .for_each(super::stored_text::clean_bookmark);
    Ok((
        version.version,
        Bookmarks {
            items: file.bookmarks,
            unknown: file.unknown,
        },
    ))
}

/// How `bookmarks.json` is parsed, written and merged.
#[derive(Debug, Clone, Copy)]
pub struct BookmarksFile;

impl Format for BookmarksFile {
    type Value = Bookmarks;
    const WHAT: &'static str = "bookmarks";
    const VERSION: u32 = SCHEMA_VERSION;

    fn parse(text: &str) -> Result<Bookmarks, serde_json::Error> {
        parse(text).map(|(_, bookmarks)| bookmarks)
    }

    fn encode(value: &Bookmarks) -> Result<Vec<u8>, serde_json::Error> {
        let file = FileFormat {
            version: SCHEMA_VERSION,
            bookmarks: value.items.clone(),
            unknown: value.unknown.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    fn merge(ours: &mut Bookmarks, theirs: &Bookmarks) {
        ours.merge(theirs);
    }

    fn keep_lost_edits(ours: &mut Bookmarks, theirs: &Bookmarks) -> Vec<String> {
        ours.keep_notes_of_deleted(theirs)
    }
}

/// What the bytes of a bookmarks file hold, as loading would see them.
/// Pure, for fuzzing and property tests.
pub fn decode(bytes: &[u8]) -> storage::Decoded<Bookmarks> {
    storage::decode::<BookmarksFile>(bytes)
}

/// The bookmarks file in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    file: SharedFile<BookmarksFile>,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub bookmarks: Bookmarks,
    /// Something the user must be told (corrupt file kept aside, ...).
    pub warning: Option<String>,
}

/// What a save wrote, and anything to tell the user although it succeeded.
#[derive(Debug, Default)]
pub struct Saved {
    pub bookmarks: Bookmarks,
    pub warning: Option<String>,
}

impl Store {
    /// Opens the store in `dir`, loading what is there.
    pub fn open(dir: &Path) -> (Store, Loaded) {
        let (file, loaded) = SharedFile::open(dir, FILE_NAME);
        let loaded = Loaded {
            bookmarks: loaded.value,
            warning: loaded.warning,
        };
        (Store { file }, loaded)
    }

    pub fn path(&self) -> PathBuf {
        self.file.path()
    }

    /// The last good copy of the file.
    pub fn backup_path(&self) -> PathBuf {
        self.file.backup_path()
    }

    /// Why saves are refused this session (newer or unreadable file).
    pub fn read_only(&self) -> Option<&str> {
        self.file.read_only()
    }

    /// Merges `bookmarks` with the file under the lock and writes the
    /// result; returns the merged set, which the app should show.
    pub fn save(&self, bookmarks: &Bookmarks) -> Result<Bookmarks, String> {
        self.save_reporting(bookmarks).map(|saved| saved.bookmarks)
    }

    /// Like [`Store::save`], also returning a warning when the file on disk
    /// had become corrupt and was set aside during the save.
    pub fn save_reporting(&self, bookmarks: &Bookmarks) -> Result<Saved, String> {
        let saved = self.file.save(bookmarks)?;
        Ok(Saved {
            bookmarks: saved.value,
            warning: saved.warning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use std::fs;
    use std::time::SystemTime;

    fn sample() -> Bookmarks {
        let d = Document::new(Source::File("x.txt".into()), "T\n\none\n\ntwo".into());
        let mut b = Bookmarks::default();
        b.push(Bookmark::new(&d, 1, 1, SystemTime::now()).unwrap());
        b
    }

    fn aside_files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".corrupt-"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn missing_file_is_empty_and_save_creates_it() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("new/folder");
        let (store, loaded) = Store::open(&sub);
        assert!(loaded.bookmarks.items.is_empty() && loaded.warning.is_none());
        store.save(&sample()).unwrap();
        let (_, again) = Store::open(&sub);
        assert_eq!(again.bookmarks.items.len(), 1);
        assert_eq!(again.bookmarks.items[0].anchor.exact, "two");
    }

    #[test]
    fn corrupt_file_is_kept_aside_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, "{\"version\": 1, \"bookmarks\": [ {oops").unwrap();
        let (store, loaded) = Store::open(dir.path());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("line 1"), "{warning}");
        assert!(warning.contains("kept it as"), "{warning}");
        let aside = aside_files(dir.path());
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read_to_string(dir.path().join(&aside[0])).unwrap(),
            "{\"version\": 1, \"bookmarks\": [ {oops"
        );
        // Saving afterwards writes a fresh file and leaves the kept one alone.
        store.save(&sample()).unwrap();
        assert_eq!(aside_files(dir.path()).len(), 1);
    }

    #[test]
    fn empty_and_truncated_files_are_set_aside() {
        for content in ["", "{\"version\": 1, \"bookm"] {
            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join(FILE_NAME), content).unwrap();
            let (_, loaded) = Store::open(dir.path());
            assert!(loaded.warning.is_some());
            assert_eq!(aside_files(dir.path()).len(), 1, "{content:?}");
        }
    }

    #[test]
    fn newer_format_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let text = "{\"version\": 9, \"bookmarks\": []}";
        fs::write(&path, text).unwrap();
        let (store, loaded) = Store::open(dir.path());
        assert!(loaded.warning.unwrap().contains("newer quire"));
        assert!(store.save(&sample()).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn save_merges_keeps_a_backup_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path());
        let first = store.save(&sample()).unwrap();
        // Saving an empty set does not drop what is on disk: it merges.
        let merged = store.save(&Bookmarks::default()).unwrap();
        assert_eq!(merged, first);
        let both = store.save(&sample()).unwrap();
        assert_eq!(both.items.len(), 2);
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec![
                FILE_NAME.to_string(),
                format!("{FILE_NAME}.bak"),
                format!("{FILE_NAME}.lock")
            ]
        );
        let (version, b) = parse(&fs::read_to_string(store.path()).unwrap()).unwrap();
        assert_eq!((version, b.items.len()), (SCHEMA_VERSION, 2));
        let (_, backup) = parse(&fs::read_to_string(store.backup_path()).unwrap()).unwrap();
        assert_eq!(backup, first, "the backup is the previous good file");
    }

    #[cfg(unix)]
    #[test]
    fn unwritable_folder_gives_an_error_not_a_panic() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        let (store, _) = Store::open(&locked);
        let result = store.save(&sample());
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
        // Root may write anyway; otherwise the message names the file.
        if let Err(e) = result {
            assert!(e.contains("could not save bookmarks"), "{e}");
        }
    }
}
