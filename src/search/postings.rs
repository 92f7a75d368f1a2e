//! The term dictionary and its postings: for each distinct term, the
//! documents that contain it, delta- and varint-encoded, so the body index
//! costs a few bytes per (term, document) pair.
//!
//! Each posting is `doc delta, term frequency, passage mask`: bit `p % 64`
//! of the mask is set when passage `p` contains the term. The mask tells
//! which passages two terms share (the proximity bonus) and which passages
//! to scan for snippets and phrases without reading the whole document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// One decoded posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub doc: u32,
    pub tf: u32,
    pub mask: u64,
}

/// The postings of one term, in increasing document order.
#[derive(Debug, Default)]
pub(crate) struct PostingList {
    bytes: Vec<u8>,
    last_doc: u32,
    /// How many documents contain the term.
    pub docs: u32,
}

impl PostingList {
    /// Appends a posting; `doc` must be greater than the previous one.
    fn push(&mut self, doc: u32, tf: u32, mask: u64) {
        let delta = if self.docs == 0 {
            doc
        } else {
            doc - self.last_doc
        };
        put_varint(&mut self.bytes, u64::from(delta));
        put_varint(&mut self.bytes, u64::from(tf));
        put_varint(&mut self.bytes, mask);
        self.last_doc = doc;
        self.docs += 1;
    }

    pub fn iter(&self) -> PostingIter<'_> {
        PostingIter {
            bytes: &self.bytes,
            pos: 0,
            doc: 0,
        }
    }
}

