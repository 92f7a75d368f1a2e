//! The one-shot search behind `quire search`: no index, one pass over each
//! document's text for the query's words, then the same ranking and
//! snippets as [`super::SearchIndex::search`], so both give the same list.
//!
//! Building an index to answer one query costs more than the query: the
//! scan looks only for what the query asks. Its scores need what the index
//! would know about the whole corpus (how many documents hold each word the
//! query's prefixes expand to, the average document length), so every
//! document is tallied, on as many threads as the caller likes: each
//! thread has its own [`Tally`], and [`Scanner::rank`] merges them.
//!
//! Matching follows the index's definitions (see `text.rs`): a word of the
//! query is looked up folded or, when it has a capital, as written, as a
//! word prefix; CJK runs as the unigrams and bigrams the index keeps;
//! phrases, literals and long CJK runs are verified in the text.

use super::body::{bm25, idf, needs_verification, prefix_weight};
use super::find::contains;
use super::postings::FxHasher;
use super::quality::{Standing, query_words, standing};
use super::query::LookupWord;
use super::query::{Query, Term, TermKind};
use super::rank::{Scored, Sums, combine, cover};
use super::stats::{char_mask, length_norm};
use super::text::{TokenKind, cjk_grams, fold_into, token_count, tokens};
use super::title::{match_title, title_letters};
use super::{Cancel, Options, Results};
use crate::document::{Document, Source, plain_title};
use crate::script::is_cjk;
use crate::store::DocId;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// Below this many hits to describe, threads cost more than they save.
const DESCRIBE_ON_THREADS: usize = 256;
const DESCRIBE_CHUNK: usize = 64;
const MAX_DESCRIBE_THREADS: usize = 8;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The index's two body dictionaries: words lowercased, and words with a
/// capital as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Dict {
    Folded = 0,
    Cased = 1,
}

/// What one component of a term looks for in a passage.
enum Pattern {
    /// Words equal to `key` or, with `prefix`, starting with it.
    Word {
        key: String,
        dict: Dict,
        prefix: bool,
    },
    /// A CJK unigram or bigram, counted wherever it occurs.
    Gram(Box<Finder<'static>>, String),
}

struct Component {
    pattern: Pattern,
    /// The weight of a gram or an exact word (prefixes weigh each word).
    weight: f32,
}

impl Component {
    fn weight(&self, name: &str) -> f32 {
        match &self.pattern {
            Pattern::Word {
                key, prefix: true, ..
            } => prefix_weight(key, name),
            _ => self.weight,
        }
    }
}

/// A positive term: its components (indices into `Scanner::components`).
struct Plan<'q> {
    term: &'q Term,
    components: std::ops::Range<usize>,
    verify: bool,
    fuzzy: bool,
    want: u64,
}

/// A query prepared for scanning. Shared by the threads that scan.
pub struct Scanner<'q> {
    query: &'q Query,
    components: Vec<Component>,
    positive: Vec<Plan<'q>>,
}

/// One thread's running totals: documents seen, their lengths, and how
/// many documents hold each word found (the index's document frequency).
pub struct Tally {
    number: usize,
    docs: usize,
    total_len: u64,
    ids: [FxMap<Box<str>, u32>; 2],
    names: Vec<(Dict, Box<str>)>,
    df: Vec<u32>,
    /// Per-document occurrences and passage bits of each word.
    tf: Vec<u32>,
    mask: Vec<u64>,
    touched: Vec<u32>,
    /// Per component, the words found in the current document.
    found: Vec<Vec<u32>>,
    buf: String,
    matcher: SkimMatcherV2,
    /// Per positive term, the documents whose body holds it as a word as
    /// typed: once any does, a fuzzy title alone no longer matches it.
    typed: Vec<u32>,
}

/// A document that matches the query, with what its score needs.
#[derive(Debug, Clone)]
pub struct Candidate {
    tally: usize,
    len: u32,
    terms: Vec<TermFacts>,
}

#[derive(Debug, Clone)]
struct TermFacts {
    /// Title score and strength.
    title: Option<(i32, bool)>,
    /// Per component, (word id in the tally, tf, passage bits).
    body: Option<Vec<Vec<(u32, u32, u64)>>>,
}

