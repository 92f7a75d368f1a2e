//! Reading positions: where the reader was in each document, so it reopens
//! there after a restart. The top passage is kept as an [`Anchor`] (never a
//! screen row), so a position survives resizes and edits to the article
//! like a bookmark does. Reading and writing `positions.json` is in
//! [`store`].

pub mod store;

use crate::bookmarks::anchor::Anchor;
use crate::bookmarks::{DocumentRef, millis};
use crate::document::Document;
use crate::storage::Unknown;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::time::SystemTime;

/// Where the reader was in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPosition {
    pub document: DocumentRef,
    /// The passage at the top of the screen.
    pub anchor: Anchor,
    /// The passage the cursor was on, when the anchor was made.
    pub cursor: usize,
    /// Percent read, 0-100.
    pub progress: u8,
    #[serde(default)]
    pub finished: bool,
    /// Milliseconds since the Unix epoch; the newest record wins a merge.
    pub updated: u64,
    /// Fields from a newer quire, kept on every save.
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl ReadingPosition {
    /// A position in `doc` with passage `top` at the top of the screen and
    /// the cursor on passage `cursor`; None if `top` is not a passage.
    /// `progress` above 100 is taken as 100.
    pub fn new(
        doc: &Document,
        top: usize,
        cursor: usize,
        progress: u8,
        finished: bool,
        now: SystemTime,
    ) -> Option<ReadingPosition> {
        // Without its hash the record could not be told from another.
        if !doc.is_measured() {
            return None;
        }
        Some(ReadingPosition {
            document: DocumentRef::of(doc)?,
            anchor: Anchor::new(doc, top, top)?,
            cursor,
            progress: progress.min(100),
            finished,
            updated: millis(now),
            unknown: Unknown::new(),
        })
    }

    /// Where to reopen `doc`: `(top passage, cursor passage)`, the cursor
    /// kept at the same distance from the top as when it was recorded.
    /// None when the top passage cannot be found any more (then the caller
    /// may fall back to `cursor`, clamped, or the start).
    pub fn locate(&self, doc: &Document) -> Option<(usize, usize)> {
        let found = self.anchor.resolve(doc, self.document.same_text(doc))?;
        let top = found.passage;
        let last = doc.passages.len().saturating_sub(1);
        let cursor = if self.cursor >= self.anchor.passage {
            top + (self.cursor - self.anchor.passage)
        } else {
            top.saturating_sub(self.anchor.passage - self.cursor)
        };
        Some((top, cursor.min(last)))
    }

    /// A total order on everything but the paths, so that merging picks
    /// the same winner whichever side a record comes from.
    #[allow(clippy::type_complexity)]
    fn rank(
        &self,
    ) -> (
        u64,
        bool,
        u8,
        usize,
        (usize, usize, usize, usize),
        &str,
        &str,
        &str,
        &str,
    ) {
        let a = &self.anchor;
        (
            self.updated,
            self.finished,
            self.progress,
            self.cursor,
            (a.passage, a.passage_end, a.start, a.end),
            &a.exact,
            &a.prefix,
            &a.suffix,
            &self.document.title,
        )
    }
}

impl ReadingPosition {
    /// True when `self` should replace `other` (same text) in a merge: the
    /// higher [`ReadingPosition::rank`], and between records equal on it,
    /// a fixed order on their unknown fields, so either side gives the
    /// same result.
    fn beats(&self, other: &ReadingPosition) -> bool {
        match self.rank().cmp(&other.rank()) {
            // Most records merged are the same on both sides.
            std::cmp::Ordering::Equal if self.unknown == other.unknown => false,
            std::cmp::Ordering::Equal => {
                let unknown = |p: &ReadingPosition| {
                    crate::storage::json_order(&serde_json::Value::from(p.unknown.clone()))
                };
                unknown(self) > unknown(other)
            }
            order => order.is_gt(),
        }
    }
}

/// Every document's reading position.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// The records; changed only through [`set`](Self::set) and
    /// [`merge`](Self::merge), which keep the lookup below current.
    pub items: Vec<ReadingPosition>,
    /// Top-level fields of the file from a newer quire.
    pub unknown: Unknown,
    /// The newest record by text and by path, made when first asked: the
    /// list asks for every row it draws.
    lookup: std::sync::OnceLock<Lookup>,
}

impl PartialEq for Positions {
    fn eq(&self, other: &Positions) -> bool {
        self.items == other.items && self.unknown == other.unknown
    }
}

impl Eq for Positions {}

