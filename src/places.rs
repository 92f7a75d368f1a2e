//! Where each document lives, as the list shows it: its folder relative to
//! the folders opened (`2018-edition`, `src/guide`), and for documents that
//! share a title, the shortest end of their paths that tells them apart.
//!
//! Kept up to date as files load ([`Places::add`]); a label is made only
//! for the rows on screen ([`Places::label`]), so a folder of 100,000
//! files costs one map entry per title, not a string per document.

use crate::document::{Document, Source};
use crate::store::DocId;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The folder every file's folder is under, and which documents share
/// each title.
#[derive(Debug, Default, Clone)]
pub struct Places {
    root: Option<PathBuf>,
    by_title: HashMap<String, Vec<DocId>>,
    /// The documents of each folder whose titles end with each site-like
    /// suffix.
    suffixes: HashMap<(PathBuf, String), Vec<DocId>>,
}

/// A title suffix shared by this many titles of a folder is the site's
/// name (` - The Rust Programming Language`): not shown in each row, and
/// the documents' site when their pages name none.
const SHARED_SUFFIX: usize = 3;

/// The title before a site-like suffix, and the suffix: the part after
/// the last ` - `, ` | `, ` — `, ` – ` or ` · `, else a closing group in
/// parentheses (`The Basics (libffi manual)`, as Texinfo names pages).
fn split_site(title: &str) -> Option<(&str, &str)> {
    let (head, site) = match [" - ", " | ", " — ", " – ", " · "]
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
        .max()
    {
        Some((at, len)) => (title[..at].trim(), title[at + len..].trim()),
        None => closing_group(title)?,
    };
    (!head.is_empty() && !site.is_empty()).then_some((head, site))
}

/// `Head (group)`: the head and the group's text, when the title ends
/// with a parenthesized group of two words or more after a space.
fn closing_group(title: &str) -> Option<(&str, &str)> {
    let inner = title.strip_suffix(')')?;
    let mut depth = 0;
    for (at, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let head = inner[..at].strip_suffix(' ')?;
                let group = inner[at + 1..].trim();
                // A name, not a one-word status such as "(draft)".
                let named = group.split_whitespace().nth(1).is_some();
                return named.then(|| (head.trim(), group));
            }
            _ => {}
        }
    }
    None
}

impl Places {
    /// Places for `docs`.
    pub fn new<D: Borrow<Document>>(docs: &[D]) -> Places {
        let mut places = Places::default();
        let _ = places.add(docs, 0);
        places
    }

    /// Places for `docs`, each of which takes its folder's shared title
    /// suffix as its site when its page names none (see [`Places::add`]).
    pub fn naming_sites(docs: &mut [Document]) -> Places {
        let mut places = Places::default();
        for i in places.add(docs, 0) {
            if let Some(doc) = docs.get_mut(i.0) {
                places.name_site(doc);
            }
        }
        places
    }

    /// Takes in the documents from `from` on (just loaded); gives the
    /// documents (any, not only those from `from` on) whose title suffix
    /// has now been seen across their folder and whose page named no
    /// site: [`Places::name_site`] gives them theirs.
    #[must_use]
    pub fn add<D: Borrow<Document>>(&mut self, docs: &[D], from: usize) -> Vec<DocId> {
        let mut unnamed = Vec::new();
        for (i, doc) in docs.iter().map(Borrow::borrow).enumerate().skip(from) {
            let i = DocId(i);
            self.by_title.entry(doc.title.clone()).or_default().push(i);
            if let (Some(folder), Some((_, site))) = (folder(doc), split_site(&doc.title)) {
                let sharing = self
                    .suffixes
                    .entry((folder.to_path_buf(), site.to_string()))
                    .or_default();
                sharing.push(i);
                // All of them when the suffix has just become shared.
                let new = match sharing.len() {
                    n if n < SHARED_SUFFIX => &[][..],
                    SHARED_SUFFIX => &sharing[..],
                    _ => &sharing[sharing.len() - 1..],
                };
                let no_site = |&&d: &&DocId| {
                    docs.get(d.0)
                        .is_some_and(|d| d.borrow().meta.site.is_none())
                };
                unnamed.extend(new.iter().filter(no_site));
            }
            if let Some(folder) = folder(doc) {
                self.root = Some(match self.root.take() {
                    None => folder.to_path_buf(),
                    Some(root) => common(&root, folder),
                });
            }
        }
        unnamed
    }

