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
    let _ = update(&mut app, Action::Resize(width, height));
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

/// A folder of pages whose titles all end with the book's name, and which
/// name no site.
fn book() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Closures", "Traits", "Enums"] {
        let page = format!(
            "<html><head><title>{name} - The Rust Programming Language</title></head>\
             <body><main><p>What {name} are, and how to use them in \
             a program of your own, step by step.</p></main></body></html>"
        );
        std::fs::write(dir.path().join(format!("{name}.html")), page).unwrap();
    }
    let input = quire::corpus::Input::Path(dir.path().to_path_buf());
    let corpus = quire::corpus::load(&[input], &mut std::io::empty());
    (dir, corpus)
}

const BOOK: &str = "The Rust Programming Language";

#[test]
fn a_title_suffix_shared_across_a_folder_is_the_pages_site() {
    let (_dir, corpus) = book();
    let mut out = Vec::new();
    quire::commands::list(&corpus, true, &mut out).unwrap();
    let lines = String::from_utf8(out).unwrap();
    for line in lines.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["site"], BOOK, "{line}");
    }
    assert_eq!(lines.lines().count(), 3);
}

#[test]
fn the_byline_names_the_shared_suffix_and_the_list_hides_it() {
    let (_dir, corpus) = book();
    // As the documents arrive while the folder is read, too.
    let mut loading = app(Vec::new(), 120, 20);
    let _ = update(
        &mut loading,
        Action::DocumentsLoaded(corpus.documents.clone(), Vec::new()),
    );
    for mut app in [app(corpus.documents, 120, 20), loading] {
        let shown = screen(&app);
        // The list's rows, left of the preview.
        let rows: Vec<&str> = shown
            .lines()
            .filter_map(|l| l.split("││").next().filter(|_| l.contains("││")))
            .collect();
        let closures = rows.iter().find(|r| r.contains("Closures"));
        assert!(closures.is_some(), "{shown}");
        assert!(
            !rows.iter().any(|r| r.contains("Rust Pro")),
            "the list is as it was:\n{shown}"
        );
        press(&mut app, &["Enter"]);
        // The header: the title without the suffix, then the byline, which
        // names it once, as the site.
        let shown = screen(&app);
        let header = shown.lines().next().unwrap_or_default();
        assert!(header.contains("┌ Closures ─"), "{shown}");
        assert_eq!(header.matches("The Rust Programming").count(), 1, "{shown}");
    }
}
