//! Paragraphs repeated word for word under several articles of a
//! collection (an author bio, a disclaimer): furniture no single article
//! shows, found by counting the long paragraphs at each article's edges
//! across all of them.
//!
//! [`Repeats`] is the shared count. Documents are added one at a time, as
//! the loader reads them; adding one says which earlier documents now
//! have a paragraph repeated (or repeated more often), so a loader that
//! hands documents over in batches can fold those again. [`fold_all`] does
//! the whole of it for a list already read (`quire list`, the bundled
//! articles).

use crate::document::{Document, Fold, FoldKind};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Paragraphs at an edge that are counted: a bio or disclaimer sits
/// right before the trailing furniture or right after the title.
const EDGE: usize = 3;
/// Shorter paragraphs ("Thanks for reading.") repeat by chance.
const MIN_BYTES: usize = 120;
/// Found in this many different documents, a paragraph is furniture.
const MIN_DOCUMENTS: usize = 2;

/// What is remembered of one document: its own folds and the hashes of
/// its edge paragraphs (by passage index), nearest the edge first.
#[derive(Debug, Default)]
struct Edges {
    /// Tells copies of one text apart from different documents, so the
    /// same file read twice repeats nothing.
    fingerprint: u64,
    folds: Vec<Fold>,
    tail: Vec<(usize, u64)>,
    head: Vec<(usize, u64)>,
}

/// The count of edge paragraphs across a collection.
#[derive(Debug, Default)]
pub struct Repeats {
    docs: Vec<Edges>,
    /// Paragraph hash -> the documents (indices into `docs`) holding it,
    /// one per fingerprint.
    holders: HashMap<u64, Vec<u32>>,
}

impl Repeats {
    pub fn new() -> Repeats {
        Repeats::default()
    }

    /// How many documents have been added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Counts `doc` as the next document of the collection (its index is
    /// the number added before it). Returns the earlier documents that now
    /// have a paragraph folded that was not: those holding one that this
    /// document is the second to hold. (A third holder changes only the
    /// count the earlier ones' fold line gives, which is not worth folding
    /// them again for.)
    pub fn add(&mut self, doc: &Document) -> Vec<usize> {
        let index = self.docs.len() as u32;
        let edges = edges(doc);
        let mut changed = Vec::new();
        for &(_, hash) in edges.tail.iter().chain(&edges.head) {
            let holders = self.holders.entry(hash).or_default();
            let fingerprint = |i: &u32| self.docs[*i as usize].fingerprint;
            if holders.iter().any(|i| fingerprint(i) == edges.fingerprint) {
                continue;
            }
            holders.push(index);
            if holders.len() == MIN_DOCUMENTS {
                changed.extend(
                    holders
                        .iter()
                        .map(|&i| i as usize)
                        .filter(|&i| i != index as usize),
                );
            }
        }
        self.docs.push(edges);
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// The folds of document `index`: its own, and its edge paragraphs
    /// found in other documents too (from the edge inward, stopping at the
    /// first that is its own).
    pub fn folds(&self, index: usize) -> Vec<Fold> {
        let Some(edges) = self.docs.get(index) else {
            return Vec::new();
        };
        let mut folds = edges.folds.clone();
        for side in [&edges.tail, &edges.head] {
            for &(passage, hash) in side {
                let documents = self.holders.get(&hash).map_or(0, Vec::len);
                if documents < MIN_DOCUMENTS {
                    break;
                }
                folds.push(Fold::new(
                    passage..passage + 1,
                    FoldKind::Repeated { documents },
                ));
            }
        }
        folds
    }
}

/// Folds the paragraphs repeated across `docs` in each of them.
pub fn fold_all(docs: &mut [Document]) {
    let mut repeats = Repeats::new();
    for doc in docs.iter() {
        repeats.add(doc);
    }
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.set_folds(repeats.folds(i));
    }
}

