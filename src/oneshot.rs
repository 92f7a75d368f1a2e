//! `quire search` over files: walks the inputs, then reads, decodes and
//! scans the files on every core, keeping only the documents that match.
//! No index is built: the scan answers the one query (see
//! [`crate::search::Scanner`]), with the same ranking as the filter line.

use crate::corpus::{self, Found, Input, LoadProblem, Loaded, Order};
use crate::document::furniture::repeats::{Edges, Repeats};
use crate::document::{Document, FoldKind, Source};
use crate::search::{Candidate, Options, Query, Results, Scanner, Tally};
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Files handed to a thread at a time: few enough to share the work
/// evenly, enough that taking them costs nothing.
const CHUNK: usize = 16;
/// More threads than this buy nothing for a scan that reads files.
const MAX_THREADS: usize = 8;

/// What a one-shot search found.
#[derive(Debug, Default)]
pub struct Searched {
    /// The matching documents, in load order; hits index into them.
    pub documents: Vec<Arc<Document>>,
    pub results: Results,
    /// What could not be opened, or opened with a caveat, in load order.
    pub problems: Vec<LoadProblem>,
    /// How many documents were read (matching or not).
    pub loaded: usize,
}

/// One file's worth of work (or standard input's, or a problem met while
/// walking, with where), from input number `input`.
struct Job {
    input: usize,
    task: Task,
}

enum Task {
    /// A file, and whether it was found by walking a folder (a binary one
    /// is then passed over quietly) rather than named.
    File(PathBuf, bool),
    Stream(PathBuf),
    Stdin(corpus::Capped),
    Problem(LoadProblem, PathBuf),
}

/// What one job gave: a matching document (with its edges, to fold what
/// other documents repeat) or a problem.
enum Outcome {
    Match(Box<Document>, Candidate, Box<Edges>),
    Problem(LoadProblem),
}

/// Where an outcome stands in load order. Folders are walked as they list
/// their files (see [`corpus::Order::Listed`]), so the outcomes, few
/// beside the files read, are put in load order afterwards: by input, then
/// by [`corpus::load_order_key`], then (for standard input) by job.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    input: usize,
    key: Vec<u8>,
    job: usize,
}

/// Searches the files `inputs` name (standard input for `-`) for `query`.
pub fn search(
    inputs: &[Input],
    stdin: &mut dyn Read,
    query: &Query,
    options: &Options,
) -> Searched {
    let scanner = Scanner::new(query);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS);
    let queue = Queue::default();
    let work = |number: usize| work(&scanner, &queue, number);
    let mut troubled = Vec::new();
    let parts: Vec<Part> = std::thread::scope(|scope| {
        // Helpers read files while this thread is still walking folders.
        let helpers: Vec<_> = (1..threads).map(|t| scope.spawn(move || work(t))).collect();
        troubled = plan(inputs, stdin, &queue);
        let mut parts = vec![work(0)];
        // A helper that panicked lost its part; what it held is not shown.
        parts.extend(helpers.into_iter().filter_map(|h| h.join().ok()));
        parts
    });
    gather(&scanner, parts, inputs, &troubled, options)
}

/// The jobs in load order, growing while the walk goes on.
#[derive(Default)]
struct Queue {
    state: Mutex<Jobs>,
    more: Condvar,
}

#[derive(Default)]
struct Jobs {
    jobs: Vec<Option<Job>>,
    /// The first job no thread has taken.
    next: usize,
    walked: bool,
    /// Threads waiting for jobs: only they need waking (each wake is a
    /// system call).
    waiting: usize,
}

impl Queue {
    /// Adds the jobs in `batch` (emptying it) under one lock.
    fn push(&self, batch: &mut Vec<Job>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.jobs.extend(batch.drain(..).map(Some));
        if state.waiting > 0 && state.jobs.len() - state.next >= CHUNK {
            self.more.notify_one();
        }
    }

    fn walked(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .walked = true;
        self.more.notify_all();
    }

    /// Up to [`CHUNK`] jobs with their numbers; empty when all are done.
    fn take(&self) -> Vec<(usize, Job)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let ready = state.jobs.len() - state.next;
            if ready >= CHUNK || (state.walked && ready > 0) {
                let from = state.next;
                state.next += ready.min(CHUNK);
                let to = state.next;
                return (from..to)
                    .filter_map(|j| state.jobs[j].take().map(|job| (j, job)))
                    .collect();
            }
            if state.walked {
                return Vec::new();
            }
            state.waiting += 1;
            state = self
                .more
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
    }
}

