//! The benchmarks of loading, as the reader does it: the generated corpus
//! written to a folder of files, then `Worker::start` on that folder (the
//! path `quire DIR` takes), timing the first frame drawn into a
//! `TestBackend`, the first documents on screen, the end of loading and
//! the end of indexing.

use super::corpus_gen;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::corpus::Input;
use quire::worker::{LoadPlan, Report, Worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Writes `count` generated articles to `dir/articles/NNNNNN.txt` and one
/// line per paragraph (blank-line separated, line breaks joined) to
/// `dir/paragraphs.txt`, for fzf. Returns the bytes of the articles.
pub fn write_corpus(seed: u64, count: usize, dir: &Path) -> std::io::Result<usize> {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles)?;
    let mut lines = BufWriter::new(std::fs::File::create(dir.join("paragraphs.txt"))?);
    let mut bytes = 0;
    let mut result = Ok(());
    corpus_gen::generate(seed, count, |i, text| {
        bytes += text.len();
        if result.is_ok() {
            result = std::fs::write(articles.join(format!("{i:06}.txt")), &text);
        }
        for paragraph in text.split("\n\n").skip(1) {
            let line = paragraph.trim().replace('\n', " ");
            if !line.is_empty() && result.is_ok() {
                result = writeln!(lines, "{line}");
            }
        }
    });
    result?;
    lines.flush()?;
    Ok(bytes)
}

/// User+sys CPU time of this whole process (every thread).
pub fn process_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// One run from `Worker::start` to a fully indexed corpus.
#[derive(Debug, Clone, Copy)]
pub struct LoadRun {
    /// Start to the first frame drawn (whatever has arrived by then).
    pub first_frame: Duration,
    /// Start to a frame showing at least one document.
    pub first_documents: Duration,
    /// Start to `LoadFinished` (every file read and parsed).
    pub loaded: Duration,
    /// Start to a search result covering every document (all indexed).
    pub indexed: Duration,
    /// Process CPU time over the whole run (both worker threads).
    pub cpu: Duration,
    pub documents: usize,
}

/// Runs the reader's loading path on `dir` as `main.rs` does for
/// `quire DIR`, drawing frames into a 100x30 `TestBackend` the way the
/// event loop does. Indexing is known to be complete when a query that
/// matches every document (`-qzxjv`, an exclusion only) reports as many
/// hits as there are documents.
pub fn load_run(dir: &Path) -> LoadRun {
    let start = Instant::now();
    let cpu0 = process_cpu();
    let mut app = App::new(Vec::new(), Vec::new(), Bookmarks::default());
    app.loading = true;
    let worker = Worker::start(
        LoadPlan::Inputs(vec![Input::Path(dir.into())], None),
        app.docs.clone(),
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    let services = quire::tui::Services {
        worker: Some(&worker),
        ..Default::default()
    };
    quire::tui::apply(&mut app, quire::action::Action::Resize(100, 30), &services);
    let mut draw = |app: &App| {
        terminal
            .draw(|frame| quire::ui::render(app, frame))
            .expect("draw");
    };
    draw(&app);
    let first_frame = start.elapsed();
    let mut first_documents = None;
    let mut loaded = None;
    let mut asked = false;
    let deadline = start + Duration::from_secs(600);
    while Instant::now() < deadline {
        let Some(report) = worker.next_report(Duration::from_millis(5)) else {
            continue;
        };
        match report {
            Report::Loaded(problems) => {
                let action = quire::action::Action::DocumentsLoaded(Vec::new(), problems);
                quire::tui::apply(&mut app, action, &services);
                if first_documents.is_none() && !app.docs.is_empty() {
                    draw(&app);
                    first_documents = Some(start.elapsed());
                }
            }
            Report::Measured(doc, measure) => {
                let action = quire::action::Action::DocumentMeasured(doc, measure);
                quire::tui::apply(&mut app, action, &services);
            }
            Report::Refolded(folds) => {
                let action = quire::action::Action::DocumentsRefolded(folds);
                quire::tui::apply(&mut app, action, &services);
            }
            Report::LoadFinished => {
                quire::tui::apply(&mut app, quire::action::Action::LoadFinished, &services);
                loaded = Some(start.elapsed());
                worker.search(
                    1,
                    std::sync::Arc::new(quire::search::Query::parse("-qzxjv")),
                    80,
                );
                asked = true;
            }
            // Nothing is read again, and no bookmark opened, here.
            Report::Reloaded(..) | Report::BookmarkDocument(..) => {}
            Report::Results { hits, .. } => {
                if asked && loaded.is_some() && hits.len() == app.docs.len() {
                    break;
                }
            }
        }
    }
    LoadRun {
        first_frame,
        first_documents: first_documents.unwrap_or_default(),
        loaded: loaded.unwrap_or_default(),
        indexed: start.elapsed(),
        cpu: process_cpu().saturating_sub(cpu0),
        documents: app.docs.len(),
    }
}
