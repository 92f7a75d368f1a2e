//! Which documents match a query and in what order: every positive term
//! must match the title or the body, no excluded term may match either.
//!
//! The score puts documents whose title holds more query terms as written
//! in a higher tier; within a tier, BM25 over the bodies (times 1.25 when
//! all body-matched terms share a passage: the words are close together),
//! plus how much of the title the query covers, plus the fuzzy title score.
//! A stub, a contents page or a near-empty page (see `quality.rs`) gets no
//! tier and keeps only part of its body score, so it never outranks the
//! page it stands for. Once a word occurs in some body as typed, a title
//! that holds its letters only scattered (a fuzzy match) no longer makes a
//! document match it: fuzzy titles serve typos, not complete words.
//! Ties go by title, then load order, so equal entries never trade places
//! while the user types.

use super::Cancel;
use super::body::term_docs;
use super::index::SearchIndex;
use super::quality::{Standing, query_words, title_cover};
use super::query::{Query, TermKind};
use super::title::title_matches;
use crate::document::Document;
use crate::store::DocId;
use std::cmp::Ordering;
use std::sync::Arc;

/// Each strong title term outranks any body score.
const TIER: i64 = 1_000_000_000;
/// BM25 is a small float; this keeps three decimals in the integer score.
const BODY_SCALE: f32 = 1000.0;
const PROXIMITY_BONUS: f32 = 1.25;
/// A title that is all query words is worth this much BM25: about what a
/// frequent word brings a chapter, so "Closures" outranks "Advanced
/// Functions and Closures" for `closures` unless the latter says far more.
const COVER_WEIGHT: f32 = 4.0;

/// A matching document and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scored {
    pub doc: u32,
    pub score: i64,
    /// Passages (bit `p % 64`) holding any of the terms in the body.
    pub passages: u64,
}

impl Scored {
    /// The document, as the store names it: the one place the index's
    /// compact numbers become ids.
    pub fn id(&self) -> DocId {
        DocId(self.doc as usize)
    }
}

/// Per-document running totals, one slot per indexed document.
struct Totals {
    terms: Vec<u16>,
    body_terms: Vec<u16>,
    strong: Vec<u16>,
    body: Vec<f32>,
    title: Vec<i32>,
    shared: Vec<u64>,
    any: Vec<u64>,
}

/// The documents matching `query`, unsorted; None if cancelled.
pub(crate) fn matching(
    index: &SearchIndex,
    docs: &[Arc<Document>],
    query: &Query,
    cancel: &Cancel,
) -> Option<Vec<Scored>> {
    let n = index.len().min(docs.len());
    let positive: Vec<_> = query.positive().take(u16::MAX as usize).collect();
    let mut t = Totals {
        terms: vec![0; n],
        body_terms: vec![0; n],
        strong: vec![0; n],
        body: vec![0.0; n],
        title: vec![0; n],
        shared: vec![u64::MAX; n],
        any: vec![0; n],
    };
    // After the first term, only the documents still in the running need
    // their titles matched against the next one.
    let mut alive: Option<Vec<u32>> = None;
    for (i, term) in positive.iter().enumerate() {
        let body = term_docs(index, docs, term, cancel)?;
        let titles = title_matches(index, docs, term, alive.as_deref(), cancel)?;
        let typed_somewhere = term.kind == TermKind::Word && !body.is_empty();
        let mut still = Vec::new();
        let (mut b, mut h) = (body.iter().peekable(), titles.matches.iter().peekable());
        loop {
            let order = match (b.peek(), h.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(x), Some(y)) => x.doc.cmp(&y.doc),
            };
            let in_body = if order.is_le() { b.next() } else { None };
            let in_title = if order.is_ge() { h.next() } else { None };
            let doc = in_body.map_or_else(|| in_title.map_or(0, |m| m.doc), |m| m.doc) as usize;
            if in_body.is_none() && typed_somewhere && in_title.is_some_and(|m| !m.strong) {
                continue; // a fuzzy title only, for a word found as typed
            }
            if doc >= n || t.terms[doc] as usize != i {
                continue; // an earlier term already ruled it out
            }
            t.terms[doc] += 1;
            still.push(doc as u32);
            if let Some(m) = in_body {
                t.body[doc] += m.score;
                t.body_terms[doc] += 1;
                t.shared[doc] &= m.mask;
                t.any[doc] |= m.mask;
            }
            if let Some(m) = in_title {
                t.title[doc] += m.score;
                t.strong[doc] += u16::from(m.strong);
            }
        }
        if cancel.is_cancelled() {
            return None;
        }
        alive = Some(still);
    }
    let excluded = excluded_docs(index, docs, query, alive.as_deref(), cancel)?;
    let wanted = positive.len();
    let words = query_words(query);
    Some(
        (0..n)
            .filter(|&d| t.terms[d] as usize == wanted && !excluded[d])
            .map(|d| Scored {
                doc: d as u32,
                score: score(&t, d, index, docs, &words),
                passages: t.any[d],
            })
            .collect(),
    )
}

