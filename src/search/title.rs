//! Title matching: a word matches a title fuzzily (fuzzy-matcher's skim
//! algorithm, as in the first version of the filter); phrases, CJK runs and
//! exclusions match as text. "Strong" means the title holds the term as
//! written (a word prefix), which ranks the document in the top tier.
//!
//! Fuzzy matching every title costs about a microsecond each, too slow to
//! repeat for 100,000 titles per keystroke. Results are cached per term, and
//! a word extending a cached word (`wec` after `we`) only re-checks the
//! titles that matched the shorter one: a subsequence of a title stays one
//! when letters are removed, so nothing is lost. Backspacing finds the
//! shorter word still cached.
//!
//! The first keystroke is one letter, which nearly every title holds: each
//! title's answer to every one-character word ([`Letters`]) is worked out
//! when it is indexed, so that keystroke reads a byte per title.

use super::Cancel;
use super::find::contains;
use super::query::{Term, TermKind};
use super::stats::{DocStats, char_mask};
use crate::document::Document;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Cached entries beyond this are dropped all at once; typing makes a few
/// per second, so this is minutes of typing.
const CACHE_ENTRIES: usize = 512;
/// Score of a non-fuzzy title match (phrase, CJK), comparable to a good
/// fuzzy score.
const TEXT_MATCH_SCORE: i32 = 100;

/// A title matching a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TitleMatch {
    pub doc: u32,
    pub score: i32,
    /// The title holds the term as written, not just its letters in order.
    pub strong: bool,
}

/// The titles matching one term among the first `covered` documents.
#[derive(Debug)]
pub(crate) struct TitleList {
    covered: usize,
    pub matches: Vec<TitleMatch>,
}

#[derive(Debug, Default)]
pub(crate) struct TitleCache {
    entries: Mutex<HashMap<String, Arc<TitleList>>>,
}

impl TitleCache {
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn get(&self, key: &str) -> Option<Arc<TitleList>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.get(key).cloned()
    }

    fn put(&self, key: String, list: Arc<TitleList>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CACHE_ENTRIES {
            entries.clear();
        }
        entries.insert(key, list);
    }
}

/// What title matching reads from the index. The index implements it, so
/// that this module needs the index's facts, not the index itself (which
/// depends on this module for [`letters`] and the cache).
pub(crate) trait TitleFacts: Sync {
    /// How many documents are indexed.
    fn indexed(&self) -> usize;
    fn title_cache(&self) -> &TitleCache;
    /// Each indexed title's [`Letters`].
    fn title_letters(&self) -> &[Letters];
    fn doc_stats(&self) -> &[DocStats];
}

fn cache_key(term: &Term) -> String {
    format!("{:?}{}\0{}", term.kind, term.excluded, term.text)
}

/// The titles of `docs` (the first `index.len()`) that match `term`,
/// sorted by document; None if cancelled. With `among` (sorted document
/// ids: those still in the running after the query's earlier terms), only
/// those titles need an answer: the result is then not cached, and may
/// hold others.
pub(crate) fn title_matches(
    index: &impl TitleFacts,
    docs: &[Arc<Document>],
    term: &Term,
    among: Option<&[u32]>,
    cancel: &Cancel,
) -> Option<Arc<TitleList>> {
    let n = index.indexed().min(docs.len());
    let key = cache_key(term);
    let cached = index.title_cache().get(&key);
    if let Some(list) = cached.as_ref().filter(|l| l.covered == n) {
        return Some(list.clone());
    }
    if let Some(slot) = letter_slot(term) {
        let pick = |doc: u32| {
            let answer = index.title_letters().get(doc as usize)?[slot];
            (answer != 0).then_some(TitleMatch {
                doc,
                score: i32::from(answer & !STRONG),
                strong: answer & STRONG != 0,
            })
        };
        let matches = match among {
            Some(among) => among.iter().copied().filter_map(pick).collect(),
            None => (0..n as u32).filter_map(pick).collect(),
        };
        let list = Arc::new(TitleList {
            covered: n,
            matches,
        });
        if among.is_none() {
            index.title_cache().put(key, list.clone());
        }
        return Some(list);
    }
    // Start from what is known: this term's own older entry (more documents
    // loaded since), or the longest cached word this one extends.
    let base = cached.or_else(|| shorter_word(index, term));
    let fuzzy = term.kind == TermKind::Word && !term.excluded;
    let from = base.as_ref().map_or(0, |b| b.covered.min(n));
    let mut candidates: Vec<u32> = base.as_ref().map_or_else(Vec::new, |b| {
        b.matches
            .iter()
            .map(|m| m.doc)
            .filter(|&d| (d as usize) < from)
            .collect()
    });
    candidates.extend(from as u32..n as u32);
    if let Some(among) = among {
        candidates = intersect(&candidates, among);
    }
    let want = title_letters(term);
    let check = |part: &[u32]| match_all(index, docs, part, term, fuzzy, want, cancel);
    let threads = if candidates.len() >= PARALLEL_TITLES {
        std::thread::available_parallelism().map_or(1, |t| t.get().min(MAX_THREADS))
    } else {
        1
    };
    let matches = if threads > 1 {
        // Each core takes a stretch of the documents; their matches are
        // concatenated in document order.
        let size = candidates.len().div_ceil(threads);
        let parts: Vec<Option<Vec<TitleMatch>>> = std::thread::scope(|scope| {
            let mut chunks = candidates.chunks(size);
            let first = chunks.next().unwrap_or(&[]);
            let helpers: Vec<_> = chunks.map(|c| scope.spawn(move || check(c))).collect();
            let mut parts = vec![check(first)];
            parts.extend(helpers.into_iter().map(|h| h.join().ok().flatten()));
            parts
        });
        let mut all = Vec::new();
        for part in parts {
            all.extend(part?);
        }
        all
    } else {
        check(&candidates)?
    };
    let list = Arc::new(TitleList {
        covered: n,
        matches,
    });
    if among.is_none() {
        index.title_cache().put(key, list.clone());
    }
    Some(list)
}

