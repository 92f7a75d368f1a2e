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

use crate::document::{Block, Document, Fold, FoldKind};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Paragraphs at an edge that are counted: a bio or disclaimer sits
/// right before the trailing furniture or right after the title.
const EDGE: usize = 3;
/// Shorter paragraphs ("Thanks for reading.") repeat by chance.
const MIN_BYTES: usize = 120;
/// Found in this many different documents, a paragraph next to an
/// article's own furniture (a bio above its previous/next links) is
/// furniture too...
const MIN_DOCUMENTS: usize = 2;
/// ...and in this many, one at an article's very edge with no furniture
/// beside it (a disclaimer). Two documents that share their last
/// paragraphs are more often one text in two formats (`x.md`, `x.html`)
/// or release notes repeating an entry.
const LONE_DOCUMENTS: usize = 3;

/// What is remembered of one document: its own folds and the hashes of
/// its edge paragraphs (by passage index), nearest the edge first.
///
/// Taken with [`Edges::of`] where the document is read (a thread of
/// `quire search`), it can be counted later with [`Repeats::add_edges`]
/// without the document.
#[derive(Debug, Default)]
pub struct Edges {
    /// Tells copies of one text apart from different documents, so the
    /// same file read twice repeats nothing.
    fingerprint: u64,
    folds: Vec<Fold>,
    tail: Vec<(usize, u64)>,
    head: Vec<(usize, u64)>,
    /// The document's own furniture lies just after its tail edge, or
    /// just before its head edge.
    tail_furnished: bool,
    head_furnished: bool,
    /// How many shown passages are long paragraphs of prose.
    prose: usize,
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
        self.add_edges(Edges::of(doc))
    }

    /// Counts a document by its [`Edges`], as [`add`](Self::add) does.
    pub fn add_edges(&mut self, edges: Edges) -> Vec<usize> {
        let index = self.docs.len() as u32;
        let mut changed = Vec::new();
        for &(_, hash) in edges.tail.iter().chain(&edges.head) {
            let holders = self.holders.entry(hash).or_default();
            // This document (a paragraph at both its edges) or a copy of
            // it holds the paragraph already.
            let copy = |i: &u32| {
                *i == index
                    || self
                        .docs
                        .get(*i as usize)
                        .is_some_and(|d| d.fingerprint == edges.fingerprint)
            };
            if holders.iter().any(copy) {
                continue;
            }
            holders.push(index);
            if holders.len() == MIN_DOCUMENTS || holders.len() == LONE_DOCUMENTS {
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
        let mut folds = Vec::new();
        let sides = [
            (&edges.tail, edges.tail_furnished),
            (&edges.head, edges.head_furnished),
        ];
        for (side, furnished) in sides {
            let needed = if furnished {
                MIN_DOCUMENTS
            } else {
                LONE_DOCUMENTS
            };
            for &(passage, hash) in side {
                let documents = self.holders.get(&hash).map_or(0, Vec::len);
                if documents < needed {
                    break;
                }
                folds.push(Fold::new(
                    passage..passage + 1,
                    FoldKind::Repeated { documents },
                ));
            }
        }
        // Text found in every document of a set (test pages of lorem
        // ipsum) is their content: some of the document's own must stay.
        let kept = edges.prose - folds.len();
        if kept == 0 {
            folds.clear();
        }
        folds.extend(edges.folds.iter().cloned());
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

impl Edges {
    /// The long paragraphs at `doc`'s edges: the last shown ones before
    /// its trailing folds and the first shown ones, up to [`EDGE`] a side.
    pub fn of(doc: &Document) -> Edges {
        edges(doc)
    }

    /// Whether the document has any paragraph another could repeat.
    pub fn is_empty(&self) -> bool {
        self.tail.is_empty() && self.head.is_empty()
    }
}

fn edges(doc: &Document) -> Edges {
    let own: Vec<Fold> = doc
        .folds
        .iter()
        .filter(|f| !matches!(f.kind, FoldKind::Repeated { .. }))
        .cloned()
        .collect();
    let folded = |i: usize| own.iter().any(|f| f.passages.contains(&i));
    let shown: Vec<usize> = (0..doc.passages.len()).filter(|&i| !folded(i)).collect();
    // Bios and disclaimers are paragraphs of prose, not code or list
    // items (release notes repeat those).
    let is_prose = |i: usize| {
        let text = doc.passage_text(i).trim();
        doc.passages[i].block == Block::Paragraph && !list_like(text) && text.len() >= MIN_BYTES
    };
    let hashed = |i: &usize| is_prose(*i).then(|| (*i, hash(doc.passage_text(*i).trim())));
    let side = |ids: &mut dyn Iterator<Item = &usize>| -> Vec<(usize, u64)> {
        ids.take(EDGE).map_while(hashed).collect()
    };
    let prose = shown.iter().filter(|&&i| is_prose(i)).count();
    let tail = side(&mut shown.iter().rev());
    // A short document's edges meet: each paragraph belongs to one side.
    let head = side(&mut shown.iter().take(shown.len().saturating_sub(tail.len())));
    let tail_furnished = shown.last().is_some_and(|&i| folded(i + 1));
    let head_furnished = shown.first().is_some_and(|&i| i > 0);
    let mut fingerprint = DefaultHasher::new();
    doc.text.len().hash(&mut fingerprint);
    tail.hash(&mut fingerprint);
    head.hash(&mut fingerprint);
    Edges {
        fingerprint: fingerprint.finish(),
        folds: own,
        tail,
        head,
        tail_furnished,
        head_furnished,
        prose,
    }
}

/// Starts like a list item in plain text: `* `, `- `, `• `, `12. `.
fn list_like(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    text.starts_with(['*', '-', '•', '+'])
        || (digits.len() < text.len() && digits.starts_with(['.', ')']))
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

    /// An article with `last` at its end, before its previous/next links.
    fn ending(topic: &str, last: &str) -> String {
        format!(
            "{}\n\n<<: The article before\n\n>>: The article after\n",
            bare(topic, last)
        )
    }

    fn article(topic: &str) -> String {
        ending(topic, BIO)
    }

    /// An article ending in `last`, with no furniture.
    fn bare(topic: &str, last: &str) -> String {
        format!(
            "{topic}\n\nA long first paragraph about {topic}, with enough words in it to be \
             prose rather than a caption or a teaser line, as articles have.\n\nThe \
             article's own last paragraph about {topic}, which says something that no other \
             article says at all, in so many words.\n\n{last}"
        )
    }

    fn repeated(folds: &[Fold]) -> bool {
        folds
            .iter()
            .any(|f| matches!(f.kind, FoldKind::Repeated { .. }))
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
    fn without_furniture_beside_it_a_paragraph_must_repeat_in_three_documents() {
        let topics = ["tea", "coffee", "milk"];
        let mut two: Vec<Document> = topics[..2]
            .iter()
            .map(|t| doc(&format!("{t}.txt"), &bare(t, BIO)))
            .collect();
        fold_all(&mut two);
        assert!(
            two.iter().all(|d| d.folds.is_empty()),
            "one text in two formats"
        );
        let mut three: Vec<Document> = topics
            .iter()
            .map(|t| doc(&format!("{t}.txt"), &bare(t, BIO)))
            .collect();
        fold_all(&mut three);
        for d in &three {
            assert_eq!(d.folds[0].kind, FoldKind::Repeated { documents: 3 });
        }
    }

    #[test]
    fn a_paragraph_at_both_edges_of_one_document_counts_once() {
        let text = format!("Title\n\n{BIO}\n\n{BIO}\n\n{BIO}");
        let mut docs = vec![doc("a.txt", &text), doc("b.txt", &article("tea"))];
        fold_all(&mut docs);
        let kinds: Vec<FoldKind> = docs[1].folds.iter().map(|f| f.kind).collect();
        assert!(
            kinds.contains(&FoldKind::Repeated { documents: 2 }),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_document_of_nothing_but_repeated_text_keeps_it() {
        let topics = ["a", "b", "c"];
        let mut docs: Vec<Document> = topics
            .iter()
            .map(|t| {
                doc(
                    &format!("{t}.txt"),
                    &format!("{t}\n\n{BIO}\n\n{BIO} Again."),
                )
            })
            .collect();
        fold_all(&mut docs);
        assert!(docs.iter().all(|d| !repeated(&d.folds)));
    }

    #[test]
    fn repeated_list_items_and_code_are_content() {
        let entry = format!("* {BIO}");
        let mut docs: Vec<Document> = ["a", "b", "c"]
            .iter()
            .map(|t| doc(&format!("{t}.txt"), &ending(t, &entry)))
            .collect();
        fold_all(&mut docs);
        assert!(docs.iter().all(|d| shown(d).contains(&entry)));
    }

    #[test]
    fn one_article_or_the_same_file_twice_repeats_nothing() {
        let mut one = vec![doc("a.txt", &article("tea"))];
        fold_all(&mut one);
        assert!(!repeated(&one[0].folds));
        let mut twice = vec![
            doc("a.txt", &article("tea")),
            doc("copy.txt", &article("tea")),
        ];
        fold_all(&mut twice);
        assert!(twice.iter().all(|d| !repeated(&d.folds)));
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
        assert!(!repeated(&repeats.folds(0)));
        assert_eq!(repeats.add(&doc("b.txt", &article("coffee"))), vec![0]);
        assert!(repeated(&repeats.folds(0)));
        // A third copy can fold paragraphs that two could not.
        assert_eq!(repeats.add(&doc("c.txt", &article("milk"))), vec![0, 1]);
        let kinds: Vec<FoldKind> = repeats.folds(2).iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FoldKind::Repeated { documents: 3 }));
        // A fourth changes nothing for the others.
        assert!(repeats.add(&doc("d.txt", &article("juice"))).is_empty());
    }
}
