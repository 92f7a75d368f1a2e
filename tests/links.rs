//! Following links in the reading view: into other open documents and to
//! places in them, back again, the picker, the links list and the system
//! opener, on a two-page HTML book.

#[path = "support/app.rs"]
mod support;

use quire::action::{Action, Effect};
use quire::app::{App, Focus, Overlay};
use quire::bookmarks::Bookmarks;
use quire::store::DocId;
use quire::update::update;
use support::{press, screen, typed};

const INDEX: &str = "tests/fixtures/links/book/index.html";
const CHAPTER: &str = "tests/fixtures/links/book/chapter.html";

/// The book open at its index page, in a window of 100x24.
fn book() -> App {
    let docs = [INDEX, CHAPTER]
        .iter()
        .map(|p| quire::corpus::read_document(std::path::Path::new(p)).unwrap())
        .collect();
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 24));
    app.selected = app.hits.iter().position(|h| h.doc == DocId(0)).unwrap();
    app.preview_selected();
    press(&mut app, &["Enter"]);
    assert_eq!(app.focus, Focus::Reader);
    app
}

fn title(app: &App) -> &str {
    &app.docs[app.reader.doc.unwrap()].title
}

fn cursor_text(app: &App) -> &str {
    app.docs[app.reader.doc.unwrap()].passage_text(app.reader.cursor)
}

#[test]
fn links_read_as_prose_with_no_addresses_in_it() {
    let app = book();
    let shown = screen(&app);
    assert!(
        shown.contains("section of the chapter, which explains"),
        "{shown}"
    );
    assert!(
        !shown.contains("[1]") && !shown.contains("chapter.html"),
        "{shown}"
    );
    // The mail address is shown once, as the page shows it.
    assert_eq!(shown.matches("author@book.example").count(), 1, "{shown}");
}

#[test]
fn enter_follows_a_link_to_a_place_in_another_document_and_backspace_returns() {
    let mut app = book();
    press(&mut app, &["Enter"]);
    assert_eq!(title(&app), "The Chapter");
    assert_eq!(cursor_text(&app), "Usage");
    let (_, height) = app.reader_size();
    let start = app
        .reader
        .layout
        .as_ref()
        .unwrap()
        .passage_start(app.reader.cursor);
    assert!(
        (app.reader.top..app.reader.top + height).contains(&start),
        "the place is on screen"
    );
    assert_eq!(
        app.docs[app.selected_doc().unwrap()].title,
        "The Chapter",
        "the list follows"
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Backspace goes back")
    );
    // From there, a relative link back to the index, then back twice.
    press(&mut app, &["}", "Enter"]);
    assert_eq!(title(&app), "A Small Book");
    press(&mut app, &["Backspace"]);
    assert_eq!(title(&app), "The Chapter");
    assert!(cursor_text(&app).starts_with("Run the program"));
    press(&mut app, &["Backspace"]);
    assert_eq!(title(&app), "A Small Book");
    assert!(cursor_text(&app).starts_with("This little book"));
    press(&mut app, &["Backspace"]);
    assert_eq!(title(&app), "A Small Book");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("No link followed")
    );
}

#[test]
fn several_links_in_a_passage_open_a_filterable_picker() {
    let mut app = book();
    press(&mut app, &["}"]);
    assert!(cursor_text(&app).starts_with("The language"));
    let here = app.reader.cursor;
    press(&mut app, &["Enter"]);
    assert!(matches!(
        app.overlay,
        Overlay::Links {
            passage: Some(p),
            ..
        } if p == here
    ));
    let shown = screen(&app);
    assert!(shown.contains("Links here (4)"), "{shown}");
    assert!(shown.contains("https://www.rust-lang.org/"), "{shown}");
    press(&mut app, &["/"]);
    typed(&mut app, "notes");
    press(&mut app, &["Enter", "Enter"]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(title(&app), "A Small Book");
    assert_eq!(cursor_text(&app), "Notes");
    press(&mut app, &["Backspace"]);
    assert!(cursor_text(&app).starts_with("The language"));
}

#[test]
fn external_links_go_to_the_configured_opener() {
    let mut app = book();
    app.opener = vec!["my-browser".into(), "--new-tab".into()];
    press(&mut app, &["}", "Enter"]);
    let effect = update(&mut app, Action::Open);
    assert_eq!(
        effect,
        Some(Effect::OpenExternal {
            opener: vec!["my-browser".into(), "--new-tab".into()],
            target: "https://www.rust-lang.org/".into()
        })
    );
    assert_eq!(title(&app), "A Small Book", "quire stays where it was");
    assert!(app.link_history.is_empty());
}

#[test]
fn a_canonical_address_opens_the_document_quire_has() {
    let mut app = book();
    press(&mut app, &["}", "}", "}", "}"]);
    assert!(cursor_text(&app).starts_with("Notes are short"));
    press(&mut app, &["Enter"]);
    assert_eq!(title(&app), "The Chapter");
    assert_eq!(app.reader.cursor, 0);
}

#[test]
fn a_passage_without_links_says_where_the_links_are() {
    let mut app = book();
    press(&mut app, &["}", "}", "Enter"]);
    assert_eq!(title(&app), "A Small Book");
    let status = &app.status.as_ref().unwrap().text;
    assert!(
        status.contains("No link in this passage; L lists"),
        "{status}"
    );
}

#[test]
fn l_lists_every_link_and_y_copies_an_address() {
    let mut app = book();
    press(&mut app, &["L"]);
    let shown = screen(&app);
    assert!(shown.contains("Links (6)"), "{shown}");
    press(&mut app, &["/"]);
    typed(&mut app, "rust");
    press(&mut app, &["Enter", "j"]);
    let effect = update(&mut app, Action::CopyLink);
    assert_eq!(
        effect,
        Some(Effect::Copy("https://doc.rust-lang.org/book/".into()))
    );
    press(&mut app, &["Esc"]);
    assert_eq!(app.overlay, Overlay::None);
}
