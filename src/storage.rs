//! Durable JSON files that several quire processes share: bookmarks and
//! reading positions. A save takes an exclusive lock on a sidecar
//! `<name>.lock`, re-reads the file, merges it with what this process holds,
//! keeps the previous good file as `<name>.bak`, then replaces the file
//! atomically (temporary file in the same folder, `sync_all`, rename, fsync
//! the folder). A file this build cannot read is never overwritten: it is
//! renamed aside with a timestamp, and quire carries on from the backup.
//!
//! What the file holds, how it is parsed and how two copies are merged is
//! the [`Format`]'s business; this module only knows that the file is JSON
//! with a top-level `"version"` number.

mod durable;

pub use durable::{FileLock, write_atomically};

use serde::Deserialize;
use std::io;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// How one kind of file is parsed, written and merged.
pub trait Format {
    /// The in-memory value the file holds.
    type Value: Clone + Default + PartialEq;
    /// What the file holds, in messages ("bookmarks").
    const WHAT: &'static str;
    /// The file format version this build writes.
    const VERSION: u32;
    /// Parses a file whose `version` is known; the error says where it
    /// went wrong.
    fn parse(text: &str) -> Result<Self::Value, serde_json::Error>;
    /// The file's bytes for `value`, at [`Format::VERSION`].
    fn encode(value: &Self::Value) -> Result<Vec<u8>, serde_json::Error>;
    /// Folds `theirs` into `ours`; must not depend on which side is which.
    fn merge(ours: &mut Self::Value, theirs: &Self::Value);
}

/// What a file's bytes turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded<T> {
    /// A file this build writes (or an older one).
    Current(T),
    /// A file from a newer quire; `value` is what could be read of it.
    Newer { version: u32, value: Option<T> },
    /// Not a file this build can read; `reason` says why, in user terms.
    Corrupt { reason: String },
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Classifies the bytes of a file. Pure: the fuzz target and property
/// tests feed it arbitrary bytes.
pub fn decode<F: Format>(bytes: &[u8]) -> Decoded<F::Value> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Decoded::Corrupt {
            reason: "it is not UTF-8 text".into(),
        };
    };
    if text.trim().is_empty() {
        return Decoded::Corrupt {
            reason: "the file is empty".into(),
        };
    }
    let version = match serde_json::from_str::<VersionOnly>(text) {
        Ok(v) => v.version,
        Err(e) => return corrupt(&e),
    };
    if version > F::VERSION {
        return Decoded::Newer {
            version,
            value: F::parse(text).ok(),
        };
    }
    match F::parse(text) {
        Ok(value) => Decoded::Current(value),
        Err(e) => corrupt(&e),
    }
}

fn corrupt<T>(e: &serde_json::Error) -> Decoded<T> {
    Decoded::Corrupt {
        reason: format!("line {}, column {}: {e}", e.line(), e.column()),
    }
}

/// What opening found.
#[derive(Debug, Default)]
pub struct Loaded<T> {
    pub value: T,
    /// Something the user must be told (corrupt file kept aside, ...).
    pub warning: Option<String>,
}

/// What a save wrote: the merged value, and anything the user must be told
/// although the save succeeded (the file on disk had become corrupt and was
/// set aside).
#[derive(Debug, Default)]
pub struct Saved<T> {
    pub value: T,
    pub warning: Option<String>,
}

/// One shared file, `<dir>/<name>`, of format `F`.
#[derive(Debug)]
pub struct SharedFile<F> {
    dir: PathBuf,
    name: &'static str,
    /// Why saving is refused this session (the file could not be read, or
    /// is from a newer quire), so a file we did not understand is never
    /// replaced.
    read_only: Option<String>,
    format: PhantomData<fn() -> F>,
}

impl<F> Clone for SharedFile<F> {
    fn clone(&self) -> Self {
        SharedFile {
            dir: self.dir.clone(),
            name: self.name,
            read_only: self.read_only.clone(),
            format: PhantomData,
        }
    }
}

/// What is on disk now.
enum OnDisk<T> {
    Missing,
    Readable(Decoded<T>, Vec<u8>),
    Unreadable(io::Error),
}

impl<F: Format> SharedFile<F> {
    /// Opens `<dir>/<name>`, loading what is there. A corrupt file is set
    /// aside and the backup loaded instead; a newer or unreadable file
    /// makes this session read-only.
    pub fn open(dir: &Path, name: &'static str) -> (SharedFile<F>, Loaded<F::Value>) {
        let mut file = SharedFile {
            dir: dir.to_path_buf(),
            name,
            read_only: None,
            format: PhantomData,
        };
        let loaded = file.load();
        (file, loaded)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(self.name)
    }

