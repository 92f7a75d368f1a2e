//! Whole sessions through the real event loop: scripted keys into
//! `tui::run` with a `TestBackend` and a bookmarks store in a temp folder,
//! then a second session that must find what the first one saved.

#[path = "support/app.rs"]
mod support;

use quire::app::App;
use quire::bookmarks::store::{FILE_NAME, Store};
use quire::tui::{self, Event};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::key_events;

fn session(dir: &std::path::Path, keys: &[&str]) -> (App, Terminal<TestBackend>) {
    let (store, loaded) = Store::open(dir);
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), loaded.bookmarks);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    tui::run(&mut terminal, &mut app, &mut key_events(keys), Some(&store)).unwrap();
    (app, terminal)
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer.content.iter().map(|c| c.symbol()).collect()
}

#[test]
fn a_bookmark_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = session(dir.path(), &["j", "j", "j", "Enter", "}", "}", "m", "q"]);
    assert!(app.should_quit);
    let saved = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    let quote = app.docs[3].passage_text(2);
    assert!(saved.contains(&quote[..40]), "{saved}");

    let (app, terminal) = session(dir.path(), &["B", "Enter"]);
    assert_eq!(app.reader.doc, Some(3));
    assert_eq!(app.reader.cursor, 2);
    let shown = screen_text(&terminal);
    assert!(
        shown.contains(&app.docs[3].title),
        "the reader shows the bookmarked article"
    );
}

#[test]
fn deleting_in_the_bookmarks_view_is_saved_and_undo_is_saved_too() {
    let dir = tempfile::tempdir().unwrap();
    session(dir.path(), &["Enter", "m", "}", "m", "q"]);
    let count = |dir: &std::path::Path| Store::open(dir).1.bookmarks.live_count();
    assert_eq!(count(dir.path()), 2);
    session(dir.path(), &["B", "d", "q"]);
    assert_eq!(count(dir.path()), 1);
    session(dir.path(), &["B", "d", "u", "q"]);
    assert_eq!(count(dir.path()), 1);
}

#[test]
fn a_signal_ends_the_session_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), Default::default());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events = tui::ScriptedEvents::new([Event::Resize(120, 40), Event::Interrupt]);
    tui::run(&mut terminal, &mut app, &mut events, Some(&store)).unwrap();
    assert!(app.should_quit);
    assert_eq!(app.size, (120, 40));
}

#[test]
fn a_corrupt_bookmarks_file_is_reported_on_screen_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(FILE_NAME), "not json").unwrap();
    let (store, loaded) = Store::open(dir.path());
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), loaded.bookmarks);
    app.error(loaded.warning.unwrap());
    let mut terminal = Terminal::new(TestBackend::new(200, 30)).unwrap();
    tui::run(&mut terminal, &mut app, &mut key_events(&[]), Some(&store)).unwrap();
    let shown = screen_text(&terminal);
    assert!(shown.contains("could not be read"), "{shown}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), "not json");
}

#[test]
fn bookmarks_follow_an_edited_file_and_are_reanchored_on_disk() {
    let config = tempfile::tempdir().unwrap();
    let articles = tempfile::tempdir().unwrap();
    let file = articles.path().join("essay.txt");
    std::fs::write(
        &file,
        "Essay\n\nOne.\n\nTwo is the passage I keep.\n\nThree.\n",
    )
    .unwrap();
    let open = |keys: &[&str]| {
        let (store, loaded) = Store::open(config.path());
        let corpus = quire::corpus::load(
            &[quire::corpus::Input::Path(file.clone())],
            &mut std::io::empty(),
        );
        let mut app = App::new(corpus.documents, Vec::new(), loaded.bookmarks);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        tui::run(&mut terminal, &mut app, &mut key_events(keys), Some(&store)).unwrap();
        app
    };
    open(&["Enter", "}", "m", "q"]);
    std::fs::write(
        &file,
        "Essay\n\nA new first paragraph.\n\nOne.\n\nTwo is the passage I keep.\n\nThree.\n",
    )
    .unwrap();
    let app = open(&["B", "Enter"]);
    assert_eq!(app.reader.cursor, 2, "the bookmark moved with its passage");
    let (_, loaded) = Store::open(config.path());
    let saved = &loaded.bookmarks.items[0];
    assert_eq!(
        saved.document.hash, app.docs[0].hash,
        "the stored anchor follows the new text"
    );
    assert_eq!(saved.anchor.passage, 2);
}
