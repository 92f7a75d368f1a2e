//! Starting from the backup when the file is unreadable or gone. The
//! backup is put back in the file's place before anything is moved, so a
//! recovery that cannot finish (a full disk) changes nothing on disk: the
//! next start or save tries again, and the backup is never replaced by a
//! file that did not hold it. The user is told each time what was done.

use super::{Decoded, FileLock, Format, Loaded, OnDisk, SharedFile, durable, write_atomically};

impl<F: Format> SharedFile<F> {
    /// The file could not be parsed: under the lock (another quire may be
    /// doing the same), put the backup in its place, keeping the bad file
    /// aside; without a usable backup, just set it aside.
    pub(super) fn recover(&mut self, reason: &str) -> Loaded<F::Value> {
        let path = self.path();
        let lock = match FileLock::acquire(&self.lock_path()) {
            Ok(lock) => lock,
            Err(e) => return self.refuse(self.not_moved(reason, &e)),
        };
        // Another quire may have recovered it between our read and the
        // lock: then read what it left.
        let reason = match self.read(&path) {
            OnDisk::Readable(Decoded::Corrupt { reason }, _) => reason,
            _ => {
                drop(lock);
                return self.load();
            }
        };
        let unreadable = format!("{} could not be read ({reason})", path.display());
        let backup = self.backup_path();
        let Some((value, bytes)) = self.good_backup() else {
            return match durable::set_aside(&path) {
                Ok(aside) => Loaded {
                    value: F::Value::default(),
                    warning: Some(format!(
                        "{unreadable}; kept it as {} and started with no {}",
                        aside.display(),
                        F::WHAT
                    )),
                },
                Err(e) => self.refuse(self.not_moved(&reason, &e.to_string())),
            };
        };
        let warning = match durable::replace_keeping_aside(&path, &bytes) {
            Ok(aside) => format!(
                "{unreadable}; kept it as {} and started from the last good backup {}",
                aside.display(),
                backup.display()
            ),
            Err(e) => format!(
                "{unreadable}; started from the last good backup {} but could not put it in its place ({e}), so the unreadable file stays where it is and quire tries again at the next save or start",
                backup.display()
            ),
        };
        Loaded {
            value,
            warning: Some(warning),
        }
    }

    fn not_moved(&self, reason: &str, e: &str) -> String {
        format!(
            "{} could not be read ({reason}) nor moved aside ({e}); {} will not be saved so it is not overwritten",
            self.path().display(),
            F::WHAT
        )
    }

    /// No file, but maybe a backup: a recovery that could not finish, or a
    /// file deleted by hand. The backup is the last good state, so quire
    /// starts from it and puts it back, and says so.
    pub(super) fn restore_missing(&mut self) -> Loaded<F::Value> {
        let Some((value, bytes)) = self.good_backup() else {
            return Loaded::default();
        };
        let path = self.path();
        let backup = self.backup_path();
        let lock = match FileLock::acquire(&self.lock_path()) {
            Ok(lock) => lock,
            Err(e) => {
                return Loaded {
                    value,
                    warning: Some(format!(
                        "{} is missing; started from its backup {} ({e})",
                        path.display(),
                        backup.display()
                    )),
                };
            }
        };
        if !matches!(self.read(&path), OnDisk::Missing) {
            // Another quire put it back meanwhile.
            drop(lock);
            return self.load();
        }
        let warning = match write_atomically(&path, &bytes) {
            Ok(()) => format!(
                "{} was missing; put back its last good backup {}",
                path.display(),
                backup.display()
            ),
            Err(e) => format!(
                "{} is missing; started from its backup {} but could not put it back ({e}); quire tries again at the next save or start",
                path.display(),
                backup.display()
            ),
        };
        Loaded {
            value,
            warning: Some(warning),
        }
    }
}
