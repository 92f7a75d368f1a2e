//! Durable JSON files that several quire processes share: bookmarks and
//! reading positions. A save takes an exclusive lock on a sidecar
//! `<name>.lock`, re-reads the file, merges it with what this process holds,
//! keeps the previous good file as `<name>.bak`, then replaces the file
//! atomically (temporary file in the same folder, `sync_all`, rename, fsync
//! the folder; a symbolic link is written through, at its target). A file
//! this build cannot read is never overwritten: it is kept aside with a
//! timestamp, and quire carries on from the backup, which is put back in
//! its place first, so a failure (a full disk) leaves the unreadable file
//! where it was to be recovered again. Only regular files of bounded size
//! are read; anything else (a FIFO, a device) makes the session read-only.
//!
//! What the file holds, how it is parsed and how two copies are merged is
//! the [`Format`]'s business; this module only knows that the file is JSON
//! with a top-level `"version"` number.

mod durable;
mod recovery;

pub use durable::{Contents, FileLock, MAX_FILE_BYTES, read_bounded, write_atomically};

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
    /// Before a save merges what is on disk: changes in `ours` the merge
    /// would drop although the user made them after the other side's
    /// (a note added to a bookmark another quire deleted) are kept some
    /// other way in `ours`; returns what the user must be told.
    fn keep_lost_edits(_ours: &mut Self::Value, _theirs: &Self::Value) -> Vec<String> {
        Vec::new()
    }
}

/// Fields a newer quire wrote that this build does not know, kept as they
/// were so a save does not drop them.
pub type Unknown = serde_json::Map<String, serde_json::Value>;

/// A fixed order on JSON values (they have none of their own): their text.
pub fn json_order(value: &serde_json::Value) -> String {
    value.to_string()
}

/// Merges unknown top-level fields: every key of both sides, and for a key
/// both have with different values, the same one whichever side it is on.
pub fn merge_unknown(ours: &mut Unknown, theirs: &Unknown) {
    for (key, value) in theirs {
        match ours.get_mut(key) {
            None => {
                ours.insert(key.clone(), value.clone());
            }
            Some(kept) if json_order(value) > json_order(kept) => *kept = value.clone(),
            Some(_) => {}
        }
    }
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
    /// A FIFO, a device, a folder or a huge file: never read nor replaced.
    NotAFile(String),
    Unreadable(io::Error),
}

