//! The file-system steps behind [`super::SharedFile`]: the sidecar lock,
//! reading a file only if it is a regular file of bounded size, atomic and
//! durable replacement (through a symbolic link, to its target), and
//! setting a bad file aside without ever overwriting anything.

use crate::corpus::{kind_name, open_nonblocking};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

/// How long a save waits for another quire to finish its own. Saves take
/// milliseconds, so this only runs out if something is badly wrong (a hung
/// process on a network file system); the user then gets an error instead
/// of a frozen screen.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// An exclusive lock on a sidecar lock file, held until dropped. The OS
/// releases it when the process dies, so a crash never leaves it stuck.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

impl FileLock {
    /// Locks `path` (created if missing), waiting up to [`LOCK_WAIT`].
    pub fn acquire(path: &Path) -> Result<FileLock, String> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| format!("cannot open the lock file {}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => return Ok(FileLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(format!("cannot lock {}: {e}", path.display()));
            }
        }
        // Wait in the kernel's queue (polling with try_lock lets a process
        // that saves in a loop starve the other), on a thread so the wait
        // can time out. If it does, the thread still gets the lock later
        // and drops it at once, since nobody receives it.
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(file.lock().map(|()| file));
        });
        match receiver.recv_timeout(LOCK_WAIT) {
            Ok(Ok(file)) => Ok(FileLock { _file: file }),
            Ok(Err(e)) => Err(format!("cannot lock {}: {e}", path.display())),
            Err(_) => Err(format!(
                "another quire has held the lock {} for over {} s; close it or try again",
                path.display(),
                LOCK_WAIT.as_secs()
            )),
        }
    }
}

/// The largest file quire reads as bookmarks or positions: 64 MiB. A
/// bookmark is at most about 5 KB of JSON (a 4 KB quote, its context, a
/// note, paths), so this holds over ten thousand full-size bookmarks, or
/// the 2,000 kept reading positions many times over, while parsing it
/// stays within a few hundred megabytes of memory. Anything bigger is not
/// a file quire wrote.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading a shared file found.
#[derive(Debug)]
pub enum Contents {
    /// No file there (or a file where a folder should be).
    Missing,
    Bytes(Vec<u8>),
    /// Something quire must not read or replace (a FIFO, a device, a
    /// folder, a file over [`MAX_FILE_BYTES`]); says what it is.
    NotAFile(String),
}

/// Reads `path` (following symbolic links) only if it is a regular file of
/// at most [`MAX_FILE_BYTES`]: the type is checked before opening (opening
/// some devices has effects), the open does not block (a FIFO swapped in
/// meanwhile would wait for a writer forever), and the type and size are
/// checked again on what was opened, and the read is capped.
pub fn read_bounded(path: &Path) -> io::Result<Contents> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if is_missing(&e) => return Ok(Contents::Missing),
        Err(e) => return Err(e),
    };
    if let Some(what) = not_a_file(&meta) {
        return Ok(Contents::NotAFile(what));
    }
    let file = match open_nonblocking(path) {
        Ok(file) => file,
        Err(e) if is_missing(&e) => return Ok(Contents::Missing),
        Err(e) => return Err(e),
    };
    if let Some(what) = not_a_file(&file.metadata()?) {
        return Ok(Contents::NotAFile(what));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Contents::NotAFile(too_big()));
    }
    Ok(Contents::Bytes(bytes))
}

fn is_missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn too_big() -> String {
    format!(
        "a file over {} MiB, more than quire ever writes",
        MAX_FILE_BYTES >> 20
    )
}

/// Why `meta` is not a file quire reads, in user terms; None if it is.
fn not_a_file(meta: &std::fs::Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_file() {
        return (meta.len() > MAX_FILE_BYTES).then(too_big);
    }
    Some(format!("a {}, not a regular file", kind_name(kind)))
}

