//! `quire search` over files: walks the inputs, then reads, decodes and
//! scans the files on every core, keeping only the documents that match.
//! No index is built: the scan answers the one query (see
//! [`crate::search::Scanner`]), with the same ranking as the filter line.

use crate::corpus::{self, Found, Input, LoadProblem, Loaded};
use crate::document::{Document, Source};
use crate::search::{Candidate, Options, Query, Results, Scanner, Tally};
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files handed to a thread at a time: few enough to share the work
/// evenly, enough that taking them costs nothing.
const CHUNK: usize = 16;
/// More threads than this buy nothing for a scan that reads files.
const MAX_THREADS: usize = 8;

/// What a one-shot search found.
#[derive(Debug, Default)]
pub struct Searched {
    /// The matching documents, in load order; hits index into them.
    pub documents: Vec<Document>,
    pub results: Results,
    /// What could not be opened, or opened with a caveat, in load order.
    pub problems: Vec<LoadProblem>,
    /// How many documents were read (matching or not).
    pub loaded: usize,
}

/// One input's worth of work, in load order.
enum Job {
    File(PathBuf),
    Stdin(Vec<u8>),
    Problem(LoadProblem),
}

/// What one job gave: a matching document or a problem.
enum Outcome {
    Match(Document, Candidate),
    Problem(LoadProblem),
}

/// Searches the files `inputs` name (standard input for `-`) for `query`.
pub fn search(
    inputs: &[Input],
    stdin: &mut dyn Read,
    query: &Query,
    options: &Options,
) -> Searched {
    let t0 = std::time::Instant::now();
    let jobs = plan(inputs, stdin);
    eprintln!("TIMING walk {:?}", t0.elapsed());
    let scanner = Scanner::new(query);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(jobs.len().div_ceil(CHUNK))
        .max(1);
    let next = AtomicUsize::new(0);
    let work = |number: usize| work(&scanner, &jobs, &next, number);
    let parts: Vec<Part> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|t| scope.spawn(move || work(t))).collect();
        let mut parts = vec![work(0)];
        // A helper that panicked lost its part; what it held is not shown.
        parts.extend(helpers.into_iter().filter_map(|h| h.join().ok()));
        parts
    });
    eprintln!("TIMING scan {:?} threads {threads}", t0.elapsed());
    let g = gather(&scanner, parts, options);
    eprintln!("TIMING gather {:?}", t0.elapsed());
    g
}

/// The jobs in load order: each input walked, standard input read.
fn plan(inputs: &[Input], stdin: &mut dyn Read) -> Vec<Job> {
    let mut jobs = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                jobs.push(match stdin.read_to_end(&mut bytes) {
                    Ok(_) => Job::Stdin(bytes),
                    Err(e) => Job::Problem(LoadProblem {
                        path: "<stdin>".into(),
                        message: format!("cannot read standard input: {e}"),
                        opened: false,
                    }),
                });
            }
            Input::Path(path) => corpus::walk(path, &mut |found| {
                jobs.push(match found {
                    Found::File(path) => Job::File(path),
                    Found::Problem(p) => Job::Problem(p),
                })
            }),
        }
    }
    jobs
}

/// One thread's share: its tally and what its jobs gave, by job number.
struct Part {
    tally: Tally,
    outcomes: Vec<(usize, Outcome)>,
    loaded: usize,
}

fn work(scanner: &Scanner, jobs: &[Job], next: &AtomicUsize, number: usize) -> Part {
    let mut part = Part {
        tally: scanner.tally(number),
        outcomes: Vec::new(),
        loaded: 0,
    };
    loop {
        let from = next.fetch_add(CHUNK, Ordering::Relaxed);
        if from >= jobs.len() {
            return part;
        }
        for (j, job) in jobs.iter().enumerate().skip(from).take(CHUNK) {
            let mut sink = |item: Loaded| match item {
                Loaded::Document(doc) => {
                    part.loaded += 1;
                    if let Some(c) = scanner.examine(&mut part.tally, &doc) {
                        part.outcomes.push((j, Outcome::Match(doc, c)));
                    }
                }
                Loaded::Problem(p) => part.outcomes.push((j, Outcome::Problem(p))),
            };
            match job {
                Job::File(path) => corpus::read_unmeasured(path, &mut sink),
                Job::Stdin(bytes) => {
                    corpus::bytes_unmeasured(Source::Stdin, bytes.clone(), &mut sink)
                }
                Job::Problem(p) => sink(Loaded::Problem(p.clone())),
            }
        }
    }
}

/// Puts the threads' findings back in load order and ranks the matches.
fn gather(scanner: &Scanner, parts: Vec<Part>, options: &Options) -> Searched {
    let mut searched = Searched::default();
    let mut tallies = Vec::with_capacity(parts.len());
    let mut outcomes = Vec::new();
    for part in parts {
        searched.loaded += part.loaded;
        outcomes.extend(part.outcomes);
        tallies.push(part.tally);
    }
    // Tallies are ranked by their number, which is their thread's.
    tallies.sort_by_key(Tally::number);
    // Stable: a job's problem (invalid UTF-8) stays before its document.
    outcomes.sort_by_key(|(job, _)| *job);
    let mut candidates = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Match(doc, c) => {
                candidates.push((searched.documents.len(), c));
                searched.documents.push(doc);
            }
            Outcome::Problem(p) => searched.problems.push(p),
        }
    }
    searched.results = scanner.rank(&tallies, &searched.documents, &candidates, options);
    searched
}
