//! The search index: built one document at a time (so a worker thread can
//! index files as they load), queried by [`super::rank`].
//!
//! Bodies go into two dictionaries of doc-level postings: `folded` holds
//! every word lowercased plus CJK unigrams and bigrams; `cased` holds only
//! the words that have an uppercase letter, as written. A case-sensitive
//! query word always has an uppercase letter, so any word it can match is
//! in `cased`: smart case is answered by the index, not by rescanning text.
//!
//! [`SearchIndex::add`] stages a document's postings; they reach the
//! dictionaries a few hundred documents at a time, sorted by term, and
//! [`SearchIndex::commit`] makes every staged document searchable at once.
//! Appending each posting where it belongs as its document came would miss
//! the cache for nearly every one (the term's list, then its last bytes);
//! appending a term's postings together touches each list once.

use super::doc_terms::{Counted, Term, TermCounter};
use super::postings::Dictionary;
use super::stats::{DocStats, length_norm};
use super::title::{Letters, TitleCache, TitleFacts};
use crate::document::Document;
use crate::store::DocId;

/// The body term index plus title-match caches. See the module docs.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(crate) folded: Dictionary,
    pub(crate) cased: Dictionary,
    /// The committed documents' facts: searches cover these.
    pub(crate) docs: Vec<DocStats>,
    total_len: u64,
    /// Each committed document's title's answers to one-letter words.
    pub(crate) title_letters: Vec<Letters>,
    /// Documents added since the last commit, with their postings.
    staged: Staged,
    pub(crate) titles: TitleCache,
    /// Each document's place by title (see [`title_order`](Self::title_order)),
    /// made when a search first needs it and remade when documents are added.
    title_order: std::sync::Mutex<Option<std::sync::Arc<Vec<u32>>>>,
    /// Each document's BM25 length norm, made when a search first needs
    /// it and remade when documents are added (the average moves).
    length_norms: std::sync::Mutex<Option<std::sync::Arc<Vec<f32>>>>,
    /// Counts the terms of documents given to [`add`](Self::add).
    counter: TermCounter,
}

/// Postings waiting to be appended to the dictionaries, sorted by term
/// first: (term << 32 | document, term frequency, passage mask).
#[derive(Debug, Default)]
struct Staged {
    folded: Vec<(u64, u32, u64)>,
    cased: Vec<(u64, u32, u64)>,
    docs: Vec<DocStats>,
    letters: Vec<Letters>,
    len: u64,
    scratch: Scratch,
}

/// Buffers for [`by_term`], kept from commit to commit.
#[derive(Debug, Default)]
struct Scratch {
    counts: Vec<u32>,
    sorted: Vec<(u64, u32, u64)>,
}

/// `staged` in term order, each term's postings in document order (the
/// order they were staged in): counted into place when the dictionary is
/// not much bigger than the batch, sorted otherwise.
fn by_term<'s>(
    staged: &'s mut [(u64, u32, u64)],
    terms: usize,
    scratch: &'s mut Scratch,
) -> &'s [(u64, u32, u64)] {
    if terms > 4 * staged.len() + 4096 {
        staged.sort_unstable_by_key(|&(key, _, _)| key);
        return staged;
    }
    let Scratch { counts, sorted } = scratch;
    counts.clear();
    counts.resize(terms + 1, 0);
    for &(key, _, _) in staged.iter() {
        counts[(key >> 32) as usize + 1] += 1;
    }
    for t in 1..counts.len() {
        counts[t] += counts[t - 1];
    }
    sorted.clear();
    sorted.resize(staged.len(), (0, 0, 0));
    for &posting in staged.iter() {
        let slot = &mut counts[(posting.0 >> 32) as usize];
        sorted[*slot as usize] = posting;
        *slot += 1;
    }
    sorted
}