impl<'q> Scanner<'q> {
    pub fn new(query: &'q Query) -> Scanner<'q> {
        let mut components = Vec::new();
        let mut positive = Vec::new();
        for term in query.positive() {
            let from = components.len();
            term_components(term, &mut components);
            positive.push(Plan {
                term,
                components: from..components.len(),
                verify: needs_verification(term),
                fuzzy: term.kind == TermKind::Word,
                want: title_letters(term),
            });
        }
        Scanner {
            query,
            components,
            positive,
        }
    }

    /// A tally for one thread; `number` is its place in the list later
    /// given to [`rank`](Self::rank).
    pub fn tally(&self, number: usize) -> Tally {
        Tally {
            number,
            docs: 0,
            total_len: 0,
            ids: [FxMap::default(), FxMap::default()],
            names: Vec::new(),
            df: Vec::new(),
            tf: Vec::new(),
            mask: Vec::new(),
            touched: Vec::new(),
            found: vec![Vec::new(); self.components.len()],
            buf: String::new(),
            matcher: SkimMatcherV2::default().smart_case(),
            typed: vec![0; self.positive.len()],
        }
    }

    /// Counts `doc` into `tally` and says whether it matches the query.
    pub fn examine(&self, tally: &mut Tally, doc: &Document) -> Option<Candidate> {
        self.look(tally, doc, true)
    }

    /// Says whether `doc`, found a `candidate` by one of `tallies` and
    /// folded further since (a paragraph other documents repeat), still
    /// matches, counting nothing into the tally again. The corpus
    /// statistics keep the text the first look counted: they only weigh
    /// ranks, as in [`pass_over`](Self::pass_over).
    pub fn reexamine(
        &self,
        tallies: &mut [Tally],
        candidate: &Candidate,
        doc: &Document,
    ) -> Option<Candidate> {
        let tally = tallies.iter_mut().find(|t| t.number == candidate.tally)?;
        self.look(tally, doc, false)
    }

    /// [`examine`](Self::examine), counting `doc` into the corpus
    /// statistics when `count`.
    fn look(&self, tally: &mut Tally, doc: &Document, count: bool) -> Option<Candidate> {
        let mut len = 0u32;
        for (p, _) in doc.shown_passages() {
            let text = doc.passage_text(p);
            let bit = 1u64 << (p % 64);
            len = len.saturating_add(token_len(text));
            for (c, component) in self.components.iter().enumerate() {
                find(component, text, bit, c, tally);
            }
        }
        if count {
            self.count(tally, len);
        }
        let candidate = self.judge(tally, doc, len);
        for &id in &tally.touched {
            tally.tf[id as usize] = 0;
            tally.mask[id as usize] = 0;
        }
        tally.touched.clear();
        tally.found.iter_mut().for_each(Vec::clear);
        candidate
    }

    /// Counts the document whose words were just found, `len` tokens
    /// long, into the corpus statistics.
    fn count(&self, tally: &mut Tally, len: u32) {
        tally.docs += 1;
        tally.total_len += u64::from(len);
        for &id in &tally.touched {
            tally.df[id as usize] += 1;
        }
        for (p, plan) in self.positive.iter().enumerate() {
            let found = plan.components.clone().all(|c| !tally.found[c].is_empty());
            if plan.term.kind == TermKind::Word && !plan.components.is_empty() && found {
                tally.typed[p] += 1;
            }
        }
    }

    /// Counts a document of plain ASCII `text` (its bytes as
    /// [`crate::corpus::plain_ascii`] gives them) into `tally` without
    /// building it, when it cannot match: none of the query's words occurs
    /// anywhere in the text, so no word is found for the tally, and the
    /// title misses a term. True when it was counted so, exactly as
    /// [`examine`](Self::examine) would have; false when it must be built
    /// and examined.
    ///
    /// Most files miss a rare query, and building each to find that out is
    /// most of `quire search`'s time after the reading.
    pub fn pass_over(&self, tally: &mut Tally, source: &Source, text: &str) -> bool {
        debug_assert!(text.is_ascii());
        if self.positive.is_empty() {
            return false;
        }
        let bytes = text.as_bytes();
        // ASCII text holds no CJK gram and no word with a non-ASCII key: a
        // folded ASCII word stays ASCII.
        let found = self.components.iter().any(|c| match &c.pattern {
            Pattern::Word { key, .. } => key.is_ascii() && occurs_ascii(bytes, key.as_bytes()),
            Pattern::Gram(..) => false,
        });
        if found {
            return false;
        }
        let (title, repeats) = plain_title(source, text);
        let mask = char_mask(&title);
        let titled = self.positive.iter().all(|plan| {
            let m = &tally.matcher;
            match_title(m, &title, mask, plan.want, plan.term, plan.fuzzy).is_some()
        });
        if titled {
            return false;
        }
        // The passages are the text less its blank lines (no words) and the
        // paragraphs that repeat the title; a line feed ends every word.
        // Folded furniture is counted here, unlike in `examine`: finding it
        // means building the document, and the length only weighs ranks.
        let repeated: u32 = repeats
            .iter()
            .map(|r| ascii_word_count(&bytes[r.clone()]))
            .sum();
        let len = ascii_word_count(bytes).saturating_sub(repeated);
        tally.docs += 1;
        tally.total_len += u64::from(len);
        true
    }

    /// Whether every positive term matches the title or the body and no
    /// excluded term matches either.
    fn judge(&self, tally: &mut Tally, doc: &Document, len: u32) -> Option<Candidate> {
        let title_mask = char_mask(&doc.title);
        let mut terms = Vec::with_capacity(self.positive.len());
        for plan in &self.positive {
            let body = self.body_facts(tally, doc, plan);
            let title = match_title(
                &tally.matcher,
                &doc.title,
                title_mask,
                plan.want,
                plan.term,
                plan.fuzzy,
            );
            if body.is_none() && title.is_none() {
                return None;
            }
            terms.push(TermFacts { title, body });
        }
        let excluded = self.query.excluded().any(|term| {
            contains(&doc.title, term)
                || doc
                    .shown_passages()
                    .any(|(p, _)| contains(doc.passage_text(p), term))
        });
        (!excluded).then_some(Candidate {
            tally: tally.number,
            len,
            terms,
        })
    }

    /// The body facts of one term in the current document, if it matches.
    fn body_facts(
        &self,
        tally: &mut Tally,
        doc: &Document,
        plan: &Plan,
    ) -> Option<Vec<Vec<(u32, u32, u64)>>> {
        if plan.components.is_empty() {
            return None;
        }
        let mut shared = u64::MAX;
        let mut out = Vec::with_capacity(plan.components.len());
        for c in plan.components.clone() {
            let found = &mut tally.found[c];
            if found.is_empty() {
                return None;
            }
            found.sort_unstable();
            found.dedup();
            let mut mask = 0;
            let entries = found
                .iter()
                .map(|&id| {
                    mask |= tally.mask[id as usize];
                    (id, tally.tf[id as usize], tally.mask[id as usize])
                })
                .collect();
            shared &= mask;
            out.push(entries);
        }
        if plan.verify {
            // As the index verifies: only passages every component is in,
            // when the mask can say so.
            let exact = doc.passages.len() <= 64;
            let hit = (0..doc.passages.len())
                .filter(|p| !exact || shared & (1 << (p % 64)) != 0)
                .filter(|&p| !doc.is_folded(p))
                .any(|p| contains(doc.passage_text(p), plan.term));
            if !hit {
                return None;
            }
        }
        Some(out)
    }

    /// Ranks the candidates (each with its id in `docs`) and describes
    /// the first `options.describe`, exactly as the index would have for
    /// the documents the tallies saw.
    pub fn rank(
        &self,
        tallies: &[Tally],
        docs: &[Arc<Document>],
        candidates: &[(DocId, Candidate)],
        options: &Options,
    ) -> Results {
        let n: usize = tallies.iter().map(|t| t.docs).sum();
        let total_len: u64 = tallies.iter().map(|t| t.total_len).sum();
        let average = (total_len as f32 / n.max(1) as f32).max(1.0);
        let df = merged_df(tallies);
        let typed: Vec<bool> = (0..self.positive.len())
            .map(|p| {
                tallies
                    .iter()
                    .any(|t| t.typed.get(p).is_some_and(|&n| n > 0))
            })
            .collect();
        let words = query_words(self.query);
        let mut scored = Vec::with_capacity(candidates.len());
        'candidates: for (doc, candidate) in candidates {
            let Some(t) = tallies.iter().position(|t| t.number == candidate.tally) else {
                continue;
            };
            let tally = &tallies[t];
            let mut sums = Sums {
                strong: 0,
                body: 0.0,
                body_terms: 0,
                shared: u64::MAX,
                title: 0,
                standing: docs.get(doc.0).map_or(Standing::Full, |d| standing(d)),
                cover: 0.0,
            };
            let mut any = 0;
            for (p, (plan, facts)) in self.positive.iter().zip(&candidate.terms).enumerate() {
                let fuzzy_only = facts.body.is_none() && facts.title.is_some_and(|t| !t.1);
                if fuzzy_only && typed[p] {
                    continue 'candidates; // as the index: see rank.rs
                }
                if let Some(body) = &facts.body {
                    let (score, mask) =
                        self.body_score(plan, body, tally, &df[t], n, average, candidate.len);
                    sums.body += score;
                    sums.body_terms += 1;
                    sums.shared &= mask;
                    any |= mask;
                }
                if let Some((score, strong)) = facts.title {
                    sums.title += score;
                    sums.strong += u16::from(strong);
                }
            }
            sums.cover = cover(sums.strong, docs.get(doc.0).map(|d| &**d), &words);
            scored.push(Scored {
                doc: doc.0 as u32,
                score: combine(&sums),
                passages: any,
            });
        }
        self.describe(docs, options, scored)
    }

