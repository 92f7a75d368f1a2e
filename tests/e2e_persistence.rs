//! End to end, persistence as a user meets it: the real `quire` in tmux
//! keeps the reading position while one reads (so `kill -9` loses little),
//! and keeps answering keys while another quire holds the bookmarks lock.

#[path = "support/tmux.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::{Tmux, framed, status_bar};

/// An article of sixty paragraphs, several screens long.
fn essay(dir: &Path) -> PathBuf {
    let file = dir.join("essay.txt");
    let paragraphs: Vec<String> = (1..=60)
        .map(|i| format!("Paragraph number {i} talks about reading in a terminal at length."))
        .collect();
    std::fs::write(&file, format!("Essay\n\n{}\n", paragraphs.join("\n\n"))).unwrap();
    file
}

fn reading_view_focused(screen: &str) -> bool {
    let bar = status_bar(screen);
    bar.contains("} passage") && bar.contains("m bookmark")
}

/// Starts quire on `file` and opens it in the reading view.
fn open_essay(file: &Path, config: &Path) -> Tmux {
    let path = file.to_string_lossy().into_owned();
    let quire = Tmux::quire_with_config(100, 30, &[&path], Some(config));
    quire.wait_for("the article in the list", |s| s.contains("│ Essay"));
    quire.keys(&["Enter"]);
    quire.wait_for("the reading view", reading_view_focused);
    quire
}

/// The top passage of the first reading position in `config`, once the
/// file holds one.
fn stored_top(config: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(config.join("positions.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["positions"][0]["anchor"]["passage"].as_u64()
}

#[test]
fn the_reading_position_survives_kill_9_after_a_few_seconds_of_reading() {
    if !support::tmux_available(
        "the_reading_position_survives_kill_9_after_a_few_seconds_of_reading",
    ) {
        return;
    }
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let file = essay(articles.path());
    {
        let first = open_essay(&file, config.path());
        first.keys(&["Space", "Space"]);
        first.wait_for("two pages further", |s| !s.contains("number 1 talks"));
        // Reading on, without leaving the article or quitting: the place
        // reaches the disk within a few seconds.
        let kept = support::poll(|| stored_top(config.path()).filter(|&top| top > 5));
        assert!(
            kept.is_some(),
            "no reading position written while reading: {:?}",
            std::fs::read_to_string(config.path().join("positions.json"))
        );
        let pid = first.pane_pid();
        assert!(support::signal(pid, "KILL"), "kill -9 {pid}");
        assert!(
            support::wait_for_process_exit(pid),
            "quire outlived kill -9"
        );
    }
    let second = open_essay(&file, config.path());
    let screen = second.screen();
    assert!(
        !screen.contains("number 1 talks"),
        "the reading position was lost with the process:\n{}",
        framed(&screen)
    );
}

/// Waits for `check` on the screen, failing after `limit`: a hang guard
/// shorter than the time a save waits for the lock.
fn answered_within(quire: &Tmux, limit: Duration, what: &str, check: impl Fn(&str) -> bool) {
    let start = Instant::now();
    loop {
        let screen = quire.screen();
        if check(&screen) {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "{what}: no answer within {limit:?} while the lock was held:\n{}",
            framed(&screen)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn keys_are_answered_while_another_quire_holds_the_bookmarks_lock() {
    if !support::tmux_available("keys_are_answered_while_another_quire_holds_the_bookmarks_lock") {
        return;
    }
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let file = essay(articles.path());
    let quire = open_essay(&file, config.path());
    // This test process plays the other quire, in the middle of a save.
    let lock = quire::storage::FileLock::acquire(&config.path().join("bookmarks.json.lock"))
        .expect("take the bookmarks lock");
    quire.keys(&["m"]);
    // A save waits up to 10 s for the lock; keys must not (a guard that
    // is generous for a busy machine, and still shorter than that wait).
    let limit = Duration::from_secs(8);
    answered_within(&quire, limit, "m", |s| {
        status_bar(s).contains("Bookmark saved")
    });
    quire.keys(&["?"]);
    answered_within(&quire, limit, "?", |s| s.contains(" Keys "));
    quire.keys(&["Escape", "Space"]);
    answered_within(&quire, limit, "Space", |s| !s.contains("number 1 talks"));
    assert!(!config.path().join("bookmarks.json").exists());
    // The other quire is done: the bookmark is written.
    drop(lock);
    let saved = support::poll(|| {
        let (_, loaded) = quire::bookmarks::store::Store::open(config.path());
        (loaded.bookmarks.live_count() == 1).then_some(())
    });
    assert!(
        saved.is_some(),
        "the bookmark was not written after the lock was released"
    );
}
