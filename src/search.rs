//! Search: turns the filter line's query into a ranked list of documents,
//! each with what to highlight and a one-line snippet of its best passage.
//!
//! # Entry points
//!
//! - [`Query::parse`]`(&str) -> Query`: words, `"phrases"`, `-exclusions`,
//!   smart case per term, CJK runs as substrings. Never fails. The filter
//!   line's query is parsed once and shared (`Arc<Query>`) by the search
//!   that ranks the list and the reader that highlights it.
//! - [`SearchIndex::new`], [`SearchIndex::add`]`(DocId, &Document)`: build
//!   the index incrementally (ids are the documents' places in the
//!   [`crate::store::DocStore`], in increasing order), e.g. on the search
//!   thread as the loader stores files. Hits name documents by the same
//!   [`DocId`]; the postings keep a compact `u32` of their own.
//! - [`SearchIndex::search`]`(&docs, &query, &Options, &Cancel) ->
//!   Option<Results>`: every match, ranked; the first `Options::describe`
//!   hits carry snippets. `None` when a newer query cancelled this one.
//!   Searches cover the documents indexed so far.
//! - [`describe`]`(&doc, &query, width, &mut hit)`: fills in a hit beyond the
//!   described ones when it scrolls into view.
//! - [`find_in_text`]`(text, &query)`: byte ranges of the query's matches,
//!   to highlight the reader and step through them with `n`/`N`.
//! - [`find_literal`]`(text, needle, smart_case)`: the reader's `/` search.
//! - [`scan`]`(&docs, &query, &Options) -> Results`: the same results
//!   without an index, by one pass over the documents; [`Scanner`] does it
//!   on several threads as files are read (`quire search`).
//! - [`all`]`(docs)`: the unfiltered list; [`search`]`(docs, &str)`: a
//!   one-shot search for small document sets and tests.
//!
//! A document matches when every term matches its title (fuzzy) or its
//! body (word prefix), phrases included, and no excluded term occurs.
//!
//! The modules form layers, with no import cycle (`tests/module_graph.rs`):
//! `stats` and `postings` at the bottom; `title` (reading the index through
//! its `TitleFacts`) and `doc_terms`; `index`; `body` and `rank`; `scan`
//! and `snippet` on top.

mod body;
mod chunks;
mod doc_terms;
mod find;
mod index;
mod postings;
mod quality;
mod query;
mod rank;
mod scan;
mod snippet;
mod stats;
mod text;
mod title;

pub use chunks::{Found, MAX_MATCHES, find_in_text_capped, find_literal_capped};
pub use doc_terms::{Counted, TermCounter};
pub use find::{find_in_text, find_literal};
pub use index::SearchIndex;
pub use query::{Query, Term, TermKind};
pub use scan::{Candidate, Scanner, Tally, scan};
pub use snippet::{describe, one_line};

use crate::document::Document;
use crate::store::DocId;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One matching document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The document, named as the store names it.
    pub doc: DocId,
    /// Higher ranks first; only the order is meaningful.
    pub score: i64,
    /// Char indices of matched characters in the title, sorted.
    pub title_positions: Vec<usize>,
    /// The best matching passage, for previews; None for title-only matches.
    pub best_passage: Option<usize>,
    /// How many passages match the query.
    pub passage_matches: usize,
    /// A one-line excerpt of the best passage with highlighted byte ranges.
    pub snippet: Option<Snippet>,
}

/// A one-line excerpt with the matched words marked: no control
/// characters, no line breaks; `highlights` are sorted byte ranges of `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Hit {
    /// A row of the unfiltered list.
    pub fn unranked(doc: DocId) -> Hit {
        Hit::plain(doc)
    }

    fn plain(doc: DocId) -> Hit {
        Hit {
            doc,
            score: 0,
            title_positions: Vec::new(),
            best_passage: None,
            passage_matches: 0,
            snippet: None,
        }
    }
}

/// Tells a running search that a newer query has superseded it: the UI
/// bumps a shared generation counter on every keystroke, and each search
/// remembers the generation it was started for.
#[derive(Debug, Clone, Copy)]
pub struct Cancel<'a> {
    latest: Option<&'a AtomicU64>,
    generation: u64,
}

impl Cancel<'static> {
    /// A search that always runs to the end.
    pub fn never() -> Cancel<'static> {
        Cancel {
            latest: None,
            generation: 0,
        }
    }
}

