//! One document's distinct terms, counted from its text with no look at
//! the index, so that any thread can count them ([`TermCounter`]) and the
//! index's own thread only looks up each distinct term once
//! ([`super::SearchIndex::add_counted`]): a document of 1,000 words holds
//! about 300 distinct ones, and each dictionary lookup is a likely cache
//! miss in a table of tens of thousands of terms, where the counter's
//! small table stays in the cache. The reader's loader counts some of the
//! documents it loads this way, so indexing runs on both cores.

use super::postings::{FxHasher, FxMap, ShortKey, short_key};
use super::stats::{DocStats, char_mask};
use super::text::{TokenKind, fold_into, tokens};
use super::title::{Letters, letters};
use crate::document::Document;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A document's terms, counted: what [`super::SearchIndex::add_counted`]
/// indexes. Made by a [`TermCounter`].
#[derive(Debug)]
pub struct Counted {
    pub(crate) folded: Vec<Entry>,
    pub(crate) cased: Vec<Entry>,
    pub(crate) stats: DocStats,
    pub(crate) letters: Letters,
}

/// Counts documents' terms, keeping its tables from one document to the
/// next.
#[derive(Debug, Default)]
pub struct TermCounter {
    folded: DocTerms,
    cased: DocTerms,
    fold_buf: String,
}

/// A document this long lets go of the counter's tables once counted:
/// they hold one entry per distinct term, which a big file has many of.
const BIG_DOCUMENT: usize = 1 << 24;

impl TermCounter {
    pub fn new() -> TermCounter {
        TermCounter::default()
    }

    /// The terms of `document`'s passages: every word folded (and as
    /// written, when that differs), CJK unigrams and bigrams, each with
    /// its count and the passages (bit `p % 64`) holding it.
    pub fn count(&mut self, document: &Document) -> Counted {
        let mut len = 0u32;
        // Folded passages (page furniture) are not the article: not found.
        for (p, passage) in document.shown_passages() {
            let bit = (p % 64) as u64;
            let text = document.text.get(passage.range.clone()).unwrap_or("");
            len = len.saturating_add(self.passage(text, bit));
        }
        let title_mask = char_mask(&document.title);
        let counted = Counted {
            folded: self.folded.take(),
            cased: self.cased.take(),
            stats: DocStats {
                len,
                passages: document.passages.len() as u32,
                title_mask,
                standing: super::quality::standing(document),
            },
            letters: letters(&document.title, title_mask),
        };
        if document.text.len() > BIG_DOCUMENT {
            *self = TermCounter::default();
        }
        counted
    }

    /// Counts the terms of one passage; returns its length in tokens.
    fn passage(&mut self, text: &str, bit: u64) -> u32 {
        let mut len = 0;
        for token in tokens(text) {
            let piece = &text[token.start..token.end];
            match token.kind {
                TokenKind::Word => {
                    len += 1;
                    let cased = if piece.is_ascii() {
                        self.folded.add_ascii_folded(piece, bit);
                        piece.bytes().any(|b| b.is_ascii_uppercase())
                    } else {
                        fold_into(piece, &mut self.fold_buf);
                        self.folded.add(&self.fold_buf, bit);
                        self.fold_buf != piece
                    };
                    if cased {
                        self.cased.add(piece, bit);
                    }
                }
                TokenKind::Cjk => {
                    let mut chars = piece.char_indices().peekable();
                    while let Some((at, c)) = chars.next() {
                        len += 1;
                        let next = at + c.len_utf8();
                        self.folded.add(&piece[at..next], bit);
                        if let Some(&(_, d)) = chars.peek() {
                            self.folded.add(&piece[at..next + d.len_utf8()], bit);
                        }
                    }
                }
            }
        }
        len
    }
}

/// One distinct term of a document: its count and passage mask.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub term: Term,
    pub tf: u32,
    pub mask: u64,
}

/// A term as the dictionary will look it up.
#[derive(Debug, Clone)]
pub(crate) enum Term {
    /// Up to 15 bytes, packed (see [`ShortKey`]).
    Short(ShortKey),
    Long(Box<str>),
}

/// The terms of the document being counted, for one dictionary.
#[derive(Debug, Default)]
struct DocTerms {
    /// Short terms by key -> entry.
    short: FxMap<ShortKey>,
    /// Longer terms -> entry.
    long: HashMap<Box<str>, u32, BuildHasherDefault<FxHasher>>,
    /// In order of first occurrence, so terms new to the dictionary get
    /// their ids in the order the text has them.
    entries: Vec<Entry>,
}

impl DocTerms {
    /// Counts the term `text` (as it goes in the dictionary) in the
    /// passage whose mask bit is `bit`.
    fn add(&mut self, text: &str, bit: u64) {
        match short_key(text.as_bytes(), false) {
            Some(key) => self.add_short(key, bit),
            None => self.add_long(text.into(), bit),
        }
    }

    /// Counts the ASCII word `word` lowercased.
    fn add_ascii_folded(&mut self, word: &str, bit: u64) {
        match short_key(word.as_bytes(), true) {
            Some(key) => self.add_short(key, bit),
            None => self.add_long(word.to_ascii_lowercase().into(), bit),
        }
    }

    fn add_short(&mut self, key: ShortKey, bit: u64) {
        let next = self.entries.len() as u32;
        let at = *self.short.entry(key).or_insert(next);
        self.count(at, || Term::Short(key), bit);
    }

    fn add_long(&mut self, term: Box<str>, bit: u64) {
        let next = self.entries.len() as u32;
        let at = match self.long.get(&term) {
            Some(&at) => at,
            None => {
                self.long.insert(term.clone(), next);
                next
            }
        };
        self.count(at, || Term::Long(term), bit);
    }

    fn count(&mut self, at: u32, term: impl FnOnce() -> Term, bit: u64) {
        match self.entries.get_mut(at as usize) {
            Some(entry) => {
                entry.tf += 1;
                entry.mask |= 1 << bit;
            }
            None => self.entries.push(Entry {
                term: term(),
                tf: 1,
                mask: 1 << bit,
            }),
        }
    }

    /// The document's entries; the tables are empty for the next one.
    fn take(&mut self) -> Vec<Entry> {
        self.short.clear();
        self.long.clear();
        let capacity = self.entries.len();
        std::mem::replace(&mut self.entries, Vec::with_capacity(capacity))
    }
}
