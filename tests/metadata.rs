//! What a document says about itself (author, site, date, address) where a
//! reader sees it: the reading view's byline, the list's rows and
//! `quire list --json`.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::corpus::Corpus;
use quire::document::{Document, Source};
use quire::update::update;
use support::{press, screen};

const NOTE: &str = "---\ntitle: River notes\nauthor: Ann Lee\ndate: 2023-05-01T09:00:00Z\n\
    site: The Daily Example\nurl: https://example.com/river\n---\n\n\
    The river changed its course in the spring, and the town moved with it.\n";

fn note() -> Document {
    quire::markup::markdown::parse(NOTE).into_document(Source::File("river.md".into()))
}

fn app(docs: Vec<Document>, width: u16, height: u16) -> App {
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    update(&mut app, Action::Resize(width, height));
    app
}

#[test]
fn the_reading_view_shows_the_byline() {
    let mut app = app(vec![note()], 100, 20);
    press(&mut app, &["Enter"]);
    let shown = screen(&app);
    assert!(
        shown.contains("Ann Lee · The Daily Example · 2023-05-01"),
        "{shown}"
    );
    // Narrow: still there, cut to fit, the title first.
    let mut narrow = self::app(vec![note()], 40, 20);
    press(&mut narrow, &["Enter"]);
    let shown = screen(&narrow);
    assert!(shown.contains("River notes"), "{shown}");
    assert!(shown.contains("Ann Lee"), "{shown}");
}

#[test]
fn the_list_shows_site_and_date_where_they_fit() {
    let wide = screen(&app(vec![note()], 120, 20));
    let row = wide
        .lines()
        .find(|l| l.contains("River notes"))
        .unwrap_or_default();
    assert!(row.contains("The Daily Example · 2023-05-01"), "{wide}");
    // Too narrow for both beside the title: the title keeps its room.
    let narrow = screen(&app(vec![note()], 50, 20));
    assert!(narrow.contains("River notes"), "{narrow}");
    assert!(!narrow.contains("The Daily Example"), "{narrow}");
}

#[test]
fn list_json_carries_the_metadata() {
    let corpus = Corpus {
        documents: vec![note()],
        problems: Vec::new(),
    };
    let mut out = Vec::new();
    quire::commands::list(&corpus, true, &mut out).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["title"], "River notes");
    assert_eq!(value["author"], "Ann Lee");
    assert_eq!(value["date"], "2023-05-01");
    assert_eq!(value["site"], "The Daily Example");
    assert_eq!(value["url"], "https://example.com/river");
    // Plain text says nothing: the fields are there, empty.
    let plain = Corpus {
        documents: vec![Document::new(Source::Stdin, "Hi\n\nthere".into())],
        problems: Vec::new(),
    };
    let mut out = Vec::new();
    quire::commands::list(&plain, true, &mut out).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        value["author"].is_null() && value["url"].is_null(),
        "{value}"
    );
}