/// The characters a one-character word can be: lowercase letters (either
/// case in a title), uppercase ones (that case only: smart case) and
/// digits.
const LETTERS: &[u8; 62] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// One title's answer to each one-character word of [`LETTERS`]: 0 when
/// it does not match, else its fuzzy score (13 to 31), plus [`STRONG`]
/// when the title holds the letter as the start of a word.
pub(crate) type Letters = [u8; 62];

/// The bit of a [`Letters`] answer that says "strong".
const STRONG: u8 = 0x80;

/// Where `term`'s answers are in a [`Letters`], if it is one character of
/// [`LETTERS`] matched fuzzily.
fn letter_slot(term: &Term) -> Option<usize> {
    match term.text.as_bytes() {
        [c] if term.kind == TermKind::Word && !term.excluded => LETTERS.iter().position(|l| l == c),
        _ => None,
    }
}

/// Every one-character word of [`LETTERS`], as a query parses it.
static ONE_LETTER_TERMS: std::sync::LazyLock<Vec<Term>> = std::sync::LazyLock::new(|| {
    LETTERS
        .iter()
        .map(|&c| {
            let query = super::Query::parse(&char::from(c).to_string());
            query
                .terms
                .into_iter()
                .next()
                .expect("one letter is a term")
        })
        .collect()
});

/// `title`'s [`Letters`] (`mask` its [`char_mask`]): [`match_title`]'s
/// answer for each one-character word.
pub(crate) fn letters(title: &str, mask: u64) -> Letters {
    let mut out = [0; 62];
    let matcher = SkimMatcherV2::default().smart_case();
    for (slot, term) in ONE_LETTER_TERMS.iter().enumerate() {
        let want = title_letters(term);
        if mask & want != want {
            continue;
        }
        if let Some((score, strong)) = match_title(&matcher, title, mask, want, term, true) {
            // One pattern character scores 13 to 31 (see one_char_score).
            let score = score.clamp(1, 127) as u8;
            out[slot] = score | if strong { STRONG } else { 0 };
        }
    }
    out
}

/// Titles to check before the work is split over the cores.
const PARALLEL_TITLES: usize = 4096;
const MAX_THREADS: usize = 4;

/// The titles among `candidates` matching `term`.
fn match_all(
    index: &impl TitleFacts,
    docs: &[Arc<Document>],
    candidates: &[u32],
    term: &Term,
    fuzzy: bool,
    want: u64,
    cancel: &Cancel,
) -> Option<Vec<TitleMatch>> {
    let matcher = SkimMatcherV2::default().smart_case();
    let mut matches = Vec::new();
    for (k, &doc) in candidates.iter().enumerate() {
        if k % 2048 == 2047 && cancel.is_cancelled() {
            return None;
        }
        let title = &docs[doc as usize].title;
        let mask = index
            .doc_stats()
            .get(doc as usize)
            .map_or(0, |d| d.title_mask);
        let found = match_title(&matcher, title, mask, want, term, fuzzy);
        matches.extend(found.map(|(score, strong)| TitleMatch { doc, score, strong }));
    }
    Some(matches)
}

