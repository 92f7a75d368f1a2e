//! Background work, so the keyboard never waits: a loader thread reads and
//! parses the files into the [`DocStore`], and a search thread indexes
//! what the store holds and answers queries. Both threads and the UI share
//! the one store; messages name documents by [`DocId`]. The UI sends each
//! query with a generation number; a newer one cancels the search in
//! progress, and only the newest results are reported.

use crate::corpus::{self, Input, LoadProblem, Loaded};
use crate::document::furniture::repeats::Repeats;
use crate::document::{Document, Fold, Measure};
use crate::format::Format;
use crate::search::{Cancel, Counted, Hit, Options, Query, SearchIndex, TermCounter};
use crate::store::{DocId, DocStore};
use std::collections::HashMap;
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
    /// More documents are in the store, and these files could not be read.
    Loaded(Vec<LoadProblem>),
    /// The word count and hash of a big document stored unmeasured.
    Measured(DocId, Measure),
    LoadFinished,
    /// Documents already reported (by index) have new folds: a later
    /// document repeats one of their paragraphs.
    Refolded(Vec<(DocId, Vec<Fold>)>),
    /// Document `.0` read again (`R`), or why it could not be.
    Reloaded(DocId, Result<Document, String>),
    /// The document of bookmark `.0`, read from one of its recorded paths,
    /// or why none could be read.
    BookmarkDocument(String, Result<Document, String>),
    Results {
        generation: u64,
        hits: Vec<Hit>,
        described: usize,
    },
}

/// What to load.
pub enum LoadPlan {
    Bundled,
    /// The inputs, read as the format when one is given (`--format`).
    Inputs(Vec<Input>, Option<Format>),
    /// Only what the store already holds (e.g. a bookmark's documents):
    /// it is indexed, nothing is loaded.
    Stored,
}

enum Message {
    /// More documents are in the store; the terms of some were counted
    /// by the loader.
    Index(Vec<(DocId, Counted)>),
    /// Document `.0` was read again (`R`, or after the editor) and
    /// replaced in the store.
    Replace(DocId),
    /// Documents have new folds, in the store.
    Refold(Vec<DocId>),
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
    /// `--format`, which a file read again keeps.
    format: Option<Format>,
}