    /// Sorts the matches and describes the first `options.describe`, as
    /// [`super::finish`] does, on every core when there are many: on the
    /// command line every printed hit has a snippet.
    fn describe(&self, docs: &[Arc<Document>], options: &Options, scored: Vec<Scored>) -> Results {
        let head = options.describe.min(scored.len());
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if head < DESCRIBE_ON_THREADS || threads < 2 {
            let tail = super::rank::Tail { docs, order: None };
            return super::finish(&tail, self.query, options, scored, &Cancel::never())
                .unwrap_or_default();
        }
        let mut masks: Vec<(DocId, u64)> = scored.iter().map(|s| (s.id(), s.passages)).collect();
        masks.sort_unstable();
        let sort_only = Options {
            describe: 0,
            ..*options
        };
        let tail = super::rank::Tail { docs, order: None };
        let mut results = super::finish(&tail, self.query, &sort_only, scored, &Cancel::never())
            .unwrap_or_default();
        let mask = |doc: DocId| {
            masks
                .binary_search_by_key(&doc, |m| m.0)
                .map_or(u64::MAX, |i| masks[i].1)
        };
        let chunks = std::sync::Mutex::new(results.hits[..head].chunks_mut(DESCRIBE_CHUNK));
        let work = || {
            loop {
                let chunk = chunks.lock().ok().and_then(|mut c| c.next());
                let Some(chunk) = chunk else { break };
                for hit in chunk {
                    let doc = &docs[hit.doc];
                    let width = options.snippet_width;
                    let titles = options.title_positions;
                    super::snippet::describe_passages(
                        doc,
                        self.query,
                        width,
                        hit,
                        mask(hit.doc),
                        titles,
                    );
                }
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..threads.min(MAX_DESCRIBE_THREADS) {
                scope.spawn(work);
            }
            work();
        });
        results.described = head;
        results
    }