    /// The last good copy, replaced on every save that changes the file.
    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(format!("{}.bak", self.name))
    }

    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.name))
    }

    /// Why saves are refused this session, if they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn read(&self, path: &Path) -> OnDisk<F::Value> {
        match std::fs::read(path) {
            Ok(bytes) => OnDisk::Readable(decode::<F>(&bytes), bytes),
            // A file where a folder should be: nothing to load; saving
            // then says the folder is unusable.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                OnDisk::Missing
            }
            Err(e) => OnDisk::Unreadable(e),
        }
    }

    fn load(&mut self) -> Loaded<F::Value> {
        let path = self.path();
        match self.read(&path) {
            OnDisk::Missing => Loaded::default(),
            OnDisk::Readable(Decoded::Current(value), _) => Loaded {
                value,
                warning: None,
            },
            OnDisk::Readable(Decoded::Newer { version, value }, _) => {
                let why = format!(
                    "{} was written by a newer quire (format {version}); {} are read-only, upgrade quire to change them",
                    path.display(),
                    F::WHAT
                );
                self.read_only = Some(why.clone());
                Loaded {
                    value: value.unwrap_or_default(),
                    warning: Some(why),
                }
            }
            OnDisk::Unreadable(e) => self.refuse(format!(
                "cannot read {}: {e}; {} will not be saved until it can be read (check its permissions)",
                path.display(),
                F::WHAT
            )),
            OnDisk::Readable(Decoded::Corrupt { reason }, _) => self.recover(&reason),
        }
    }

    fn refuse(&mut self, why: String) -> Loaded<F::Value> {
        self.read_only = Some(why.clone());
        Loaded {
            value: F::Value::default(),
            warning: Some(why),
        }
    }

    /// The file could not be parsed: under the lock (another quire may be
    /// doing the same), set it aside and start from the backup.
    fn recover(&mut self, reason: &str) -> Loaded<F::Value> {
        let path = self.path();
        let not_moved = |e: String| {
            format!(
                "{} could not be read ({reason}) nor moved aside ({e}); {} will not be saved so it is not overwritten",
                path.display(),
                F::WHAT
            )
        };
        let lock = match FileLock::acquire(&self.lock_path()) {
            Ok(lock) => lock,
            Err(e) => return self.refuse(not_moved(e)),
        };
        // Another quire may have set it aside (and restored the backup)
        // between our read and the lock: then read what it left.
        let reason = match self.read(&path) {
            OnDisk::Readable(Decoded::Corrupt { reason }, _) => reason,
            _ => {
                drop(lock);
                return self.load();
            }
        };
        let aside = match durable::set_aside(&path) {
            Ok(aside) => aside,
            Err(e) => return self.refuse(not_moved(e.to_string())),
        };
        let kept = format!(
            "{} could not be read ({reason}); kept it as {}",
            path.display(),
            aside.display()
        );
        match self.read(&self.backup_path()) {
            OnDisk::Readable(Decoded::Current(value), bytes) => {
                // Put the backup back in place so other quires read it too;
                // if that fails the next save writes the file anyway.
                let _ = write_atomically(&path, &bytes);
                Loaded {
                    value,
                    warning: Some(format!(
                        "{kept} and started from the last good backup {}",
                        self.backup_path().display()
                    )),
                }
            }
            _ => Loaded {
                value: F::Value::default(),
                warning: Some(format!("{kept} and started with no {}", F::WHAT)),
            },
        }
    }

    /// Locks, merges `ours` with what is on disk, and writes the result;
    /// returns the merged value. Never replaces a file it cannot parse.
    pub fn save(&self, ours: &F::Value) -> Result<Saved<F::Value>, String> {
        if let Some(why) = &self.read_only {
            return Err(why.clone());
        }
        let path = self.path();
        let failed = |e: &dyn std::fmt::Display| {
            format!(
                "could not save {} to {}: {e}; check that the folder exists, is writable and has free space (or set QUIRE_CONFIG_DIR)",
                F::WHAT,
                path.display()
            )
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| failed(&e))?;
        let _lock = FileLock::acquire(&self.lock_path()).map_err(|e| failed(&e))?;
        durable::remove_stale_temporaries(&self.dir, self.name);
        let mut merged = ours.clone();
        let mut previous = None;
        let mut warning = None;
        match self.read(&path) {
            OnDisk::Missing => {}
            OnDisk::Readable(Decoded::Current(theirs), bytes) => {
                F::merge(&mut merged, &theirs);
                previous = Some(bytes);
            }
            OnDisk::Readable(Decoded::Newer { version, .. }, _) => {
                return Err(format!(
                    "{} was replaced by a newer quire (format {version}); {} not saved, upgrade quire to change them",
                    path.display(),
                    F::WHAT
                ));
            }
            OnDisk::Unreadable(e) => {
                return Err(format!(
                    "cannot read {}: {e}; {} not saved so it is not overwritten (check its permissions)",
                    path.display(),
                    F::WHAT
                ));
            }
            OnDisk::Readable(Decoded::Corrupt { reason }, _) => {
                let aside = durable::set_aside(&path).map_err(|e| {
                    format!(
                        "{} has become unreadable ({reason}) and could not be moved aside ({e}); {} not saved so it is not overwritten",
                        path.display(),
                        F::WHAT
                    )
                })?;
                if let OnDisk::Readable(Decoded::Current(backup), _) =
                    self.read(&self.backup_path())
                {
                    F::merge(&mut merged, &backup);
                }
                warning = Some(format!(
                    "{} had become unreadable ({reason}); kept it as {} and saved {} anew",
                    path.display(),
                    aside.display(),
                    F::WHAT
                ));
            }
        }
        let bytes = F::encode(&merged).map_err(|e| failed(&e))?;
        if previous.as_ref() != Some(&bytes) {
            if let Some(previous) = previous {
                // The folder sync after the file's own rename below makes
                // this rename durable too.
                durable::replace_unsynced(&self.backup_path(), &previous)
                    .map_err(|e| failed(&e))?;
            }
            write_atomically(&path, &bytes).map_err(|e| failed(&e))?;
        }
        Ok(Saved {
            value: merged,
            warning,
        })
    }
}
