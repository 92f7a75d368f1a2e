//! Recovering from a corrupt bookmarks file when the disk is full: the
//! backup holds 50 good bookmarks, the file is garbage, and there is no
//! space to put the backup back. quire must start from the backup, leave
//! the unreadable file where it is, say so, never replace the backup with
//! anything that does not hold it, and finish the recovery at the next
//! start once there is space again.
//!
//! The full disk is a small tmpfs mounted inside the test (as root). Where
//! mounting is impossible (not root, no CAP_SYS_ADMIN) the test says so and
//! is skipped; where it should work, a failure to mount fails the test.

use quire::bookmarks::store::{FILE_NAME, Store};
use quire::bookmarks::{Bookmark, Bookmarks};
use quire::document::{Document, Source};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const GOOD: usize = 50;
const GARBAGE: &[u8] = b"{\"version\": 1, \"bookmarks\": [ {garbage";

fn article() -> Document {
    let text = (0..GOOD + 5).fold("Title".to_string(), |t, i| format!("{t}\n\npassage {i}"));
    Document::new(Source::File("x.txt".into()), text)
}

fn bookmarks(passages: std::ops::Range<usize>) -> Bookmarks {
    let d = article();
    let mut set = Bookmarks::default();
    for i in passages {
        set.push(Bookmark::new(&d, i, i, SystemTime::now()).unwrap());
    }
    set
}

/// The bytes quire writes for `GOOD` bookmarks.
fn good_file() -> Vec<u8> {
    let scratch = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(scratch.path());
    store.save(&bookmarks(0..GOOD)).unwrap();
    fs::read(store.path()).unwrap()
}

/// A tmpfs mounted on a fresh folder, unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// None (with the reason printed) where this process may not mount.
    fn mount(size: &str) -> Option<SmallDisk> {
        if let Some(why) = cannot_mount() {
            // Past the harness's capture, so a skip is seen even when the
            // test passes.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the full-disk recovery test needs to mount a tmpfs: {why}"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "root with CAP_SYS_ADMIN could not mount a tmpfs: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk with one file and returns its path.
    fn fill(&self) -> PathBuf {
        let path = self.path().join("filler");
        let mut file = fs::File::create(&path).unwrap();
        let chunk = vec![b'x'; 4096];
        while file.write_all(&chunk).is_ok() {}
        // A byte-sized write fails too: the disk is really full.
        assert!(fs::write(self.path().join("probe"), b"x").is_err());
        let _ = fs::remove_file(self.path().join("probe"));
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Why this process cannot mount a file system, if it cannot.
fn cannot_mount() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    let uid = field("Uid:").unwrap_or_default();
    if uid.split_whitespace().nth(1) != Some("0") {
        return Some(format!("not running as root (Uid: {uid})"));
    }
    const CAP_SYS_ADMIN: u32 = 21;
    let caps = u64::from_str_radix(&field("CapEff:").unwrap_or_default(), 16).unwrap_or(0);
    (caps & (1 << CAP_SYS_ADMIN) == 0).then(|| "no CAP_SYS_ADMIN".to_string())
}

#[test]
fn a_recovery_on_a_full_disk_keeps_the_backup_and_finishes_later() {
    let Some(disk) = SmallDisk::mount("1m") else {
        return;
    };
    let dir = disk.path();
    let good = good_file();
    let path = dir.join(FILE_NAME);
    let backup = dir.join(format!("{FILE_NAME}.bak"));
    fs::write(&backup, &good).unwrap();
    fs::write(&path, GARBAGE).unwrap();
    let filler = disk.fill();

    // Disk full: quire starts from the backup and says it could not
    // finish; nothing on disk changes.
    let (store, loaded) = Store::open(dir);
    assert_eq!(
        loaded.bookmarks.live_count(),
        GOOD,
        "started from the backup"
    );
    let warning = loaded.warning.expect("the user is told");
    assert!(
        warning.contains("could not put it in its place"),
        "{warning}"
    );
    assert!(warning.contains("tries again"), "{warning}");
    assert_eq!(fs::read(&path).unwrap(), GARBAGE, "left to recover again");
    assert_eq!(fs::read(&backup).unwrap(), good);
    // A save on the full disk fails and changes nothing either.
    let mut set = loaded.bookmarks;
    set.merge(&bookmarks(GOOD..GOOD + 1));
    let err = store.save(&set).unwrap_err();
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), GARBAGE);
    assert_eq!(fs::read(&backup).unwrap(), good);

    // Space again: the next start finishes the recovery and says so.
    fs::remove_file(filler).unwrap();
    let (store, loaded) = Store::open(dir);
    assert_eq!(loaded.bookmarks.live_count(), GOOD);
    let warning = loaded.warning.expect("the user is told");
    assert!(
        warning.contains("started from the last good backup"),
        "{warning}"
    );
    assert!(warning.contains("kept it as"), "{warning}");
    assert_eq!(
        fs::read(&path).unwrap(),
        good,
        "the backup is back in place"
    );
    // Two saves later (the report) the backup still holds all 50.
    let mut set = loaded.bookmarks;
    for i in [GOOD, GOOD + 1] {
        set.merge(&bookmarks(i..i + 1));
        set = store.save(&set).unwrap();
    }
    let (_, reopened) = Store::open(dir);
    assert_eq!(reopened.bookmarks.live_count(), GOOD + 2);
    let backup_text = fs::read_to_string(&backup).unwrap();
    let (_, kept) = quire::bookmarks::store::parse(&backup_text).unwrap();
    assert_eq!(kept.live_count(), GOOD + 1, "the backup is the save before");
    let aside: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read(&aside[0]).unwrap(),
        GARBAGE,
        "the bad file is kept"
    );
    eprintln!(
        "full disk: 1 MiB tmpfs filled, {GOOD} bookmarks kept through a failed recovery, a failed save and two saves after it"
    );
}

/// The state an interrupted recovery of an older quire left behind: no
/// file, and the backup. quire starts from the backup, puts it back and
/// says so, instead of starting empty and later saving over the backup.
#[test]
fn a_missing_file_with_a_backup_is_restored_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_file();
    let backup = dir.path().join(format!("{FILE_NAME}.bak"));
    fs::write(&backup, &good).unwrap();
    let (store, loaded) = Store::open(dir.path());
    assert_eq!(loaded.bookmarks.live_count(), GOOD);
    let warning = loaded.warning.expect("the user is told");
    assert!(
        warning.contains("put back its last good backup"),
        "{warning}"
    );
    assert_eq!(fs::read(store.path()).unwrap(), good);
    let mut set = loaded.bookmarks;
    for i in [GOOD, GOOD + 1] {
        set.merge(&bookmarks(i..i + 1));
        set = store.save(&set).unwrap();
    }
    let (_, kept) = quire::bookmarks::store::parse(&fs::read_to_string(&backup).unwrap()).unwrap();
    assert_eq!(kept.live_count(), GOOD + 1);
}

/// A save that finds the file gone merges the backup in rather than
/// writing a file without it (that file would become the next backup).
#[test]
fn a_save_after_the_file_vanished_keeps_what_the_backup_holds() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_file();
    let (store, _) = Store::open(dir.path());
    fs::write(store.backup_path(), &good).unwrap();
    let saved = store.save(&bookmarks(GOOD..GOOD + 1)).unwrap();
    assert_eq!(saved.live_count(), GOOD + 1);
    assert_eq!(fs::read(store.backup_path()).unwrap(), good);
}
