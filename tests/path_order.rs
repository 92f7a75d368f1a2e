//! The default order of a folder reads like a table of contents: its
//! README or index first, its other files, then its subfolders' files,
//! the same in `quire list`, in the reader's list, and when `s` cycles
//! back to the path order.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::corpus::{Input, load};
use quire::sort::SortOrder;
use quire::update::update;
use std::path::Path;
use std::process::Command;
use support::press;

/// A folder holding `files` (path, title), each a short Markdown page.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, title) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("# {title}\n\nSome words.\n")).unwrap();
    }
    dir
}

/// A project with a README, a page, and a page in a subfolder.
fn project() -> tempfile::TempDir {
    folder(&[
        ("sub/a.md", "Sub page"),
        ("b.md", "Page b"),
        ("README.md", "Read me"),
    ])
}

/// A book whose old edition's folder and changelog sort before its
/// README and chapter by name.
fn book() -> tempfile::TempDir {
    folder(&[
        ("2018-edition/ch01.md", "Old chapter"),
        ("ch01.md", "Chapter one"),
        ("CHANGELOG.md", "Changes"),
        ("readme.md", "The book"),
    ])
}

/// The paths `quire list` prints for the folder `root`, relative to it.
fn quire_list(root: &Path) -> Vec<String> {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("list")
        .arg(root)
        .env("QUIRE_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    listed
        .lines()
        .map(|line| {
            let path = Path::new(line.rsplit('\t').next().unwrap());
            path.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn quire_list_gives_the_readme_then_the_files_then_the_subfolders() {
    let dir = project();
    assert_eq!(quire_list(dir.path()), ["README.md", "b.md", "sub/a.md"]);
    let dir = book();
    assert_eq!(
        quire_list(dir.path()),
        [
            "readme.md",
            "CHANGELOG.md",
            "ch01.md",
            "2018-edition/ch01.md"
        ]
    );
}

fn titles(app: &App) -> Vec<String> {
    let titles = app.hits.iter().map(|h| app.docs[h.doc].title.clone());
    titles.collect()
}

#[test]
fn the_reader_lists_the_same_order_and_s_cycles_back_to_it() {
    let dir = book();
    let corpus = load(
        &[Input::Path(dir.path().to_path_buf())],
        &mut std::io::empty(),
    );
    // The list shows documents as they load, in the walk's order.
    let mut app = App::new(corpus.documents, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    let contents = ["The book", "Changes", "Chapter one", "Old chapter"];
    assert_eq!(titles(&app), contents);
    press(&mut app, &["s"]);
    assert_eq!(app.split.sort, SortOrder::Title);
    assert_ne!(titles(&app), contents);
    press(&mut app, &["s", "s", "s", "s"]);
    assert_eq!(app.split.sort, SortOrder::Path);
    assert_eq!(titles(&app), contents);
}

#[test]
fn clearing_the_filter_lists_documents_that_arrived_since_in_their_place() {
    let dir = book();
    let corpus = load(
        &[Input::Path(dir.path().to_path_buf())],
        &mut std::io::empty(),
    );
    let mut docs = corpus.documents;
    // The book's front page arrives last, after the list was shown.
    let front = docs.remove(0);
    let mut app = App::new(docs, Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(100, 30));
    press(&mut app, &["/", "c", "Esc"]);
    assert_eq!(titles(&app), ["Changes", "Chapter one", "Old chapter"]);
    let _ = update(&mut app, Action::DocumentsLoaded(vec![front], Vec::new()));
    press(&mut app, &["/", "c", "Esc"]);
    assert_eq!(
        titles(&app),
        ["The book", "Changes", "Chapter one", "Old chapter"]
    );
}
