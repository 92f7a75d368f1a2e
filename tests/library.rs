//! Finding one's way in a big library: the filter line's paging and
//! clearing keys, the selection while results arrive, and the orders `s`
//! cycles through.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::{App, Focus};
use quire::bookmarks::Bookmarks;
use quire::document::{Document, Source};
use quire::sort::SortOrder;
use quire::update::update;
use std::path::PathBuf;
use support::{bundled_app, press, screen, typed};

/// `count` river articles in folders, of growing length, titled backwards.
fn library(count: usize) -> App {
    let docs = (0..count)
        .map(|i| {
            let text = format!(
                "River {:03}\n\n{}",
                count - i,
                "The river runs past the mill. ".repeat(i + 1)
            );
            Document::new(Source::File(PathBuf::from(format!("lib/{i:03}.txt"))), text)
        })
        .collect();
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    app
}

#[test]
fn pgdn_and_pgup_page_through_the_results_of_a_filter() {
    let mut app = library(60);
    press(&mut app, &["/"]);
    typed(&mut app, "river");
    assert_eq!(app.hits.len(), 60);
    assert_eq!(app.selected, 0);
    press(&mut app, &["PgDn"]);
    let page = app.selected;
    assert!(page >= 5, "PgDn moved {page} rows");
    assert_eq!(app.focus, Focus::Filter, "still typing");
    press(&mut app, &["PgDn"]);
    assert_eq!(app.selected, 2 * page);
    press(&mut app, &["PgUp", "PgUp"]);
    assert_eq!(app.selected, 0);
}

#[test]
fn ctrl_u_clears_the_filter_line_and_keeps_it_open() {
    let mut app = library(10);
    press(&mut app, &["/"]);
    typed(&mut app, "river 001");
    assert!(app.hits.len() < 10);
    press(&mut app, &["Ctrl-u"]);
    assert_eq!(app.filter.text, "");
    assert_eq!(app.focus, Focus::Filter);
    assert_eq!(app.hits.len(), 10, "every document is listed again");
    typed(&mut app, "mill");
    assert_eq!(app.filter.text, "mill");
}

#[test]
fn results_arriving_while_loading_keep_the_best_one_selected_unless_moved() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    assert!(app.hits.len() >= 3, "{}", app.hits.len());
    let generation = app.search_generation;
    // More documents were read and a better match rose to the top.
    let mut again = app.hits.clone();
    again.rotate_left(1);
    let best = again[0].doc;
    let described = again.len();
    let answer = |hits: Vec<quire::search::Hit>| Action::SearchResults {
        generation,
        hits,
        described,
    };
    let _ = update(&mut app, answer(again.clone()));
    assert_eq!(app.selected, 0);
    assert_eq!(app.reader.doc, Some(best), "the preview follows the best");
    // Once the user moves, their choice is kept as results arrive.
    press(&mut app, &["Down"]);
    let chosen = app.hits[app.selected].doc;
    again.rotate_left(1);
    let _ = update(&mut app, answer(again));
    assert_eq!(app.hits[app.selected].doc, chosen);
}

fn titles(app: &App) -> Vec<String> {
    app.hits
        .iter()
        .map(|h| app.docs[h.doc].title.clone())
        .collect()
}

#[test]
fn s_cycles_the_unfiltered_list_through_its_orders() {
    let mut app = library(4);
    assert_eq!(app.split.sort, SortOrder::Path);
    assert_eq!(
        titles(&app),
        ["River 004", "River 003", "River 002", "River 001"]
    );
    press(&mut app, &["s"]);
    assert_eq!(app.split.sort, SortOrder::Title);
    assert_eq!(
        titles(&app),
        ["River 001", "River 002", "River 003", "River 004"]
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("by title"))
    );
    press(&mut app, &["s", "s"]);
    assert_eq!(app.split.sort, SortOrder::Words);
    assert_eq!(
        titles(&app),
        ["River 001", "River 002", "River 003", "River 004"]
    );
    press(&mut app, &["s", "s"]);
    assert_eq!(app.split.sort, SortOrder::Path);
    // The order is kept with the layout.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("layout.json");
    app.split.sort = SortOrder::Date;
    quire::layout::save_split(&path, &app.split).unwrap();
    assert_eq!(quire::layout::load_split(&path).sort, SortOrder::Date);
}

