//! Things that are not files in place of `bookmarks.json` and
//! `positions.json`: a FIFO, a device (`/dev/zero`, `/dev/null`), symbolic
//! links to them, a file bigger than quire ever writes. Opening must
//! neither hang (a FIFO with no writer) nor read forever (`/dev/zero`):
//! quire says what it found and makes the session read-only, leaving the
//! thing as it was. Checked for the library stores, for `quire bookmarks
//! list` (the real binary, with a deadline so a hang fails) and for the
//! reader's start in a real terminal.

#![cfg(unix)]

#[path = "support/tmux.rs"]
mod support;

use quire::bookmarks::store::{self, Store};
use quire::positions::store::{self as positions, PositionStore};
use quire::storage::MAX_FILE_BYTES;
use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{QUIRE, Tmux};

/// Long enough for the slowest machine to open a store; only a hang
/// (the bug) runs into it.
const DEADLINE: Duration = Duration::from_secs(15);

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// What to put where the file should be.
#[derive(Debug, Clone, Copy)]
enum Thing {
    Fifo,
    LinkToFifo,
    LinkToDevZero,
    LinkToDevNull,
}

const THINGS: [Thing; 4] = [
    Thing::Fifo,
    Thing::LinkToFifo,
    Thing::LinkToDevZero,
    Thing::LinkToDevNull,
];

impl Thing {
    /// Makes `dir/name` this thing.
    fn make(self, dir: &Path, name: &str) {
        let path = dir.join(name);
        match self {
            Thing::Fifo => mkfifo(&path),
            Thing::LinkToFifo => {
                mkfifo(&dir.join("a-fifo"));
                std::os::unix::fs::symlink("a-fifo", &path).unwrap();
            }
            Thing::LinkToDevZero => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
            Thing::LinkToDevNull => std::os::unix::fs::symlink("/dev/null", &path).unwrap(),
        }
    }

    /// True when `dir/name` is still this thing, untouched.
    fn still_there(self, dir: &Path, name: &str) -> bool {
        let path = dir.join(name);
        let kind = |p: &Path| fs::symlink_metadata(p).map(|m| m.file_type());
        match self {
            Thing::Fifo => kind(&path).is_ok_and(|k| k.is_fifo()),
            Thing::LinkToFifo => {
                kind(&path).is_ok_and(|k| k.is_symlink())
                    && kind(&dir.join("a-fifo")).is_ok_and(|k| k.is_fifo())
            }
            Thing::LinkToDevZero | Thing::LinkToDevNull => {
                kind(&path).is_ok_and(|k| k.is_symlink())
                    && kind(Path::new("/dev/zero")).is_ok_and(|k| k.is_char_device())
                    && kind(Path::new("/dev/null")).is_ok_and(|k| k.is_char_device())
            }
        }
    }
}

/// Runs `open` on a thread and fails the test if it does not return in
/// time (a hang) instead of hanging the test itself.
fn within_deadline<T: Send + 'static>(what: &str, open: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(open());
    });
    receive
        .recv_timeout(DEADLINE)
        .unwrap_or_else(|_| panic!("{what} did not return within {DEADLINE:?}: it hangs"))
}

#[test]
fn the_bookmarks_store_refuses_what_is_not_a_regular_file() {
    for thing in THINGS {
        let dir = tempfile::tempdir().unwrap();
        thing.make(dir.path(), store::FILE_NAME);
        let path = dir.path().to_path_buf();
        let (store, loaded) = within_deadline("opening the bookmarks", move || Store::open(&path));
        let warning = loaded
            .warning
            .unwrap_or_else(|| panic!("{thing:?}: not told"));
        assert!(
            warning.contains("not a regular file"),
            "{thing:?}: {warning}"
        );
        assert!(
            warning.contains("will not be saved"),
            "{thing:?}: {warning}"
        );
        assert!(loaded.bookmarks.items.is_empty());
        assert!(store.read_only().is_some(), "{thing:?}");
        assert!(store.save(&loaded.bookmarks).is_err(), "{thing:?}");
        assert!(thing.still_there(dir.path(), store::FILE_NAME), "{thing:?}");
    }
}

