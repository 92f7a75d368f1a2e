//! The links of a document and the places they can land on: each link's
//! text (a byte range of the document text) with its target, and the
//! element ids (HTML `id`, Markdown heading slugs) that `#fragment` links
//! name. Where a link goes is decided in [`target`].

pub mod opener;
pub mod target;

use crate::document::Document;

/// Element ids kept per document: every heading and anchor of a long page,
/// bounded for a hostile one.
pub const MAX_IDS: usize = 100_000;
/// Links kept per document: far more than any page a person reads has;
/// a generated index with more keeps its first ones.
pub const MAX_LINKS: usize = 100_000;

/// One link: its text in the document and where it points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// Byte offset in [`Document::text`] where the link text starts.
    pub start: usize,
    /// Where it ends; equal to `start` for a link inside a table, whose
    /// text is laid out with the table.
    pub end: usize,
    /// The target as the page wrote it (sanitized): a URL, a relative
    /// path, `#fragment`.
    pub url: &'a str,
}

/// A link as stored: 16 bytes and its address in a shared buffer, since a
/// big page has a link every hundred bytes or so.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    start: u32,
    end: u32,
    url_start: u32,
    url_end: u32,
}

/// The links of one document and its named places.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// In text order.
    stored: Vec<Stored>,
    /// Every link's address, one after another.
    urls: String,
    /// Element ids with the byte offset of the text they name.
    pub ids: Vec<(String, usize)>,
    /// The page's own address (`<link rel=canonical>`), when it says one.
    pub canonical: Option<String>,
}

impl Links {
    /// Adds a link; past [`MAX_LINKS`], or past 4 GiB, it is not kept.
    pub fn push(&mut self, start: usize, end: usize, url: &str) {
        let url_start = self.urls.len();
        let fits = |n: usize| u32::try_from(n).ok();
        let (Some(start), Some(end), Some(url_start), Some(url_end)) = (
            fits(start),
            fits(end),
            fits(url_start),
            fits(url_start + url.len()),
        ) else {
            return;
        };
        if self.stored.len() >= MAX_LINKS {
            return;
        }
        self.urls.push_str(url);
        self.stored.push(Stored {
            start,
            end,
            url_start,
            url_end,
        });
    }

    pub fn len(&self) -> usize {
        self.stored.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stored.is_empty()
    }

    /// Link `index`, in text order.
    pub fn get(&self, index: usize) -> Option<Link<'_>> {
        let s = self.stored.get(index)?;
        Some(Link {
            start: s.start as usize,
            end: s.end as usize,
            url: self
                .urls
                .get(s.url_start as usize..s.url_end as usize)
                .unwrap_or(""),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Link<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Cuts every link to end by `end` (the text was cut back there).
    pub(crate) fn clamp(&mut self, end: usize) {
        let end = u32::try_from(end).unwrap_or(u32::MAX);
        for s in &mut self.stored {
            s.start = s.start.min(end);
            s.end = s.end.clamp(s.start, end);
        }
    }

    /// The byte offset the id `name` names, if the document has it.
    pub fn id_offset(&self, name: &str) -> Option<usize> {
        self.ids
            .iter()
            .find(|(id, _)| id == name)
            .map(|&(_, offset)| offset)
    }
}

/// A place a link was followed from, to go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub doc: usize,
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
