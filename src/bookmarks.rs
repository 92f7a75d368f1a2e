//! Bookmarks: which passage of which article the user kept, recorded so it
//! can be found again after the article changes (document hash and path,
//! passage index, and a quote with some context), plus the in-memory set
//! the app edits. Reading and writing the file is in [`store`].

pub mod store;

use crate::document::Document;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

/// Characters of context kept before and after the quote.
const CONTEXT_CHARS: usize = 32;

/// Which document a bookmark belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// The path the document was read from (`bundled/NAME` for seeds).
    pub path: String,
    /// SHA-256 of the document text when the bookmark was made.
    pub hash: String,
    /// The title then, to list the bookmark even if the file is gone.
    pub title: String,
}

/// One kept passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub document: DocumentRef,
    /// Index of the passage in the document's body.
    pub passage: usize,
    /// The passage text, to re-find it when the document changed.
    pub quote: String,
    /// Up to 32 characters before and after the passage.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Start and end of the passage in Unicode code points of the text.
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
    /// Milliseconds since the Unix epoch.
    pub created: u64,
}

impl Bookmark {
    /// A bookmark on passage `index` of `doc`.
    pub fn new(doc: &Document, index: usize, now: SystemTime) -> Option<Bookmark> {
        let passage = doc.passages.get(index)?;
        let text = &doc.text;
        let before = &text[..passage.range.start];
        let after = &text[passage.range.end..];
        let start = before.chars().count();
        let quote = text[passage.range.clone()].to_string();
        let end = start + quote.chars().count();
        let prefix: String = {
            let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
            before.chars().skip(skip).collect()
        };
        let suffix: String = after.chars().take(CONTEXT_CHARS).collect();
        let created = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let id = new_id(&doc.hash, index, created);
        let document = DocumentRef {
            path: doc.source.display_path(),
            hash: doc.hash.clone(),
            title: doc.title.clone(),
        };
        Some(Bookmark {
            id,
            document,
            passage: index,
            quote,
            prefix,
            suffix,
            start,
            end,
            created,
        })
    }

    /// The passage of `doc` this bookmark points at, if it can be found:
    /// the recorded index when the text is unchanged, else the passage
    /// holding the quote (nearest the old index when it occurs twice).
    pub fn locate(&self, doc: &Document) -> Option<usize> {
        if doc.hash == self.document.hash && self.passage < doc.passages.len() {
            return Some(self.passage);
        }
        (0..doc.passages.len())
            .filter(|&i| doc.passage_text(i) == self.quote)
            .min_by_key(|&i| i.abs_diff(self.passage))
    }
}

fn new_id(hash: &str, passage: usize, created: u64) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let seed = format!("{hash}:{passage}:{created}:{nanos}:{}", std::process::id());
    Sha256::digest(seed.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a bookmark resolved to among the loaded documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub doc: usize,
    pub passage: usize,
}

/// All bookmarks, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookmarks {
    pub items: Vec<Bookmark>,
}

impl Bookmarks {
    /// Finds each bookmark's passage among `docs`: the document with the
    /// same text first, else one at the same path.
    pub fn resolve(&self, docs: &[Document]) -> Vec<Option<Resolved>> {
        self.items
            .iter()
            .map(|b| {
                let same_text = docs.iter().position(|d| d.hash == b.document.hash);
                let same_path = || {
                    docs.iter()
                        .position(|d| d.source.display_path() == b.document.path)
                };
                let doc = same_text.or_else(same_path)?;
                let passage = b.locate(&docs[doc])?;
                Some(Resolved { doc, passage })
            })
            .collect()
    }

    /// The index of the bookmark on `passage` of `docs[doc]`, if any.
    pub fn find(&self, resolved: &[Option<Resolved>], doc: usize, passage: usize) -> Option<usize> {
        resolved
            .iter()
            .position(|r| *r == Some(Resolved { doc, passage }))
    }

    pub fn push(&mut self, bookmark: Bookmark) {
        self.items.push(bookmark);
    }

    pub fn remove(&mut self, index: usize) -> Option<Bookmark> {
        (index < self.items.len()).then(|| self.items.remove(index))
    }

    /// Puts a removed bookmark back where it was.
    pub fn insert(&mut self, index: usize, bookmark: Bookmark) {
        let index = index.min(self.items.len());
        self.items.insert(index, bookmark);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::File("a.txt".into()), text.to_string())
    }

    #[test]
    fn records_quote_context_and_code_point_positions() {
        let d = doc("Tïtle\n\nfirst para\n\nsecond para\n\nthird");
        let b = Bookmark::new(&d, 1, SystemTime::now()).unwrap();
        assert_eq!(b.quote, "second para");
        assert!(b.prefix.ends_with("first para\n\n"));
        assert!(b.suffix.starts_with("\n\nthird"));
        let chars: Vec<char> = d.text.chars().collect();
        assert_eq!(
            chars[b.start..b.end].iter().collect::<String>(),
            "second para"
        );
        assert_eq!(b.document.path, "a.txt");
        assert_eq!(b.id.len(), 12);
        assert!(Bookmark::new(&d, 9, SystemTime::now()).is_none());
    }

    #[test]
    fn unchanged_text_resolves_by_index() {
        let d = doc("T\n\na\n\nb");
        let b = Bookmark::new(&d, 1, SystemTime::now()).unwrap();
        assert_eq!(b.locate(&d), Some(1));
    }

    #[test]
    fn edited_text_resolves_by_quote() {
        let d = doc("T\n\na\n\nkeep me");
        let b = Bookmark::new(&d, 1, SystemTime::now()).unwrap();
        let edited = doc("T\n\nnew\n\na\n\nkeep me");
        assert_eq!(b.locate(&edited), Some(2));
        let gone = doc("T\n\na\n\nsomething else");
        assert_eq!(b.locate(&gone), None);
    }

    #[test]
    fn resolves_moved_files_by_hash() {
        let d = doc("T\n\na\n\nb");
        let mut set = Bookmarks::default();
        set.push(Bookmark::new(&d, 1, SystemTime::now()).unwrap());
        let moved = Document::new(Source::File("elsewhere/b.txt".into()), d.text.clone());
        let other = doc("Other\n\nx");
        assert_eq!(
            set.resolve(&[other, moved]),
            vec![Some(Resolved { doc: 1, passage: 1 })]
        );
    }

    #[test]
    fn remove_and_insert_restore_order() {
        let d = doc("T\n\na\n\nb\n\nc");
        let mut set = Bookmarks::default();
        for i in 0..3 {
            set.push(Bookmark::new(&d, i, SystemTime::now()).unwrap());
        }
        let before = set.clone();
        let removed = set.remove(1).unwrap();
        assert_eq!(set.items.len(), 2);
        set.insert(1, removed);
        assert_eq!(set, before);
        assert!(set.remove(7).is_none());
    }
}
