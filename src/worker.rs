//! Background work, so the keyboard never waits: a loader thread reads and
//! parses the files, and a search thread indexes them and answers queries.
//! The UI sends each query with a generation number; a newer one cancels
//! the search in progress, and only the newest results are reported.

use crate::corpus::{self, Input, LoadProblem, Loaded};
use crate::document::{Document, Measure};
use crate::search::{Cancel, Counted, Hit, Options, Query, SearchIndex, TermCounter};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

/// Documents are handed over in batches of at most this many...
const BATCH: usize = 256;
/// ...or after this long, so the first screen appears at once.
const BATCH_TIME: Duration = Duration::from_millis(30);
/// Documents indexed between checks for a newer query.
const INDEX_CHUNK: usize = 32;
/// How often a query is re-run while new documents keep arriving.
const RERUN_EVERY: Duration = Duration::from_millis(150);
/// Top hits that get snippets (the first screens of the list).
const DESCRIBE: usize = 60;

/// What the background threads tell the UI.
#[derive(Debug)]
pub enum Report {
    Loaded(Vec<Document>, Vec<LoadProblem>),
    /// The word count and hash of a big document reported unmeasured,
    /// known by its text.
    Measured(Arc<str>, Measure),
    LoadFinished,
    /// Document `.0` read again (`R`), or why it could not be.
    Reloaded(usize, Result<Document, String>),
    Results {
        generation: u64,
        hits: Vec<Hit>,
        described: usize,
    },
}

/// What to load.
pub enum LoadPlan {
    Bundled,
    Inputs(Vec<Input>),
    /// Documents the UI already has (e.g. a bookmark's documents): they
    /// are indexed, not reported again.
    Documents(Vec<Document>),
}

enum Message {
    /// Documents to index, some with their terms counted by the loader.
    Index(Vec<(Document, Option<Counted>)>),
    /// Document `.0` was read again (`R`, or after the editor).
    Replace(usize, Document),
    Query {
        generation: u64,
        query: Arc<Query>,
        snippet_width: usize,
    },
}

/// Handle to the background threads; dropping it lets them finish.
pub struct Worker {
    latest: Arc<AtomicU64>,
    to_search: Sender<Message>,
    reports: Receiver<Report>,
    /// For work started later (reading a file again).
    report: Sender<Report>,
}

impl Worker {
    /// Starts loading `plan` in the background.
    pub fn start(plan: LoadPlan) -> Worker {
        let latest = Arc::new(AtomicU64::new(0));
        let (to_search, search_inbox) = channel();
        let (report, reports) = channel();
        let search_report = report.clone();
        let reload_report = report.clone();
        let search_latest = Arc::clone(&latest);
        let indexed = Arc::new(AtomicUsize::new(0));
        let share = Share {
            indexed: Arc::clone(&indexed),
            ..Share::default()
        };
        thread::spawn(move || search_thread(search_inbox, search_report, search_latest, indexed));
        let loader_search = to_search.clone();
        thread::spawn(move || load_thread(plan, loader_search, report, share));
        Worker {
            latest,
            to_search,
            reports,
            report: reload_report,
        }
    }

    /// Asks for `query` to be searched; any search for an older generation
    /// stops as soon as it notices. The query is the one the UI parsed, so
    /// what ranks the list is what the reader highlights.
    pub fn search(&self, generation: u64, query: Arc<Query>, snippet_width: usize) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.to_search.send(Message::Query {
            generation,
            query,
            snippet_width,
        });
    }

    /// The next report, waiting at most `timeout`.
    pub fn next_report(&self, timeout: Duration) -> Option<Report> {
        self.reports.recv_timeout(timeout).ok()
    }

    /// Document `doc` was read again: the search uses its new text from
    /// now on, and its words once the index is rebuilt in the background
    /// (the old index answers meanwhile); the query is then answered
    /// again.
    pub fn replace(&self, doc: usize, document: Document) {
        let _ = self.to_search.send(Message::Replace(doc, document));
    }

    /// Reads document `doc`'s file at `path` again on a thread of its own,
    /// reporting [`Report::Reloaded`]: a slow disk or a file turned into
    /// something else never holds up the keyboard.
    pub fn reload(&self, doc: usize, path: std::path::PathBuf) {
        let report = self.report.clone();
        thread::spawn(move || {
            let _ = report.send(Report::Reloaded(doc, corpus::read_document(&path)));
        });
    }

    /// A report if one is ready.
    pub fn try_report(&self) -> Option<Report> {
        self.reports.try_recv().ok()
    }
}

