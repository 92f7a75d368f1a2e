//! The non-interactive subcommands (`quire list`, `quire bookmarks ...`)
//! and the loading they share with the reader. Each writes to the given
//! output and returns the exit code, so tests run them without a process.

use crate::bookmarks::Bookmarks;
use crate::cli::ExportFormat;
use crate::corpus::{self, Corpus, Input};
use crate::document::Document;
use crate::export;
use std::io::{self, Read, Write};

/// Exit code for success.
pub const OK: u8 = 0;
/// Exit code for a usage error or an input that could not be read.
pub const INPUT_ERROR: u8 = 2;

/// The named inputs, or the bundled articles when there are none.
pub fn load(paths: &[String], stdin: &mut dyn Read) -> Corpus {
    if paths.is_empty() {
        return Corpus {
            documents: corpus::bundled(),
            problems: Vec::new(),
        };
    }
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    corpus::load(&inputs, stdin)
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

/// `quire list`: one line (or JSON object) per document.
pub fn list(corpus: &Corpus, json: bool, out: &mut dyn Write) -> io::Result<u8> {
    for doc in &corpus.documents {
        if json {
            let value = serde_json::json!({
                "title": doc.title,
                "path": doc.source.display_path(),
                "words": doc.words,
                "passages": doc.passages.len(),
                "minutes": doc.minutes,
            });
            writeln!(out, "{value}")?;
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
    let failed = corpus.problems.iter().any(|p| !p.opened);
    Ok(if failed { INPUT_ERROR } else { OK })
}

/// `quire bookmarks list`.
pub fn bookmarks_list(
    bookmarks: &Bookmarks,
    docs: &[Document],
    json: bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let resolved = bookmarks.resolve(docs);
    for entry in export::entries(bookmarks, &resolved) {
        if json {
            writeln!(out, "{}", export::json_line(&entry))?;
        } else {
            writeln!(out, "{}", export::line(&entry))?;
        }
    }
    out.flush()?;
    Ok(OK)
}

/// `quire bookmarks export`.
pub fn bookmarks_export(
    bookmarks: &Bookmarks,
    docs: &[Document],
    format: ExportFormat,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let resolved = bookmarks.resolve(docs);
    let entries = export::entries(bookmarks, &resolved);
    match format {
        ExportFormat::Markdown => write!(out, "{}", export::markdown(&entries))?,
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &export::annotation_collection(&entries))?;
            writeln!(out)?;
        }
    }
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

    fn bookmarks_on(docs: &[Document]) -> Bookmarks {
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&docs[3], 2, 2, SystemTime::now()).unwrap());
        set
    }

    #[test]
    fn list_prints_title_words_and_path() {
        let corpus = load(&[], &mut io::empty());
        let mut out = Vec::new();
        assert_eq!(list(&corpus, false, &mut out).unwrap(), OK);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 5);
        assert!(text.lines().all(|l| l.split('\t').count() == 3));
    }

    #[test]
    fn bookmarks_list_reports_status() {
        let docs = corpus::bundled();
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

    #[test]
    fn ids_match_by_prefix() {
        let docs = corpus::bundled();
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
        assert_eq!(set.resolve(&docs)[0].unwrap().doc, 5);
    }
}