impl Worker {
    /// Starts loading `plan` in the background into `store`.
    pub fn start(plan: LoadPlan, store: DocStore) -> Worker {
        let format = match &plan {
            LoadPlan::Inputs(_, format) => *format,
            LoadPlan::Bundled | LoadPlan::Stored => None,
        };
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
        let search_store = store.clone();
        thread::spawn(move || {
            search_thread(
                search_inbox,
                search_report,
                search_latest,
                indexed,
                search_store,
            )
        });
        let loader_search = to_search.clone();
        thread::spawn(move || load_thread(plan, store, loader_search, report, share));
        Worker {
            latest,
            to_search,
            reports,
            report: reload_report,
            format,
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

    /// Document `doc` was read again and replaced in the store: the
    /// search uses its new text from now on, and its words once the index
    /// is rebuilt in the background (the old index answers meanwhile); the
    /// query is then answered again.
    pub fn replace(&self, doc: DocId) {
        let _ = self.to_search.send(Message::Replace(doc));
    }

    /// Reads document `doc`'s file at `path` again on a thread of its own,
    /// reporting [`Report::Reloaded`]: a slow disk or a file turned into
    /// something else never holds up the keyboard.
    pub fn reload(&self, doc: DocId, path: std::path::PathBuf) {
        let report = self.report.clone();
        let format = self.format;
        thread::spawn(move || {
            let read = corpus::read_document_as(&path, format);
            let _ = report.send(Report::Reloaded(doc, read));
        });
    }

    /// Reads the document of bookmark `id` from the first of `paths` that
    /// opens, on a thread of its own, reporting [`Report::BookmarkDocument`].
    pub fn fetch_for_bookmark(&self, id: String, paths: Vec<String>) {
        let report = self.report.clone();
        thread::spawn(move || {
            let found = crate::bookmarks::files::read_recorded(&paths);
            let _ = report.send(Report::BookmarkDocument(id, found));
        });
    }

    /// The UI added a document to the store after loading finished (a
    /// bookmark's): the search indexes it after all the others, under the
    /// id it has in the store.
    pub fn index(&self) {
        let _ = self.to_search.send(Message::Index(Vec::new()));
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
    /// The terms of the documents of `batch` (stored under the ids from
    /// `first`) that the loader counts. Only the documents already sent
    /// keep the search thread busy: the batch's own go over when it is
    /// counted, so they are not its backlog.
    fn count(&mut self, first: usize, batch: &[Document]) -> Vec<(DocId, Counted)> {
        let waiting = self.sent - self.indexed.load(Ordering::Relaxed).min(self.sent);
        self.sent += batch.len();
        if waiting <= BEHIND {
            return Vec::new();
        }
        (first..)
            .zip(batch)
            .filter(|(_, doc)| doc.text.len() <= SHARE_BYTES)
            .map(|(id, doc)| (DocId(id), self.counter.count(doc)))
            .collect()
    }
}

fn load_thread(
    plan: LoadPlan,
    mut store: DocStore,
    to_search: Sender<Message>,
    report: Sender<Report>,
    mut share: Share,
) {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let mut since = Instant::now();
    // The document stored unmeasured last: the corpus follows each such
    // document with its measure (`Loaded::Measured`), and it is stored at
    // once (see `now` below).
    let mut unmeasured: Option<DocId> = None;
    // Paragraphs repeated across documents, known by their place in load
    // order, which is their id from `base` on.
    let mut repeats = Repeats::new();
    let base = store.len();
    let mut flush = |docs: &mut Vec<Document>,
                     problems: &mut Vec<LoadProblem>,
                     unmeasured: &mut Option<DocId>| {
        if docs.is_empty() && problems.is_empty() {
            return;
        }
        let mut batch = std::mem::take(docs);
        let refolded: Vec<(DocId, Vec<Fold>)> = fold_repeats(&mut repeats, &mut batch)
            .into_iter()
            .map(|(i, folds)| (DocId(base + i), folds))
            .collect();
        // Earlier documents are folded in the store first, so the search
        // thread indexes them folded when it has not reached them yet.
        for (id, folds) in &refolded {
            store.update(*id, |d| d.set_folds(folds.clone()));
        }
        let first = store.len();
        let counted = share.count(first, &batch);
        if let Some(at) = batch.iter().rposition(|doc| !doc.is_measured()) {
            *unmeasured = Some(DocId(first + at));
        }
        store.append(batch);
        // The UI hears of documents before the search thread can report
        // results that refer to them.
        let _ = report.send(Report::Loaded(std::mem::take(problems)));
        let _ = to_search.send(Message::Index(counted));
        if !refolded.is_empty() {
            let ids = refolded.iter().map(|(id, _)| *id).collect();
            let _ = report.send(Report::Refolded(refolded));
            let _ = to_search.send(Message::Refold(ids));
        }
    };
    match plan {
        LoadPlan::Bundled => docs = corpus::bundled(),
        LoadPlan::Stored => {
            let _ = to_search.send(Message::Index(Vec::new()));
        }
        LoadPlan::Inputs(inputs, format) => {
            let mut stdin = std::io::stdin();
            corpus::load_each(&inputs, format, &mut stdin, &mut |item| {
                // A big document goes to the screen before it is measured.
                let mut now = false;
                match item {
                    Loaded::Document(d) => {
                        now = !d.is_measured();
                        docs.push(d);
                    }
                    Loaded::Problem(p) => problems.push(p),
                    Loaded::Measured(_, measure) => {
                        flush(&mut docs, &mut problems, &mut unmeasured);
                        if let Some(id) = unmeasured.take() {
                            let _ = report.send(Report::Measured(id, measure));
                        }
                    }
                }
                if now || docs.len() >= BATCH || since.elapsed() >= BATCH_TIME {
                    flush(&mut docs, &mut problems, &mut unmeasured);
                    since = Instant::now();
                }
            });
        }
    }
    flush(&mut docs, &mut problems, &mut unmeasured);
    let _ = report.send(Report::LoadFinished);
}

/// Folds the paragraphs of `batch` that earlier documents or others in
/// it repeat; returns the earlier documents (by index) to fold again.
fn fold_repeats(repeats: &mut Repeats, batch: &mut [Document]) -> Vec<(usize, Vec<Fold>)> {
    let first = repeats.len();
    let mut earlier: Vec<usize> = Vec::new();
    for doc in batch.iter() {
        earlier.extend(repeats.add(doc).into_iter().filter(|&i| i < first));
    }
    for (i, doc) in batch.iter_mut().enumerate() {
        doc.set_folds(repeats.folds(first + i));
    }
    earlier.sort_unstable();
    earlier.dedup();
    earlier.into_iter().map(|i| (i, repeats.folds(i))).collect()
}

/// The search thread's state: its version of the store, the index over
/// the documents indexed, and the query the UI is waiting on.
struct Searcher {
    store: DocStore,
    index: SearchIndex,
    /// The next document to index: those before it are in the index.
    next: usize,
    /// Terms the loader counted, by document, until indexed.
    counted: HashMap<DocId, Counted>,
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
    store: DocStore,
) {
    let mut s = Searcher {
        store,
        index: SearchIndex::new(),
        next: 0,
        counted: HashMap::new(),
        counter: TermCounter::new(),
        active: None,
        fresh: false,
        snippet_width: 80,
        stale: false,
        last_run: Instant::now(),
        rebuild: None,
    };
    loop {
        let idle = s.next >= s.store.len() && !s.stale && !s.fresh && s.rebuild.is_none();
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
                Message::Index(counted) => {
                    s.store.refresh();
                    s.counted.extend(counted);
                }
                Message::Replace(doc) => s.replace(doc),
                Message::Refold(docs) => s.refold(&docs),
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
        let before = s.next;
        s.index_some(&latest);
        indexed.fetch_add(s.next - before, Ordering::Relaxed);
        let settled = s.next >= s.store.len();
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
    /// Takes the new text of document `doc` from the store.
    fn replace(&mut self, doc: DocId) {
        self.store.refresh();
        self.counted.remove(&doc);
        if doc.0 < self.next {
            self.rebuild = Some((SearchIndex::new(), 0));
        }
    }

    /// Takes new folds of documents from the store: an indexed one is
    /// indexed again (its folded words must stop matching), one not yet
    /// indexed is counted afresh.
    fn refold(&mut self, docs: &[DocId]) {
        self.store.refresh();
        for doc in docs {
            self.counted.remove(doc);
            if doc.0 < self.next {
                self.rebuild = Some((SearchIndex::new(), 0));
            }
        }
    }

    /// Indexes a few documents of the store, stopping early for a newer
    /// query; then a few more into the index being rebuilt, which takes
    /// over once it holds every document.
    fn index_some(&mut self, latest: &AtomicU64) {
        let current = self.active.as_ref().map_or(0, |(g, _)| *g);
        let querying = self.active.as_ref().is_some_and(|(_, q)| !q.is_empty());
        for _ in 0..INDEX_CHUNK {
            if latest.load(Ordering::Relaxed) != current || self.next >= self.store.len() {
                break;
            }
            let id = DocId(self.next);
            let counted = match self.counted.remove(&id) {
                Some(counted) => counted,
                None => self.counter.count(&self.store[id]),
            };
            self.index.add_counted(id, counted);
            self.next += 1;
            self.stale |= querying;
        }
        self.index.commit();
        let Some((fresh, next)) = self.rebuild.as_mut() else {
            return;
        };
        for _ in 0..INDEX_CHUNK {
            if latest.load(Ordering::Relaxed) != current || *next >= self.next {
                break;
            }
            let id = DocId(*next);
            fresh.add_counted(id, self.counter.count(&self.store[id]));
            *next += 1;
        }
        if *next >= self.next && self.next >= self.store.len() {
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
            &self.store,
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
    fn loads_the_bundled_articles_into_the_store_then_finishes() {
        let mut store = DocStore::default();
        let worker = Worker::start(LoadPlan::Bundled, store.clone());
        let reports = collect(&worker, |r| matches!(r, Report::LoadFinished));
        assert!(reports.iter().any(|r| matches!(r, Report::Loaded(_))));
        assert_eq!(store.refresh(), 0..5);
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
        hits.iter().map(|h| h.doc.0).collect()
    }

    #[test]
    fn a_document_read_again_is_searched_by_its_new_words() {
        let docs: Vec<Document> = ["A\n\nalpha", "B\n\nbeta", "C\n\ngamma"]
            .iter()
            .map(|t| Document::new(crate::document::Source::Stdin, t.to_string()))
            .collect();
        let mut store = DocStore::new(docs);
        let worker = Worker::start(LoadPlan::Stored, store.clone());
        collect(&worker, |r| matches!(r, Report::LoadFinished));
        worker.search(1, q("zebra"), 40);
        assert!(hits_of(&worker, 1, 0).is_empty());
        // The query in force is answered again once the index is rebuilt.
        let edited = Document::new(crate::document::Source::Stdin, "B\n\nbeta zebra".into());
        store.replace(DocId(1), edited);
        worker.replace(DocId(1));
        assert_eq!(hits_of(&worker, 1, 1), vec![1]);
        // A new query is answered from the new index; then a word the
        // next version loses stops matching once that one is indexed.
        worker.search(2, q("beta"), 40);
        assert_eq!(hits_of(&worker, 2, 1), vec![1]);
        let again = Document::new(crate::document::Source::Stdin, "B\n\ndelta".into());
        store.replace(DocId(1), again);
        worker.replace(DocId(1));
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
        let worker = Worker::start(LoadPlan::Stored, DocStore::default());
        worker.reload(DocId(3), file.clone());
        let reports = collect(&worker, |r| matches!(r, Report::Reloaded(..)));
        let Some(Report::Reloaded(DocId(3), Ok(doc))) = reports.last() else {
            panic!("{reports:?}");
        };
        assert_eq!(doc.title, "A");
        std::fs::remove_file(&file).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&file).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        worker.reload(DocId(3), file);
        let reports = collect(&worker, |r| matches!(r, Report::Reloaded(..)));
        let Some(Report::Reloaded(DocId(3), Err(message))) = reports.last() else {
            panic!("{reports:?}");
        };
        assert!(message.contains("a.txt: is a named pipe"), "{message}");
    }

    #[test]
    fn the_loader_counts_terms_only_while_the_search_thread_is_behind() {
        let doc = |i: usize| Document::new(crate::document::Source::Stdin, format!("T{i}\n\nword"));
        let mut share = Share::default();
        let batch = |n: usize| (0..n).map(doc).collect::<Vec<_>>();
        // Nothing is waiting: a batch, however long, goes over uncounted
        // (its own documents are not the search thread's backlog).
        assert!(share.count(0, &batch(BEHIND * 2)).is_empty());
        // The search thread has not indexed them yet: the next is counted,
        // each under the id it is stored at.
        let second = share.count(BEHIND * 2, &batch(10));
        let ids: Vec<DocId> = second.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids,
            (BEHIND * 2..BEHIND * 2 + 10).map(DocId).collect::<Vec<_>>()
        );
        // Once it has caught up, documents go over as they are again.
        share.indexed.store(BEHIND * 2 + 10, Ordering::Relaxed);
        assert!(share.count(BEHIND * 2 + 10, &batch(10)).is_empty());
    }

    #[test]
    fn answers_the_newest_query() {
        let worker = Worker::start(LoadPlan::Bundled, DocStore::default());
        collect(&worker, |r| matches!(r, Report::LoadFinished));
        worker.search(1, q("wechat"), 40);
        worker.search(2, q("alipay"), 40);
        let reports = collect(&worker, |r| {
            matches!(r, Report::Results { generation: 2, .. })
        });
        let Some(Report::Results { hits, .. }) = reports.last() else {
            unreachable!()
        };
        let docs: Vec<usize> = hits.iter().map(|h| h.doc.0).collect();
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert!(docs.contains(&3) && docs.contains(&4));
    }

    #[test]
    fn reports_problems_and_documents_from_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A\n\nalpha").unwrap();
        let missing = dir.path().join("missing.txt");
        let mut store = DocStore::default();
        let worker = Worker::start(
            LoadPlan::Inputs(
                vec![Input::Path(dir.path().into()), Input::Path(missing)],
                None,
            ),
            store.clone(),
        );
        let reports = collect(&worker, |r| matches!(r, Report::LoadFinished));
        let mut problems = 0;
        for r in &reports {
            if let Report::Loaded(p) = r {
                problems += p.len();
            }
        }
        assert_eq!((store.refresh().len(), problems), (1, 1));
    }

    #[test]
    fn a_file_read_again_keeps_the_format_it_was_opened_as() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page");
        std::fs::write(&page, "<p>Hello <b>there</b>.</p>").unwrap();
        let input = Input::Path(page.clone());
        let worker = Worker::start(
            LoadPlan::Inputs(vec![input], Some(Format::Html)),
            DocStore::default(),
        );
        collect(&worker, |r| matches!(r, Report::LoadFinished));
        worker.reload(DocId(0), page);
        let reports = collect(&worker, |r| matches!(r, Report::Reloaded(..)));
        let Some(Report::Reloaded(DocId(0), Ok(doc))) = reports.last() else {
            panic!("not read again")
        };
        assert_eq!(doc.text.as_ref(), "Hello there.");
    }

    #[test]
    fn a_bio_repeated_in_a_later_batch_folds_the_earlier_document_too() {
        let bundled = corpus::bundled_unfolded();
        let (first, second) = (&bundled[..1], &bundled[1..2]);
        let mut repeats = Repeats::new();
        let mut batch = first.to_vec();
        assert!(fold_repeats(&mut repeats, &mut batch).is_empty());
        let alone = batch[0].words;
        let mut later = second.to_vec();
        let refolded = fold_repeats(&mut repeats, &mut later);
        assert_eq!(refolded.len(), 1);
        let (doc, folds) = &refolded[0];
        assert_eq!(*doc, 0);
        batch[0].set_folds(folds.clone());
        assert!(batch[0].words < alone, "the bio is no longer counted");
        assert!(
            later[0]
                .folds
                .iter()
                .any(|f| matches!(f.kind, crate::document::FoldKind::Repeated { documents: 2 }))
        );
    }
}