/// The loader's share of indexing: while the search thread is behind, the
/// loader counts the terms of the small documents it hands over, so that
/// indexing runs on two cores (the search thread's part of a counted
/// document is a dictionary lookup per distinct term); while it keeps up,
/// documents go over as they are and reach the list sooner.
#[derive(Default)]
struct Share {
    counter: TermCounter,
    /// Documents handed over so far, and (counted by the search thread)
    /// those it has indexed.
    sent: usize,
    indexed: Arc<AtomicUsize>,
}

/// Documents waiting for the search thread beyond which the loader counts
/// terms: about one batch.
const BEHIND: usize = BATCH;

/// Documents up to this size may be counted by the loader; a bigger one
/// would hold up the loading of the files after it.
const SHARE_BYTES: usize = 1 << 20;

impl Share {
    /// The documents of `batch`, those the loader counts with their terms.
    /// Only the documents already sent keep the search thread busy: the
    /// batch's own go over when it is counted, so they are not its backlog.
    fn hand_over(&mut self, batch: Vec<Document>) -> Vec<(Document, Option<Counted>)> {
        let waiting = self.sent - self.indexed.load(Ordering::Relaxed).min(self.sent);
        self.sent += batch.len();
        batch
            .into_iter()
            .map(|doc| {
                let mine = waiting > BEHIND && doc.text.len() <= SHARE_BYTES;
                let counted = mine.then(|| self.counter.count(&doc));
                (doc, counted)
            })
            .collect()
    }
}

fn load_thread(plan: LoadPlan, to_search: Sender<Message>, report: Sender<Report>, share: Share) {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let mut since = Instant::now();
    let share = std::cell::RefCell::new(share);
    let flush = |docs: &mut Vec<Document>, problems: &mut Vec<LoadProblem>| {
        if docs.is_empty() && problems.is_empty() {
            return;
        }
        let batch = std::mem::take(docs);
        // The UI hears of documents before the search thread can report
        // results that refer to them.
        let _ = report.send(Report::Loaded(batch.clone(), std::mem::take(problems)));
        let batch = share.borrow_mut().hand_over(batch);
        let _ = to_search.send(Message::Index(batch));
    };
    match plan {
        LoadPlan::Bundled => docs = corpus::bundled(),
        LoadPlan::Documents(given) => {
            // The UI has these already: they only need indexing, a batch
            // at a time, so that the search thread starts on the first
            // while the loader counts the terms of later ones.
            let mut given = given.into_iter().peekable();
            while given.peek().is_some() {
                let batch = given.by_ref().take(BATCH).collect();
                let batch = share.borrow_mut().hand_over(batch);
                let _ = to_search.send(Message::Index(batch));
            }
        }
        LoadPlan::Inputs(inputs) => {
            let mut stdin = std::io::stdin();
            corpus::load_each(&inputs, &mut stdin, &mut |item| {
                // A big document goes to the screen before it is measured.
                let mut now = false;
                match item {
                    Loaded::Document(d) => {
                        now = !d.is_measured();
                        docs.push(d);
                    }
                    Loaded::Problem(p) => problems.push(p),
                    Loaded::Measured(text, measure) => {
                        flush(&mut docs, &mut problems);
                        let _ = report.send(Report::Measured(text, measure));
                    }
                }
                if now || docs.len() >= BATCH || since.elapsed() >= BATCH_TIME {
                    flush(&mut docs, &mut problems);
                    since = Instant::now();
                }
            });
        }
    }
    flush(&mut docs, &mut problems);
    let _ = report.send(Report::LoadFinished);
}

/// The search thread's state: every document so far, the index over the
/// ones indexed, and the query the UI is waiting on.
struct Searcher {
    docs: Vec<Document>,
    index: SearchIndex,
    waiting: VecDeque<(Document, Option<Counted>)>,
    /// Counts the terms of the documents the loader did not count.
    counter: TermCounter,
    active: Option<(u64, Arc<Query>)>,
    /// A new query arrived: answer it now.
    fresh: bool,
    snippet_width: usize,
    /// New documents were indexed under the active query: answer again,
    /// at most every `RERUN_EVERY` while loading goes on.
    stale: bool,
    last_run: Instant,
    /// An index being built beside the one in use after a document was
    /// replaced (postings cannot be taken back), and the next document
    /// it takes.
    rebuild: Option<(SearchIndex, usize)>,
}