/// Indices into [`Positions::items`] of the newest record for each text
/// hash and for each path.
#[derive(Debug, Clone, Default)]
struct Lookup {
    by_text: HashMap<String, usize>,
    by_path: HashMap<String, usize>,
}

impl Lookup {
    fn of(items: &[ReadingPosition]) -> Lookup {
        let mut lookup = Lookup::default();
        // Of records equal in rank, the later one wins, as `max_by` picks.
        let keep = |map: &mut HashMap<String, usize>, key: &str, i: usize| {
            let newer = map
                .get(key)
                .is_none_or(|&kept| items[i].rank() >= items[kept].rank());
            if newer {
                map.insert(key.to_string(), i);
            }
        };
        for (i, p) in items.iter().enumerate() {
            keep(&mut lookup.by_text, &p.document.hash, i);
            for path in &p.document.paths {
                keep(&mut lookup.by_path, path, i);
            }
        }
        lookup
    }
}

impl Positions {
    /// Positions holding `items`.
    pub fn new(items: Vec<ReadingPosition>, unknown: Unknown) -> Positions {
        Positions {
            items,
            unknown,
            lookup: std::sync::OnceLock::new(),
        }
    }

    /// The position for `doc`: the record for the same text first, else
    /// the newest one seen at the same path (the file was edited).
    pub fn get(&self, doc: &Document) -> Option<&ReadingPosition> {
        let lookup = self.lookup.get_or_init(|| Lookup::of(&self.items));
        let by_text = doc.hash.as_ref().and_then(|h| lookup.by_text.get(h));
        let found = by_text.or_else(|| lookup.by_path.get(&doc.source.display_path()));
        found.and_then(|&i| self.items.get(i))
    }

    /// Records `record`, replacing any record of the same document (same
    /// text, or seen at one of the same paths). Paths the same text was
    /// seen at before are kept, so a moved file is still found by its old
    /// path.
    pub fn set(&mut self, mut record: ReadingPosition) {
        record.progress = record.progress.min(100);
        let hash = record.document.hash.clone();
        let earlier_paths: Vec<String> = self
            .items
            .iter()
            .filter(|p| p.document.hash == hash)
            .flat_map(|p| p.document.paths.iter().cloned())
            .collect();
        let paths = &record.document.paths;
        self.items.retain(|p| {
            let same_path = p.document.paths.iter().any(|path| paths.contains(path));
            !(p.document.hash == hash || same_path)
        });
        for path in earlier_paths {
            if !record.document.paths.contains(&path) {
                record.document.paths.push(path);
            }
        }
        self.items.push(record);
        self.lookup = std::sync::OnceLock::new();
    }

    /// Combines another copy (another quire's save) with this one: per
    /// document text the newest record wins, and the paths it was seen at
    /// are united. The result does not depend on the order of the sides or
    /// of the records, and merging again changes nothing.
    pub fn merge(&mut self, other: &Positions) {
        crate::storage::merge_unknown(&mut self.unknown, &other.unknown);
        let mut by_text: BTreeMap<String, ReadingPosition> = BTreeMap::new();
        for record in self.items.iter().chain(&other.items) {
            match by_text.get_mut(&record.document.hash) {
                None => {
                    let mut record = record.clone();
                    record.document.paths.sort();
                    record.document.paths.dedup();
                    by_text.insert(record.document.hash.clone(), record);
                }
                Some(kept) => {
                    let mut paths = std::mem::take(&mut kept.document.paths);
                    if record.beats(kept) {
                        *kept = record.clone();
                    }
                    paths.extend(record.document.paths.iter().cloned());
                    paths.sort();
                    paths.dedup();
                    kept.document.paths = paths;
                }
            }
        }
        let mut items: Vec<ReadingPosition> = by_text.into_values().collect();
        if items.len() > MAX_POSITIONS {
            // The newest records stay, then in text-hash order as always
            // (hashes are unique here), so every quire keeps the same ones
            // whatever order it merged in.
            items.sort_by(|a, b| b.rank().cmp(&a.rank()));
            items.truncate(MAX_POSITIONS);
            items.sort_by(|a, b| a.document.hash.cmp(&b.document.hash));
        }
        self.items = items;
        self.lookup = std::sync::OnceLock::new();
    }
}

/// Reading positions kept: the newest this many documents, so the file
/// stays small (a few hundred kilobytes) however much is read.
pub const MAX_POSITIONS: usize = 2000;

#[cfg(test)]
mod tests;