    /// A term's BM25 in one document: each component's words summed in
    /// name order (as the index unions them), components added in order.
    #[allow(clippy::too_many_arguments)]
    fn body_score(
        &self,
        plan: &Plan,
        body: &[Vec<(u32, u32, u64)>],
        tally: &Tally,
        df: &[u32],
        n: usize,
        average: f32,
        len: u32,
    ) -> (f32, u64) {
        let mut total: Option<(f32, u64)> = None;
        let norm = length_norm(len, average);
        for (c, entries) in plan.components.clone().zip(body) {
            let component = &self.components[c];
            let mut sorted: Vec<&(u32, u32, u64)> = entries.iter().collect();
            sorted.sort_unstable_by(|a, b| {
                tally.names[a.0 as usize]
                    .1
                    .cmp(&tally.names[b.0 as usize].1)
            });
            let (mut score, mut mask) = (0f32, 0u64);
            for &&(id, tf, bits) in &sorted {
                let name = &tally.names[id as usize].1;
                let idf = idf(n, df[id as usize], component.weight(name));
                score += bm25(idf, tf, norm);
                mask |= bits;
            }
            total = Some(match total {
                None => (score, mask),
                Some((s, m)) => (s + score, m & mask),
            });
        }
        total.unwrap_or((0.0, 0))
    }
}