fn score(
    t: &Totals,
    d: usize,
    index: &SearchIndex,
    docs: &[Arc<Document>],
    words: &[String],
) -> i64 {
    let strong = t.strong[d];
    combine(&Sums {
        strong,
        body: t.body[d],
        body_terms: t.body_terms[d],
        shared: t.shared[d],
        title: t.title[d],
        standing: index.docs.get(d).map_or(Standing::Full, |s| s.standing),
        cover: cover(strong, docs.get(d).map(Arc::as_ref), words),
    })
}

/// How much of a document's title the query covers, when the title holds
/// any of its words as typed.
pub(crate) fn cover(strong: u16, doc: Option<&Document>, words: &[String]) -> f32 {
    match doc {
        Some(doc) if strong > 0 => title_cover(&doc.title, words),
        _ => 0.0,
    }
}

/// One document's totals over the query's terms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sums {
    /// Terms the title holds as written.
    pub strong: u16,
    /// BM25 summed over the terms matched in the body, in query order.
    pub body: f32,
    pub body_terms: u16,
    /// Passages holding every body-matched term.
    pub shared: u64,
    pub title: i32,
    pub standing: Standing,
    /// Share of the title the query's words cover ([`cover`]).
    pub cover: f32,
}

/// The score of a document from its totals.
pub(crate) fn combine(s: &Sums) -> i64 {
    let close = s.body_terms >= 2 && s.shared != 0;
    let body = s.body * if close { PROXIMITY_BONUS } else { 1.0 };
    let worth = (body + s.cover * COVER_WEIGHT) * s.standing.body_factor();
    let (tier, title) = if s.standing.title_counts() {
        (i64::from(s.strong) * TIER, i64::from(s.title))
    } else {
        (0, 0)
    };
    tier + (worth * BODY_SCALE) as i64 + title
}

/// A flag per document: true when an excluded term occurs in it.
fn excluded_docs(
    index: &SearchIndex,
    docs: &[Arc<Document>],
    query: &Query,
    among: Option<&[u32]>,
    cancel: &Cancel,
) -> Option<Vec<bool>> {
    let n = index.len().min(docs.len());
    let mut out = vec![false; n];
    for term in query.excluded() {
        for m in term_docs(index, docs, term, cancel)? {
            if let Some(flag) = out.get_mut(m.doc as usize) {
                *flag = true;
            }
        }
        for m in &title_matches(index, docs, term, among, cancel)?.matches {
            if let Some(flag) = out.get_mut(m.doc as usize) {
                *flag = true;
            }
        }
    }
    Some(out)
}

/// Orders by score, then title, then load order: a total order, so the
/// list is the same however the sort proceeds.
pub(crate) fn compare(docs: &[Arc<Document>], a: &Scored, b: &Scored) -> Ordering {
    b.score.cmp(&a.score).then_with(|| {
        let title = |s: &Scored| docs.get(s.doc as usize).map_or("", |d| d.title.as_str());
        title(a).cmp(title(b)).then(a.doc.cmp(&b.doc))
    })
}

