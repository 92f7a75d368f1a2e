//! A process saving bookmarks in a loop is killed with SIGKILL at random
//! moments, over and over. After every kill the file parses and holds a
//! whole saved state (never a partial one, never an older one than before),
//! the backup parses too, and the lock is free: the next save succeeds.
//!
//! The saving process is this test binary run again with `--exact
//! crash_worker --ignored`; it uses only the library's `Store`.

use quire::bookmarks::Bookmark;
use quire::bookmarks::store::{self, Store};
use quire::document::{Document, Source};
use quire::storage::Decoded;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const KILLS: usize = 200;
const DIR_ENV: &str = "QUIRE_STORE_TEST_DIR";

#[test]
fn killed_mid_save_the_file_is_always_a_whole_state() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut random = started.elapsed().as_nanos() as u64 | 1;
    let mut last = 0;
    let mut left_temporaries = 0;
    let mut advanced = 0;
    for _ in 0..KILLS {
        let mut worker = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_worker", "--ignored", "--nocapture"])
            .env(DIR_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until it has opened the store and starts saving.
        let mut out = BufReader::new(worker.stdout.take().unwrap());
        let mut line = String::new();
        while line.trim() != "saving" {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "worker ended early");
        }
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        std::thread::sleep(Duration::from_micros(random % 20_000));
        assert!(
            worker.try_wait().unwrap().is_none(),
            "the worker stopped by itself (it failed)"
        );
        worker.kill().unwrap();
        worker.wait().unwrap();

        let count = whole_state(&store_file(dir.path()));
        assert!(count >= last, "went back from {last} to {count} bookmarks");
        advanced += usize::from(count > last);
        last = count;
        let backup = dir.path().join(format!("{}.bak", store::FILE_NAME));
        if backup.exists() {
            whole_state(&backup);
        }
        left_temporaries += usize::from(temporaries(dir.path()) > 0);
        // The lock died with the process: a save goes through at once.
        let (store, loaded) = Store::open(dir.path());
        assert!(loaded.warning.is_none(), "{:?}", loaded.warning);
        let before = Instant::now();
        store.save(&loaded.bookmarks).unwrap();
        assert!(
            before.elapsed() < Duration::from_secs(5),
            "the lock was stuck"
        );
        assert_eq!(temporaries(dir.path()), 0, "stale temporary files remain");
    }
    let corrupt = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("corrupt")
        })
        .count();
    assert_eq!(corrupt, 0, "nothing was ever set aside");
    // The kills really landed while saving (how many depends on the
    // machine's fsync speed, so only "some" is required).
    assert!(advanced > 0, "no kill came after a save");
    assert!(
        left_temporaries > 0,
        "no kill came in the middle of a write"
    );
    eprintln!(
        "crash: {KILLS} SIGKILLs, {advanced} after a new save, {left_temporaries} mid-write (a temporary file left), {last} saves survived, 0 partial files, 0 stuck locks, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn store_file(dir: &Path) -> PathBuf {
    dir.join(store::FILE_NAME)
}

fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count()
}

/// Checks `path` holds a state the worker saved: bookmarks `c1..=cN` in
/// order, each with its number as the note. Returns N (0 if no file yet).
fn whole_state(path: &Path) -> usize {
    let Ok(bytes) = std::fs::read(path) else {
        return 0;
    };
    let Decoded::Current(set) = store::decode(&bytes) else {
        panic!(
            "{} does not parse:\n{}",
            path.display(),
            String::from_utf8_lossy(&bytes)
        );
    };
    for (i, b) in set.items.iter().enumerate() {
        assert_eq!(b.id, format!("c{:06}", i + 1), "{}", path.display());
        assert_eq!(b.note, (i + 1).to_string());
    }
    set.items.len()
}

/// Saves forever, one bookmark more each time, until killed.
#[test]
#[ignore = "run as a separate process by killed_mid_save_the_file_is_always_a_whole_state"]
fn crash_worker() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let doc = Document::new(
        Source::File("crash.txt".into()),
        "Title\n\na passage to keep".into(),
    );
    let (store, loaded) = Store::open(Path::new(&dir));
    let mut set = loaded.bookmarks;
    println!("saving");
    // A safety net in case the parent test dies without killing us.
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let n = set.items.len() + 1;
        let mut bookmark = Bookmark::new(&doc, 0, 0, SystemTime::now()).unwrap();
        bookmark.id = format!("c{n:06}");
        bookmark.note = n.to_string();
        bookmark.created = n as u64;
        set.push(bookmark);
        set = store.save(&set).unwrap_or_else(|e| panic!("{e}"));
    }
}
