//! The non-interactive subcommands (`quire list`, `quire bookmarks ...`,
//! `quire config`, `quire completions`, `quire man`) and the loading they
//! share with the reader. Each writes to the given
//! output and returns the exit code, so tests run them without a process.

use crate::bookmarks::Bookmarks;
use crate::cli::ExportFormat;
use crate::corpus::{self, Corpus, Input};
use crate::document::Document;
use crate::export;
use crate::format::Format;
use crate::search::{Hit, Options, Query};
use crate::sort::SortOrder;
use std::io::{self, Read, Write};
use std::sync::Arc;

/// Exit code for success.
pub const OK: u8 = 0;
/// Exit code for a usage error or an input that could not be read.
pub const INPUT_ERROR: u8 = 2;

/// The named inputs (read as `format` when it is given), or the bundled
/// articles when there are none.
pub fn load(paths: &[String], format: Option<Format>, stdin: &mut dyn Read) -> Corpus {
    if paths.is_empty() {
        return Corpus {
            documents: corpus::bundled(),
            problems: Vec::new(),
        };
    }
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    corpus::load_as(&inputs, format, stdin)
}

/// The documents bookmarks were made in, as they are now: the bundled
/// articles plus every recorded file that still exists.
pub fn documents_for(bookmarks: &Bookmarks) -> Vec<Document> {
    let mut docs = corpus::bundled();
    let mut inputs: Vec<Input> = Vec::new();
    for path in bookmarks
        .items
        .iter()
        .filter(|b| !b.deleted)
        .flat_map(|b| &b.document.paths)
    {
        let input = Input::Path(path.into());
        if !path.starts_with("bundled/")
            && std::path::Path::new(path).is_file()
            && !inputs.contains(&input)
        {
            inputs.push(input);
        }
    }
    docs.extend(corpus::load(&inputs, &mut io::empty()).documents);
    docs
}

/// The document `bookmark` was made in, as it is now, if its file (or
/// bundled article) is still there.
pub fn documents_of(bookmark: &crate::bookmarks::Bookmark) -> Vec<Document> {
    crate::bookmarks::files::read_recorded(&bookmark.document.paths)
        .into_iter()
        .collect()
}

/// Appends the documents of `more` not already in `docs` (same path and
/// text).
pub fn add_missing(docs: &mut Vec<Document>, more: Vec<Document>) {
    for doc in more {
        let path = doc.source.display_path();
        if !docs
            .iter()
            .any(|d| d.hash == doc.hash && d.source.display_path() == path)
        {
            docs.push(doc);
        }
    }
}

/// `quire list`: one line (or JSON object) per document.
pub fn list(corpus: &Corpus, json: bool, out: &mut dyn Write) -> io::Result<u8> {
    let unread = crate::positions::Positions::default();
    list_sorted(corpus, json, (SortOrder::Path, &unread), out)
}

/// `quire list --sort`: as [`list`], in the given order (`Read` needs the
/// reading positions).
pub fn list_sorted(
    corpus: &Corpus,
    json: bool,
    (order, reading): (SortOrder, &crate::positions::Positions),
    out: &mut dyn Write,
) -> io::Result<u8> {
    let docs = &corpus.documents;
    let read = |id: crate::store::DocId| reading.get(&docs[id.0]).map(|p| p.updated);
    for doc in crate::sort::sorted(docs, order, read)
        .into_iter()
        .map(|id| &docs[id.0])
    {
        if json {
            let value = serde_json::json!({
                "title": doc.title,
                "path": doc.source.display_path(),
                "words": doc.words,
                "passages": doc.passages.len(),
                "minutes": doc.minutes,
                "author": doc.meta.author,
                "date": doc.meta.date,
                "site": doc.meta.site,
                "url": doc.meta.url,
            });
            writeln!(out, "{}", export::json_text(&value))?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}",
                doc.title,
                doc.words,
                doc.source.display_path()
            )?;
        }
    }
    out.flush()?;
    // A folder that held nothing to read is not an input that failed.
    let failed = corpus
        .problems
        .iter()
        .any(|p| !p.opened && !p.message.starts_with(crate::corpus::NOTHING_OPENED));
    Ok(if failed {
        INPUT_ERROR
    } else if docs.is_empty() {
        NOTHING_OPENED
    } else {
        OK
    })
}

