//! The search index: built one document at a time (so a worker thread can
//! index files as they load), queried by [`super::rank`].
//!
//! Bodies go into two dictionaries of doc-level postings: `folded` holds
//! every word lowercased plus CJK unigrams and bigrams; `cased` holds only
//! the words that have an uppercase letter, as written. A case-sensitive
//! query word always has an uppercase letter, so any word it can match is
//! in `cased`: smart case is answered by the index, not by rescanning text.

use super::postings::Dictionary;
use super::text::{TokenKind, fold_into, tokens};
use super::title::TitleCache;
use crate::document::Document;
use std::collections::HashMap;

/// Per-document facts the ranking needs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DocStats {
    /// Words plus CJK characters in the body: the BM25 document length.
    pub len: u32,
    pub passages: u32,
    /// Which ASCII letters and digits the title holds (bit 63: non-ASCII),
    /// to skip the fuzzy matcher on titles that cannot match.
    pub title_mask: u64,
}

/// The body term index plus title-match caches. See the module docs.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(crate) folded: Dictionary,
    pub(crate) cased: Dictionary,
    pub(crate) docs: Vec<DocStats>,
    total_len: u64,
    pub(crate) titles: TitleCache,
    /// Each document's place by title (see [`super::rank::title_order`]),
    /// made when a search first needs it and remade when documents are added.
    title_order: std::sync::Mutex<Option<std::sync::Arc<Vec<u32>>>>,
    /// Each document's BM25 length norm, made when a search first needs
    /// it and remade when documents are added (the average moves).
    length_norms: std::sync::Mutex<Option<std::sync::Arc<Vec<f32>>>>,
    /// Reused buffers: (term id << 6 | passage bit) per token.
    folded_keys: Vec<u64>,
    cased_keys: Vec<u64>,
    /// A big document's keys, summed per term as they pile up, so its
    /// key buffers never grow past [`COMPACT_KEYS`]: (tf, passage mask).
    folded_sums: HashMap<u32, (u32, u64)>,
    cased_sums: HashMap<u32, (u32, u64)>,
    /// Overrides [`COMPACT_KEYS`] (tests sum early to exercise the path).
    compact_at: Option<usize>,
    fold_buf: String,
}

