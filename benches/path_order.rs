//! Times the default path order of the list (a folder's front page, its
//! files, then its subfolders; see `corpus::load_order_key`) over a
//! generated library of documents in nested folders: the sort `s` and
//! the list make, no file read.
//!
//! `cargo bench --bench path_order -- [DOCUMENTS]` (10,000 by default).

use quire::document::{Document, Source};
use quire::sort::{SortOrder, sorted};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

/// `count` documents in three levels of folders, one in fifty a README.
fn library(count: usize) -> Vec<Document> {
    (0..count)
        .map(|n| {
            let name = match n % 50 {
                0 => "README.md".to_string(),
                _ => format!("ch{:05}-section.html", (n * 7919) % count),
            };
            let path = format!(
                "/home/reader/.rustup/toolchains/stable/share/doc/rust/html/book{}/part{}/{name}",
                n % 7,
                n % 13
            );
            Document::new(Source::File(PathBuf::from(path)), "Title\n\nText.".into())
        })
        .collect()
}

fn main() {
    let count = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let docs = library(count);
    time(&format!("path order of {count} documents"), &docs);
    // As a folder's walk appends them: already in order.
    let walked: Vec<Document> = sorted(&docs, SortOrder::Path, |_| None)
        .into_iter()
        .map(|id| docs[id.0].clone())
        .collect();
    time(
        &format!("path order of {count} documents as loaded"),
        &walked,
    );
}

fn time(what: &str, docs: &[Document]) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let order = sorted(docs, SortOrder::Path, |_| None);
            let took = start.elapsed();
            assert_eq!(order.len(), docs.len());
            took
        })
        .collect();
    times.sort();
    println!(
        "{what}: median {:.2} ms (best {:.2} ms, {RUNS} runs)",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}
