//! Which documents' bodies hold a term, and how strongly (BM25): a term is
//! an intersection of components (the words of a phrase, the bigrams of a
//! CJK run), each a union of dictionary terms (the words a prefix expands
//! to). Phrases and long CJK runs are then verified in the text, scanning
//! only the passages whose mask bits say every component is there.

use super::Cancel;
use super::find::contains;
use super::index::SearchIndex;
use super::postings::{Dictionary, PostingList};
use super::query::LookupWord;
use super::query::{Term, TermKind};
use super::text::cjk_grams;
use crate::document::Document;

const K1: f32 = 1.2;
const B: f32 = 0.75;
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
    docs: &[Document],
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

/// The document-length part of BM25 for a document of `len` tokens.
pub(crate) fn length_norm(len: u32, average_len: f32) -> f32 {
    K1 * (1.0 - B + B * len as f32 / average_len)
}

/// BM25 of a term occurring `tf` times in a document whose
/// [`length_norm`] is `norm`; the index and the one-shot scan share it, so
/// their scores are equal.
pub(crate) fn bm25(idf: f32, tf: u32, norm: f32) -> f32 {
    let tf = tf as f32;
    idf * tf * (K1 + 1.0) / (tf + norm)
}

/// Unions the postings of a component's terms with their BM25 scores.
/// A big union (a short prefix of common words) is split by document
/// over two threads: each document's scores are still added in the same
/// order, by one thread, so the result is the same to the bit.
fn union(index: &SearchIndex, c: &Component, cancel: &Cancel) -> Option<Vec<BodyMatch>> {
    let n = index.docs.len();
    let norms = index.length_norms();
    let lists: Vec<(&PostingList, f32)> = c
        .ids
        .iter()
        .filter_map(|&(id, weight)| {
            let list = c.dict.list(id)?;
            Some((list, idf(n, list.docs, weight)))
        })
        .collect();
    if c.ids.len() == 1 {
        let mut direct = Vec::new();
        for (list, idf) in &lists {
            for (k, p) in list.iter().enumerate() {
                if k % CANCEL_EVERY == CANCEL_EVERY - 1 && cancel.is_cancelled() {
                    return None;
                }
                direct.push(BodyMatch {
                    doc: p.doc,
                    score: bm25(*idf, p.tf, norm_of(index, &norms, p.doc)),
                    mask: p.mask,
                });
            }
        }
        return Some(direct);
    }
    let postings: usize = lists.iter().map(|(l, _)| l.docs as usize).sum();
    let mut score = vec![0f32; n];
    let mut mask = vec![0u64; n];
    let parts = if postings >= PARALLEL_POSTINGS {
        // The lower part stops decoding each list where it ends, the upper
        // one decodes through the lower's postings: the lower gets more.
        let split = n * 3 / 5;
        let (score_low, score_high) = score.split_at_mut(split);
        let (mask_low, mask_high) = mask.split_at_mut(split);
        let (lists, norms) = (&lists, &norms);
        std::thread::scope(|scope| {
            let high = scope.spawn(move || {
                accumulate(index, lists, norms, split, score_high, mask_high, cancel)
            });
            let low = accumulate(index, lists, norms, 0, score_low, mask_low, cancel);
            [low, high.join().ok().flatten()]
        })
    } else {
        [
            accumulate(index, &lists, &norms, 0, &mut score, &mut mask, cancel),
            Some(Vec::new()),
        ]
    };
    let mut found = Vec::new();
    for touched in parts {
        found.extend(touched?);
    }
    Some(
        found
            .into_iter()
            .map(|doc| BodyMatch {
                doc,
                score: score[doc as usize],
                mask: mask[doc as usize],
            })
            .collect(),
    )
}

/// Postings a union must have to be split over two threads.
const PARALLEL_POSTINGS: usize = 1 << 16;