/// Where writing `path` really goes: through any symbolic links to their
/// final target (which need not exist yet), so a bookmarks file kept in a
/// dotfiles repository and linked into the config folder stays linked.
/// A target that exists and is not a regular file (a link to `/dev/zero`)
/// is refused: renaming over it would replace a device.
pub fn link_target(path: &Path) -> io::Result<PathBuf> {
    // Linux gives up after 40 links too; a loop of links ends here.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                let (dir, _) = split(&current)?;
                current = dir.join(target);
            }
            Ok(meta) if !meta.is_file() => {
                let what = not_a_file(&meta).unwrap_or_default();
                return Err(io::Error::other(format!(
                    "{} is {what}; quire does not replace it",
                    current.display()
                )));
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// The prefix of temporary files for `name`, so stale ones can be found.
fn temp_prefix(name: &str) -> String {
    format!(".{name}-")
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one: a temporary file in the same folder,
/// written and synced, renamed over `path`, then the folder synced so the
/// rename itself survives a power cut. A symbolic link is written through:
/// all of this happens at its target, and the link stays.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = link_target(path)?;
    let temp = write_temporary(&target, bytes)?;
    temp.persist(&target).map_err(|e| e.error)?;
    let (dir, _) = split(&target)?;
    sync_dir(dir)
}

/// `bytes` in a synced temporary file beside `target`, not yet in place.
/// This is the step that needs disk space: nothing is changed if it fails.
fn write_temporary(target: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let (dir, name) = split(target)?;
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Replaces the unreadable file `path` with `bytes`, keeping its old
/// contents under a new name (see [`set_aside`]), which is returned. The
/// new contents are written first: if that fails (a full disk) nothing has
/// moved and the file is still there to recover from next time; after it,
/// the old file is linked to its new name and the new one renamed over
/// it, so `path` never goes missing. Follows symbolic links like
/// [`write_atomically`].
pub fn replace_keeping_aside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let target = link_target(path)?;
    let temp = write_temporary(&target, bytes)?;
    let aside = free_aside_name(&target)?;
    if std::fs::hard_link(&target, &aside).is_err() {
        // A file system without hard links: a rename keeps the bytes too,
        // leaving the file missing only until the rename below.
        std::fs::rename(&target, &aside)?;
    }
    temp.persist(&target).map_err(|e| e.error)?;
    let (dir, _) = split(&target)?;
    sync_dir(dir)?;
    Ok(aside)
}

fn split(path: &Path) -> io::Result<(&Path, String)> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} names no file", path.display())))?;
    Ok((dir, name.to_string_lossy().into_owned()))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are journaled.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Renames `path` to `<name>.corrupt-<UTC time>` (with `-2`, `-3`, ... if
/// that exists: an earlier bad file is never replaced) and returns the new
/// path. Callers hold the lock, so no other quire races for the name.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let target = link_target(path)?;
    let aside = free_aside_name(&target)?;
    std::fs::rename(&target, &aside)?;
    let (dir, _) = split(&target)?;
    sync_dir(dir)?;
    Ok(aside)
}

/// `<name>.corrupt-<UTC time>` beside `path`, or with `-2`, `-3`, ... if
/// that is taken.
fn free_aside_name(path: &Path) -> io::Result<PathBuf> {
    let (dir, name) = split(path)?;
    let stamp = humantime::format_rfc3339_seconds(SystemTime::now())
        .to_string()
        .replace(':', "-");
    let base = format!("{name}.corrupt-{stamp}");
    let aside = (1..)
        .map(|n| match n {
            1 => dir.join(&base),
            n => dir.join(format!("{base}-{n}")),
        })
        .find(|candidate| !candidate.exists())
        .ok_or_else(|| io::Error::other("no free name to set the file aside"))?;
    Ok(aside)
}

/// Deletes temporary files left by a quire killed mid-save. Only called
/// with the lock held: any temporary file then is stale, since writers
/// create them only while holding it. Failures are harmless (the files are
/// only clutter), so they are ignored.
pub fn remove_stale_temporaries(dir: &Path, name: &str) {
    // The file's own temporaries and its backup's.
    let prefixes = [temp_prefix(name), temp_prefix(&format!("{name}.bak"))];
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let ours = prefixes.iter().any(|p| file_name.starts_with(p.as_str()));
        if ours && file_name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::Instant;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn set_aside_never_replaces_an_earlier_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        let mut kept = Vec::new();
        for content in ["first", "second", "third"] {
            fs::write(&path, content).unwrap();
            kept.push(set_aside(&path).unwrap());
        }
        assert!(!path.exists());
        for (aside, content) in kept.iter().zip(["first", "second", "third"]) {
            assert_eq!(fs::read_to_string(aside).unwrap(), content);
        }
    }

    #[test]
    fn stale_temporaries_of_this_file_only_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".f.json-abc.tmp", ".f.json.bak-x.tmp", ".g.json-abc.tmp"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_stale_temporaries(dir.path(), "f.json");
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, vec![".g.json-abc.tmp"]);
    }

    #[test]
    fn a_held_lock_makes_a_second_locker_wait_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json.lock");
        let first = FileLock::acquire(&path).unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let start = Instant::now();
                FileLock::acquire(&path).map(|_| start.elapsed())
            })
        };
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        let waited = waiter.join().unwrap().unwrap();
        assert!(waited >= Duration::from_millis(90), "{waited:?}");
    }
}