fn search_thread(
    inbox: Receiver<Message>,
    report: Sender<Report>,
    latest: Arc<AtomicU64>,
    indexed: Arc<AtomicUsize>,
) {
    let mut s = Searcher {
        docs: Vec::new(),
        index: SearchIndex::new(),
        waiting: VecDeque::new(),
        counter: TermCounter::new(),
        active: None,
        fresh: false,
        snippet_width: 80,
        stale: false,
        last_run: Instant::now(),
        rebuild: None,
    };
    loop {
        let idle = s.waiting.is_empty() && !s.stale && !s.fresh && s.rebuild.is_none();
        let first = if idle {
            inbox.recv().ok()
        } else {
            inbox.try_recv().ok()
        };
        if idle && first.is_none() {
            return; // The UI is gone.
        }
        for message in first.into_iter().chain(inbox.try_iter()) {
            match message {
                Message::Index(batch) => s.waiting.extend(batch),
                Message::Replace(doc, document) => s.replace(doc, document),
                Message::Query {
                    generation,
                    query,
                    snippet_width,
                } => {
                    s.active = Some((generation, query));
                    s.snippet_width = snippet_width;
                    s.fresh = true;
                }
            }
        }
        let before = s.docs.len();
        s.index_some(&latest);
        indexed.fetch_add(s.docs.len() - before, Ordering::Relaxed);
        let settled = s.waiting.is_empty();
        if s.fresh || (s.stale && (settled || s.last_run.elapsed() >= RERUN_EVERY)) {
            (s.fresh, s.stale) = (false, false);
            s.last_run = Instant::now();
            if let Some(results) = s.run(&latest)
                && report.send(results).is_err()
            {
                return;
            }
        }
    }
}

impl Searcher {
    /// Takes the new text of document `doc`.
    fn replace(&mut self, doc: usize, document: Document) {
        if doc < self.docs.len() {
            self.docs[doc] = document;
            self.rebuild = Some((SearchIndex::new(), 0));
        } else if let Some(slot) = self.waiting.get_mut(doc - self.docs.len()) {
            *slot = (document, None);
        }
    }

    /// Indexes a few waiting documents, stopping early for a newer query;
    /// then a few more into the index being rebuilt, which takes over
    /// once it holds every document.
    fn index_some(&mut self, latest: &AtomicU64) {
        let current = self.active.as_ref().map_or(0, |(g, _)| *g);
        let querying = self.active.as_ref().is_some_and(|(_, q)| !q.is_empty());
        for _ in 0..INDEX_CHUNK {
            if latest.load(Ordering::Relaxed) != current {
                return;
            }
            let Some((doc, counted)) = self.waiting.pop_front() else {
                break;
            };
            let counted = counted.unwrap_or_else(|| self.counter.count(&doc));
            self.index.add_counted(self.docs.len(), counted);
            self.docs.push(doc);
            self.stale |= querying;
        }
        self.index.commit();
        let Some((fresh, next)) = self.rebuild.as_mut() else {
            return;
        };
        for _ in 0..INDEX_CHUNK {
            if latest.load(Ordering::Relaxed) != current || *next >= self.docs.len() {
                break;
            }
            fresh.add_counted(*next, self.counter.count(&self.docs[*next]));
            *next += 1;
        }
        if *next >= self.docs.len() && self.waiting.is_empty() {
            if let Some((mut fresh, _)) = self.rebuild.take() {
                fresh.commit();
                self.index = fresh;
            }
            self.stale |= querying;
        }
    }

