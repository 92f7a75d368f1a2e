//! Real folders through the real binary: `quire list` over the Markdown
//! already on the machine never panics, and a walk that meets unreadable
//! entries, a symlink loop and a dangling link reports each once and lists
//! everything else.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Exit codes `quire list` may end with; 101 would be a panic.
const OK_OR_INPUT_ERROR: [i32; 2] = [0, 2];

fn quire(config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quire"));
    cmd.env("QUIRE_CONFIG_DIR", config);
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The checks every run shares: no panic, a known exit code, every
/// problem on stderr named as quire's, and nothing a terminal acts on.
fn assert_clean_exit(out: &Output) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let code = out.status.code().unwrap_or(-1);
    assert!(OK_OR_INPUT_ERROR.contains(&code), "exit {code}: {stderr}");
    if code == 2 {
        assert!(!stderr.is_empty(), "exit 2 without a message");
    }
    assert!(stderr.lines().all(|l| l.starts_with("quire: ")), "{stderr}");
    for c in stdout.chars().chain(stderr.chars()) {
        assert!(
            !c.is_control() || c == '\n' || c == '\t',
            "control character {c:?} written"
        );
    }
}

/// Where cargo keeps the sources of downloaded crates: thousands of
/// READMEs and changelogs written by many hands.
fn registry_sources() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let src = home.join("registry").join("src");
    src.is_dir().then_some(src)
}

#[test]
fn real_markdown_on_this_machine_lists_without_panicking() {
    let Some(src) = registry_sources() else {
        eprintln!("skipped: no cargo registry sources on this machine");
        return;
    };
    let config = tempfile::tempdir().expect("temp dir");
    let out = quire(config.path())
        .arg("list")
        .arg(&src)
        .output()
        .expect("run quire");
    assert_clean_exit(&out);
    let listed = text(&out.stdout).lines().count();
    assert!(listed > 0, "nothing listed under {}", src.display());
    eprintln!("listed {listed} documents under {}", src.display());
}

/// Whether permission bits stop this process (they do not stop root).
fn permissions_apply(locked: &Path) -> bool {
    fs::read_dir(locked).is_err()
}

/// `setpriv` runs quire as `nobody` when the tests run as root, so the
/// unreadable entries are really unreadable to it.
fn as_nobody(config: &Path) -> Option<Command> {
    let found = Command::new("setpriv").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_quire"))
        .env("QUIRE_CONFIG_DIR", config);
    Some(cmd)
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn unreadable_entries_and_loops_are_reported_once_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("notes");
    fs::create_dir_all(root.join("sub")).expect("folders");
    fs::create_dir(root.join("locked")).expect("locked folder");
    fs::write(root.join("alpha.md"), "# Alpha\n\nOpens.").expect("write");
    fs::write(root.join("sub/beta.txt"), "Beta\n\nOpens.").expect("write");
    fs::write(root.join("zeta.md"), "# Zeta\n\nOpens.").expect("write");
    fs::write(root.join("locked/hidden.md"), "# Hidden").expect("write");
    fs::write(root.join("secret.txt"), "Secret").expect("write");
    symlink(&root, root.join("sub/loop")).expect("loop link");
    symlink(root.join("gone.md"), root.join("dangling.md")).expect("dangling link");
    // Everyone may read the tree, except the two entries under test.
    chmod(dir.path(), 0o755);
    chmod(&root.join("locked"), 0o000);
    chmod(&root.join("secret.txt"), 0o000);

    let config = tempfile::tempdir().expect("config dir");
    let command = if permissions_apply(&root.join("locked")) {
        Some(quire(config.path()))
    } else {
        as_nobody(config.path())
    };
    let out = command.map(|mut cmd| cmd.arg("list").arg(&root).output().expect("run quire"));
    // Put the bits back so the temp dir can be removed.
    chmod(&root.join("locked"), 0o755);
    chmod(&root.join("secret.txt"), 0o644);
    let Some(out) = out else {
        eprintln!("skipped: running as root without setpriv, so nothing is unreadable");
        return;
    };

    assert_clean_exit(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "unreadable files are input errors"
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let titles: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    // A folder's own files come before its subfolders'.
    assert_eq!(titles, vec!["Alpha", "Zeta", "Beta"], "{stderr}");
    let mentions = |what: &str| stderr.lines().filter(|l| l.contains(what)).count();
    assert_eq!(mentions("loop"), 1, "{stderr}");
    assert_eq!(mentions("locked"), 1, "{stderr}");
    assert_eq!(mentions("secret.txt"), 1, "{stderr}");
    assert_eq!(mentions("dangling.md"), 1, "{stderr}");
    assert_eq!(mentions("permission denied"), 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
}