/// Sorts `hits`, the first `head` of them first, so the first screen can
/// be described while the rest is still unsorted.
pub(crate) fn sort_head(docs: &[Arc<Document>], hits: &mut [Scored], head: usize) {
    if head > 0 && head < hits.len() {
        // The head by score alone first (no titles to compare), then only
        // the entries tied with its last score compete by title.
        hits.select_nth_unstable_by(head - 1, |a, b| b.score.cmp(&a.score));
        let cutoff = hits[head - 1].score;
        let mut tied = head;
        for k in head..hits.len() {
            if hits[k].score == cutoff {
                hits.swap(k, tied);
                tied += 1;
            }
        }
        let contenders = &mut hits[..tied];
        if tied > head {
            contenders.select_nth_unstable_by(head - 1, |a, b| compare(docs, a, b));
        }
        contenders[..head].sort_unstable_by(|a, b| compare(docs, a, b));
    } else {
        // By score alone first (integers, no titles to look up), then each
        // run of equal scores by title: the same order as `compare`.
        hits.sort_unstable_by_key(|h| std::cmp::Reverse(h.score));
        for run in hits.chunk_by_mut(|a, b| a.score == b.score) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| compare(docs, a, b));
            }
        }
    }
}

/// From this many matches on, the index's title order is worth having.
pub(crate) const ORDER_FROM: usize = 4096;

/// How the matches after the first screen are put in order: by score,
/// then by title and load order, read from `order` (each document's place
/// in that order) when there is one.
pub(crate) struct Tail<'a> {
    pub docs: &'a [Arc<Document>],
    pub order: Option<&'a [u32]>,
}

impl Tail<'_> {
    pub fn sort(&self, hits: &mut [Scored]) {
        let Some(order) = self.order else {
            return sort_head(self.docs, hits, 0);
        };
        let place = |s: &Scored| order.get(s.doc as usize).copied().unwrap_or(u32::MAX);
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(place(a).cmp(&place(b))));
    }
}

/// Each of the first `n` documents' place when sorted by title, then load
/// order: the order [`compare`] gives equal scores.
pub(crate) fn title_order(docs: &[Arc<Document>], n: usize) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..n.min(docs.len()) as u32).collect();
    ids.sort_unstable_by(|&a, &b| {
        docs[a as usize]
            .title
            .cmp(&docs[b as usize].title)
            .then(a.cmp(&b))
    });
    let mut order = vec![0; ids.len()];
    for (place, &id) in ids.iter().enumerate() {
        order[id as usize] = place as u32;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    #[test]
    fn the_head_is_the_start_of_the_full_order_even_with_many_ties() {
        let docs: Vec<Arc<Document>> = (0..300)
            .map(|i| {
                Arc::new(Document::new(
                    Source::Stdin,
                    format!("title {}", (i * 7919) % 13),
                ))
            })
            .collect();
        let scored: Vec<Scored> = (0..300u32)
            .map(|d| Scored {
                doc: d,
                score: i64::from((d * 31) % 5),
                passages: 0,
            })
            .collect();
        let mut full = scored.clone();
        full.sort_by(|a, b| compare(&docs, a, b));
        for head in [1, 7, 50, 61, 299, 300] {
            let mut hits = scored.clone();
            sort_head(&docs, &mut hits, head);
            assert_eq!(hits[..head], full[..head], "head {head}");
            sort_head(&docs, &mut hits[head..], 0);
            assert_eq!(hits, full, "head {head}");
            let order = title_order(&docs, docs.len());
            let tail = Tail {
                docs: &docs,
                order: Some(&order),
            };
            let mut again = scored.clone();
            sort_head(&docs, &mut again, head);
            tail.sort(&mut again[head..]);
            assert_eq!(again, full, "head {head}, by title order");
        }
    }
}