impl<'a> Cancel<'a> {
    /// Cancelled as soon as `latest` no longer holds `generation`.
    pub fn new(latest: &'a AtomicU64, generation: u64) -> Cancel<'a> {
        Cancel {
            latest: Some(latest),
            generation,
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.latest
            .is_some_and(|l| l.load(Ordering::Relaxed) != self.generation)
    }
}

/// How much to do beyond finding and ranking the matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many of the top hits get a snippet, best passage and title
    /// positions (the first screen).
    pub describe: usize,
    /// Snippet width in columns (0: the whole passage on one line).
    pub snippet_width: usize,
    /// Whether described hits get the positions of the title's matched
    /// letters, which only the list draws (`quire search` prints plain
    /// titles, and for a common word finding them is a real part of its
    /// work).
    pub title_positions: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            describe: 50,
            snippet_width: 80,
            title_positions: true,
        }
    }
}

/// A finished search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// Every matching document, best first.
    pub hits: Vec<Hit>,
    /// How many leading hits are described (snippet, passage, positions).
    pub described: usize,
}

impl SearchIndex {
    /// Ranks the indexed documents of `docs` against `query`: an empty
    /// query lists everything in load order. Returns None as soon as
    /// `cancel` says a newer query superseded this one.
    pub fn search(
        &self,
        docs: &[Arc<Document>],
        query: &Query,
        options: &Options,
        cancel: &Cancel,
    ) -> Option<Results> {
        let indexed = self.len().min(docs.len());
        if query.is_empty() {
            let hits = all(&docs[..indexed]);
            return Some(Results { hits, described: 0 });
        }
        let scored = rank::matching(self, docs, query, cancel)?;
        // Many hits mean long runs of equal scores, ordered by title: the
        // index's title order turns those string comparisons into integers.
        let order = (scored.len() >= rank::ORDER_FROM)
            .then(|| self.title_order(indexed, || rank::title_order(docs, indexed)));
        let tail = rank::Tail {
            docs,
            order: order.as_deref().map(Vec::as_slice),
        };
        finish(&tail, query, options, scored, cancel)
    }
}

/// Ranks the matches and describes the first `options.describe` of them:
/// the last step of both the index's search and the one-shot scan.
/// Hits past the first screen worth sorting on another core while the
/// first screen is described.
const PARALLEL_TAIL: usize = 4096;

fn finish(
    tail: &rank::Tail,
    query: &Query,
    options: &Options,
    mut scored: Vec<rank::Scored>,
    cancel: &Cancel,
) -> Option<Results> {
    let docs = tail.docs;
    let head = options.describe.min(scored.len());
    rank::sort_head(docs, &mut scored, head);
    let mut hits = Vec::with_capacity(scored.len());
    let (first, rest) = scored.split_at_mut(head);
    let describe = |hits: &mut Vec<Hit>| {
        for (i, s) in first.iter().enumerate() {
            if i % 8 == 7 && cancel.is_cancelled() {
                return None;
            }
            let mut hit = Hit {
                score: s.score,
                ..Hit::plain(s.id())
            };
            let doc = &docs[hit.doc];
            let width = options.snippet_width;
            snippet::describe_passages(
                doc,
                query,
                width,
                &mut hit,
                s.passages,
                options.title_positions,
            );
            hits.push(hit);
        }
        Some(())
    };
    if rest.len() >= PARALLEL_TAIL {
        // The rest of a long list is sorted on another core meanwhile.
        std::thread::scope(|scope| {
            scope.spawn(|| tail.sort(rest));
            describe(&mut hits)
        })?;
    } else {
        describe(&mut hits)?;
        tail.sort(rest);
    }
    hits.extend(scored[head..].iter().map(|s| Hit {
        score: s.score,
        ..Hit::plain(s.id())
    }));
    if cancel.is_cancelled() {
        return None;
    }
    Some(Results {
        hits,
        described: head,
    })
}

/// Every document in load order, as the unfiltered list.
pub fn all(docs: &[Arc<Document>]) -> Vec<Hit> {
    DocId::all_in(0..docs.len()).map(Hit::plain).collect()
}

/// Ranks `docs` against `query` with every hit described: builds an index
/// first, and copies plain documents to share them, so for many documents
/// keep a [`SearchIndex`] instead.
pub fn search<D: std::borrow::Borrow<Document>>(docs: &[D], query: &str) -> Vec<Hit> {
    let docs: Vec<Arc<Document>> = docs.iter().map(|d| Arc::new(d.borrow().clone())).collect();
    search_parsed(&docs, &Query::parse(query))
}

/// [`search`] for a query already parsed.
pub fn search_parsed(docs: &[Arc<Document>], query: &Query) -> Vec<Hit> {
    let index = SearchIndex::build(docs);
    let options = Options {
        describe: usize::MAX,
        ..Options::default()
    };
    index
        .search(docs, query, &options, &Cancel::never())
        .map(|r| r.hits)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