/// Walks the inputs into `queue`, reading standard input for `-`.
///
/// Which inputs met problems on the walk (see [`in_walk_order`]).
fn plan(inputs: &[Input], stdin: &mut dyn Read, queue: &Queue) -> Vec<bool> {
    let mut troubled = vec![false; inputs.len()];
    let mut batch = Vec::with_capacity(CHUNK);
    let mut add = |job: Job| {
        batch.push(job);
        if batch.len() >= CHUNK {
            queue.push(&mut batch);
        }
    };
    for (number, input) in inputs.iter().enumerate() {
        let job = |task| Job {
            input: number,
            task,
        };
        match input {
            Input::Stdin => {
                add(job(match corpus::read_stdin(stdin) {
                    Ok(read) => Task::Stdin(read),
                    Err(e) => {
                        let problem = LoadProblem {
                            path: "<stdin>".into(),
                            message: format!("cannot read standard input: {e}"),
                            opened: false,
                        };
                        Task::Problem(problem, PathBuf::new())
                    }
                }));
            }
            Input::Path(path) => corpus::walk(path, Order::Listed, &mut |found| {
                add(job(match found {
                    Found::File(found) => {
                        let walked = found != *path;
                        Task::File(found, walked)
                    }
                    Found::Stream(path) => Task::Stream(path),
                    Found::Problem(p, at) => {
                        troubled[number] = true;
                        Task::Problem(p, at)
                    }
                }))
            }),
        }
    }
    queue.push(&mut batch);
    queue.walked();
    troubled
}

/// Gives the outcomes of input `number` (the folder `root`) their places
/// in a sorted walk of it, walked again. Problems met on a walk do not
/// always have a path of their own to sort by (an unreadable folder
/// behind a link is told of without one), so for an input that met any,
/// the sorted walk itself says where each outcome goes. Such walks are
/// rare; walking the folder again costs a fraction of reading its files.
fn in_walk_order(root: &std::path::Path, number: usize, outcomes: &mut [(Place, Outcome)]) {
    let mut files = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut at = 0u64;
    corpus::walk(root, Order::Sorted, &mut |found| {
        match found {
            Found::File(path) | Found::Stream(path) => {
                files.insert(corpus::load_order_key(&path), at);
            }
            Found::Problem(p, _) => problems.push(Some((p, at))),
        }
        at += 1;
    });
    for (place, outcome) in outcomes.iter_mut().filter(|(p, _)| p.input == number) {
        // A problem met on the walk takes its place there; a problem
        // met reading a file (and the file's document) takes the file's.
        let walked = match outcome {
            Outcome::Problem(p) => problems
                .iter_mut()
                .find(|slot| slot.as_ref().is_some_and(|(q, _)| q == p))
                .and_then(Option::take)
                .map(|(_, at)| at),
            Outcome::Match(..) => None,
        };
        // A file gone by the second walk goes last.
        let at = walked
            .or_else(|| files.get(&place.key).copied())
            .unwrap_or(u64::MAX);
        place.key = at.to_be_bytes().to_vec();
    }
}

/// One thread's share: its tally and what its jobs gave, by place.
struct Part {
    tally: Tally,
    outcomes: Vec<(Place, Outcome)>,
    /// The edges of the documents read that did not match: a paragraph a
    /// match repeats counts them too.
    edges: Vec<Edges>,
    loaded: usize,
}

fn work(scanner: &Scanner, queue: &Queue, number: usize) -> Part {
    let mut part = Part {
        tally: scanner.tally(number),
        outcomes: Vec::new(),
        edges: Vec::new(),
        loaded: 0,
    };
    // Small files are read into one buffer, kept from file to file, and
    // opened in their folder, kept open.
    let mut buffer = Vec::new();
    let mut folder = corpus::OpenFolder::default();
    loop {
        let jobs = queue.take();
        if jobs.is_empty() {
            return part;
        }
        for (j, Job { input, task }) in jobs {
            let read = match task {
                Task::File(path, walked) => {
                    let file = (path, walked);
                    match screen(scanner, &mut part.tally, file, &mut folder, &mut buffer) {
                        Some(read) => read,
                        None => {
                            part.loaded += 1;
                            continue;
                        }
                    }
                }
                Task::Stream(path) => Screened::Unread(path, true, false),
                Task::Stdin(capped) => Screened::Stdin(capped),
                Task::Problem(p, at) => Screened::Problem(p, at),
            };
            let key = match &read {
                Screened::Text(Source::File(path), _)
                | Screened::Bytes(Source::File(path), _, _)
                | Screened::Unread(path, _, _)
                | Screened::Problem(_, path) => corpus::load_order_key(path),
                Screened::Text(..) | Screened::Bytes(..) | Screened::Stdin(_) => Vec::new(),
            };
            let place = Place { input, key, job: j };
            let mut sink = |item: Loaded| match item {
                Loaded::Document(doc) => {
                    part.loaded += 1;
                    let edges = Edges::of(&doc);
                    match scanner.examine(&mut part.tally, &doc) {
                        Some(c) => {
                            let outcome = Outcome::Match(Box::new(doc), c, Box::new(edges));
                            part.outcomes.push((place.clone(), outcome));
                        }
                        None if !edges.is_empty() => part.edges.push(edges),
                        None => {}
                    }
                }
                Loaded::Problem(p) => part.outcomes.push((place.clone(), Outcome::Problem(p))),
                // Unmeasured reading never measures afterwards.
                Loaded::Measured(..) => {}
            };
            match read {
                Screened::Text(source, text) => corpus::text_unmeasured(source, text, &mut sink),
                Screened::Bytes(source, bytes, walked) => {
                    corpus::bytes_unmeasured(source, bytes, walked, &mut sink)
                }
                Screened::Stdin(capped) => {
                    corpus::stream_unmeasured(Source::Stdin, capped, &mut sink)
                }
                Screened::Unread(path, stream, walked) => {
                    corpus::read_unmeasured(&path, stream, walked, &mut sink)
                }
                Screened::Problem(p, _) => sink(Loaded::Problem(p)),
            }
        }
    }
}