/// The ids in both sorted lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The [`char_mask`] bits a title must have to match `term`: a word's
/// letters; for CJK, those every run has (a title must hold one of the
/// runs as written), so a title with no CJK letters is passed over
/// without a substring search. Other kinds check nothing up front.
pub(crate) fn title_letters(term: &Term) -> u64 {
    match term.kind {
        TermKind::Word => char_mask(&term.text),
        TermKind::Cjk => term
            .cjk
            .iter()
            .map(|run| char_mask(run))
            .reduce(|a, b| a & b)
            .unwrap_or(0),
        TermKind::Phrase | TermKind::Literal => 0,
    }
}

/// Whether `title` (whose [`char_mask`] is `mask`) matches `term`, whose
/// [`title_letters`] are `want`: fuzzily for words (`fuzzy`), as text
/// otherwise. Returns the score and whether the title holds the term as
/// written.
pub(crate) fn match_title(
    matcher: &SkimMatcherV2,
    title: &str,
    mask: u64,
    want: u64,
    term: &Term,
    fuzzy: bool,
) -> Option<(i32, bool)> {
    if (fuzzy || term.kind == TermKind::Cjk) && mask & want != want {
        return None;
    }
    if fuzzy {
        let mut pattern = term.text.chars();
        let score = match (pattern.next(), pattern.next(), pattern.next()) {
            (Some(one), None, _) => one_char_score(title, one),
            (Some(one), Some(two), None) => two_char_score(title, one, two),
            _ => matcher.fuzzy_match(title, &term.text).map(|s| s as i32),
        };
        score.map(|score| (score, contains(title, term)))
    } else {
        contains(title, term).then_some((TEXT_MATCH_SCORE, true))
    }
}

/// fuzzy-matcher's scoring constants (`SkimScoreConfig::default()`).
const MATCH: i32 = 16;
const CASE_MISMATCH: i32 = -2;
const GAP_START: i32 = -3;
const GAP: i32 = -1;
const CONSECUTIVE: i32 = 4;
/// Its "minus infinity" for cells that cannot match.
const NEVER: i32 = i16::MIN as i32;

/// fuzzy-matcher's in-place bonus of `c` after `prev` (`'\0'` at the
/// start): head of a word 8, after punctuation 7, camel case 6.
fn place_bonus(prev: char, c: char) -> i32 {
    let kind = |c: char| match c {
        '\0' => 0,                                                       // empty
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 1, // hard separator
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 2,       // soft separator
        '0'..='9' => 3,
        'A'..='Z' => 4,
        _ => 5, // lower, and everything else
    };
    match (kind(prev), kind(c)) {
        (0 | 1, _) => 8,
        (2, _) => 7,
        (5 | 3, 4) => 6,
        _ => 0,
    }
}

/// The match score of title character `c` against pattern character `p`.
fn char_score(c: char, p: char, case_sensitive: bool) -> Option<i32> {
    let same = if case_sensitive {
        c == p
    } else {
        c.eq_ignore_ascii_case(&p)
    };
    let mismatch = if !case_sensitive && c != p {
        CASE_MISMATCH
    } else {
        0
    };
    same.then_some((MATCH + mismatch).max(0))
}

/// What `SkimMatcherV2::default().smart_case().fuzzy_match(title, p)`
/// scores for a one-character pattern, without building its score matrix
/// (the first letter of a word is checked against every title). With one
/// pattern row, fuzzy-matcher's score is the best over the matching
/// characters of the match score plus the in-place bonus (doubled for the
/// first character) minus one for the gap. A test holds it to the library.
fn one_char_score(title: &str, p: char) -> Option<i32> {
    if title.is_ascii() && p.is_ascii() {
        return one_char_score_ascii(title.as_bytes(), p);
    }
    let case_sensitive = p.is_ascii_uppercase();
    let mut best: Option<i32> = None;
    let mut prev = '\0';
    for (j, c) in title.chars().enumerate() {
        if let Some(matched) = char_score(c, p, case_sensitive) {
            let bonus = place_bonus(prev, c) * if j == 0 { 2 } else { 1 };
            let score = GAP + bonus + matched;
            best = Some(best.map_or(score, |b| b.max(score)));
        }
        prev = c;
    }
    best
}