#[test]
fn the_positions_store_refuses_what_is_not_a_regular_file() {
    for thing in THINGS {
        let dir = tempfile::tempdir().unwrap();
        thing.make(dir.path(), positions::FILE_NAME);
        let path = dir.path().to_path_buf();
        let (store, loaded) =
            within_deadline("opening the positions", move || PositionStore::open(&path));
        let warning = loaded
            .warning
            .unwrap_or_else(|| panic!("{thing:?}: not told"));
        assert!(
            warning.contains("not a regular file"),
            "{thing:?}: {warning}"
        );
        assert!(store.read_only().is_some(), "{thing:?}");
        assert!(store.save(&loaded.positions).is_err(), "{thing:?}");
        assert!(
            thing.still_there(dir.path(), positions::FILE_NAME),
            "{thing:?}"
        );
    }
}

/// A backup that is a FIFO is not read either (a corrupt file makes quire
/// look at the backup).
#[test]
fn a_fifo_backup_is_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(store::FILE_NAME), "{oops").unwrap();
    mkfifo(&dir.path().join(format!("{}.bak", store::FILE_NAME)));
    let path = dir.path().to_path_buf();
    let (_, loaded) = within_deadline("opening the bookmarks", move || Store::open(&path));
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("started with no bookmarks"), "{warning}");
}

/// A regular file over the cap is not read (it would take its size in
/// memory several times over) and not replaced. Sparse: no disk used.
#[test]
fn a_file_over_the_cap_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::FILE_NAME);
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let (store, loaded) = Store::open(dir.path());
    let warning = loaded.warning.unwrap();
    assert!(warning.contains("64 MiB"), "{warning}");
    assert!(store.save(&loaded.bookmarks).is_err());
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1);
}

/// Runs `quire bookmarks list` with `dir` as its config dir; fails the
/// test if it does not exit in time. Returns (exit code, stdout, stderr).
fn bookmarks_list(dir: &Path) -> (Option<i32>, String, String) {
    run_quire(dir, &["bookmarks", "list"])
}

/// Runs quire with `args` and `dir` as its config dir, like
/// [`bookmarks_list`].
fn run_quire(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(QUIRE)
        .args(args)
        .env("QUIRE_CONFIG_DIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("quire {args:?} did not exit within {DEADLINE:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn quire_bookmarks_list_says_what_it_found_and_exits() {
    for thing in THINGS {
        let dir = tempfile::tempdir().unwrap();
        thing.make(dir.path(), store::FILE_NAME);
        let (code, _, stderr) = bookmarks_list(dir.path());
        assert_eq!(code, Some(0), "{thing:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{thing:?}: {stderr}");
        assert!(thing.still_there(dir.path(), store::FILE_NAME), "{thing:?}");
    }
}

/// config.toml in the config dir is read by every command but the
/// bookmarks ones: a FIFO or a device there is an error, said at once.
#[test]
fn a_config_file_that_is_not_a_regular_file_is_an_error_not_a_hang() {
    for thing in THINGS {
        let dir = tempfile::tempdir().unwrap();
        thing.make(dir.path(), "config.toml");
        let article = dir.path().join("article.txt");
        fs::write(&article, "Title\n\nText.").unwrap();
        let (code, _, stderr) = run_quire(dir.path(), &["list", article.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{thing:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{thing:?}: {stderr}");
    }
}

/// The reader starts (its list appears) and tells the user, with a FIFO
/// for the bookmarks and a link to `/dev/zero` for the positions.
#[test]
fn the_reader_starts_and_tells_the_user() {
    if !support::tmux_available("the_reader_starts_and_tells_the_user") {
        return;
    }

    let config: PathBuf = tempfile::tempdir().unwrap().keep();
    Thing::Fifo.make(&config, store::FILE_NAME);
    Thing::LinkToDevZero.make(&config, positions::FILE_NAME);
    // The pane layout is read at the start from the same folder.
    Thing::Fifo.make(&config, "layout.json");
    let quire = Tmux::quire_with_config(100, 30, &[], Some(&config));
    quire.wait_for("the list and a message", |s| {
        s.contains(" Articles ") && s.contains("not a regular file")
    });
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0);
    assert!(Thing::Fifo.still_there(&config, store::FILE_NAME));
    drop(quire);
    let _ = fs::remove_dir_all(&config);
}
