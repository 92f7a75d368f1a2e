//! The order of the unfiltered list: by path (the order folders are read
//! in: a folder's front page, its files, then its subfolders), title, date, length or when last read. `s` cycles through them,
//! `quire list --sort` picks one; the choice is kept with the layout. A
//! filter always ranks by relevance.

use crate::document::Document;
use crate::store::DocId;
use std::borrow::Borrow;
use std::cmp::Reverse;
use std::time::SystemTime;

/// How the unfiltered list is ordered.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// By path: folder by folder, as the files are read.
    #[default]
    Path,
    /// By title, ignoring case.
    Title,
    /// Newest first: the published date a page gives, else when its file
    /// was last modified; documents with neither after.
    Date,
    /// Longest first, by word count.
    Words,
    /// Most recently read first; unread documents after.
    Read,
}

impl SortOrder {
    /// The order `s` switches to.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Path => SortOrder::Title,
            SortOrder::Title => SortOrder::Date,
            SortOrder::Date => SortOrder::Words,
            SortOrder::Words => SortOrder::Read,
            SortOrder::Read => SortOrder::Path,
        }
    }

    /// As the list's border and the status line name it.
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Path => "by path",
            SortOrder::Title => "by title",
            SortOrder::Date => "by date",
            SortOrder::Words => "by length",
            SortOrder::Read => "by recently read",
        }
    }
}

/// The ids of `docs` in `order`; `read` gives when a document was last
/// read (ms since the epoch), if it was. Ties keep load order, so the
/// list is the same on every run.
pub fn sorted<D: Borrow<Document>>(
    docs: &[D],
    order: SortOrder,
    read: impl Fn(DocId) -> Option<u64>,
) -> Vec<DocId> {
    let mut ids: Vec<DocId> = DocId::all_in(0..docs.len()).collect();
    let docs: Vec<&Document> = docs.iter().map(Borrow::borrow).collect();
    match order {
        SortOrder::Path => ids.sort_by_cached_key(|&i| path_key(docs[i.0])),
        SortOrder::Title => ids.sort_by_cached_key(|&i| docs[i.0].title.to_lowercase()),
        SortOrder::Date => ids.sort_by_cached_key(|&i| Reverse(date(docs[i.0]))),
        SortOrder::Words => ids.sort_by_key(|&i| Reverse(docs[i.0].words)),
        SortOrder::Read => ids.sort_by_cached_key(|&i| Reverse(read(i))),
    }
    ids
}

fn path_key(doc: &Document) -> Vec<u8> {
    match &doc.source {
        crate::document::Source::File(path) => crate::corpus::load_order_key(path),
        other => other.display_path().into_bytes(),
    }
}

/// The published day (its start, UTC) when the page gives one as an ISO
/// date, else the file's modification time: a folder of notes and READMEs
/// names no dates, and its files' times are all there is to go by.
fn date(doc: &Document) -> Option<SystemTime> {
    let published = doc
        .meta
        .date
        .as_deref()
        .and_then(|day| humantime::parse_rfc3339(&format!("{day}T00:00:00Z")).ok());
    published.or(doc.modified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;
    use std::path::PathBuf;

    fn doc(path: &str, text: &str, date: Option<&str>) -> Document {
        let mut d = Document::new(Source::File(PathBuf::from(path)), text.to_string());
        let mut meta = (*d.meta).clone();
        meta.date = date.map(String::from);
        d.meta = std::sync::Arc::new(meta);
        d
    }

    fn docs() -> Vec<Document> {
        vec![
            doc("b/zebra.md", "zebra\n\none two three", Some("2024-01-02")),
            doc("a/apple.md", "Apple\n\none", None),
            doc(
                "a/mango.md",
                "mango\n\none two three four five",
                Some("2025-06-30"),
            ),
        ]
    }

    /// The ids `sorted` gives, as numbers.
    fn order(docs: &[Document], by: SortOrder, read: impl Fn(DocId) -> Option<u64>) -> Vec<usize> {
        sorted(docs, by, read).into_iter().map(|id| id.0).collect()
    }

    #[test]
    fn each_order_lists_what_it_says() {
        let d = docs();
        let none = |_| None;
        assert_eq!(order(&d, SortOrder::Path, none), [1, 2, 0]);
        assert_eq!(order(&d, SortOrder::Title, none), [1, 2, 0]);
        assert_eq!(order(&d, SortOrder::Date, none), [2, 0, 1]);
        assert_eq!(order(&d, SortOrder::Words, none), [2, 0, 1]);
        let read = |id: DocId| [Some(5), None, Some(9)][id.0];
        assert_eq!(order(&d, SortOrder::Read, read), [2, 0, 1]);
    }

    #[test]
    fn undated_files_sort_by_when_they_were_last_modified() {
        let dir = tempfile::tempdir().unwrap();
        let day = std::time::Duration::from_secs(86_400);
        let now = SystemTime::now();
        for (name, age) in [("a-old.txt", 30), ("b-new.txt", 1), ("c-mid.txt", 7)] {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("{name}\n\nNo date in here.")).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(now - day * age).unwrap();
        }
        let input = crate::corpus::Input::Path(dir.path().to_path_buf());
        let docs = crate::corpus::load(&[input], &mut std::io::empty()).documents;
        let titles: Vec<&str> = sorted(&docs, SortOrder::Date, |_| None)
            .into_iter()
            .map(|id| docs[id.0].title.as_str())
            .collect();
        assert_eq!(titles, ["b-new.txt", "c-mid.txt", "a-old.txt"]);
    }

    #[test]
    fn a_published_date_comes_before_the_file_time() {
        let mut d = docs();
        d[1].modified = humantime::parse_rfc3339("2024-06-01T12:00:00Z").ok();
        d[2].modified = humantime::parse_rfc3339("2020-01-01T00:00:00Z").ok();
        assert_eq!(order(&d, SortOrder::Date, |_| None), [2, 1, 0]);
    }

    #[test]
    fn s_cycles_through_every_order_and_back() {
        let mut order = SortOrder::default();
        let mut seen = vec![order];
        for _ in 0..5 {
            order = order.next();
            seen.push(order);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(seen.len(), 6);
    }
}
