//! Whole sessions through the real event loop: scripted keys into
//! `tui::run` with a `TestBackend` and a bookmarks store in a temp folder,
//! then a second session that must find what the first one saved.

#[path = "support/app.rs"]
mod support;

use quire::app::App;
use quire::bookmarks::store::{FILE_NAME, Store};
use quire::store::DocId;
use quire::tui::{self, Event};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::key_events;

fn session(dir: &std::path::Path, keys: &[&str]) -> (App, Terminal<TestBackend>) {
    let (store, loaded) = Store::open(dir);
    let mut app = App::new(quire::corpus::bundled(), Vec::new(), loaded.bookmarks);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    tui::run(
        &mut terminal,
        &mut app,
        &mut key_events(keys),
        &tui::Services {
            store: Some(&store),
            ..Default::default()
        },
    )
    .unwrap();
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
    // run() returns only once the session quit.
    let saved = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    // Two passages down from where the article opens (under any fold).
    let kept = app.reader.cursor;
    let quote = app.docs[DocId(3)].passage_text(kept);
    assert!(saved.contains(&quote[..40]), "{saved}");

    let (app, terminal) = session(dir.path(), &["B", "Enter"]);
    assert_eq!(app.reader.doc, Some(DocId(3)));
    assert_eq!(app.reader.cursor, kept);
    let shown = screen_text(&terminal);
    assert!(
        shown.contains(&app.docs[DocId(3)].title),
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
    tui::run(
        &mut terminal,
        &mut app,
        &mut events,
        &tui::Services {
            store: Some(&store),
            ..Default::default()
        },
    )
    .unwrap();
    // run() returns only once the session quit.
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
    tui::run(
        &mut terminal,
        &mut app,
        &mut key_events(&[]),
        &tui::Services {
            store: Some(&store),
            ..Default::default()
        },
    )
    .unwrap();
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
        tui::run(
            &mut terminal,
            &mut app,
            &mut key_events(keys),
            &tui::Services {
                store: Some(&store),
                ..Default::default()
            },
        )
        .unwrap();
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
        Some(&saved.document.hash),
        app.docs[DocId(0)].hash.as_ref(),
        "the stored anchor follows the new text"
    );
    assert_eq!(saved.anchor.passage, 2);
}

/// Records what the loop asked of the terminal.
#[derive(Default)]
struct FakeTerminal {
    calls: std::cell::RefCell<Vec<String>>,
}

impl quire::terminal::TerminalControl for FakeTerminal {
    fn suspend(&self) -> std::io::Result<()> {
        self.calls.borrow_mut().push("suspend".into());
        Ok(())
    }
    fn edit(&self, path: &std::path::Path, line: usize) -> Result<(), String> {
        std::fs::write(path, "Edited\n\nThe editor changed this file.\n")
            .map_err(|e| e.to_string())?;
        self.calls.borrow_mut().push(format!("edit +{line}"));
        Ok(())
    }
    fn copy(&self, text: &str) -> std::io::Result<()> {
        self.calls.borrow_mut().push(format!("copy {text}"));
        Ok(())
    }
    fn set_mouse(&self, on: bool) -> std::io::Result<()> {
        self.calls.borrow_mut().push(format!("mouse {on}"));
        Ok(())
    }
}

#[test]
fn y_copies_e_edits_and_ctrl_z_suspends_through_the_terminal() {
    let articles = tempfile::tempdir().unwrap();
    let file = articles.path().join("note.txt");
    std::fs::write(&file, "Note\n\nFirst.\n\nSecond passage.\n").unwrap();
    let corpus = quire::corpus::load(
        &[quire::corpus::Input::Path(file.clone())],
        &mut std::io::empty(),
    );
    let mut app = App::new(corpus.documents, Vec::new(), Default::default());
    let fake = FakeTerminal::default();
    let services = tui::Services {
        terminal: Some(&fake),
        ..Default::default()
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    tui::run(
        &mut terminal,
        &mut app,
        &mut key_events(&["Enter", "}", "y", "Ctrl-z", "e"]),
        &services,
    )
    .unwrap();
    let calls = fake.calls.borrow().clone();
    assert_eq!(calls, vec!["copy Second passage.", "suspend", "edit +5"]);
    assert_eq!(
        app.docs[DocId(0)].title,
        "Edited",
        "the document is read again after the editor"
    );
}

#[test]
fn the_reading_position_is_restored_after_a_restart_and_the_list_shows_progress() {
    let config = tempfile::tempdir().unwrap();
    let run = |keys: &[&str]| {
        let (store, loaded) = Store::open(config.path());
        let (positions, stored) = quire::positions::store::PositionStore::open(config.path());
        let mut app = App::new(quire::corpus::bundled(), Vec::new(), loaded.bookmarks);
        app.reading = stored.positions;
        let services = tui::Services {
            store: Some(&store),
            positions: Some(&positions),
            ..Default::default()
        };
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        tui::run(&mut terminal, &mut app, &mut key_events(keys), &services).unwrap();
        (app, terminal)
    };
    let (first, _) = run(&["j", "Enter", "}", "}", "}", "}", "q"]);
    let (top, cursor) = (first.reader.top, first.reader.cursor);
    assert_eq!(cursor, 4);
    let (second, terminal) = run(&["j", "Enter"]);
    assert_eq!(second.reader.doc, Some(DocId(1)));
    assert_eq!(
        (second.reader.top, second.reader.cursor),
        (top, cursor),
        "reopened where it was left"
    );
    let shown = screen_text(&terminal);
    assert!(
        shown.contains('%'),
        "the list shows how far the article was read"
    );
}
