//! Reader-mode extraction measured on real saved pages: what quire reads
//! of each page is scored against the article Readability.js (Firefox
//! Reader View) extracts from it (4-word shingles, see
//! `benches/support/extraction_score.rs` and docs/EXTRACTION.md).
//!
//! The floors sit a little under what quire reaches, so a change that
//! makes extraction worse fails here; `cargo bench --bench extraction`
//! prints the full table.

#[path = "../benches/support/extraction_score.rs"]
mod extraction_score;

use extraction_score::{Page, Score, load_pages, pages_dir, read_text, score, summarize};
use std::path::Path;

/// Average F1 over Readability.js's 130 test pages (0.984 when set; 0.914
/// when the whole page is shown).
const FLOOR_ALL: f64 = 0.97;
/// Average F1 over the pages copied into tests/fixtures/extraction (0.989
/// when set; 0.793 when the whole page is shown).
const FLOOR_FIXTURES: f64 = 0.97;

fn scores(pages: &[Page]) -> Vec<(String, Score)> {
    pages
        .iter()
        .map(|page| {
            let parsed = quire::markup::html::parse(&page.source);
            (
                page.name.clone(),
                score(&read_text(&parsed), &page.expected),
            )
        })
        .collect()
}

/// Fails with the worst pages named if the average is under `floor` or a
/// page with an article came out empty.
fn check(pages: &[Page], floor: f64) {
    assert!(!pages.is_empty(), "no pages to score");
    let mut scored = scores(pages);
    let summary = summarize(&scored.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    scored.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
    let worst: Vec<String> = scored
        .iter()
        .take(8)
        .map(|(name, s)| {
            format!(
                "{name}: F1 {:.3} P {:.3} R {:.3}",
                s.f1, s.precision, s.recall
            )
        })
        .collect();
    let empty: Vec<&str> = scored
        .iter()
        .filter(|(_, s)| s.empty)
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        empty.is_empty(),
        "pages with an article came out empty: {empty:?}"
    );
    assert!(
        summary.f1 >= floor,
        "average F1 {:.3} (P {:.3}, R {:.3}) over {} pages is under {floor}; worst:\n{}",
        summary.f1,
        summary.precision,
        summary.recall,
        summary.pages,
        worst.join("\n")
    );
}

#[test]
fn the_fixture_pages_read_as_their_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extraction");
    let pages = load_pages(&dir).expect("tests/fixtures/extraction is readable");
    assert_eq!(pages.len(), 10, "the ten fixture pages");
    check(&pages, FLOOR_FIXTURES);
}

#[test]
fn readabilitys_test_pages_read_as_their_articles() {
    let dir = pages_dir();
    let pages = load_pages(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot read the test pages in {}: {e}; they come with shared/ beside the \
             clone, or set QUIRE_EXTRACTION_PAGES",
            dir.display()
        )
    });
    assert!(
        pages.len() >= 100,
        "only {} pages in {}",
        pages.len(),
        dir.display()
    );
    check(&pages, FLOOR_ALL);
}