/// Every document in `docs` ranked against `query` by scanning, on one
/// thread: the same [`Results`] as an index of `docs` would give.
pub fn scan(docs: &[Arc<Document>], query: &Query, options: &Options) -> Results {
    if query.is_empty() {
        return Results {
            hits: super::all(docs),
            described: 0,
        };
    }
    let scanner = Scanner::new(query);
    let mut tally = scanner.tally(0);
    let candidates: Vec<(DocId, Candidate)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| scanner.examine(&mut tally, doc).map(|c| (DocId(i), c)))
        .collect();
    scanner.rank(&[tally], docs, &candidates, options)
}

/// For each tally, the corpus-wide document frequency of each of its words.
fn merged_df(tallies: &[Tally]) -> Vec<Vec<u32>> {
    let mut total: FxMap<(Dict, &str), u32> = FxMap::default();
    for t in tallies {
        for (id, (dict, name)) in t.names.iter().enumerate() {
            *total.entry((*dict, name)).or_default() += t.df[id];
        }
    }
    tallies
        .iter()
        .map(|t| {
            t.names
                .iter()
                .map(|(dict, name)| total.get(&(*dict, &**name)).copied().unwrap_or(0))
                .collect()
        })
        .collect()
}

/// The components of `term`, as the index would look them up.
fn term_components(term: &Term, out: &mut Vec<Component>) {
    for LookupWord { cased, key, prefix } in term.lookup_words() {
        let dict = if cased { Dict::Cased } else { Dict::Folded };
        out.push(Component {
            pattern: Pattern::Word { key, dict, prefix },
            weight: 1.0,
        });
    }
    for run in &term.cjk {
        let grams = cjk_grams(run);
        let weight = 1.0 / grams.len().max(1) as f32;
        for gram in grams {
            out.push(Component {
                pattern: Pattern::Gram(
                    Box::new(Finder::new(gram.as_bytes()).into_owned()),
                    gram.to_string(),
                ),
                weight,
            });
        }
    }
}

/// Records in `tally` every word of `text` that component `c` matches.
fn find(component: &Component, text: &str, bit: u64, c: usize, tally: &mut Tally) {
    match &component.pattern {
        Pattern::Gram(finder, gram) => {
            let step = gram.chars().next().map_or(1, char::len_utf8);
            let bytes = text.as_bytes();
            let mut from = 0;
            while let Some(at) = finder.find(&bytes[from..]) {
                tally.record(Dict::Folded, gram, bit, c);
                from += at + step;
            }
        }
        Pattern::Word { key, dict, prefix } if key.is_ascii() => {
            ascii_words(text, key, *dict, *prefix, bit, c, tally)
        }
        Pattern::Word { key, dict, prefix } => {
            for token in tokens(text).filter(|t| t.kind == TokenKind::Word) {
                let piece = &text[token.start..token.end];
                let mut name = std::mem::take(&mut tally.buf);
                let keep = name_of(piece, *dict, &mut name)
                    && if *prefix {
                        name.starts_with(key.as_str())
                    } else {
                        name == *key
                    };
                if keep {
                    tally.record(*dict, &name, bit, c);
                }
                tally.buf = name;
            }
        }
    }
}

/// The dictionary name of the word `piece` into `out`; false when the
/// word is not in `dict` (the cased dictionary holds only words with
/// capitals).
fn name_of(piece: &str, dict: Dict, out: &mut String) -> bool {
    match dict {
        Dict::Folded => {
            fold_into(piece, out);
            true
        }
        Dict::Cased => {
            fold_into(piece, out);
            let cased = *out != piece;
            out.clear();
            out.push_str(piece);
            cased
        }
    }
}