/// The long paragraphs at `doc`'s edges: the last shown ones before its
/// trailing folds and the first shown ones, up to [`EDGE`] a side.
fn edges(doc: &Document) -> Edges {
    let own: Vec<Fold> = doc
        .folds
        .iter()
        .filter(|f| !matches!(f.kind, FoldKind::Repeated { .. }))
        .cloned()
        .collect();
    let folded = |i: usize| own.iter().any(|f| f.passages.contains(&i));
    let shown: Vec<usize> = (0..doc.passages.len()).filter(|&i| !folded(i)).collect();
    let hashed = |i: &usize| {
        let text = doc.passage_text(*i).trim();
        (text.len() >= MIN_BYTES).then(|| (*i, hash(text)))
    };
    let side = |ids: &mut dyn Iterator<Item = &usize>| -> Vec<(usize, u64)> {
        ids.take(EDGE).map_while(hashed).collect()
    };
    let tail = side(&mut shown.iter().rev());
    // A short document's edges meet: each paragraph belongs to one side.
    let head = side(&mut shown.iter().take(shown.len().saturating_sub(tail.len())));
    let mut fingerprint = DefaultHasher::new();
    doc.text.len().hash(&mut fingerprint);
    tail.hash(&mut fingerprint);
    head.hash(&mut fingerprint);
    Edges {
        fingerprint: fingerprint.finish(),
        folds: own,
        tail,
        head,
    }
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    const BIO: &str = "As a winner of the Plan and the Author of the Year award, he has \
        written about technology for ten years and won many prizes along the way.";

    fn doc(path: &str, text: &str) -> Document {
        Document::new(Source::File(path.into()), text.to_string())
    }

    fn article(topic: &str) -> String {
        format!(
            "{topic}\n\nA long first paragraph about {topic}, with enough words in it to be \
             prose rather than a caption or a teaser line.\n\nThe article's own last \
             paragraph about {topic}, which says something no other article says at all.\n\n{BIO}\n"
        )
    }

    fn shown(d: &Document) -> String {
        d.shown_byte_ranges().map(|r| &d.text[r]).collect()
    }

    #[test]
    fn a_bio_under_two_articles_is_folded_in_both() {
        let mut docs = vec![
            doc("a.txt", &article("tea")),
            doc("b.txt", &article("coffee")),
        ];
        fold_all(&mut docs);
        for d in &docs {
            assert!(!shown(d).contains("Author of the Year"), "{:?}", d.folds);
            assert!(shown(d).contains("own last paragraph"));
            assert_eq!(d.folds[0].kind, FoldKind::Repeated { documents: 2 });
        }
    }

    #[test]
    fn one_article_or_the_same_file_twice_repeats_nothing() {
        let mut one = vec![doc("a.txt", &article("tea"))];
        fold_all(&mut one);
        assert!(one[0].folds.is_empty());
        let mut twice = vec![
            doc("a.txt", &article("tea")),
            doc("copy.txt", &article("tea")),
        ];
        fold_all(&mut twice);
        assert!(twice.iter().all(|d| d.folds.is_empty()));
    }

    #[test]
    fn a_repeated_paragraph_inside_the_body_stays() {
        let inner = |topic: &str| {
            format!(
                "{topic}\n\n{BIO}\n\nFirst own paragraph about {topic}, long enough to be prose and \
                 not a line.\n\nSecond own paragraph about {topic}, long enough to be prose and not \
                 a line.\n\nThird own paragraph about {topic}, long enough to be prose and not a \
                 line at all.\n\nFourth own paragraph about {topic}, long enough to be prose, \
                 closing the article for good.\n"
            )
        };
        let mut docs = vec![doc("a.txt", &inner("tea")), doc("b.txt", &inner("coffee"))];
        fold_all(&mut docs);
        // At the head edge the bio is folded; text between the edges never is.
        for d in &docs {
            assert!(shown(d).contains("Second own paragraph"));
            assert!(shown(d).contains("Fourth own paragraph"));
        }
    }

    #[test]
    fn documents_added_later_refold_the_earlier_ones() {
        let mut repeats = Repeats::new();
        assert!(repeats.add(&doc("a.txt", &article("tea"))).is_empty());
        assert!(repeats.folds(0).is_empty());
        assert_eq!(repeats.add(&doc("b.txt", &article("coffee"))), vec![0]);
        assert!(repeats.add(&doc("c.txt", &article("milk"))).is_empty());
        assert_eq!(
            repeats.folds(2)[0].kind,
            FoldKind::Repeated { documents: 3 }
        );
    }
}