/// Exit code of `quire list` when no document opened and no input failed
/// (the problems say why), as `grep` exits 1 when nothing matched.
pub const NOTHING_OPENED: u8 = 1;

/// Exit code of `quire search` when nothing matched (as grep).
pub const NO_RESULTS: u8 = 1;

/// `quire search` over a loaded corpus (the bundled articles): ranked
/// results, one per line.
pub fn search(
    corpus: &Corpus,
    query: &str,
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Ok(NO_RESULTS);
    }
    let docs = crate::store::shared(corpus.documents.clone());
    let results = crate::search::scan(&docs, &query, &search_options(limit));
    print_hits(&docs, &results.hits, limit, json, out)
}

/// `quire search QUERY PATH...`: reads the files on every core and prints
/// the ranked matches; the bundled articles when there are no paths.
/// Problems go to `errors` first. Exit code 0 with results, 1 with none,
/// 2 when nothing could be read.
pub fn search_paths(
    (paths, format): (&[String], Option<Format>),
    stdin: &mut dyn Read,
    query: &str,
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<u8> {
    // The parallel reader tells formats by name; `--format` reads as the
    // reader and `quire show` do.
    if paths.is_empty() || format.is_some() {
        let corpus = load(paths, format, stdin);
        say_problems(&corpus.problems, errors)?;
        if corpus.documents.is_empty() && !corpus.problems.is_empty() {
            return Ok(INPUT_ERROR);
        }
        return search(&corpus, query, limit, json, out);
    }
    let parsed = Query::parse(query);
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    // An empty query matches nothing, but unreadable inputs still say so.
    let (found, problems, loaded) = if parsed.is_empty() {
        let corpus = corpus::load(&inputs, stdin);
        (None, corpus.problems, corpus.documents.len())
    } else {
        let mut found = crate::oneshot::search(&inputs, stdin, &parsed, &search_options(limit));
        let problems = std::mem::take(&mut found.problems);
        let loaded = found.loaded;
        (Some(found), problems, loaded)
    };
    say_problems(&problems, errors)?;
    if loaded == 0 && !problems.is_empty() {
        return Ok(INPUT_ERROR);
    }
    match found {
        Some(found) => print_hits(&found.documents, &found.results.hits, limit, json, out),
        None => Ok(NO_RESULTS),
    }
}

/// One `quire: ...` line per problem.
fn say_problems(problems: &[corpus::LoadProblem], errors: &mut dyn Write) -> io::Result<()> {
    for problem in problems {
        let message = crate::sanitize::sanitize_line(&problem.to_string());
        writeln!(errors, "quire: {message}")?;
    }
    Ok(())
}

/// Every hit up to `limit` is described (snippet and line), the width the
/// command line prints.
fn search_options(limit: Option<usize>) -> Options {
    Options {
        describe: limit.unwrap_or(usize::MAX),
        snippet_width: 100,
        title_positions: false,
    }
}

/// One line (or JSON object) per hit: `path:LINE: title — snippet`.
fn print_hits(
    docs: &[Arc<Document>],
    hits: &[Hit],
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    for hit in hits.iter().take(limit.unwrap_or(usize::MAX)) {
        let doc = &docs[hit.doc];
        let line = hit
            .best_passage
            .and_then(|p| doc.passages.get(p))
            .map_or(1, |p| p.line);
        let snippet = hit.snippet.as_ref().map_or("", |s| s.text.as_str());
        let path = doc.source.display_path();
        if json {
            let value = serde_json::json!({
                "path": path,
                "title": doc.title,
                "line": line,
                "score": hit.score,
                "snippet": snippet,
                "passages": hit.passage_matches,
            });
            writeln!(out, "{}", export::json_text(&value))?;
        } else if snippet.is_empty() {
            writeln!(out, "{path}:{line}: {}", doc.title)?;
        } else {
            writeln!(out, "{path}:{line}: {} — {snippet}", doc.title)?;
        }
    }
    out.flush()?;
    Ok(if hits.is_empty() { NO_RESULTS } else { OK })
}

/// `quire bookmarks list`.
pub fn bookmarks_list(
    bookmarks: &Bookmarks,
    docs: &[Arc<Document>],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let resolved = bookmarks.resolve(docs);
    for entry in export::entries(bookmarks, &resolved) {
        if json {
            writeln!(out, "{}", export::json_text(&export::json_line(&entry)))?;
        } else {
            writeln!(out, "{}", export::line(&entry))?;
        }
    }
    out.flush()?;
    Ok(OK)
}

/// Which bookmarks `quire bookmarks export` writes, and how.
#[derive(Debug, Clone, Default)]
pub struct ExportChoice {
    /// Only the bookmarks of the document read from this path.
    pub document: Option<String>,
    /// Only bookmarks made at or after this time (ms since the epoch).
    pub since: Option<u64>,
    /// The time of the export, for the Obsidian front matter.
    pub now: u64,
}

/// True when `entry` is one `choice` selects.
fn chosen(entry: &export::Entry, docs: &[Arc<Document>], choice: &ExportChoice) -> bool {
    let b = entry.bookmark;
    if choice.since.is_some_and(|since| b.created < since) {
        return false;
    }
    let Some(wanted) = &choice.document else {
        return true;
    };
    let absolute = |p: &str| std::path::absolute(p).ok();
    let wanted_abs = absolute(wanted);
    let now_at = entry
        .found
        .and_then(|r| docs.get(r.doc.0))
        .map(|d| d.source.display_path());
    b.document
        .paths
        .iter()
        .chain(now_at.as_ref())
        .any(|p| p == wanted || (wanted_abs.is_some() && absolute(p) == wanted_abs))
}

/// `quire bookmarks export`.
pub fn bookmarks_export(
    bookmarks: &Bookmarks,
    docs: &[Arc<Document>],
    format: ExportFormat,
    choice: &ExportChoice,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let resolved = bookmarks.resolve(docs);
    let entries: Vec<export::Entry> = export::entries_with_urls(bookmarks, &resolved, docs)
        .into_iter()
        .filter(|e| chosen(e, docs, choice))
        .collect();
    let options = export::MarkdownOptions {
        obsidian: format == ExportFormat::Obsidian,
        exported: choice.now,
    };
    match format {
        ExportFormat::Markdown | ExportFormat::Obsidian => {
            write!(out, "{}", export::markdown(&entries, docs, options))?
        }
        ExportFormat::Json => {
            let collection = export::annotation_collection(&entries);
            writeln!(out, "{}", export::json_text_pretty(&collection))?;
        }
    }
    out.flush()?;
    Ok(OK)
}

/// `quire bookmarks import`: adds the annotations of `json` to `set`,
/// anchored in `docs`; says on `report` what was added and what could not
/// be placed. Exit code 0 when every annotation was placed (or was there
/// already), 1 when some were not, 2 when the file is not JSON.
pub fn bookmarks_import(
    set: &mut Bookmarks,
    json: &str,
    docs: &[Arc<Document>],
    now: std::time::SystemTime,
    report: &mut dyn Write,
) -> io::Result<u8> {
    let (incoming, skipped) = match crate::import::parse(json) {
        Ok(read) => read,
        Err(message) => {
            writeln!(report, "quire: {message}")?;
            return Ok(INPUT_ERROR);
        }
    };
    let done = crate::import::place_all(set, &incoming, docs, now);
    writeln!(
        report,
        "quire: {} bookmark(s) added, {} already there",
        done.added, done.already
    )?;
    for (source, quote) in &done.unplaced {
        let source = crate::sanitize::sanitize_line(source);
        writeln!(
            report,
            "quire: not placed (no open document holds it): “{quote}” from {source}; give its file or folder after the import file"
        )?;
    }
    if skipped > 0 {
        writeln!(
            report,
            "quire: {skipped} annotation(s) skipped: no text quote to place"
        )?;
    }
    Ok(if done.unplaced.is_empty() {
        OK
    } else {
        NO_RESULTS
    })
}

/// The documents an import can anchor in: those of the bookmarks kept,
/// the files the annotations name, and `paths`.
pub fn documents_for_import(set: &Bookmarks, json: &str, paths: &[String]) -> Vec<Document> {
    let mut docs = documents_for(set);
    let named: Vec<String> = crate::import::parse(json)
        .map(|(items, _)| items.into_iter().filter_map(|i| i.source).collect())
        .unwrap_or_default();
    let files: Vec<Input> = named
        .iter()
        .filter(|p| std::path::Path::new(p).is_file())
        .map(|p| Input::Path(p.into()))
        .collect();
    add_missing(&mut docs, corpus::load(&files, &mut io::empty()).documents);
    if !paths.is_empty() {
        add_missing(&mut docs, load(paths, None, &mut io::empty()).documents);
    }
    docs
}

/// `quire config --default`: the complete default config.
pub fn config_default(out: &mut dyn Write) -> io::Result<u8> {
    out.write_all(crate::config::default_toml().as_bytes())?;
    out.flush()?;
    Ok(OK)
}

/// `quire config --init`: writes the default config to `path`, making its
/// folder, and never over an existing file (a user's settings would be
/// lost). Says what it did, or what to do instead.
pub fn config_init(path: &std::path::Path) -> anyhow::Result<String> {
    use anyhow::Context as _;
    let shown = crate::sanitize::sanitize_line(&path.to_string_lossy());
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot make the folder for the config file {shown}"))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{shown} already exists and is left as it is; edit it, or move it away and run `quire config --init` again (`quire config --default` prints the defaults)"
        ),
        other => other.with_context(|| format!("cannot create the config file {shown}"))?,
    };
    file.write_all(crate::config::default_toml().as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the config file {shown}"))?;
    Ok(format!("Wrote the default config to {shown}"))
}