    /// The title as the list shows it: without a suffix that repeats
    /// across its folder's titles or names the page's site.
    pub fn title<'d>(&self, doc: &'d Document) -> &'d str {
        match split_site(&doc.title) {
            Some((head, site))
                if self.shared(doc, site) || doc.meta.site.as_deref() == Some(site) =>
            {
                head
            }
            _ => &doc.title,
        }
    }

    /// Gives `doc` its folder's shared title suffix as its site, when its
    /// page names none: the byline and `quire list --json` then say
    /// "The Rust Programming Language" for every page of the book.
    pub fn name_site(&self, doc: &mut Document) {
        if doc.meta.site.is_some() {
            return;
        }
        if let Some((_, site)) = split_site(&doc.title).filter(|(_, s)| self.shared(doc, s)) {
            let meta = std::sync::Arc::make_mut(&mut doc.meta);
            meta.site = Some(site.to_string());
            meta.site_from_titles = true;
        }
    }

    /// True when `site` ends the titles of enough documents in `doc`'s
    /// folder to be the site's name.
    fn shared(&self, doc: &Document, site: &str) -> bool {
        folder(doc).is_some_and(|f| {
            self.suffixes
                .get(&(f.to_path_buf(), site.to_string()))
                .is_some_and(|docs| docs.len() >= SHARED_SUFFIX)
        })
    }

    /// Forgets everything (documents were replaced).
    pub fn clear(&mut self) {
        *self = Places::default();
    }

    /// Where document `doc` lives: its folder below the common one, or,
    /// when other documents have its title, the shortest end of its path
    /// that differs from theirs. Empty for a document in the top folder
    /// with a title of its own, and for bundled articles.
    pub fn label<D: Borrow<Document>>(&self, docs: &[D], doc: DocId) -> String {
        let Some(parts) = docs.get(doc.0).and_then(|d| self.parts(d.borrow())) else {
            return String::new();
        };
        let folders = &parts[..parts.len() - 1];
        let others: Vec<Vec<String>> = self
            .by_title
            .get(&docs[doc.0].borrow().title)
            .into_iter()
            .flatten()
            .filter(|&&o| o != doc)
            .filter_map(|&o| docs.get(o.0).and_then(|d| self.parts(d.borrow())))
            .collect();
        if others.is_empty() {
            return folders.join("/");
        }
        // The fewest trailing folders no namesake shares; the file name too
        // when they are all in the same folder.
        for k in 1..=folders.len() {
            let end = &folders[folders.len() - k..];
            let shared = others.iter().any(|o| {
                let theirs = &o[..o.len() - 1];
                theirs.len() >= k && &theirs[theirs.len() - k..] == end
            });
            if !shared {
                return end.join("/");
            }
        }
        let same_folder = others.iter().any(|o| o[..o.len() - 1] == *folders);
        match (folders.is_empty(), same_folder) {
            (_, true) => parts.join("/"),
            (true, false) => "./".to_string(),
            (false, false) => folders.join("/"),
        }
    }

    /// The path below the common folder, as sanitized components; the
    /// last is the file name.
    fn parts(&self, doc: &Document) -> Option<Vec<String>> {
        let Source::File(path) = &doc.source else {
            return None;
        };
        let below = self
            .root
            .as_deref()
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        let parts: Vec<String> = below
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => {
                    Some(crate::sanitize::sanitize_line(&part.to_string_lossy()))
                }
                _ => None,
            })
            .collect();
        (!parts.is_empty()).then_some(parts)
    }
}

fn folder(doc: &Document) -> Option<&Path> {
    match &doc.source {
        Source::File(path) => Some(path.parent().unwrap_or(Path::new(""))),
        _ => None,
    }
}

