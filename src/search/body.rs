//! Which documents' bodies hold a term, and how strongly (BM25): a term is
//! an intersection of components (the words of a phrase, the bigrams of a
//! CJK run), each a union of dictionary terms (the words a prefix expands
//! to). Phrases and long CJK runs are then verified in the text, scanning
//! only the passages whose mask bits say every component is there.

use super::Cancel;
use super::find::contains;
use super::index::SearchIndex;
use super::postings::Dictionary;
use super::query::LookupWord;
use super::query::{Term, TermKind};
use super::stats::{K1, length_norm};
use super::text::cjk_grams;
use crate::document::Document;
use std::sync::Arc;

/// How many postings to decode between checks for a newer query.
const CANCEL_EVERY: usize = 8192;

/// A document whose body matches a term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BodyMatch {
    pub doc: u32,
    pub score: f32,
    /// Passages (bit `p % 64`) holding every component of the term.
    pub mask: u64,
}

/// Dictionary terms whose postings are unioned, each with a weight.
struct Component<'a> {
    dict: &'a Dictionary,
    ids: Vec<(u32, f32)>,
}

/// The documents whose body matches `term`, sorted by id; None if cancelled.
pub(crate) fn term_docs(
    index: &SearchIndex,
    docs: &[Arc<Document>],
    term: &Term,
    cancel: &Cancel,
) -> Option<Vec<BodyMatch>> {
    let components = components(index, term);
    let mut result: Option<Vec<BodyMatch>> = None;
    for component in &components {
        let docs_of = union(index, component, cancel)?;
        result = Some(match result {
            None => docs_of,
            Some(prev) => intersect(&prev, &docs_of),
        });
    }
    let found = result.unwrap_or_default();
    if needs_verification(term) {
        verify(index, docs, term, found, cancel)
    } else {
        Some(found)
    }
}

fn components<'a>(index: &'a SearchIndex, term: &Term) -> Vec<Component<'a>> {
    let mut out = Vec::new();
    for LookupWord { cased, key, prefix } in term.lookup_words() {
        let dict = if cased { &index.cased } else { &index.folded };
        let ids = if prefix {
            dict.with_prefix(&key)
                .into_iter()
                // Longer completions count for less, so the word itself
                // outranks its extensions once it is typed in full.
                .map(|id| (id, prefix_weight(&key, dict.name(id))))
                .collect()
        } else {
            dict.exact(&key).map(|id| (id, 1.0)).into_iter().collect()
        };
        out.push(Component { dict, ids });
    }
    for run in &term.cjk {
        let grams = cjk_grams(run);
        let weight = 1.0 / grams.len().max(1) as f32;
        for gram in grams {
            let ids = index
                .folded
                .exact(gram)
                .map(|id| (id, weight))
                .into_iter()
                .collect();
            out.push(Component {
                dict: &index.folded,
                ids,
            });
        }
    }
    out
}

/// The weight of a dictionary term `name` found for the prefix `key`.
pub(crate) fn prefix_weight(key: &str, name: &str) -> f32 {
    key.len() as f32 / name.len().max(1) as f32
}

/// Inverse document frequency of a term in `df` of `n` documents, weighted.
pub(crate) fn idf(n: usize, df: u32, weight: f32) -> f32 {
    let df = df as f32;
    (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln() * weight
}

/// BM25 of a term occurring `tf` times in a document whose
/// [`length_norm`] is `norm`; the index and the one-shot scan share it, so
/// their scores are equal.
pub(crate) fn bm25(idf: f32, tf: u32, norm: f32) -> f32 {
    let tf = tf as f32;
    idf * tf * (K1 + 1.0) / (tf + norm)
}

/// Unions the postings of a component's terms with their BM25 scores.
fn union(index: &SearchIndex, c: &Component, cancel: &Cancel) -> Option<Vec<BodyMatch>> {
    let n = index.docs.len();
    let norms = index.length_norms();
    let mut score = vec![0f32; if c.ids.len() > 1 { n } else { 0 }];
    let mut mask = vec![0u64; score.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut direct = Vec::new();
    let mut decoded = 0usize;
    let fallback = length_norm(0, index.average_len());
    if let [(id, weight)] = c.ids[..] {
        // One word: its postings are the matches, already in order.
        let Some(list) = c.dict.list(id) else {
            return Some(direct);
        };
        let idf = idf(n, list.docs, weight);
        direct.reserve(list.docs as usize);
        for p in list.iter() {
            decoded += 1;
            if decoded.is_multiple_of(CANCEL_EVERY) && cancel.is_cancelled() {
                return None;
            }
            let norm = norms.get(p.doc as usize).copied().unwrap_or(fallback);
            direct.push(BodyMatch {
                doc: p.doc,
                score: bm25(idf, p.tf, norm),
                mask: p.mask,
            });
        }
        return Some(direct);
    }
    for &(id, weight) in &c.ids {
        let Some(list) = c.dict.list(id) else {
            continue;
        };
        let idf = idf(n, list.docs, weight);
        for p in list.iter() {
            decoded += 1;
            if decoded.is_multiple_of(CANCEL_EVERY) && cancel.is_cancelled() {
                return None;
            }
            let d = p.doc as usize;
            let (Some(&norm), Some(slot), Some(bits)) =
                (norms.get(d), score.get_mut(d), mask.get_mut(d))
            else {
                continue;
            };
            if *bits == 0 {
                touched.push(p.doc);
            }
            *slot += bm25(idf, p.tf, norm);
            *bits |= p.mask;
        }
    }
    if touched.len() > n / 16 {
        // Most documents: reading the marks in order beats sorting.
        touched.clear();
        touched.extend((0..n as u32).filter(|&d| mask[d as usize] != 0));
    } else {
        touched.sort_unstable();
    }
    Some(
        touched
            .into_iter()
            .map(|doc| BodyMatch {
                doc,
                score: score[doc as usize],
                mask: mask[doc as usize],
            })
            .collect(),
    )
}

fn intersect(a: &[BodyMatch], b: &[BodyMatch]) -> Vec<BodyMatch> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].doc.cmp(&b[j].doc) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let mask = a[i].mask & b[j].mask;
                out.push(BodyMatch {
                    doc: a[i].doc,
                    score: a[i].score + b[j].score,
                    mask,
                });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Phrases, literals and CJK runs longer than a bigram can be false hits
/// of their components: the text decides.
pub(crate) fn needs_verification(term: &Term) -> bool {
    match term.kind {
        TermKind::Word => false,
        TermKind::Cjk => term.cjk.iter().any(|r| r.chars().nth(2).is_some()),
        TermKind::Phrase | TermKind::Literal => true,
    }
}

fn verify(
    index: &SearchIndex,
    docs: &[Arc<Document>],
    term: &Term,
    found: Vec<BodyMatch>,
    cancel: &Cancel,
) -> Option<Vec<BodyMatch>> {
    let mut kept = Vec::with_capacity(found.len());
    for (k, m) in found.into_iter().enumerate() {
        if k % 256 == 255 && cancel.is_cancelled() {
            return None;
        }
        let Some(doc) = docs.get(m.doc as usize) else {
            continue;
        };
        let exact_mask = index
            .docs
            .get(m.doc as usize)
            .is_some_and(|d| d.passages <= 64);
        let hit = (0..doc.passages.len())
            .filter(|p| !exact_mask || m.mask & (1 << (p % 64)) != 0)
            .filter(|&p| !doc.is_folded(p))
            .any(|p| contains(doc.passage_text(p), term));
        if hit {
            kept.push(m);
        }
    }
    Some(kept)
}