pub(crate) struct PostingIter<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    /// Inlined: a prefix's union decodes every posting of every word it
    /// expands to, and a call per posting would cost more than decoding it.
    #[inline(always)]
    fn next(&mut self) -> Option<Posting> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let delta = get_varint(self.bytes, &mut self.pos) as u32;
        let tf = get_varint(self.bytes, &mut self.pos) as u32;
        let mask = get_varint(self.bytes, &mut self.pos);
        self.doc += delta;
        Some(Posting {
            doc: self.doc,
            tf,
            mask,
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a varint written by `put_varint`; a truncated one ends the list.
#[inline(always)]
fn get_varint(bytes: &[u8], pos: &mut usize) -> u64 {
    // Most values (document gaps, counts) fit in one byte.
    if let Some(&byte) = bytes.get(*pos)
        && byte < 0x80
    {
        *pos += 1;
        return u64::from(byte);
    }
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*pos) {
        *pos += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 || shift >= 63 {
            break;
        }
        shift += 7;
    }
    value
}

/// FxHash: terms are short and hashed once per token while indexing, where
/// SipHash's DoS resistance buys nothing and costs build throughput.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_u128(&mut self, value: u128) {
        self.add(value as u64);
        self.add((value >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

/// The longest term kept inline as a [`ShortKey`].
const SHORT: usize = 15;

/// A term of at most 15 bytes packed into a u128, its length in the top
/// byte: nearly every word fits, and looking one up then hashes two
/// machine words and compares one integer, with no pointer to a heap
/// string to follow (which cost more than the hashing while indexing).
pub(crate) type ShortKey = u128;

/// The key of `term` if it is short, lowercased with `lower` (ASCII).
pub(crate) fn short_key(term: &[u8], lower: bool) -> Option<ShortKey> {
    if term.len() > SHORT {
        return None;
    }
    let mut buf = [0u8; 16];
    for (to, &from) in buf.iter_mut().zip(term) {
        *to = if lower {
            from.to_ascii_lowercase()
        } else {
            from
        };
    }
    buf[SHORT] = term.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// Terms are merged into the sorted order in batches this large, so adding
/// documents stays cheap while prefix lookups scan few unsorted terms.
const PENDING_BATCH: usize = 512;

pub(crate) type FxMap<K> = HashMap<K, u32, BuildHasherDefault<FxHasher>>;

/// Term -> postings, with a sorted view for prefix lookups.
#[derive(Debug, Default)]
pub(crate) struct Dictionary {
    /// Ids of terms of at most [`SHORT`] bytes...
    short: FxMap<ShortKey>,
    /// ...and of the longer ones.
    long: FxMap<Box<str>>,
    names: Vec<Box<str>>,
    lists: Vec<PostingList>,
    /// Term ids sorted by name: a prefix is a contiguous range.
    sorted: Vec<u32>,
    /// Term ids added since the last merge into `sorted`.
    pending: Vec<u32>,
}

impl Dictionary {
    /// The id of `term`, creating it if new.
    pub fn intern(&mut self, term: &str) -> u32 {
        match short_key(term.as_bytes(), false) {
            Some(key) => match self.short.get(&key) {
                Some(&id) => id,
                None => self.add(Some(key), term),
            },
            None => match self.long.get(term) {
                Some(&id) => id,
                None => self.add(None, term),
            },
        }
    }

    /// The id of the term whose [`short_key`] (as written) is `key`,
    /// creating it if new.
    pub fn intern_key(&mut self, key: ShortKey) -> u32 {
        if let Some(&id) = self.short.get(&key) {
            return id;
        }
        let bytes = key.to_le_bytes();
        let len = usize::from(bytes[SHORT]).min(SHORT);
        // Keys are only made of whole terms, which are text.
        let term = String::from_utf8_lossy(&bytes[..len]).into_owned();
        self.add(Some(key), &term)
    }

    fn add(&mut self, key: Option<ShortKey>, term: &str) -> u32 {
        let id = self.names.len() as u32;
        match key {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(term.into(), id),
        };
        self.names.push(term.into());
        self.lists.push(PostingList::default());
        self.pending.push(id);
        if self.pending.len() >= PENDING_BATCH {
            self.merge_pending();
        }
        id
    }

    pub fn push(&mut self, id: u32, doc: u32, tf: u32, mask: u64) {
        if let Some(list) = self.lists.get_mut(id as usize) {
            list.push(doc, tf, mask);
        }
    }

    fn merge_pending(&mut self) {
        let names = &self.names;
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(old.len() + pending.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < pending.len() {
            if names[old[i] as usize] <= names[pending[j] as usize] {
                merged.push(old[i]);
                i += 1;
            } else {
                merged.push(pending[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&pending[j..]);
        self.sorted = merged;
    }

    pub fn exact(&self, term: &str) -> Option<u32> {
        match short_key(term.as_bytes(), false) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(term).copied(),
        }
    }

    /// Ids of every term starting with `prefix`, sorted by name: scores
    /// are summed in this order, so they do not depend on when each term
    /// was first seen (and a one-shot scan can sum in the same order).
    pub fn with_prefix(&self, prefix: &str) -> Vec<u32> {
        let name = |id: &u32| &*self.names[*id as usize];
        let from = self.sorted.partition_point(|id| name(id) < prefix);
        let mut ids: Vec<u32> = self.sorted[from..]
            .iter()
            .take_while(|id| name(id).starts_with(prefix))
            .copied()
            .collect();
        let before = ids.len();
        ids.extend(
            self.pending
                .iter()
                .filter(|id| name(id).starts_with(prefix)),
        );
        if ids.len() > before {
            ids.sort_unstable_by(|a, b| name(a).cmp(name(b)));
        }
        ids
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    pub fn list(&self, id: u32) -> Option<&PostingList> {
        self.lists.get(id as usize)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Bytes held by postings and names (an estimate, for benchmarks).
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self.lists.iter().map(|l| l.bytes.capacity() + 24).sum();
        let names: usize = self.names.iter().map(|n| 2 * (n.len() + 16) + 12).sum();
        lists + names + 4 * self.sorted.capacity()
    }

    /// Gives back the slack of growing vectors once loading is done.
    pub fn shrink_to_fit(&mut self) {
        self.lists.iter_mut().for_each(|l| l.bytes.shrink_to_fit());
        self.merge_pending();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let mut list = PostingList::default();
        let input = [(0, 1, 1), (3, 200, u64::MAX), (1_000_000, 7, 1 << 40)];
        for (doc, tf, mask) in input {
            list.push(doc, tf, mask);
        }
        let back: Vec<_> = list.iter().map(|p| (p.doc, p.tf, p.mask)).collect();
        assert_eq!(back, input);
        assert_eq!(list.docs, 3);
    }

    #[test]
    fn prefix_lookup_sees_sorted_and_pending_terms() {
        let mut dict = Dictionary::default();
        for i in 0..(PENDING_BATCH + 10) {
            dict.intern(&format!("w{i:04}"));
        }
        dict.intern("wechat");
        dict.intern("web");
        dict.intern("vw");
        let found: Vec<&str> = dict
            .with_prefix("we")
            .iter()
            .map(|&id| dict.name(id))
            .collect();
        assert_eq!(found, vec!["web", "wechat"]);
        assert_eq!(dict.with_prefix("w").len(), PENDING_BATCH + 12);
        assert_eq!(dict.exact("vw"), Some(dict.len() as u32 - 1));
    }

    #[test]
    fn short_and_long_terms_are_found_and_never_confused() {
        let mut dict = Dictionary::default();
        let terms = [
            "",
            "a",
            "a\0",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "微信支付宝",
        ];
        let ids: Vec<u32> = terms.iter().map(|t| dict.intern(t)).collect();
        assert_eq!(ids, vec![0, 1, 2, 3, 4, 5]);
        for (t, id) in terms.iter().zip(&ids) {
            assert_eq!(dict.exact(t), Some(*id));
            assert_eq!(dict.intern(t), *id);
            assert_eq!(dict.name(*id), *t);
        }
        let folded = |word: &str| short_key(word.as_bytes(), true);
        assert_eq!(dict.intern_key(folded("ABCDEFGHIJKLMNO").unwrap()), 3);
        assert_eq!(folded("ABCDEFGHIJKLMNOP"), None, "too long for a key");
        assert_eq!(dict.intern_key(folded("WeChat").unwrap()), 6);
        assert_eq!(dict.exact("wechat"), Some(6));
        assert_eq!(dict.exact("WeChat"), None);
    }
}
