//! Ranking quality on a real collection: the Rust book's HTML pages
//! (tests/fixtures/rust-book, stubs of older editions included), judged
//! query by query in judgments.tsv. Fails when success@1 or MRR falls
//! below the figures recorded in docs/SEARCH.md.
//!
//! `cargo test --test relevance -- --nocapture` prints every query's rank.

use flate2::read::GzDecoder;
use quire::corpus::{Input, load};
use quire::document::Document;
use quire::search::search;
use std::io::Read;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/rust-book";
/// The figures docs/SEARCH.md records; the ranking must not fall below them.
const MIN_SUCCESS_AT_1: f64 = 0.86;
const MIN_MRR: f64 = 0.92;

/// Unpacks every `*.gz` under the fixture into `into`, keeping folders.
fn unpack(from: &Path, into: &Path) {
    for entry in walk(from) {
        let Some(name) = entry.to_str().and_then(|n| n.strip_suffix(".gz")) else {
            continue;
        };
        let relative = Path::new(name).strip_prefix(from).unwrap();
        let target = into.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let mut text = Vec::new();
        GzDecoder::new(std::fs::File::open(&entry).unwrap())
            .read_to_end(&mut text)
            .unwrap();
        std::fs::write(target, text).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// (query, relevant paths relative to the book folder).
fn judgments() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("judgments.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (query, relevant) = l.split_once('\t').unwrap();
            let relevant = relevant.split_whitespace().map(String::from).collect();
            (query.to_string(), relevant)
        })
        .collect()
}

fn relative(doc: &Document, root: &Path) -> String {
    match &doc.source {
        quire::document::Source::File(p) => p
            .strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned(),
        other => other.display_path(),
    }
}

#[test]
fn the_chapter_a_reader_wants_ranks_first() {
    let dir = tempfile::tempdir().unwrap();
    unpack(Path::new(FIXTURE), dir.path());
    let corpus = load(
        &[Input::Path(dir.path().to_path_buf())],
        &mut std::io::empty(),
    );
    let docs = corpus.documents;
    assert!(docs.len() > 300, "the fixture opened {} pages", docs.len());
    let judged = judgments();
    assert!(judged.len() >= 30);
    let (mut first, mut reciprocal) = (0usize, 0f64);
    for (query, relevant) in &judged {
        let hits = search(&docs, query);
        let ranked: Vec<String> = hits
            .iter()
            .map(|h| relative(&docs[h.doc.0], dir.path()))
            .collect();
        let rank = ranked.iter().position(|p| relevant.contains(p));
        if rank == Some(0) {
            first += 1;
        }
        if let Some(r) = rank {
            reciprocal += 1.0 / (r + 1) as f64;
        }
        let shown = rank.map_or("-".to_string(), |r| (r + 1).to_string());
        println!(
            "{shown:>4}  {query:<24} top: {}",
            ranked
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let n = judged.len() as f64;
    let (success, mrr) = (first as f64 / n, reciprocal / n);
    println!(
        "{} queries: success@1 {success:.3}, MRR {mrr:.3}",
        judged.len()
    );
    assert!(
        success >= MIN_SUCCESS_AT_1,
        "success@1 fell to {success:.3}"
    );
    assert!(mrr >= MIN_MRR, "MRR fell to {mrr:.3}");
}

fn page(name: &str, text: &str) -> Document {
    Document::new(
        quire::document::Source::File(PathBuf::from(name)),
        text.to_string(),
    )
}

fn ranked(docs: &[Document], query: &str) -> Vec<String> {
    search(docs, query)
        .iter()
        .map(|h| docs[h.doc.0].source.display_path())
        .collect()
}

#[test]
fn a_moved_stub_ranks_below_the_chapter_on_its_subject() {
    let chapter = format!(
        "RefCell<T> and the Interior Mutability Pattern\n\n{}\n\n{}",
        "Interior mutability lets you mutate data behind a shared reference.",
        "A RefCell checks the borrowing rules when the program runs. ".repeat(60)
    );
    let docs = vec![
        page(
            "old/interior.html",
            "Interior Mutability\n\nInterior mutability has moved to the new edition[1].\n[1] ../ch15.html",
        ),
        page("ch15.html", &chapter),
    ];
    assert_eq!(
        ranked(&docs, "\"interior mutability\""),
        ["ch15.html", "old/interior.html"]
    );
}

#[test]
fn a_complete_word_brings_no_flood_of_fuzzy_titles_but_a_typo_still_finds_one() {
    let docs = vec![
        page(
            "refcell.md",
            "RefCell and interior mutability\n\nA RefCell checks borrows at run time.",
        ),
        page(
            "cycles.md",
            "Reference Cycles and Leaked Cells\n\nTwo values that own each other are never freed.",
        ),
        page(
            "lifetimes.md",
            "Lifetimes\n\nEvery reference has a scope it is valid in.",
        ),
    ];
    // "refcell" is a word of a body: its letters scattered over "Reference
    // Cycles and Leaked Cells" no longer make that page match.
    assert_eq!(ranked(&docs, "refcell"), ["refcell.md"]);
    // No body holds the misspelt word: the title still serves it.
    assert_eq!(ranked(&docs, "lifetms"), ["lifetimes.md"]);
}