/// [`one_char_score`] of an ASCII title: only the places where `p` is
/// (found with memchr) are scored, not every character.
fn one_char_score_ascii(title: &[u8], p: char) -> Option<i32> {
    let case_sensitive = p.is_ascii_uppercase();
    let (lower, upper) = (p.to_ascii_lowercase() as u8, p.to_ascii_uppercase() as u8);
    let score_at = |j: usize| {
        let c = char::from(title[j]);
        let prev = if j == 0 {
            '\0'
        } else {
            char::from(title[j - 1])
        };
        let matched = char_score(c, p, case_sensitive)?;
        let bonus = place_bonus(prev, c) * if j == 0 { 2 } else { 1 };
        Some(GAP + bonus + matched)
    };
    // Both cases are found; `char_score` turns away the wrong one when the
    // pattern is case-sensitive.
    memchr::memchr2_iter(lower, upper, title)
        .filter_map(score_at)
        .max()
}

/// The same for a two-character pattern: fuzzy-matcher's two rows of
/// alignment scores (match and gap) computed in one pass, as its
/// compressed matrix does. A test holds it to the library.
fn two_char_score(title: &str, p0: char, p1: char) -> Option<i32> {
    let case_sensitive = p0.is_ascii_uppercase() || p1.is_ascii_uppercase();
    // Row one (p0), defined from the first p0 on; row two (p1) from the
    // first p1 after it.
    let (mut started, mut second) = (false, false);
    let (mut m1, mut p1_gap) = (NEVER, NEVER);
    let mut best: Option<i32> = None;
    let mut prev = '\0';
    for (j, c) in title.chars().enumerate() {
        let bonus = place_bonus(prev, c) * if j == 0 { 2 } else { 1 };
        prev = c;
        let first = char_score(c, p0, case_sensitive);
        if !started {
            if first.is_none() {
                continue;
            }
            started = true;
        } else {
            // Row two needs row one's cells of the previous character.
            let matched = char_score(c, p1, case_sensitive);
            second |= matched.is_some();
            if second {
                let m2 = match matched {
                    Some(s) => (m1 + bonus.max(CONSECUTIVE)).max(p1_gap + bonus) + s,
                    None => NEVER,
                };
                best = Some(best.map_or(m2, |b| b.max(m2)));
            }
        }
        let gap = (GAP_START + GAP + m1).max(GAP + p1_gap);
        m1 = first.map_or(NEVER, |s| GAP + bonus + s);
        p1_gap = gap;
    }
    best
}

/// The cached result of the longest word that `term` extends.
fn shorter_word(index: &impl TitleFacts, term: &Term) -> Option<Arc<TitleList>> {
    if term.kind != TermKind::Word || term.excluded {
        return None;
    }
    let mut probe = term.clone();
    let mut text = term.text.clone();
    while text.pop().is_some() && !text.is_empty() {
        probe.text.clone_from(&text);
        if let Some(list) = index.title_cache().get(&cache_key(&probe)) {
            return Some(list);
        }
    }
    None
}