/// A job once its file, if small, has been read.
enum Screened {
    /// Plain text: its bytes are its document's text.
    Text(Source, Arc<str>),
    /// Bytes to decode, and whether the file was found by walking.
    Bytes(Source, Vec<u8>, bool),
    /// Standard input, as far as it was read.
    Stdin(corpus::Capped),
    /// A big or compressed file, one that could not be read, or (`true`)
    /// a pipe or device: the loader reads it (again) and says what went
    /// wrong. Last, whether the file was found by walking.
    Unread(PathBuf, bool, bool),
    Problem(LoadProblem, PathBuf),
}

/// Reads the file at `path` if it is small; `None` when it is plain text
/// that cannot match, which the scanner has then counted into `tally`.
fn screen(
    scanner: &Scanner,
    tally: &mut Tally,
    (path, walked): (PathBuf, bool),
    folder: &mut corpus::OpenFolder,
    buffer: &mut Vec<u8>,
) -> Option<Screened> {
    if corpus::is_gzip(&path) {
        return Some(Screened::Unread(path, false, walked));
    }
    let Ok(Some(bytes)) = corpus::read_small(&path, folder, buffer) else {
        return Some(Screened::Unread(path, false, walked));
    };
    let text = corpus::plain_ascii(&path, bytes);
    let source = Source::File(path);
    match text {
        Some(text) if scanner.pass_over(tally, &source, text) => None,
        Some(text) => Some(Screened::Text(source, Arc::from(text))),
        None => Some(Screened::Bytes(source, bytes.to_vec(), walked)),
    }
}

/// Folds the paragraphs of a matching document (number `index` in
/// `repeats`) that other documents read repeat, as `quire list` and the
/// reader do, and says whether it still matches. Only matches are folded
/// again: what is folded never adds a match.
fn refold(
    scanner: &Scanner,
    tallies: &mut [Tally],
    repeats: &Repeats,
    (doc, candidate, index): (&mut Document, Candidate, usize),
) -> Option<Candidate> {
    let folds = repeats.folds(index);
    let repeated = |f: &crate::document::Fold| matches!(f.kind, FoldKind::Repeated { .. });
    if !folds.iter().any(repeated) {
        return Some(candidate);
    }
    doc.set_folds(folds);
    scanner.reexamine(tallies, &candidate, doc)
}

/// Puts the threads' findings back in load order and ranks the matches.
fn gather(
    scanner: &Scanner,
    parts: Vec<Part>,
    inputs: &[Input],
    troubled: &[bool],
    options: &Options,
) -> Searched {
    let mut searched = Searched::default();
    let mut tallies = Vec::with_capacity(parts.len());
    let mut outcomes = Vec::new();
    let mut repeats = Repeats::new();
    for part in parts {
        searched.loaded += part.loaded;
        outcomes.extend(part.outcomes);
        tallies.push(part.tally);
        for edges in part.edges {
            repeats.add_edges(edges);
        }
    }
    // Tallies are ranked by their number, which is their thread's.
    tallies.sort_by_key(Tally::number);
    for (number, input) in inputs.iter().enumerate() {
        if let (Input::Path(root), true) = (input, troubled[number]) {
            in_walk_order(root, number, &mut outcomes);
        }
    }
    // Stable: a job's problem (invalid UTF-8) stays before its document.
    outcomes.sort_by(|(a, _), (b, _)| a.cmp(b));
    let mut matches = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Match(doc, c, edges) => {
                matches.push((*doc, c, repeats.len()));
                repeats.add_edges(*edges);
            }
            Outcome::Problem(p) => searched.problems.push(p),
        }
    }
    let mut candidates = Vec::new();
    for (mut doc, c, index) in matches {
        if let Some(c) = refold(scanner, &mut tallies, &repeats, (&mut doc, c, index)) {
            candidates.push((crate::store::DocId(searched.documents.len()), c));
            searched.documents.push(Arc::new(doc));
        }
    }
    searched.results = scanner.rank(&tallies, &searched.documents, &candidates, options);
    searched
}
