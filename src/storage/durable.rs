//! The file-system steps behind [`super::SharedFile`]: the sidecar lock,
//! atomic and durable replacement, and setting a bad file aside without
//! ever overwriting anything.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
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

/// The prefix of temporary files for `name`, so stale ones can be found.
fn temp_prefix(name: &str) -> String {
    format!(".{name}-")
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one: a temporary file in the same folder,
/// written and synced, renamed over `path`, then the folder synced so the
/// rename itself survives a power cut.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_unsynced(path, bytes)?;
    let (dir, _) = split(path)?;
    sync_dir(dir)
}

/// [`write_atomically`] without syncing the folder: for a file that is
/// followed by another write to the same folder (the backup before the
/// file), whose folder sync makes both renames durable. Saves a sync.
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (dir, name) = split(path)?;
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
    std::fs::rename(path, &aside)?;
    sync_dir(dir)?;
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
