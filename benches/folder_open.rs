//! The measurement behind "Opening folders" in docs/PERFORMANCE.md: writes
//! a folder of small Markdown and text notes (50,000 by default) and times
//! loading it the way `quire list DIR` does, in-process.
//!
//! `cargo bench --bench folder_open -- [FILES] [DIR]`. The folder is kept,
//! so the real binary can be timed on it too:
//! `hyperfine 'target/release/quire list DIR > /dev/null'`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const PER_FOLDER: usize = 500;
const WORDS: &[&str] = &[
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "reader", "article", "passage",
    "bookmark", "terminal", "folder", "markdown", "notes",
];

/// Writes `count` notes under `root`, half Markdown, half plain text,
/// 500 to a sub-folder, 2-5 paragraphs each (a few hundred bytes).
fn generate(root: &Path, count: usize) -> std::io::Result<()> {
    let mut seed = 5u64;
    let mut next = move |n: usize| {
        // xorshift: reproducible without a dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for n in 0..count {
        let dir = root.join(format!("d{:03}", n / PER_FOLDER));
        std::fs::create_dir_all(&dir)?;
        let (name, mut text) = if n % 2 == 0 {
            (format!("note{n:05}.md"), format!("# Note {n}\n\n"))
        } else {
            (format!("note{n:05}.txt"), format!("Note {n}\n\n"))
        };
        for _ in 0..2 + next(4) {
            let words: Vec<&str> = (0..20 + next(41))
                .map(|_| WORDS[next(WORDS.len())])
                .collect();
            text.push_str(&words.join(" "));
            text.push_str("\n\n");
        }
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let count = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let root = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("quire-folder-{count}")));
    if !root.exists() {
        generate(&root, count)?;
    }
    let inputs = [quire::corpus::Input::Path(root.clone())];
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let corpus = quire::corpus::load(&inputs, &mut std::io::empty());
            assert_eq!(
                corpus.documents.len(),
                count,
                "{:?}",
                corpus.problems.first()
            );
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{count} files in {}: median {:.3} s, min {:.3} s, max {:.3} s ({RUNS} runs)",
        root.display(),
        times[RUNS / 2].as_secs_f64(),
        times[0].as_secs_f64(),
        times[RUNS - 1].as_secs_f64()
    );
    Ok(())
}