    fn run(&self, latest: &AtomicU64) -> Option<Report> {
        let (generation, query) = self.active.as_ref()?;
        let options = Options {
            describe: DESCRIBE,
            snippet_width: self.snippet_width,
            title_positions: true,
        };
        let results = self.index.search(
            &self.docs,
            query,
            &options,
            &Cancel::new(latest, *generation),
        )?;
        Some(Report::Results {
            generation: *generation,
            hits: results.hits,
            described: results.described,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Arc<Query> {
        Arc::new(Query::parse(text))
    }

    fn collect(worker: &Worker, until: impl Fn(&Report) -> bool) -> Vec<Report> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(r) = worker.next_report(Duration::from_millis(50)) {
                let done = until(&r);
                seen.push(r);
                if done {
                    return seen;
                }
            }
        }
        panic!("no matching report within 30 s: {seen:?}");
    }

    #[test]
    fn loads_the_bundled_articles_then_finishes() {
        let worker = Worker::start(LoadPlan::Bundled);
        let reports = collect(&worker, |r| matches!(r, Report::LoadFinished));
        let loaded: usize = reports
            .iter()
            .map(|r| {
                if let Report::Loaded(d, _) = r {
                    d.len()
                } else {
                    0
                }
            })
            .sum();
        assert_eq!(loaded, 5);
    }

    /// The hits of the first report for `generation` with `count` hits.
    fn hits_of(worker: &Worker, generation: u64, count: usize) -> Vec<usize> {
        let reports = collect(
            worker,
            |r| matches!(r, Report::Results { generation: g, hits, .. } if *g == generation && hits.len() == count),
        );
        let Some(Report::Results { hits, .. }) = reports.last() else {
            unreachable!()
        };
        hits.iter().map(|h| h.doc).collect()
    }

    #[test]
    fn a_document_read_again_is_searched_by_its_new_words() {
        let docs: Vec<Document> = ["A\n\nalpha", "B\n\nbeta", "C\n\ngamma"]
            .iter()
            .map(|t| Document::new(crate::document::Source::Stdin, t.to_string()))
            .collect();
        let worker = Worker::start(LoadPlan::Documents(docs));
        collect(&worker, |r| matches!(r, Report::LoadFinished));
        worker.search(1, q("zebra"), 40);
        assert!(hits_of(&worker, 1, 0).is_empty());
        // The query in force is answered again once the index is rebuilt.
        let edited = Document::new(crate::document::Source::Stdin, "B\n\nbeta zebra".into());
        worker.replace(1, edited);
        assert_eq!(hits_of(&worker, 1, 1), vec![1]);
        // A new query is answered from the new index; then a word the
        // next version loses stops matching once that one is indexed.
        worker.search(2, q("beta"), 40);
        assert_eq!(hits_of(&worker, 2, 1), vec![1]);
        let again = Document::new(crate::document::Source::Stdin, "B\n\ndelta".into());
        worker.replace(1, again);
        worker.search(3, q("beta"), 40);
        let reports = collect(
            &worker,
            |r| matches!(r, Report::Results { generation: 3, hits, .. } if hits.is_empty()),
        );
        assert!(!reports.is_empty());
    }

    #[test]
    fn reading_again_is_reported_and_a_file_become_a_pipe_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "A\n\nalpha").unwrap();
        let worker = Worker::start(LoadPlan::Documents(Vec::new()));
        worker.reload(3, file.clone());
        let reports = collect(&worker, |r| matches!(r, Report::Reloaded(..)));
        let Some(Report::Reloaded(3, Ok(doc))) = reports.last() else {
            panic!("{reports:?}");
        };
        assert_eq!(doc.title, "A");
        std::fs::remove_file(&file).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&file).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        worker.reload(3, file);
        let reports = collect(&worker, |r| matches!(r, Report::Reloaded(..)));
        let Some(Report::Reloaded(3, Err(message))) = reports.last() else {
            panic!("{reports:?}");
        };
        assert!(message.contains("a.txt: is a named pipe"), "{message}");
    }

    #[test]
    fn the_loader_counts_terms_only_while_the_search_thread_is_behind() {
        let doc = |i: usize| Document::new(crate::document::Source::Stdin, format!("T{i}\n\nword"));
        let mut share = Share::default();
        let counted = |handed: &[(Document, Option<Counted>)]| {
            handed.iter().filter(|(_, c)| c.is_some()).count()
        };
        // Nothing is waiting: a batch, however long, goes over uncounted
        // (its own documents are not the search thread's backlog).
        let first = share.hand_over((0..BEHIND * 2).map(doc).collect());
        assert_eq!(counted(&first), 0);
        // The search thread has not indexed them yet: the next is counted.
        let second = share.hand_over((0..10).map(doc).collect());
        assert_eq!(counted(&second), 10);
        // Once it has caught up, documents go over as they are again.
        share.indexed.store(BEHIND * 2 + 10, Ordering::Relaxed);
        let third = share.hand_over((0..10).map(doc).collect());
        assert_eq!(counted(&third), 0);
    }

    #[test]
    fn answers_the_newest_query() {
        let worker = Worker::start(LoadPlan::Bundled);
        collect(&worker, |r| matches!(r, Report::LoadFinished));
        worker.search(1, q("wechat"), 40);
        worker.search(2, q("alipay"), 40);
        let reports = collect(&worker, |r| {
            matches!(r, Report::Results { generation: 2, .. })
        });
        let Some(Report::Results { hits, .. }) = reports.last() else {
            unreachable!()
        };
        let docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert!(docs.contains(&3) && docs.contains(&4));
    }

    #[test]
    fn reports_problems_and_documents_from_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A\n\nalpha").unwrap();
        let missing = dir.path().join("missing.txt");
        let worker = Worker::start(LoadPlan::Inputs(vec![
            Input::Path(dir.path().into()),
            Input::Path(missing),
        ]));
        let reports = collect(&worker, |r| matches!(r, Report::LoadFinished));
        let (mut docs, mut problems) = (0, 0);
        for r in &reports {
            if let Report::Loaded(d, p) = r {
                docs += d.len();
                problems += p.len();
            }
        }
        assert_eq!((docs, problems), (1, 1));
    }
}