#[test]
fn s_keeps_the_selected_document_selected() {
    let mut app = library(4);
    press(&mut app, &["j"]);
    let chosen = app.hits[app.selected].doc;
    press(&mut app, &["s"]);
    assert_eq!(app.hits[app.selected].doc, chosen);
}

/// A book folder with older editions in subfolders (same titles) and
/// crate READMEs that share a title.
fn shelves(width: u16, height: u16) -> App {
    let page = |path: &str, title: &str, words: usize| {
        let text = format!(
            "{title}\n\n{}",
            "Some words of prose here. ".repeat(words / 5)
        );
        Document::new(Source::File(PathBuf::from(path)), text)
    };
    let docs = vec![
        page("/doc/book/ch03-02-data-types.html", "Data Types", 2800),
        page(
            "/doc/book/2018-edition/ch03-02-data-types.html",
            "Data Types",
            70,
        ),
        page(
            "/doc/book/first-edition/ch03-02-data-types.html",
            "Data Types",
            70,
        ),
        page("/doc/book/ch13-01-closures.html", "Closures", 3700),
        page("/doc/crates/phf-0.11.2/README.md", "Rust-PHF", 400),
        page("/doc/crates/phf_shared-0.11.2/README.md", "Rust-PHF", 300),
        page(
            "/doc/crates/ratatui-0.30.0/docs/guide/README.md",
            "Quickstart",
            900,
        ),
    ];
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(width, height));
    app.now = support::FIXED_NOW;
    app
}

#[test]
fn the_list_shows_each_folder_and_tells_namesakes_apart_at_120_columns() {
    let app = shelves(120, 14);
    let shown = screen(&app);
    assert!(shown.contains("2018-edition"), "{shown}");
    // The two READMEs titled "Rust-PHF" are told apart.
    let phf: Vec<&str> = shown.lines().filter(|l| l.contains("Rust-PHF")).collect();
    assert_eq!(phf.len(), 2);
    assert_ne!(phf[0], phf[1], "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_list_shows_each_folder_and_tells_namesakes_apart_at_80_columns() {
    let mut app = shelves(80, 14);
    press(&mut app, &["z"]);
    let shown = screen(&app);
    assert!(shown.contains("first-edition"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_reading_view_header_says_where_the_document_lives() {
    let mut app = shelves(120, 14);
    press(&mut app, &["Enter"]);
    let shown = screen(&app);
    assert!(
        shown.contains("/doc/book/ch03-02-data-types.html"),
        "{shown}"
    );
}

#[test]
fn documents_arriving_while_reading_keep_the_read_one_selected() {
    // Sorted by title, a document read from the top row while a later
    // batch brings one whose title comes first.
    let mut docs = quire::corpus::bundled();
    docs.sort_by_key(|d| d.title.to_lowercase());
    let later = vec![docs.remove(0)];
    // Loaded first, so shown first: one from the middle of the list.
    docs.swap(0, 1);
    let mut app = App::new(Vec::new(), Vec::new(), Default::default());
    app.loading = true;
    let _ = update(&mut app, Action::Resize(100, 30));
    let _ = update(&mut app, Action::DocumentsLoaded(docs, Vec::new()));
    press(&mut app, &["s"]);
    assert_eq!(app.split.sort, SortOrder::Title);
    press(&mut app, &["Enter"]);
    let reading = app.reader.doc.unwrap();
    let _ = update(&mut app, Action::DocumentsLoaded(later, Vec::new()));
    assert_eq!(app.reader.doc, Some(reading));
    assert_eq!(
        app.selected_doc(),
        Some(reading),
        "the list's row moved off it"
    );
    // So the next document is the one after it in the list.
    press(&mut app, &["]"]);
    let next = app.hits[app.hits.iter().position(|h| h.doc == reading).unwrap() + 1].doc;
    assert_eq!(app.reader.doc, Some(next));
}