/// The longest folder both `a` and `b` are in.
fn common(a: &Path, b: &Path) -> PathBuf {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, title: &str) -> Document {
        Document::new(
            Source::File(PathBuf::from(path)),
            format!("{title}\n\nSome text."),
        )
    }

    fn labels(docs: &[Document]) -> Vec<String> {
        let places = Places::new(docs);
        DocId::all_in(0..docs.len())
            .map(|id| places.label(docs, id))
            .collect()
    }

    #[test]
    fn a_document_is_placed_in_its_folder_below_the_one_opened() {
        let docs = vec![
            doc("/books/rust/intro.html", "Intro"),
            doc("/books/rust/2018-edition/types.html", "Types"),
            doc("/books/rust/guide/deep/x.md", "X"),
        ];
        assert_eq!(labels(&docs), ["", "2018-edition", "guide/deep"]);
    }

    #[test]
    fn namesakes_are_told_apart_by_the_shortest_end_of_their_paths() {
        let docs = vec![
            doc("/r/phf-0.11/README.md", "Rust-PHF"),
            doc("/r/phf_shared-0.11/README.md", "Rust-PHF"),
            doc("/r/a/deep/data.html", "Data Types"),
            doc("/r/b/deep/data.html", "Data Types"),
            doc("/r/data.html", "Data Types"),
            doc("/r/same/one.md", "Usage"),
            doc("/r/same/two.md", "Usage"),
        ];
        assert_eq!(
            labels(&docs),
            [
                "phf-0.11",
                "phf_shared-0.11",
                "a/deep",
                "b/deep",
                "./",
                "same/one.md",
                "same/two.md"
            ]
        );
    }

    #[test]
    fn a_suffix_repeated_across_a_folder_is_not_shown_in_each_title() {
        let docs = vec![
            doc("/b/a.html", "Closures - The Rust Programming Language"),
            doc("/b/b.html", "Traits - The Rust Programming Language"),
            doc("/b/c.html", "Enums - The Rust Programming Language"),
            doc("/b/d.html", "Rust - A Language Empowering Everyone"),
            doc("/other/e.html", "Traits - The Rust Programming Language"),
        ];
        let places = Places::new(&docs);
        let shown: Vec<&str> = docs.iter().map(|d| places.title(d)).collect();
        assert_eq!(
            shown,
            [
                "Closures",
                "Traits",
                "Enums",
                "Rust - A Language Empowering Everyone",
                "Traits - The Rust Programming Language"
            ]
        );
    }

    #[test]
    fn a_manual_named_in_parentheses_across_a_folder_is_its_site() {
        let manual = "libffi: the portable foreign function interface library";
        let docs = vec![
            doc("/m/a.html", &format!("The Basics ({manual})")),
            doc("/m/b.html", &format!("Closure Example ({manual})")),
            doc("/m/c.html", &format!("Types (part 2) ({manual})")),
            doc("/m/d.html", "Release notes (2024)"),
            doc("/d/a.md", "Budget plan (draft)"),
            doc("/d/b.md", "Hiring plan (draft)"),
            doc("/d/c.md", "Roadmap plan (draft)"),
        ];
        let places = Places::new(&docs);
        let shown: Vec<&str> = docs.iter().map(|d| places.title(d)).collect();
        assert_eq!(
            shown,
            [
                "The Basics",
                "Closure Example",
                "Types (part 2)",
                "Release notes (2024)",
                "Budget plan (draft)",
                "Hiring plan (draft)",
                "Roadmap plan (draft)"
            ]
        );
    }

    fn book() -> Vec<Document> {
        let mut named = doc("/b/n.html", "Named - The Rust Programming Language");
        std::sync::Arc::make_mut(&mut named.meta).site = Some("Rust Docs".into());
        vec![
            doc("/b/a.html", "Closures - The Rust Programming Language"),
            doc("/b/b.html", "Traits - The Rust Programming Language"),
            named,
            doc("/b/c.html", "Enums - The Rust Programming Language"),
            doc("/b/d.html", "Rust - A Language Empowering Everyone"),
            doc("/other/e.html", "Traits - The Rust Programming Language"),
        ]
    }

    #[test]
    fn a_suffix_repeated_across_a_folder_becomes_the_site_of_pages_naming_none() {
        let mut docs = book();
        let places = Places::naming_sites(&mut docs);
        let sites: Vec<Option<&str>> = docs.iter().map(|d| d.meta.site.as_deref()).collect();
        let book = Some("The Rust Programming Language");
        assert_eq!(
            sites,
            [book, book, Some("Rust Docs"), book, None, None],
            "a site the page names stays; a suffix not shared names nothing"
        );
        assert!(docs[0].meta.site_from_titles && !docs[2].meta.site_from_titles);
        // The list still shows the titles without it.
        assert_eq!(places.title(&docs[0]), "Closures");
    }

    #[test]
    fn documents_loaded_later_are_named_once_the_suffix_is_shared() {
        let docs = book();
        let mut places = Places::default();
        let named: Vec<Vec<usize>> = (1..=docs.len())
            .map(|n| {
                places
                    .add(&docs[..n], n - 1)
                    .iter()
                    .map(|id| id.0)
                    .collect()
            })
            .collect();
        // The third with the suffix (the page with a site of its own, which
        // keeps it) names the two before it; later ones are named as they
        // come.
        assert_eq!(named, [vec![], vec![], vec![0, 1], vec![3], vec![], vec![]]);
    }

    #[test]
    fn bundled_articles_and_standard_input_have_no_place() {
        let docs = vec![Document::new(Source::Stdin, "Piped\n\ntext".into())];
        assert_eq!(labels(&docs), [""]);
    }
}