fn norm_of(index: &SearchIndex, norms: &[f32], doc: u32) -> f32 {
    norms
        .get(doc as usize)
        .copied()
        .unwrap_or_else(|| length_norm(0, index.average_len()))
}

/// Adds the BM25 scores and passage marks of every list's postings for
/// documents `from..from + score.len()` (`score` and `mask` are that
/// stretch); the documents touched, in order. None if cancelled.
fn accumulate(
    index: &SearchIndex,
    lists: &[(&PostingList, f32)],
    norms: &[f32],
    from: usize,
    score: &mut [f32],
    mask: &mut [u64],
    cancel: &Cancel,
) -> Option<Vec<u32>> {
    let to = from + score.len();
    let mut touched: Vec<u32> = Vec::new();
    let mut decoded = 0usize;
    for &(list, idf) in lists {
        for p in list.iter() {
            decoded += 1;
            if decoded.is_multiple_of(CANCEL_EVERY) && cancel.is_cancelled() {
                return None;
            }
            let d = p.doc as usize;
            if d < from {
                continue;
            }
            if d >= to {
                break;
            }
            let s = bm25(idf, p.tf, norm_of(index, norms, p.doc));
            let at = d - from;
            if mask[at] == 0 {
                touched.push(p.doc);
            }
            score[at] += s;
            mask[at] |= p.mask;
        }
    }
    if touched.len() > score.len() / 16 {
        // Most documents: reading the marks in order beats sorting.
        touched.clear();
        touched.extend(
            (0..score.len())
                .filter(|&at| mask[at] != 0)
                .map(|at| (from + at) as u32),
        );
    } else {
        touched.sort_unstable();
    }
    Some(touched)
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
    docs: &[Document],
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
            .any(|p| contains(doc.passage_text(p), term));
        if hit {
            kept.push(m);
        }
    }
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;
    use crate::search::Query;

    /// A union big enough to be split over two threads gives the same
    /// documents, scores (to the bit) and marks as one pass over them all.
    #[test]
    fn a_split_union_is_the_same_as_one_pass() {
        let docs: Vec<Document> = (0..3000)
            .map(|i| {
                let words: Vec<String> = (0..40)
                    .map(|k| format!("w{}x{}", (i * 7 + k * 13) % 50, k % 3))
                    .collect();
                let body = words.chunks(8).map(|c| c.join(" ")).collect::<Vec<_>>();
                Document::new(Source::Stdin, format!("T{i}\n\n{}", body.join("\n\n")))
            })
            .collect();
        let index = SearchIndex::build(&docs);
        let query = Query::parse("w");
        let term = query.positive().next().unwrap();
        let component = &components(&index, term)[0];
        let lists: Vec<(&PostingList, f32)> = component
            .ids
            .iter()
            .filter_map(|&(id, weight)| {
                let list = component.dict.list(id)?;
                Some((list, idf(index.docs.len(), list.docs, weight)))
            })
            .collect();
        let postings: usize = lists.iter().map(|(l, _)| l.docs as usize).sum();
        assert!(postings >= PARALLEL_POSTINGS, "{postings} postings");
        let split = union(&index, component, &Cancel::never()).unwrap();
        let n = index.docs.len();
        let (mut score, mut mask) = (vec![0f32; n], vec![0u64; n]);
        let norms = index.length_norms();
        let touched = accumulate(
            &index,
            &lists,
            &norms,
            0,
            &mut score,
            &mut mask,
            &Cancel::never(),
        )
        .unwrap();
        let whole: Vec<BodyMatch> = touched
            .into_iter()
            .map(|doc| BodyMatch {
                doc,
                score: score[doc as usize],
                mask: mask[doc as usize],
            })
            .collect();
        assert_eq!(split.len(), n);
        assert!(split.iter().zip(&whole).all(|(a, b)| a.doc == b.doc
            && a.score.to_bits() == b.score.to_bits()
            && a.mask == b.mask));
    }
}