/// Words of `text` starting with (or equal to) the ASCII `key`, found by
/// scanning for its first letter, as `find::ascii_word_ranges` does.
#[allow(clippy::too_many_arguments)]
fn ascii_words(
    text: &str,
    key: &str,
    dict: Dict,
    prefix: bool,
    bit: u64,
    c: usize,
    tally: &mut Tally,
) {
    let (bytes, k) = (text.as_bytes(), key.as_bytes());
    let Some(&first) = k.first() else { return };
    let cased = dict == Dict::Cased;
    let (lo, hi) = if cased {
        (first, first)
    } else {
        (first.to_ascii_lowercase(), first.to_ascii_uppercase())
    };
    let mut from = 0;
    while let Some(pos) = memchr::memchr2(lo, hi, &bytes[from..]) {
        let at = from + pos;
        from = at + 1;
        let end = at + k.len();
        let same = bytes.get(at..end).is_some_and(|b| {
            if cased {
                b == k
            } else {
                b.eq_ignore_ascii_case(k)
            }
        });
        if !same || word_before(text, at) {
            continue;
        }
        let stop = word_end(text, end);
        if !prefix && stop != end {
            continue;
        }
        let piece = &text[at..stop];
        let mut name = std::mem::take(&mut tally.buf);
        if name_of(piece, dict, &mut name) {
            tally.record(dict, &name, bit, c);
        }
        tally.buf = name;
        from = stop.max(from);
    }
}

/// Whether `key` (ASCII) occurs anywhere in `bytes`, in any case: where
/// it does not, no word equal to it or starting with it is there either.
fn occurs_ascii(bytes: &[u8], key: &[u8]) -> bool {
    let Some(&first) = key.first() else {
        return false;
    };
    let (lo, hi) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lo, hi, bytes).any(|at| {
        bytes
            .get(at..at + key.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(key))
    })
}

/// True when a word character (a letter or digit outside CJK) ends just
/// before `at`.
fn word_before(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match at.checked_sub(1).map(|i| bytes[i]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() && !is_cjk(c)),
    }
}

/// Where the word running through `from` ends.
fn word_end(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    while from < bytes.len() {
        let b = bytes[from];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            from += 1;
        } else {
            match text[from..].chars().next() {
                Some(c) if c.is_alphanumeric() && !is_cjk(c) => from += c.len_utf8(),
                _ => break,
            }
        }
    }
    from
}

impl Tally {
    /// The number it was made with.
    pub fn number(&self) -> usize {
        self.number
    }

    /// One occurrence of the word `name` in passage `bit` for component `c`.
    fn record(&mut self, dict: Dict, name: &str, bit: u64, c: usize) {
        let map = &mut self.ids[dict as usize];
        let id = match map.get(name) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                map.insert(name.into(), id);
                self.names.push((dict, name.into()));
                self.df.push(0);
                self.tf.push(0);
                self.mask.push(0);
                id
            }
        };
        let i = id as usize;
        if self.tf[i] == 0 {
            self.touched.push(id);
        }
        self.tf[i] += 1;
        self.mask[i] |= bit;
        self.found[c].push(id);
    }
}

/// The BM25 length of a passage: its words plus its CJK characters, as
/// the index counts them; ASCII text is counted without tokenizing.
fn token_len(text: &str) -> u32 {
    if !text.is_ascii() {
        return token_count(text);
    }
    ascii_word_count(text.as_bytes())
}

