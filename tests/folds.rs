//! Page furniture folded in the bundled articles, as a user meets it: one
//! fold line where it was in the reading view, `F` for the whole page, and
//! the furniture's words found by neither the filter, `quire search` nor
//! the background search; a bookmark in folded text still opens.

#[path = "support/app.rs"]
mod support;

use quire::app::App;
use quire::corpus::Input;
use quire::store::DocId;
use quire::worker::{LoadPlan, Report, Worker};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{bundled_app, press, screen, typed};

/// Words that only the bundled articles' furniture holds: a teaser under
/// the Alipay article, one under the participation article, and the bio
/// under the first two.
const TELESCOPE: &str = "telescope";
const HPV: &str = "HPV";
const BIO: &str = "Baidu Digital Author";

fn filtered(app: &mut App, query: &str) -> Vec<usize> {
    press(app, &["Esc", "/"]);
    typed(app, query);
    app.hits.iter().map(|h| h.doc.0).collect()
}

#[test]
fn the_end_of_an_article_is_one_fold_line_and_f_shows_the_whole_page() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "G"]);
    let folded = screen(&app);
    assert!(
        folded.contains("⋯ 12 lines of page furniture (rep… · F shows the whole page"),
        "{folded}"
    );
    // Given the width, the fold line names every kind it holds.
    let mut wide = bundled_app(200, 30);
    wide.measure = 120;
    press(&mut wide, &["Enter", "z", "G"]);
    assert!(
        screen(&wide).contains(
            "⋯ 12 lines of page furniture (repeated across 2 documents, previous/next, \
             related links) · F shows the whole page"
        ),
        "{}",
        screen(&wide)
    );
    assert!(!folded.contains("Get pregnant"), "{folded}");
    assert!(
        folded.contains("everything will end in failure."),
        "{folded}"
    );

    press(&mut app, &["F", "G"]);
    let whole = screen(&app);
    assert!(app.reader.whole_page);
    assert!(whole.contains("Why do I still feel tired"), "{whole}");
    assert!(!whole.contains("⋯ "), "{whole}");

    press(&mut app, &["F", "G"]);
    assert!(screen(&app).contains("⋯ 12 lines of page furniture"));
}

#[test]
fn every_document_opens_folded() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "F"]);
    assert!(app.reader.whole_page);
    press(&mut app, &["]"]);
    assert!(!app.reader.whole_page);
}

#[test]
fn the_filter_does_not_match_folded_furniture() {
    let mut app = bundled_app(100, 30);
    for query in [TELESCOPE, HPV, BIO] {
        assert_eq!(filtered(&mut app, query), Vec::<usize>::new(), "{query}");
    }
    // The article text still matches.
    assert_eq!(filtered(&mut app, "Laiwang"), vec![3]);
}

#[test]
fn quire_search_does_not_match_folded_furniture() {
    for query in [TELESCOPE, HPV, BIO] {
        let out = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(["search", query])
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(printed.trim().is_empty(), "{query}: {printed}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["search", "Laiwang"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("003_fd6c087db6292609"));
}

#[test]
fn a_bookmark_in_folded_text_opens_with_the_whole_page() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "F", "G"]);
    let passage = app.reader.cursor;
    assert!(app.docs[DocId(0)].is_folded(passage));
    press(&mut app, &["m"]);
    assert_eq!(app.bookmarks.items.len(), 1);
    // Elsewhere, folded again; then the bookmark.
    press(&mut app, &["]", "B", "Enter"]);
    assert_eq!(app.reader.doc, Some(DocId(0)));
    assert!(app.reader.whole_page);
    assert_eq!(app.reader.cursor, passage);
    assert!(screen(&app).contains("Why do I still feel tired"));
}

#[test]
fn the_background_loader_folds_a_bio_repeated_across_files() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let input = Input::parse(&dir.path().to_string_lossy());
    let mut app = App::new(Vec::new(), Vec::new(), Default::default());
    let worker = Worker::start(LoadPlan::Inputs(vec![input], None), app.docs.clone());
    let services = quire::tui::Services::default();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut finished = false;
    let mut hits = None;
    // The newest answer counts: one from before the index was rebuilt
    // over new folds is answered again when it is.
    while Instant::now() < deadline {
        let Some(report) = worker.next_report(Duration::from_millis(1000)) else {
            if hits.is_some() {
                break;
            }
            continue;
        };
        match report {
            Report::Loaded(problems) => {
                let action = quire::action::Action::DocumentsLoaded(Vec::new(), problems);
                quire::tui::apply(&mut app, action, &services);
            }
            Report::Refolded(folds) => {
                let action = quire::action::Action::DocumentsRefolded(folds);
                quire::tui::apply(&mut app, action, &services);
            }
            Report::LoadFinished => {
                finished = true;
                worker.search(1, std::sync::Arc::new(quire::search::Query::parse(BIO)), 80);
            }
            Report::Results {
                generation: 1,
                hits: found,
                ..
            } if finished => hits = Some(found),
            _ => {}
        }
    }
    assert_eq!(hits.map(|h| h.len()), Some(0), "the bio still matches");
    let bio_shown = app
        .docs
        .iter()
        .filter(|d| d.shown_byte_ranges().any(|r| d.text[r].contains(BIO)));
    assert_eq!(bio_shown.count(), 0);
}
