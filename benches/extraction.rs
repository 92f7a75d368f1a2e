//! The measurement behind docs/EXTRACTION.md: how much of what quire shows
//! of a saved web page is the article, scored against the articles that
//! Readability.js (Firefox Reader View) extracts from its 130 test pages.
//!
//! `cargo bench --bench extraction [-- --pages]`: prints F1, precision,
//! recall, the pages that came out empty and the speed (MB of HTML a
//! second of CPU time, one thread); `--pages` adds one line a page, worst first, and
//! `--show NAME` prints what quire reads of one page. The
//! pages are read from `../shared/extraction-dev/readability-test-pages`
//! (or `QUIRE_EXTRACTION_PAGES`).

#[path = "support/extraction_score.rs"]
mod extraction_score;

use extraction_score::{
    Score, load_pages, pages_dir, read_text, score, summarize, thread_cpu_seconds,
};
use quire::markup::Parsed;

/// Timed rounds over all pages; the fastest is reported.
const ROUNDS: usize = 3;

fn parsed_titles(pages: &[extraction_score::Page]) -> Vec<Option<String>> {
    pages
        .iter()
        .map(|p| quire::markup::html::parse(&p.source).title)
        .collect()
}

fn main() {
    let dir = pages_dir();
    let pages = match load_pages(&dir) {
        Ok(pages) if !pages.is_empty() => pages,
        Ok(_) | Err(_) => {
            eprintln!(
                "no test pages in {}: set QUIRE_EXTRACTION_PAGES",
                dir.display()
            );
            std::process::exit(2);
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if let Some(name) = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
    {
        // What quire reads of one page, to see where it goes wrong.
        for page in pages.iter().filter(|p| &p.name == name) {
            println!("{}", quire::markup::html::parse(&page.source).text);
        }
        return;
    }
    let per_page = args.iter().any(|a| a == "--pages");
    let bytes: usize = pages.iter().map(|p| p.source.len()).sum();
    let mut best = f64::INFINITY;
    let mut scores: Vec<Score> = Vec::new();
    for _ in 0..ROUNDS {
        let start = thread_cpu_seconds();
        let parsed: Vec<Parsed> = pages
            .iter()
            .map(|p| quire::markup::html::parse(&p.source))
            .collect();
        best = best.min(thread_cpu_seconds() - start);
        scores = parsed
            .iter()
            .zip(&pages)
            .map(|(parsed, page)| score(&read_text(parsed), &page.expected))
            .collect();
    }
    let s = summarize(&scores);
    println!(
        "{} pages, {:.1} MB of HTML, from {}",
        s.pages,
        bytes as f64 / 1e6,
        dir.display()
    );
    println!(
        "{:<12} {:>6} {:>6} {:>6} {:>6} {:>8}",
        "", "F1", "P", "R", "empty", "MB/s"
    );
    println!(
        "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>8.1}",
        "quire",
        s.f1,
        s.precision,
        s.recall,
        s.empty,
        bytes as f64 / 1e6 / best
    );
    let titles = parsed_titles(&pages);
    let same = pages
        .iter()
        .zip(&titles)
        .filter(|(p, t)| p.title.is_some() && p.title == **t)
        .count();
    let with_title = pages.iter().filter(|p| p.title.is_some()).count();
    println!("titles as Readability.js reads them: {same} of {with_title}");
    if per_page {
        for (page, title) in pages.iter().zip(&titles) {
            if page.title.is_some() && page.title != *title {
                println!(
                    "title of {}: {:?}, Readability.js: {:?}",
                    page.name, title, page.title
                );
            }
        }
        let mut rows: Vec<(&Score, &str)> = scores
            .iter()
            .zip(pages.iter().map(|p| p.name.as_str()))
            .collect();
        rows.sort_by(|a, b| a.0.f1.total_cmp(&b.0.f1));
        for (s, name) in rows {
            println!(
                "{name:<40} F1 {:.3}  P {:.3}  R {:.3}{}",
                s.f1,
                s.precision,
                s.recall,
                if s.empty { "  EMPTY" } else { "" }
            );
        }
    }
}