/// How many runs of ASCII letters and digits `bytes` holds: the places
/// where a word character follows a non-word one, counted a byte per lane
/// and added up every 255 rounds (before a lane can overflow), so that the
/// loop compiles to vector instructions.
#[inline(always)]
fn ascii_word_count(bytes: &[u8]) -> u32 {
    const LANES: usize = 32;
    const ROUNDS: usize = 255;
    let word =
        |b: u8| u8::from(b.wrapping_sub(b'0') < 10) | u8::from((b | 0x20).wrapping_sub(b'a') < 26);
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut count = u32::from(word(first));
    let mut at = 1;
    while at + LANES <= bytes.len() {
        let rounds = ((bytes.len() - at) / LANES).min(ROUNDS);
        let mut lanes = [0u8; LANES];
        for _ in 0..rounds {
            let now: &[u8; LANES] = bytes[at..at + LANES].try_into().expect("32 bytes");
            let before: &[u8; LANES] = bytes[at - 1..at - 1 + LANES].try_into().expect("32 bytes");
            for ((lane, &b), &p) in lanes.iter_mut().zip(now).zip(before) {
                *lane += word(b) & (1 ^ word(p));
            }
            at += LANES;
        }
        count += lanes.iter().map(|&l| u32::from(l)).sum::<u32>();
    }
    for i in at..bytes.len() {
        count += u32::from(word(bytes[i]) & (1 ^ word(bytes[i - 1])));
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_counting_ascii_words_agrees() {
        // Every byte value, at every offset around the 32-byte blocks.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut bytes = Vec::new();
        for _ in 0..4096 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Mostly letters and spaces, so words of every length occur.
            bytes.push(match seed % 4 {
                0 => b' ',
                1 => b'a' + (seed >> 8) as u8 % 26,
                2 => (seed >> 8) as u8,
                _ => b"Zz09@[`{/:\n"[(seed >> 8) as usize % 11],
            });
        }
        let simple = |b: &[u8]| {
            let mut previous = false;
            let mut count = 0;
            for &c in b {
                let word = c.is_ascii_alphanumeric();
                count += u32::from(word && !previous);
                previous = word;
            }
            count
        };
        for len in (0..300).chain([1000, 4095, 4096]) {
            for from in [0, 1, 31] {
                let part = &bytes[from.min(len)..len];
                let want = simple(part);
                assert_eq!(ascii_word_count(part), want, "{len} from {from}");
            }
        }
    }

    #[test]
    fn ascii_token_count_agrees_with_the_tokenizer() {
        let long = "Some words, 42 digits; e-mail x_y z\n".repeat(9);
        // Past 255 rounds of 32 bytes, where the lanes are added up.
        let longer = "a b ".repeat(32 * 300);
        assert_eq!(token_len(&longer), 2 * 32 * 300);
        assert_eq!(ascii_word_count(longer.as_bytes()), 2 * 32 * 300);
        for text in [
            "",
            "a",
            " a b  c1 ",
            "we're e-commerce, x_y 2015!",
            "ab",
            &long,
        ] {
            assert_eq!(token_len(text) as usize, tokens(text).count(), "{text:?}");
        }
        assert_eq!(token_len("微信 pay 支付"), 5);
        // Words and CJK runs as the tokenizer splits them, whatever mixes.
        for text in [
            "微信pay支付，wechat",
            "café 咖啡ok Ünïcode—x",
            "\u{4DC0}\u{4E00}a\u{9FFF}\u{A000}b\u{3042}\u{AC00}",
            "ＡＢＣ１２ 「引用」 x",
            "中",
        ] {
            let want: usize = tokens(text)
                .map(|t| match t.kind {
                    TokenKind::Word => 1,
                    TokenKind::Cjk => text[t.start..t.end].chars().count(),
                })
                .sum();
            assert_eq!(token_len(text) as usize, want, "{text:?}");
        }
    }

    #[test]
    fn token_count_agrees_with_the_tokenizer_on_mixed_scripts() {
        // Characters at the edges of what is told from bytes (ASCII, the
        // ideographs U+4E00 to U+9FFF), and others the tokenizer decides.
        let palette = [
            "a",
            "Z",
            "7",
            " ",
            ",",
            "\n",
            "_",
            "-",
            "\u{4DFF}",
            "\u{4E00}",
            "微",
            "\u{9FFF}",
            "\u{A000}",
            "，",
            "。",
            "「",
            "\u{3000}",
            "\u{3042}",
            "\u{AC00}",
            "é",
            "e\u{301}",
            "Ω",
            "٣",
            "\u{200B}",
            "\u{2014}",
            "\u{1F600}",
            "\u{20000}",
            "Ａ",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(palette[(seed % palette.len() as u64) as usize]);
            }
            let want: usize = tokens(&text)
                .map(|t| match t.kind {
                    TokenKind::Word => 1,
                    TokenKind::Cjk => text[t.start..t.end].chars().count(),
                })
                .sum();
            assert_eq!(token_count(&text) as usize, want, "{text:?}");
        }
    }
}