/// Keys buffered before they are summed per term: one document's key
/// buffer would otherwise take 8 bytes per word, 1.7 GB for a 1 GB file.
const COMPACT_KEYS: usize = 1 << 22;

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Builds an index of `docs`, with ids their positions.
    pub fn build(docs: &[Document]) -> SearchIndex {
        let mut index = SearchIndex::new();
        for (id, doc) in docs.iter().enumerate() {
            index.add(id, doc);
        }
        index
    }

    /// How many document ids are covered (the next id to add).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Indexes `document` under `doc`, its position in the document list
    /// the searches will be given. Ids must increase: an id below
    /// [`len`](Self::len) is refused (returns false), since postings are
    /// delta-encoded in id order. Skipped ids are documents with no body.
    pub fn add(&mut self, doc: usize, document: &Document) -> bool {
        let Ok(id) = u32::try_from(doc) else {
            return false;
        };
        if doc < self.docs.len() {
            return false;
        }
        self.docs.resize(doc, DocStats::default());
        self.folded_keys.clear();
        self.cased_keys.clear();
        let mut len = 0u32;
        for (p, passage) in document.passages.iter().enumerate() {
            let bit = (p % 64) as u64;
            let text = document.text.get(passage.range.clone()).unwrap_or("");
            len = len.saturating_add(self.add_passage(text, bit));
            self.sum_if_full();
        }
        flush(
            &mut self.folded,
            &mut self.folded_keys,
            &mut self.folded_sums,
            id,
        );
        flush(
            &mut self.cased,
            &mut self.cased_keys,
            &mut self.cased_sums,
            id,
        );
        self.docs.push(DocStats {
            len,
            passages: document.passages.len() as u32,
            title_mask: char_mask(&document.title),
        });
        self.total_len += u64::from(len);
        true
    }

    /// Collects the terms of one passage; returns its length in tokens.
    /// Sums the buffered keys per term once there are many of them.
    fn sum_if_full(&mut self) {
        let limit = self.compact_at.unwrap_or(COMPACT_KEYS);
        if self.folded_keys.len() > limit || self.cased_keys.len() > limit {
            sum_keys(&mut self.folded_keys, &mut self.folded_sums);
            sum_keys(&mut self.cased_keys, &mut self.cased_sums);
        }
    }

    fn add_passage(&mut self, text: &str, bit: u64) -> u32 {
        let mut len = 0;
        for (n, token) in tokens(text).enumerate() {
            // A passage can be a whole 100 MB file on one line.
            if n % 4096 == 4095 {
                self.sum_if_full();
            }
            let piece = &text[token.start..token.end];
            match token.kind {
                TokenKind::Word => {
                    len += 1;
                    let (id, cased) = if piece.is_ascii() {
                        let upper = piece.bytes().any(|b| b.is_ascii_uppercase());
                        (self.folded.intern_ascii_folded(piece), upper)
                    } else {
                        fold_into(piece, &mut self.fold_buf);
                        (self.folded.intern(&self.fold_buf), self.fold_buf != piece)
                    };
                    self.folded_keys.push(u64::from(id) << 6 | bit);
                    if cased {
                        let id = self.cased.intern(piece);
                        self.cased_keys.push(u64::from(id) << 6 | bit);
                    }
                }
                TokenKind::Cjk => {
                    let starts: Vec<usize> = piece.char_indices().map(|(i, _)| i).collect();
                    len += starts.len() as u32;
                    for (k, &at) in starts.iter().enumerate() {
                        let next = starts.get(k + 1).copied().unwrap_or(piece.len());
                        let after = starts.get(k + 2).copied().unwrap_or(piece.len());
                        let uni = self.folded.intern(&piece[at..next]);
                        self.folded_keys.push(u64::from(uni) << 6 | bit);
                        if next < piece.len() {
                            let bi = self.folded.intern(&piece[at..after]);
                            self.folded_keys.push(u64::from(bi) << 6 | bit);
                        }
                    }
                }
            }
        }
        len
    }

    /// Each indexed document's place by title, then load order.
    pub(crate) fn title_order(&self, docs: &[Document]) -> std::sync::Arc<Vec<u32>> {
        let n = self.len().min(docs.len());
        per_document(&self.title_order, n, || super::rank::title_order(docs, n))
    }

    /// Each indexed document's [`super::body::length_norm`]: one division
    /// per document instead of one per posting of every matching word.
    pub(crate) fn length_norms(&self) -> std::sync::Arc<Vec<f32>> {
        per_document(&self.length_norms, self.docs.len(), || {
            let average = self.average_len();
            self.docs
                .iter()
                .map(|d| super::body::length_norm(d.len, average))
                .collect()
        })
    }

    /// Average document length, for BM25.
    pub(crate) fn average_len(&self) -> f32 {
        (self.total_len as f32 / self.docs.len().max(1) as f32).max(1.0)
    }

    /// Gives back spare capacity once loading is done; optional.
    pub fn shrink_to_fit(&mut self) {
        self.folded.shrink_to_fit();
        self.cased.shrink_to_fit();
        self.docs.shrink_to_fit();
        self.folded_keys = Vec::new();
        self.cased_keys = Vec::new();
        self.folded_sums = HashMap::new();
        self.cased_sums = HashMap::new();
    }

    /// Approximate heap bytes of the index (not counting the documents).
    pub fn heap_bytes(&self) -> usize {
        self.folded.heap_bytes() + self.cased.heap_bytes() + self.docs.capacity() * 16
    }

    /// Distinct terms in the body dictionaries (folded, cased).
    pub fn term_counts(&self) -> (usize, usize) {
        (self.folded.len(), self.cased.len())
    }

    /// Forgets remembered title matches. The cache makes typing and
    /// backspacing cheap; benchmarks clear it to measure cold queries.
    pub fn forget_cached_queries(&self) {
        self.titles.clear();
    }
}

/// Adds `keys` into `sums` (term -> term frequency, passage mask) and
/// empties them.
fn sum_keys(keys: &mut Vec<u64>, sums: &mut HashMap<u32, (u32, u64)>) {
    for &key in keys.iter() {
        let entry = sums.entry((key >> 6) as u32).or_default();
        entry.0 += 1;
        entry.1 |= 1 << (key & 63);
    }
    keys.clear();
}

