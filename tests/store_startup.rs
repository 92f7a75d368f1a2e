//! What the user is told at the start about quire's files, with the real
//! binary: a `QUIRE_CONFIG_DIR` that names a regular file does not stop
//! quire (only saving is refused, and it says so), and a corrupt
//! `positions.json` is reported on stderr after the reader closes, like a
//! corrupt `bookmarks.json`.

#![cfg(unix)]

#[path = "support/tmux.rs"]
mod support;

use std::fs;
use std::process::{Command, Stdio};
use support::{PROMPT, QUIRE, Tmux};

#[test]
fn a_config_dir_that_is_a_file_does_not_stop_quire() {
    if !support::tmux_available("a_config_dir_that_is_a_file_does_not_stop_quire") {
        return;
    }

    let scratch = tempfile::tempdir().unwrap();
    let not_a_folder = scratch.path().join("quire-config");
    fs::write(&not_a_folder, "x").unwrap();
    let article = scratch.path().join("article.md");
    fs::write(&article, "# An article\n\nSome text.\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(QUIRE)
            .args(args)
            .env("QUIRE_CONFIG_DIR", &not_a_folder)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let list = run(&["list", article.to_str().unwrap()]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("An article"));
    let bookmarks = run(&["bookmarks", "list"]);
    let stderr = String::from_utf8_lossy(&bookmarks.stderr);
    assert!(bookmarks.status.success(), "{stderr}");
    assert!(stderr.contains("is not a folder"), "{stderr}");
    assert!(stderr.contains("will not be saved"), "{stderr}");

    let quire = Tmux::quire_with_config(100, 30, &[], Some(&not_a_folder));
    quire.wait_for("the list and the message", |s| {
        s.contains(" Articles ") && s.contains("not a folder")
    });
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0);
    assert_eq!(fs::read_to_string(&not_a_folder).unwrap(), "x");
}

#[test]
fn a_corrupt_positions_file_is_reported_on_stderr() {
    if !support::tmux_available("a_corrupt_positions_file_is_reported_on_stderr") {
        return;
    }

    let shell = Tmux::shell(200, 30);
    let positions = shell.config_dir().join("positions.json");
    fs::write(&positions, "{\"version\": 1, \"positions\": [").unwrap();
    shell.type_text("\"$QUIRE\"");
    shell.keys(&["Enter"]);
    shell.wait_for("the reader", |s| s.contains(" Articles "));
    shell.keys(&["q"]);
    let screen = shell.wait_for("the message after quitting", |s| {
        s.matches(PROMPT).count() >= 2
    });
    assert!(
        screen.contains("quire:") && screen.contains("positions.json could not be read"),
        "{screen}"
    );
}