/// Char positions in `title` to highlight for `term`.
pub(crate) fn title_positions(title: &str, term: &Term) -> Vec<usize> {
    if term.kind == TermKind::Word {
        let matcher = SkimMatcherV2::default().smart_case();
        return matcher
            .fuzzy_indices(title, &term.text)
            .map(|(_, positions)| positions)
            .unwrap_or_default();
    }
    let ranges = super::find::find_in_text(
        title,
        &super::Query {
            terms: vec![term.clone()],
        },
    );
    title
        .char_indices()
        .enumerate()
        .filter(|(_, (at, _))| ranges.iter().any(|r| r.contains(at)))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, SearchIndex};

    /// The answers worked out at indexing are what matching each title
    /// for a one-character word gives, for every such word.
    #[test]
    fn one_letter_answers_from_the_index_are_the_matchers() {
        use crate::document::Source;
        let titles = [
            "WeChat Pay and the wallet war",
            "wow",
            "Über W: 2 ways",
            "x2 3d 0",
            "微信 w支付",
            "straße ß",
            "Ω omega ω",
            "a-b_c/d(e)[f]",
            "camelCaseWord",
            "Zzz",
        ];
        let mut docs = crate::store::shared(crate::corpus::bundled());
        docs.extend(
            titles
                .iter()
                .map(|t| Arc::new(Document::new(Source::Stdin, format!("{t}\n\nbody")))),
        );
        let index = SearchIndex::build(&docs);
        let all: Vec<u32> = (0..docs.len() as u32).collect();
        for &c in LETTERS {
            let query = Query::parse(&char::from(c).to_string());
            let term = &query.terms[0];
            assert_eq!(letter_slot(term), LETTERS.iter().position(|&l| l == c));
            index.forget_cached_queries();
            let fast = title_matches(&index, &docs, term, None, &Cancel::never()).unwrap();
            let want = title_letters(term);
            let slow = match_all(&index, &docs, &all, term, true, want, &Cancel::never()).unwrap();
            assert_eq!(fast.matches, slow, "{}", char::from(c));
            let some: Vec<u32> = all.iter().copied().step_by(3).collect();
            index.forget_cached_queries();
            let among = title_matches(&index, &docs, term, Some(&some), &Cancel::never()).unwrap();
            let slow_among: Vec<_> = slow.iter().filter(|m| m.doc % 3 == 0).copied().collect();
            assert_eq!(among.matches, slow_among, "{}", char::from(c));
        }
        assert!(letter_slot(&Query::parse("we").terms[0]).is_none());
        assert!(letter_slot(&Query::parse("-w").terms[0]).is_none());
        assert!(letter_slot(&Query::parse("é").terms[0]).is_none());
    }

    /// Skipping titles by their letters never drops a title that holds a
    /// CJK or other text term.
    #[test]
    fn the_letter_check_agrees_with_a_substring_search() {
        let matcher = SkimMatcherV2::default().smart_case();
        let titles = [
            "微信支付",
            "WeChat 微信",
            "English only",
            "。",
            "支付宝。",
            "ＡＢＣ 全角",
            "Café 咖啡",
            "",
        ];
        let queries = [
            "微信",
            "支付",
            "信支",
            "微信。支付",
            "。",
            "咖啡",
            "\"café 咖\"",
            "'全角",
        ];
        let mut skipped = 0;
        for q in queries {
            for term in Query::parse(q).positive() {
                let want = title_letters(term);
                for title in titles {
                    let mask = char_mask(title);
                    skipped += usize::from(mask & want != want);
                    if term.kind == TermKind::Word {
                        continue;
                    }
                    let found = match_title(&matcher, title, mask, want, term, false);
                    assert_eq!(found.is_some(), contains(title, term), "{q:?} in {title:?}");
                }
            }
        }
        assert!(skipped > 10, "English titles are passed over for CJK terms");
    }

    #[test]
    fn one_char_scores_are_fuzzy_matchers_own() {
        let matcher = SkimMatcherV2::default().smart_case();
        let titles = [
            "WeChat and the web",
            "wechat",
            "  w",
            "Foo/bar.Baz qux-Quux_wW 12W (w) [W] {w}",
            "éwÉW 微信w",
            "HTTPWeb camelCaseWord x9Wy",
            "",
            "w",
            "W",
            "a.w!w'w:w@w^w`w~w*w\\w|w",
            "Social networks: why we share",
        ];
        let mut patterns: Vec<char> = (' '..='~').collect();
        patterns.extend(['é', '微', 'É']);
        for title in titles {
            for &p in &patterns {
                let want = matcher.fuzzy_match(title, &p.to_string()).map(|s| s as i32);
                assert_eq!(one_char_score(title, p), want, "{title:?} {p:?}");
            }
        }
    }

    #[test]
    fn two_char_scores_are_fuzzy_matchers_own() {
        let matcher = SkimMatcherV2::default().smart_case();
        let titles = [
            "WeChat and the web",
            "wechat",
            "ww we ew",
            "  we",
            "Foo/bar.Baz qux-Quux_wW 12W (w) [W] {w} e",
            "éwÉW 微信we",
            "HTTPWeb camelCaseWord x9Wy",
            "",
            "w",
            "We",
            "eeeee wwwww",
            "a.w!e'w:e@w^e`w~e*w\\e|w",
            "Social networks: why we share everything with everyone",
            "Weibo, WeChat and the Web: a week of weddings",
        ];
        let chars = "weWEa .-é微1";
        for title in titles {
            for a in chars.chars() {
                for b in chars.chars() {
                    let pattern: String = [a, b].iter().collect();
                    let want = matcher.fuzzy_match(title, &pattern).map(|s| s as i32);
                    assert_eq!(two_char_score(title, a, b), want, "{title:?} {pattern:?}");
                }
            }
        }
    }
}