/// Turns one document's (term, passage bit) keys, and what was summed of
/// them before, into postings.
fn flush(
    dict: &mut Dictionary,
    keys: &mut Vec<u64>,
    sums: &mut HashMap<u32, (u32, u64)>,
    doc: u32,
) {
    if !sums.is_empty() {
        sum_keys(keys, sums);
        let mut terms: Vec<(u32, (u32, u64))> = sums.drain().collect();
        terms.sort_unstable_by_key(|&(term, _)| term);
        for (term, (tf, mask)) in terms {
            dict.push(term, doc, tf, mask);
        }
        return;
    }
    keys.sort_unstable();
    let mut i = 0;
    while i < keys.len() {
        let term = keys[i] >> 6;
        let (mut tf, mut mask) = (0u32, 0u64);
        while i < keys.len() && keys[i] >> 6 == term {
            tf += 1;
            mask |= 1 << (keys[i] & 63);
            i += 1;
        }
        dict.push(term as u32, doc, tf, mask);
    }
}

/// A value per indexed document kept in `slot`, made again by `make` when
/// the index has grown to `n` documents since (the index only grows, so
/// the count says whether it is current).
fn per_document<T>(
    slot: &std::sync::Mutex<Option<std::sync::Arc<Vec<T>>>>,
    n: usize,
    make: impl FnOnce() -> Vec<T>,
) -> std::sync::Arc<Vec<T>> {
    let mut cached = slot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match cached.as_ref() {
        Some(values) if values.len() == n => values.clone(),
        _ => {
            let values = std::sync::Arc::new(make());
            *cached = Some(values.clone());
            values
        }
    }
}

/// Bits for the ASCII letters and digits of `text` (folded); bit 63 when it
/// has anything else alphanumeric.
pub(crate) fn char_mask(text: &str) -> u64 {
    let mut mask = 0u64;
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        mask |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            c if !c.is_ascii() && c.is_alphanumeric() => 1 << 63,
            _ => 0,
        };
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn indexes_words_folded_and_cased_and_cjk_grams() {
        let index = SearchIndex::build(&[doc("T\n\nWeChat pay\n\nwechat 微信支付")]);
        let id = index.folded.exact("wechat").unwrap();
        let p: Vec<_> = index.folded.list(id).unwrap().iter().collect();
        assert_eq!((p[0].tf, p[0].mask), (2, 0b11));
        assert!(index.cased.exact("WeChat").is_some());
        assert!(index.cased.exact("wechat").is_none());
        assert!(index.folded.exact("信支").is_some());
        assert!(index.folded.exact("付").is_some());
        assert_eq!(index.docs[0].len, 3 + 4);
    }

    #[test]
    fn summing_a_big_documents_keys_early_gives_the_same_postings() {
        let mut docs = crate::corpus::bundled();
        // One passage of 10,000 words: summed in the middle of the passage.
        let long: String = (0..10_000).map(|i| format!("w{} ", i % 50)).collect();
        docs.push(doc(&format!("Long\n\n{long}")));
        let whole = SearchIndex::build(&docs);
        let mut early = SearchIndex {
            compact_at: Some(16),
            ..SearchIndex::default()
        };
        for (id, d) in docs.iter().enumerate() {
            early.add(id, d);
        }
        for (a, b) in [(&whole.folded, &early.folded), (&whole.cased, &early.cased)] {
            assert_eq!(a.len(), b.len());
            for word in [
                "alipay", "wechat", "the", "Alipay", "WeChat", "微信", "red", "w7",
            ] {
                let postings = |d: &Dictionary| {
                    d.exact(word)
                        .and_then(|id| d.list(id))
                        .map(|l| l.iter().map(|p| (p.doc, p.tf, p.mask)).collect::<Vec<_>>())
                };
                assert_eq!(postings(a), postings(b), "{word}");
            }
        }
    }

    #[test]
    fn ids_must_increase_and_gaps_are_empty_documents() {
        let mut index = SearchIndex::new();
        assert!(index.add(2, &doc("a\n\nb")));
        assert!(!index.add(1, &doc("c")));
        assert_eq!(index.len(), 3);
        assert_eq!(index.docs[0].len, 0);
    }
}
