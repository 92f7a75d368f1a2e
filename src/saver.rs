//! Writes bookmarks and reading positions on a thread of its own, so a key
//! is answered at once even while another quire holds the files' lock for
//! seconds or the disk is slow: a save takes the lock, merges, and fsyncs
//! two or three times. What a save found comes back as an [`Action`]
//! (`BookmarksSaved`, `PositionsSaved`, `Told`), applied like a key.
//!
//! Only the newest copy asked for is written: copies that queued up behind
//! a slow save are skipped. Positions change every few hundred milliseconds
//! while one reads, so they are written at most every [`POSITIONS_EVERY`];
//! [`Saver::finish`] writes whatever is still waiting, for quitting.

use crate::action::Action;
use crate::bookmarks::Bookmarks;
use crate::bookmarks::store::Store;
use crate::positions::Positions;
use crate::positions::store::PositionStore;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

/// The shortest time between two writes of the reading positions: what a
/// crash or a `kill -9` can lose of them.
pub const POSITIONS_EVERY: Duration = Duration::from_secs(3);

enum Job {
    Bookmarks(Bookmarks),
    Positions(Positions),
    /// Write everything waiting now, then say so.
    Flush(Sender<()>),
}

/// Handle to the saving thread; dropping it writes what is waiting and
/// lets the thread end.
pub struct Saver {
    jobs: Sender<Job>,
    results: Receiver<Action>,
}

impl Saver {
    /// Starts the thread; a store that is None keeps that kind in memory.
    pub fn start(bookmarks: Option<Store>, positions: Option<PositionStore>) -> Saver {
        let (jobs, inbox) = channel();
        let (report, results) = channel();
        let stores = Stores {
            bookmarks,
            positions,
            report,
        };
        thread::spawn(move || stores.serve(&inbox));
        Saver { jobs, results }
    }

    /// Asks for `bookmarks` to be merged with the file and written.
    pub fn save_bookmarks(&self, bookmarks: Bookmarks) {
        let _ = self.jobs.send(Job::Bookmarks(bookmarks));
    }

    /// Asks for `positions` to be written, within [`POSITIONS_EVERY`].
    pub fn save_positions(&self, positions: Positions) {
        let _ = self.jobs.send(Job::Positions(positions));
    }

    /// A finished save's result, if one is ready.
    pub fn try_result(&self) -> Option<Action> {
        self.results.try_recv().ok()
    }

    /// Writes everything asked for so far, waiting for it (quitting), and
    /// returns the results not yet taken.
    pub fn finish(&self) -> Vec<Action> {
        let (done, wait) = channel();
        if self.jobs.send(Job::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
        self.results.try_iter().collect()
    }
}

/// What the thread owns: the stores, and where results go.
struct Stores {
    bookmarks: Option<Store>,
    positions: Option<PositionStore>,
    report: Sender<Action>,
}

/// The newest copies waiting to be written.
#[derive(Default)]
struct Waiting {
    bookmarks: Option<Bookmarks>,
    positions: Option<Positions>,
    flushes: Vec<Sender<()>>,
}

impl Waiting {
    fn take(&mut self, job: Job) {
        match job {
            Job::Bookmarks(b) => self.bookmarks = Some(b),
            Job::Positions(p) => self.positions = Some(p),
            Job::Flush(done) => self.flushes.push(done),
        }
    }
}

impl Stores {
    fn serve(self, inbox: &Receiver<Job>) {
        let mut waiting = Waiting::default();
        let mut positions_written: Option<Instant> = None;
        loop {
            // Positions held back by the interval are written when it ends.
            let due = positions_written.map(|at| POSITIONS_EVERY.saturating_sub(at.elapsed()));
            let received = match (&waiting.positions, due) {
                (Some(_), Some(wait)) => inbox.recv_timeout(wait),
                _ => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let ended = match received {
                Ok(job) => {
                    waiting.take(job);
                    false
                }
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => true,
            };
            // Copies that queued behind a slow save: only the newest counts.
            for job in inbox.try_iter() {
                waiting.take(job);
            }
            if let Some(bookmarks) = waiting.bookmarks.take() {
                self.save_bookmarks(&bookmarks);
            }
            let now = ended
                || !waiting.flushes.is_empty()
                || positions_written.is_none_or(|at| at.elapsed() >= POSITIONS_EVERY);
            if now && let Some(positions) = waiting.positions.take() {
                self.save_positions(&positions);
                positions_written = Some(Instant::now());
            }
            for done in waiting.flushes.drain(..) {
                let _ = done.send(());
            }
            if ended {
                return;
            }
        }
    }

    fn save_bookmarks(&self, bookmarks: &Bookmarks) {
        let Some(store) = &self.bookmarks else { return };
        let result = store.save_reporting(bookmarks).map(|saved| {
            // The file went bad during the session: it was set aside.
            if let Some(warning) = saved.warning {
                let _ = self.report.send(Action::Told(warning));
            }
            saved.bookmarks
        });
        let _ = self.report.send(Action::BookmarksSaved(result));
    }

    fn save_positions(&self, positions: &Positions) {
        let Some(store) = &self.positions else { return };
        let result = store.save_reporting(positions).map(|saved| {
            if let Some(warning) = saved.warning {
                let _ = self.report.send(Action::Told(warning));
            }
            saved.positions
        });
        let _ = self.report.send(Action::PositionsSaved(result));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Bookmark;
    use crate::document::{Document, Source};
    use std::time::SystemTime;

    fn one_bookmark() -> Bookmarks {
        let doc = Document::new(Source::Stdin, "A title\n\nOne passage.\n\nAnother.".into());
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&doc, 0, 0, SystemTime::now()).expect("a passage"));
        set
    }

    #[test]
    fn finish_writes_what_was_asked_and_returns_the_result() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, _) = Store::open(dir.path());
        let saver = Saver::start(Some(store), None);
        saver.save_bookmarks(one_bookmark());
        let results = saver.finish();
        assert!(
            matches!(results.as_slice(), [Action::BookmarksSaved(Ok(b))] if b.live_count() == 1),
            "{results:?}"
        );
        assert_eq!(Store::open(dir.path()).1.bookmarks.live_count(), 1);
    }

    #[test]
    fn positions_asked_for_twice_in_a_row_are_written_once_at_finish() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, _) = PositionStore::open(dir.path());
        let saver = Saver::start(None, Some(store));
        // The first write is at once; the next two wait for the interval,
        // and finish writes only the newest.
        saver.save_positions(Positions::default());
        saver.save_positions(Positions::default());
        saver.save_positions(Positions::default());
        let mut results = Vec::new();
        results.extend(saver.finish());
        let saves = results
            .iter()
            .filter(|r| matches!(r, Action::PositionsSaved(Ok(_))))
            .count();
        assert!((1..=2).contains(&saves), "{results:?}");
        assert!(dir.path().join("positions.json").is_file());
    }
}
