//! The links of a document and the places they can land on: each link's
//! text (a byte range of the document text) with its target, and the
//! element ids (HTML `id`, Markdown heading slugs) that `#fragment` links
//! name. Where a link goes is decided in [`target`].

pub mod opener;
pub mod target;

use crate::document::Document;
use crate::store::DocId;

pub use crate::document::links::{Link, Links, MAX_IDS, MAX_LINKS};

/// A place a link was followed from, to go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub doc: DocId,
    pub position: crate::reader::Position,
}

/// Links followed from this deep are forgotten from the oldest: going
/// back further than this is not something a reader does.
pub const MAX_HISTORY: usize = 100;

/// The rows of the links list: indices into `doc.links.links`, only those
/// of `passage` when given, holding every word of `query` (ignoring case)
/// in their text or address.
pub fn rows(doc: &Document, passage: Option<usize>, query: &str) -> Vec<usize> {
    let candidates = match passage {
        Some(p) => in_passage(doc, p),
        None => (0..doc.links.len()).collect(),
    };
    let query = query.to_lowercase();
    candidates
        .into_iter()
        .filter(|&i| {
            let Some(link) = doc.links.get(i) else {
                return false;
            };
            let haystack = format!("{} {}", label(doc, &link), link.url).to_lowercase();
            query.split_whitespace().all(|w| haystack.contains(w))
        })
        .collect()
}

/// The passage holding byte `offset` of `doc`, or the first after it.
pub fn passage_at(doc: &Document, offset: usize) -> Option<usize> {
    let index = doc.passages.partition_point(|p| p.range.end <= offset);
    (index < doc.passages.len())
        .then_some(index)
        .or_else(|| doc.passages.len().checked_sub(1))
}

/// The indices (into `doc.links.links`) of the links in passage `passage`.
pub fn in_passage(doc: &Document, passage: usize) -> Vec<usize> {
    let Some(p) = doc.passages.get(passage) else {
        return Vec::new();
    };
    let range = p.range.clone();
    doc.links
        .iter()
        .enumerate()
        .filter(|(_, l)| range.contains(&l.start) || (l.start == l.end && l.start == range.end))
        .map(|(i, _)| i)
        .collect()
}

/// The text a link shows, on one line.
pub fn label(doc: &Document, link: &Link<'_>) -> String {
    let text = doc.text.get(link.start..link.end).unwrap_or("");
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ")
}

/// A GitHub-style slug for a Markdown heading: lower case, punctuation
/// dropped, spaces as hyphens; `seen` counts each slug's earlier uses, so
/// repeats get `-1`, `-2` as GitHub and mdBook number them.
pub fn slug(heading: &str, seen: &mut std::collections::HashMap<String, usize>) -> String {
    let base: String = heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    let uses = seen.entry(base.clone()).or_insert(0);
    let name = match *uses {
        0 => base,
        n => format!("{base}-{n}"),
    };
    *uses += 1;
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        let mut seen = std::collections::HashMap::new();
        assert_eq!(slug("Hello, World!", &mut seen), "hello-world");
        assert_eq!(slug("  C++ & Rust ", &mut seen), "c--rust");
        assert_eq!(slug("Intro", &mut seen), "intro");
        assert_eq!(slug("Intro", &mut seen), "intro-1");
        assert_eq!(slug("Ünïcode Titel", &mut seen), "ünïcode-titel");
    }
}