/// Staged postings that make the next [`SearchIndex::add`] commit: a few
/// hundred documents' worth, a few megabytes.
const STAGE_POSTINGS: usize = 1 << 16;

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Builds an index of `docs`, with ids their positions.
    pub fn build<D: std::borrow::Borrow<Document>>(docs: &[D]) -> SearchIndex {
        let mut index = SearchIndex::new();
        for (id, doc) in docs.iter().enumerate() {
            index.add(DocId(id), doc.borrow());
        }
        index.commit();
        index
    }

    /// How many documents searches cover: those committed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// The next document id [`add`](Self::add) takes.
    fn next_id(&self) -> usize {
        self.docs.len() + self.staged.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Indexes `document` under `doc`, its place in the documents the
    /// searches will be given (the store); searches see it once it is committed
    /// (by [`commit`](Self::commit), or by a later `add` once many are
    /// staged). Ids must increase: an id below one already added is
    /// refused (returns false), since postings are delta-encoded in id
    /// order. Skipped ids are documents with no body.
    pub fn add(&mut self, doc: DocId, document: &Document) -> bool {
        if u32::try_from(doc.0).is_err() || doc.0 < self.next_id() {
            return false;
        }
        let counted = self.counter.count(document);
        self.add_counted(doc, counted)
    }

    /// Indexes a document whose terms a [`TermCounter`] counted (on any
    /// thread), as [`add`](Self::add) does.
    pub fn add_counted(&mut self, doc: DocId, counted: Counted) -> bool {
        // The postings keep a compact number; ids past it are refused.
        let doc = doc.0;
        let Ok(id) = u32::try_from(doc) else {
            return false;
        };
        if doc < self.next_id() {
            return false;
        }
        let gap = doc - self.next_id();
        self.staged
            .docs
            .extend(std::iter::repeat_n(DocStats::default(), gap));
        self.staged
            .letters
            .extend(std::iter::repeat_n([0; 62], gap));
        for (entries, dict, staged) in [
            (counted.folded, &mut self.folded, &mut self.staged.folded),
            (counted.cased, &mut self.cased, &mut self.staged.cased),
        ] {
            staged.reserve(entries.len());
            for entry in entries {
                let term = match entry.term {
                    Term::Short(key) => dict.intern_key(key),
                    Term::Long(name) => dict.intern(&name),
                };
                staged.push((u64::from(term) << 32 | u64::from(id), entry.tf, entry.mask));
            }
        }
        self.staged.len += u64::from(counted.stats.len);
        self.staged.docs.push(counted.stats);
        self.staged.letters.push(counted.letters);
        if self.staged.folded.len() + self.staged.cased.len() >= STAGE_POSTINGS {
            self.commit();
        }
        true
    }

    /// Makes every added document searchable: appends the staged postings
    /// to their terms' lists, term by term.
    pub fn commit(&mut self) {
        let Staged {
            folded,
            cased,
            scratch,
            ..
        } = &mut self.staged;
        for (dict, staged) in [(&mut self.folded, folded), (&mut self.cased, cased)] {
            let sorted = by_term(staged, dict.len(), scratch);
            for &(key, tf, mask) in sorted.iter() {
                dict.push((key >> 32) as u32, key as u32, tf, mask);
            }
            staged.clear();
        }
        self.docs.append(&mut self.staged.docs);
        self.title_letters.append(&mut self.staged.letters);
        self.total_len += std::mem::take(&mut self.staged.len);
    }

    /// Each of the first `n` documents' place by title, then load order,
    /// made by `make` when the cached one is out of date.
    pub(crate) fn title_order(
        &self,
        n: usize,
        make: impl FnOnce() -> Vec<u32>,
    ) -> std::sync::Arc<Vec<u32>> {
        per_document(&self.title_order, n, make)
    }

    /// Each indexed document's [`length_norm`]: one division
    /// per document instead of one per posting of every matching word.
    pub(crate) fn length_norms(&self) -> std::sync::Arc<Vec<f32>> {
        per_document(&self.length_norms, self.docs.len(), || {
            let average = self.average_len();
            self.docs
                .iter()
                .map(|d| length_norm(d.len, average))
                .collect()
        })
    }

    /// Average document length, for BM25.
    pub(crate) fn average_len(&self) -> f32 {
        (self.total_len as f32 / self.docs.len().max(1) as f32).max(1.0)
    }

    /// Gives back spare capacity once loading is done; optional.
    pub fn shrink_to_fit(&mut self) {
        self.commit();
        self.staged = Staged::default();
        self.folded.shrink_to_fit();
        self.cased.shrink_to_fit();
        self.docs.shrink_to_fit();
        self.title_letters.shrink_to_fit();
        self.counter = TermCounter::default();
    }

    /// Approximate heap bytes of the index (not counting the documents).
    pub fn heap_bytes(&self) -> usize {
        self.folded.heap_bytes()
            + self.cased.heap_bytes()
            + self.docs.capacity() * 16
            + self.title_letters.capacity() * 62
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

impl TitleFacts for SearchIndex {
    fn indexed(&self) -> usize {
        self.len()
    }

    fn title_cache(&self) -> &TitleCache {
        &self.titles
    }

    fn title_letters(&self) -> &[Letters] {
        &self.title_letters
    }

    fn doc_stats(&self) -> &[DocStats] {
        &self.docs
    }
}

#[cfg(test)]
mod tests {
    use super::super::stats::char_mask;
    use super::super::text::{TokenKind, tokens};
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn staged_postings_come_out_in_term_then_document_order_either_way() {
        // Postings staged document by document, each with a few distinct
        // terms (a document has one posting per term).
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut staged = Vec::new();
        for doc in 0..300u64 {
            for k in 0..(doc % 7) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let term = (doc * 11 + k * 7) % 50;
                staged.push((term << 32 | doc, (seed % 9) as u32, seed));
            }
        }
        let mut want = staged.clone();
        want.sort_by_key(|&(key, _, _)| key);
        let (few, many) = (50, 4 * staged.len() + 4097);
        let mut scratch = Scratch::default();
        let counted = by_term(&mut staged.clone(), few, &mut scratch).to_vec();
        let sorted = by_term(&mut staged, many, &mut scratch).to_vec();
        assert_eq!(counted, want);
        assert_eq!(sorted, want);
    }

    #[test]
    fn an_ascii_title_has_the_mask_of_its_characters() {
        // The per-character definition, which non-ASCII titles still use.
        let reference = |text: &str| {
            text.chars().fold(0u64, |mask, c| {
                let c = c.to_ascii_lowercase();
                mask | match c {
                    'a'..='z' => 1 << (c as u32 - 'a' as u32),
                    '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
                    c if !c.is_ascii() && c.is_alphanumeric() => 1 << 63,
                    _ => 0,
                }
            })
        };
        for b in 0..128u8 {
            let text = format!("{}", char::from(b));
            assert_eq!(char_mask(&text), reference(&text), "{b:#x}");
        }
        for text in ["WeChat Pay 2024", "Zq-Xj_v!", "", "Café 微信 9"] {
            assert_eq!(char_mask(text), reference(text), "{text}");
        }
        assert_eq!(char_mask("Zz9"), 1 << 25 | 1 << 35);
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
    fn every_term_of_every_document_is_posted_with_its_count_and_passages() {
        let mut docs = crate::corpus::bundled();
        // 70 passages (masks wrap at 64), a long word, long and short
        // non-ASCII words, CJK, capitals.
        let passages: Vec<String> = (0..70)
            .map(|p| format!("w{} Übermäßigkeitsbeschränkung pneumonoultramicroscopic x{p} 微信支付 WeChat Ünï", p % 7))
            .collect();
        docs.push(doc(&format!("Long\n\n{}", passages.join("\n\n"))));
        let index = SearchIndex::build(&docs);
        for (id, d) in docs.iter().enumerate() {
            let mut want: std::collections::BTreeMap<(bool, String), (u32, u64)> =
                Default::default();
            let mut put = |cased: bool, term: &str, p: usize| {
                let e = want.entry((cased, term.to_string())).or_default();
                e.0 += 1;
                e.1 |= 1 << (p % 64);
            };
            // Folded furniture is not posted.
            for (p, _) in d.shown_passages() {
                let text = d.passage_text(p);
                for t in tokens(text) {
                    let piece = &text[t.start..t.end];
                    match t.kind {
                        TokenKind::Word => {
                            let folded = super::super::text::fold(piece);
                            if folded != piece {
                                put(true, piece, p);
                            }
                            put(false, &folded, p);
                        }
                        TokenKind::Cjk => {
                            let chars: Vec<&str> = piece
                                .char_indices()
                                .map(|(i, c)| &piece[i..i + c.len_utf8()])
                                .collect();
                            for (k, c) in chars.iter().enumerate() {
                                put(false, c, p);
                                if let Some(next) = chars.get(k + 1) {
                                    put(false, &format!("{c}{next}"), p);
                                }
                            }
                        }
                    }
                }
            }
            for ((cased, term), (tf, mask)) in want {
                let dict = if cased { &index.cased } else { &index.folded };
                let list = dict.exact(&term).and_then(|t| dict.list(t));
                let posting = list.and_then(|l| l.iter().find(|p| p.doc == id as u32));
                let got = posting.map(|p| (p.tf, p.mask));
                assert_eq!(got, Some((tf, mask)), "{term:?} in document {id}");
            }
        }
    }

    #[test]
    fn postings_are_the_same_however_often_documents_are_committed() {
        let docs = crate::corpus::bundled();
        let once = SearchIndex::build(&docs);
        let mut each = SearchIndex::new();
        for (id, d) in docs.iter().enumerate() {
            each.add(DocId(id), d);
            each.commit();
            assert_eq!(each.len(), id + 1);
        }
        for (a, b) in [(&once.folded, &each.folded), (&once.cased, &each.cased)] {
            assert_eq!(a.len(), b.len());
            for id in 0..a.len() as u32 {
                let postings = |d: &Dictionary| {
                    let list = d.list(id).unwrap();
                    list.iter()
                        .map(|p| (p.doc, p.tf, p.mask))
                        .collect::<Vec<_>>()
                };
                assert_eq!(a.name(id), b.name(id));
                assert_eq!(postings(a), postings(b), "{}", a.name(id));
            }
        }
        assert_eq!(once.average_len(), each.average_len());
    }

    #[test]
    fn ids_must_increase_and_gaps_are_empty_documents() {
        let mut index = SearchIndex::new();
        assert!(index.add(DocId(2), &doc("a\n\nb")));
        assert!(!index.add(DocId(1), &doc("c")));
        assert!(!index.add(DocId(2), &doc("c")));
        assert_eq!(index.len(), 0, "nothing is searched before the commit");
        index.commit();
        assert_eq!(index.len(), 3);
        assert_eq!(index.docs[0].len, 0);
        assert_eq!(index.docs[2].len, 1, "the title is not counted");
        assert!(index.add(DocId(4), &doc("d")));
        index.commit();
        assert_eq!(index.len(), 5);
        assert_eq!(index.docs[3].len, 0);
    }
}
