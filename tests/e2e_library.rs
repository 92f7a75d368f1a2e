//! End to end, in tmux: a folder of notes with subfolders and namesakes,
//! the place column beside each title, and `s` sorting the list, the
//! order kept for the next session.

#[path = "support/tmux.rs"]
mod support;

use support::{Tmux, framed, rows};

/// A folder: two "Guide" pages in different folders, and pages whose
/// path, title and length orders differ.
fn notes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, title: &str, words: usize| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let body = "word ".repeat(words);
        std::fs::write(path, format!("# {title}\n\n{body}\n")).unwrap();
    };
    write("a.md", "Zebra crossings", 50);
    write("b.md", "Guide", 300);
    write("old-edition/b.md", "Guide", 80);
    write("c.md", "Apples", 2000);
    dir
}

/// The list's rows, as shown (left pane, framed by `│`).
fn list_titles(screen: &str) -> Vec<String> {
    rows(screen)
        .iter()
        .filter_map(|row| row.strip_prefix("│ "))
        .map(|row| row.split('│').next().unwrap_or("").trim_end().to_string())
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
fn the_list_shows_folders_and_s_sorts_it_for_this_session_and_the_next() {
    if !support::tmux_available("the_list_shows_folders_and_s_sorts_it") {
        return;
    }
    let dir = notes();
    let folder = dir.path().to_str().unwrap();
    let quire = Tmux::quire(120, 20, &[folder]);
    let screen = quire.wait_for_text("old-edition");
    let titles = list_titles(&screen);
    assert!(
        titles[0].starts_with("Zebra crossings"),
        "{}",
        framed(&screen)
    );
    let guides: Vec<&String> = titles.iter().filter(|t| t.starts_with("Guide")).collect();
    assert_eq!(guides.len(), 2, "{}", framed(&screen));
    assert!(guides[1].contains("old-edition"), "{}", framed(&screen));

    quire.keys(&["s"]);
    let screen = quire.wait_for_text("Sorted by title");
    let titles = list_titles(&screen);
    assert!(titles[0].starts_with("Apples"), "{}", framed(&screen));
    assert!(titles[3].starts_with("Zebra"), "{}", framed(&screen));

    quire.keys(&["s", "s"]);
    let screen = quire.wait_for_text("Sorted by length");
    assert!(
        list_titles(&screen)[0].starts_with("Apples"),
        "{}",
        framed(&screen)
    );
    quire.keys(&["q"]);
    quire.wait_for_exit();

    // The next session opens in the order chosen.
    let again = Tmux::quire_with_config(120, 20, &[folder], Some(quire.config_dir()));
    let screen = again.wait_for_text("old-edition");
    let titles = list_titles(&screen);
    assert!(titles[0].starts_with("Apples"), "{}", framed(&screen));
    assert!(titles[1].starts_with("Guide"), "{}", framed(&screen));
}