/// `quire completions SHELL`: the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<u8> {
    use clap::CommandFactory;
    // Generated into memory first: clap_complete panics when its writer
    // fails, and a closed pipe is not worth a panic.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "quire", &mut script);
    out.write_all(&script)?;
    out.flush()?;
    Ok(OK)
}

/// `quire man`: the man page, from the same clap definitions as `--help`.
pub fn man(out: &mut dyn Write) -> io::Result<u8> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command()).render(&mut page)?;
    out.write_all(&page)?;
    out.write_all(crate::keymap::man_section(&crate::keymap::Keymap::default()).as_bytes())?;
    out.flush()?;
    Ok(OK)
}

/// The bookmark whose id is `id` or starts with it, if exactly one does.
pub fn find_bookmark(bookmarks: &Bookmarks, id: &str) -> Result<usize, String> {
    let hits: Vec<usize> = bookmarks
        .live()
        .filter(|&i| bookmarks.items[i].id.starts_with(id))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "no bookmark has the id {id:?}; `quire bookmarks list` shows them"
        )),
        _ => Err(format!(
            "{} bookmarks start with {id:?}; give more of the id",
            hits.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::Bookmark;
    use std::time::SystemTime;

    fn bookmarks_on(docs: &[Arc<Document>]) -> Bookmarks {
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&docs[3], 2, 2, SystemTime::now()).unwrap());
        set
    }

    #[test]
    fn list_prints_title_words_and_path() {
        let corpus = load(&[], None, &mut io::empty());
        let mut out = Vec::new();
        assert_eq!(list(&corpus, false, &mut out).unwrap(), OK);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 5);
        assert!(text.lines().all(|l| l.split('\t').count() == 3));
    }

    #[test]
    fn completions_and_man_page_are_generated() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::Elvish,
            clap_complete::Shell::PowerShell,
        ] {
            let mut out = Vec::new();
            assert_eq!(completions(shell, &mut out).unwrap(), OK);
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("bookmarks"), "{shell}");
        }
        let mut out = Vec::new();
        man(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with(".ie"), "{}", &page[..40]);
        assert!(page.contains(".TH quire 1"));
        assert!(page.contains("completions"));
    }

    #[test]
    fn config_default_prints_a_config_that_parses() {
        let mut out = Vec::new();
        config_default(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(crate::config::parse(&text).is_ok());
    }

    #[test]
    fn bookmarks_list_reports_status() {
        let docs = crate::store::shared(corpus::bundled());
        let set = bookmarks_on(&docs);
        let mut out = Vec::new();
        bookmarks_list(&set, &docs, true, &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["status"], "anchored");
        assert_eq!(value["path"], "bundled/003_fd6c087db6292609.txt");
        let mut out = Vec::new();
        bookmarks_list(&set, &[], true, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("\"orphan\""));
    }

    fn search_lines(query: &str, json: bool) -> (u8, String) {
        let corpus = load(&[], None, &mut io::empty());
        let mut out = Vec::new();
        let code = search(&corpus, query, None, json, &mut out).unwrap();
        (code, String::from_utf8(out).unwrap())
    }

    #[test]
    fn search_finds_exactly_the_alipay_articles() {
        let (code, out) = search_lines("alipay", true);
        assert_eq!(code, OK);
        let paths: Vec<String> = out
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            vec![
                "bundled/003_fd6c087db6292609.txt",
                "bundled/004_a0441e917eaabe1d.txt"
            ]
        );
    }

    #[test]
    fn search_for_a_phrase_prints_path_line_title_and_snippet() {
        let (code, out) = search_lines("\"red envelope\"", false);
        assert_eq!(code, OK);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        for line in lines {
            let mut parts = line.splitn(3, ':');
            let (path, number, rest) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            assert!(
                path == "bundled/000_dffff2a86dc4afee.txt"
                    || path == "bundled/003_fd6c087db6292609.txt",
                "{line}"
            );
            let number: usize = number.parse().unwrap();
            assert!(number > 1);
            assert!(
                rest.contains(" — ") && rest.to_lowercase().contains("red envelope"),
                "{line}"
            );
        }
    }

    #[test]
    fn search_reports_the_line_of_the_best_passage() {
        let corpus = load(&[], None, &mut io::empty());
        let (code, out) = search_lines("\"red envelope\"", true);
        assert_eq!(code, OK);
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let doc = corpus
                .documents
                .iter()
                .find(|d| d.source.display_path() == v["path"])
                .unwrap();
            let number = v["line"].as_u64().unwrap() as usize;
            let text_line = doc.text.lines().nth(number - 1).unwrap().to_lowercase();
            assert!(
                text_line.contains("red envelope"),
                "line {number}: {text_line}"
            );
        }
    }

    #[test]
    fn no_results_exit_1() {
        assert_eq!(search_lines("qzxjv", false), (NO_RESULTS, String::new()));
    }

    #[test]
    fn ids_match_by_prefix() {
        let docs = crate::store::shared(corpus::bundled());
        let set = bookmarks_on(&docs);
        let id = set.items[0].id.clone();
        assert_eq!(find_bookmark(&set, &id[..4]), Ok(0));
        assert!(
            find_bookmark(&set, "zzzz")
                .unwrap_err()
                .contains("bookmarks list")
        );
    }

    #[test]
    fn export_chooses_by_document_and_date() {
        let docs = crate::store::shared(corpus::bundled());
        let day = |d: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(d * 86_400);
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&docs[3], 2, 2, day(10)).unwrap());
        set.push(Bookmark::new(&docs[1], 1, 1, day(20)).unwrap());
        let run = |choice: ExportChoice| {
            let mut out = Vec::new();
            bookmarks_export(&set, &docs, ExportFormat::Json, &choice, &mut out).unwrap();
            let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
            value["total"].as_u64().unwrap()
        };
        assert_eq!(run(ExportChoice::default()), 2);
        let since = ExportChoice {
            since: Some(crate::bookmarks::millis(day(15))),
            ..ExportChoice::default()
        };
        assert_eq!(run(since), 1);
        let one = ExportChoice {
            document: Some(docs[3].source.display_path()),
            ..ExportChoice::default()
        };
        assert_eq!(run(one), 1);
        let none = ExportChoice {
            document: Some("elsewhere.md".into()),
            ..ExportChoice::default()
        };
        assert_eq!(run(none), 0);
    }

    #[test]
    fn documents_for_finds_moved_files_by_recorded_paths() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("note.txt");
        std::fs::write(&file, "Note\n\nbody").unwrap();
        let doc = Document::new(
            crate::document::Source::File(file.clone()),
            "Note\n\nbody".into(),
        );
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&doc, 0, 0, SystemTime::now()).unwrap());
        let docs = documents_for(&set);
        assert_eq!(docs.len(), 6);
        let found = set.resolve(&crate::store::shared(docs))[0].unwrap().doc;
        assert_eq!(found, crate::store::DocId(5));
    }
}