impl<F: Format> SharedFile<F> {
    /// Opens `<dir>/<name>`, loading what is there. A corrupt file is set
    /// aside and the backup put in its place; a missing file with a backup
    /// is restored from it; a newer or unreadable file, anything but a
    /// regular file of bounded size, or a `dir` that is not a folder makes
    /// this session read-only. Each says so in the warning.
    pub fn open(dir: &Path, name: &'static str) -> (SharedFile<F>, Loaded<F::Value>) {
        let mut file = SharedFile {
            dir: dir.to_path_buf(),
            name,
            read_only: None,
            format: PhantomData,
        };
        let loaded = match file.folder_problem() {
            Some(why) => file.refuse(why),
            None => file.load(),
        };
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

    /// Why the folder cannot hold the file (`QUIRE_CONFIG_DIR` names a
    /// regular file), so saves are refused from the start, with a message.
    fn folder_problem(&self) -> Option<String> {
        let what = match std::fs::metadata(&self.dir) {
            Ok(meta) if !meta.is_dir() => "is not a folder",
            Err(e) if e.kind() == io::ErrorKind::NotADirectory => "is inside a file, not a folder",
            _ => return None,
        };
        Some(format!(
            "{} {what}; {} will not be saved this session (make it a folder, or set {} to one)",
            self.dir.display(),
            F::WHAT,
            crate::paths::CONFIG_DIR_ENV
        ))
    }

    fn read(&self, path: &Path) -> OnDisk<F::Value> {
        match durable::read_bounded(path) {
            Ok(Contents::Bytes(bytes)) => OnDisk::Readable(decode::<F>(&bytes), bytes),
            Ok(Contents::Missing) => OnDisk::Missing,
            Ok(Contents::NotAFile(what)) => OnDisk::NotAFile(what),
            Err(e) => OnDisk::Unreadable(e),
        }
    }

    /// The backup's value and bytes, if it holds a file this build writes.
    fn good_backup(&self) -> Option<(F::Value, Vec<u8>)> {
        match self.read(&self.backup_path()) {
            OnDisk::Readable(Decoded::Current(value), bytes) => Some((value, bytes)),
            _ => None,
        }
    }

    fn load(&mut self) -> Loaded<F::Value> {
        let path = self.path();
        match self.read(&path) {
            OnDisk::Missing => self.restore_missing(),
            OnDisk::NotAFile(what) => self.refuse(format!(
                "{} is {what}; {} will not be saved this session (move it away, or replace it with a regular file)",
                path.display(),
                F::WHAT
            )),
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

    /// Locks, merges `ours` with what is on disk, and writes the result;
    /// returns the merged value. Never replaces a file it cannot parse,
    /// and never replaces the backup with a file that did not hold it.
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
        self.remove_stale_temporaries();
        let mut merged = ours.clone();
        let mut told = Vec::new();
        let mut fold_in = |merged: &mut F::Value, theirs: &F::Value| {
            told.extend(F::keep_lost_edits(merged, theirs));
            F::merge(merged, theirs);
        };
        let mut previous = None;
        let mut corrupt = None;
        match self.read(&path) {
            // Gone (deleted, or a recovery could not put the backup back):
            // the backup holds the last good state, so it is merged in and
            // left alone by this save.
            OnDisk::Missing => {
                if let Some((backup, _)) = self.good_backup() {
                    fold_in(&mut merged, &backup);
                }
            }
            OnDisk::Readable(Decoded::Current(theirs), bytes) => {
                fold_in(&mut merged, &theirs);
                previous = Some(bytes);
            }
            OnDisk::Readable(Decoded::Newer { version, .. }, _) => {
                return Err(format!(
                    "{} was replaced by a newer quire (format {version}); {} not saved, upgrade quire to change them",
                    path.display(),
                    F::WHAT
                ));
            }
            OnDisk::NotAFile(what) => {
                return Err(format!(
                    "{} has become {what}; {} not saved so it is not replaced (put a regular file there)",
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
                if let Some((backup, _)) = self.good_backup() {
                    fold_in(&mut merged, &backup);
                }
                corrupt = Some(reason);
            }
        }
        let bytes = F::encode(&merged).map_err(|e| failed(&e))?;
        if let Some(reason) = corrupt {
            let aside = durable::replace_keeping_aside(&path, &bytes).map_err(|e| {
                format!(
                    "{} has become unreadable ({reason}) and could not be replaced ({e}); {} not saved, the file is left as it is (check that the disk has free space)",
                    path.display(),
                    F::WHAT
                )
            })?;
            told.push(format!(
                "{} had become unreadable ({reason}); kept it as {} and saved {} anew",
                path.display(),
                aside.display(),
                F::WHAT
            ));
        } else if previous.as_ref() != Some(&bytes) {
            if let Some(previous) = previous {
                write_atomically(&self.backup_path(), &previous).map_err(|e| failed(&e))?;
            }
            write_atomically(&path, &bytes).map_err(|e| failed(&e))?;
        }
        Ok(Saved {
            value: merged,
            warning: (!told.is_empty()).then(|| told.join("; ")),
        })
    }

    /// Temporary files left by a quire killed mid-save, here and wherever
    /// the file and its backup really are (they may be links).
    fn remove_stale_temporaries(&self) {
        for path in [self.path(), self.backup_path()] {
            let real = durable::link_target(&path).unwrap_or(path);
            if let (Some(dir), Some(name)) = (real.parent(), real.file_name()) {
                durable::remove_stale_temporaries(dir, &name.to_string_lossy());
            }
        }
    }
}
