//! End to end: a bookmark made in one run of quire opens from `B` in a
//! later run that was not given its file -- quire reads the file, opens it
//! and puts the cursor on the bookmarked passage; `quire --at ID PATH`
//! opens it too when PATH is another file.

#[path = "support/tmux.rs"]
mod support;

use support::{Tmux, framed, status_bar};

/// The text of the screen row the passage cursor (`▌`) is on.
fn cursor_line(screen: &str) -> Option<String> {
    screen.lines().find_map(|row| {
        let (_, after) = row.split_once('▌')?;
        Some(after.trim_end_matches('│').trim().to_string())
    })
}

#[test]
fn a_bookmark_of_a_file_not_open_in_this_run_opens_at_its_passage() {
    if !support::tmux_available("a_bookmark_of_a_file_not_open_in_this_run_opens_at_its_passage") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let file = dir.path().join("far.md");
    let mut text = String::from("# Far away notes\n\n");
    for i in 0..60 {
        text.push_str(&format!("Paragraph number {i} of the far away notes.\n\n"));
    }
    std::fs::write(&file, text).unwrap();
    let path = file.to_string_lossy().into_owned();

    // First run: bookmark paragraph 40, well below the first screen.
    let first = Tmux::quire_with_config(100, 30, &[&path], Some(&config));
    first.wait_for_text("Paragraph number 0 of");
    first.keys(&["Enter"]);
    first.wait_for("the reading view", |s| status_bar(s).contains("m bookmark"));
    let steps = vec!["}"; 40];
    first.keys(&steps);
    first.wait_for("the cursor on paragraph 40", |s| {
        cursor_line(s).is_some_and(|l| l.contains("Paragraph number 40 "))
    });
    first.keys(&["m"]);
    first.wait_for("\"Bookmark saved\"", |s| {
        status_bar(s).contains("Bookmark saved")
    });
    first.keys(&["q"]);
    assert_eq!(first.wait_for_exit(), 0);
    drop(first);

    // Second run, on the bundled articles only: B, Enter.
    let second = Tmux::quire_with_config(100, 30, &[], Some(&config));
    second.wait_for("the bundled list", |s| {
        s.contains(" Articles ") && !s.contains("loading")
    });
    second.keys(&["B"]);
    let listed = second.wait_for_text("Far away notes");
    assert!(
        !listed.contains("(not found)"),
        "a file that is there is not \"not found\":\n{}",
        framed(&listed)
    );
    second.keys(&["Enter"]);
    let opened = second.wait_for("the far file open at paragraph 40", |s| {
        cursor_line(s).is_some_and(|l| l.contains("Paragraph number 40 "))
    });
    assert!(
        opened.contains("Far away notes"),
        "the reading view shows the file:\n{}",
        framed(&opened)
    );
    assert!(
        !status_bar(&opened).contains("Cannot open"),
        "{}",
        framed(&opened)
    );
    second.keys(&["q"]);
    assert_eq!(second.wait_for_exit(), 0);
    drop(second);

    // `quire --at ID OTHER`: the bookmark opens though OTHER is another file.
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(config.join("bookmarks.json")).unwrap())
            .unwrap();
    let id = saved["bookmarks"][0]["id"].as_str().unwrap().to_string();
    let other = dir.path().join("other.md");
    std::fs::write(&other, "# Other\n\nSomething else.\n").unwrap();
    let other = other.to_string_lossy().into_owned();
    let third = Tmux::quire_with_config(100, 30, &["--at", &id, &other], Some(&config));
    let opened = third.wait_for("--at with another path opens paragraph 40", |s| {
        cursor_line(s).is_some_and(|l| l.contains("Paragraph number 40 "))
    });
    assert!(
        opened.contains("Other"),
        "the other file is listed too:\n{}",
        framed(&opened)
    );
    third.keys(&["q"]);
    assert_eq!(third.wait_for_exit(), 0);
}
