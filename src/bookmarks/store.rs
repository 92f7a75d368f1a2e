//! Reading and writing `bookmarks.json`. Saves are atomic (a temporary file
//! in the same folder, flushed, then renamed over the old one), and a file
//! that cannot be parsed is never overwritten: it is renamed aside with a
//! timestamp and the user is told.

use super::{Bookmark, Bookmarks};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub const FILE_NAME: &str = "bookmarks.json";
/// The file format version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    bookmarks: Vec<Bookmark>,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// The bookmarks file in one folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    /// Why saving is refused this session (the file could not be read, or
    /// is from a newer quire), so a file we did not understand is never
    /// replaced.
    read_only: Option<String>,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub bookmarks: Bookmarks,
    /// Something the user must be told (corrupt file kept aside, ...).
    pub warning: Option<String>,
}

/// Parses the file's text; the error says where it went wrong.
pub fn parse(text: &str) -> Result<(u32, Bookmarks), serde_json::Error> {
    let version: VersionOnly = serde_json::from_str(text)?;
    let file: FileFormat = serde_json::from_str(text)?;
    Ok((
        version.version,
        Bookmarks {
            items: file.bookmarks,
        },
    ))
}

impl Store {
    /// Opens the store in `dir`, loading what is there.
    pub fn open(dir: &Path) -> (Store, Loaded) {
        let mut store = Store {
            dir: dir.to_path_buf(),
            read_only: None,
        };
        let loaded = store.load();
        (store, loaded)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn load(&mut self) -> Loaded {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::default(),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return self.set_aside(&path, "it is not UTF-8 text");
            }
            Err(e) => {
                let why = format!(
                    "cannot read {}: {e}; bookmarks will not be saved until it can be read",
                    path.display()
                );
                self.read_only = Some(why.clone());
                return Loaded {
                    bookmarks: Bookmarks::default(),
                    warning: Some(why),
                };
            }
        };
        match parse(&text) {
            Ok((version, bookmarks)) if version > SCHEMA_VERSION => {
                let why = format!(
                    "{} was written by a newer quire (format {version}); bookmarks are read-only, upgrade quire to change them",
                    path.display()
                );
                self.read_only = Some(why.clone());
                Loaded {
                    bookmarks,
                    warning: Some(why),
                }
            }
            Ok((_, bookmarks)) => Loaded {
                bookmarks,
                warning: None,
            },
            Err(e) if e.is_data() || e.is_syntax() || e.is_eof() => {
                self.set_aside(&path, &describe(&e, &text))
            }
            Err(e) => self.set_aside(&path, &e.to_string()),
        }
    }

    /// Renames an unreadable file aside and starts empty.
    fn set_aside(&mut self, path: &Path, reason: &str) -> Loaded {
        let stamp = humantime::format_rfc3339_seconds(SystemTime::now())
            .to_string()
            .replace(':', "-");
        let aside = self.dir.join(format!("{FILE_NAME}.corrupt-{stamp}"));
        let warning = match std::fs::rename(path, &aside) {
            Ok(()) => format!(
                "{} could not be read ({reason}); kept it as {} and started with no bookmarks",
                path.display(),
                aside.display()
            ),
            Err(e) => {
                let why = format!(
                    "{} could not be read ({reason}) nor moved aside ({e}); bookmarks will not be saved so it is not overwritten",
                    path.display()
                );
                self.read_only = Some(why.clone());
                why
            }
        };
        Loaded {
            bookmarks: Bookmarks::default(),
            warning: Some(warning),
        }
    }

    /// Writes all bookmarks atomically.
    pub fn save(&self, bookmarks: &Bookmarks) -> Result<Bookmarks, String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        let file = FileFormat {
            version: SCHEMA_VERSION,
            bookmarks: bookmarks.items.clone(),
        };
        self.write_atomically(&file)
            .map_err(|e| format!("could not save bookmarks to {}: {e}", self.path().display()))?;
        Ok(bookmarks.clone())
    }

    fn write_atomically(&self, file: &FileFormat) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".bookmarks-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        serde_json::to_writer_pretty(&mut temp, file)?;
        temp.write_all(b"\n")?;
        temp.as_file().sync_all()?;
        temp.persist(self.path()).map_err(|e| e.error)?;
        // Make the rename itself durable.
        #[cfg(unix)]
        std::fs::File::open(&self.dir)?.sync_all()?;
        Ok(())
    }
}

/// A parse error with the line and column, in the user's terms.
fn describe(e: &serde_json::Error, text: &str) -> String {
    if text.trim().is_empty() {
        return "the file is empty".into();
    }
    format!("line {}, column {}: {e}", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Source};
    use std::fs;

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
    fn save_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path());
        store.save(&sample()).unwrap();
        store.save(&Bookmarks::default()).unwrap();
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE_NAME)]);
        let (version, b) = parse(&fs::read_to_string(store.path()).unwrap()).unwrap();
        assert_eq!((version, b.items.len()), (SCHEMA_VERSION, 0));
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
