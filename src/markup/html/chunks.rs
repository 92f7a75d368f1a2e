//! The tree's node and element records, kept in chunks that are given
//! back as the walk finishes with them: while the article is written out,
//! the tree it is read from shrinks, so the two are not both held whole.
//!
//! A dense page (a tag every few bytes) has a node record for every five
//! bytes or so, and these records are most of the tree. Records are only
//! added at the end, in about the order the walk reads them; a chunk is
//! freed once the walk is done with every record in it. The last chunk,
//! still being written, is never freed.

use std::ops::{Index, IndexMut};

/// Records in a chunk.
const CHUNK: usize = 1 << 14;

#[derive(Debug)]
pub(super) struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    /// How many records of each chunk the walk is not done with.
    pending: Vec<u32>,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            pending: Vec::new(),
        }
    }
}

impl<T> Chunks<T> {
    /// How many records were added, freed ones included.
    pub(super) fn len(&self) -> usize {
        match self.chunks.last() {
            Some(last) => (self.chunks.len() - 1) * CHUNK + last.len(),
            None => 0,
        }
    }

    pub(super) fn push(&mut self, record: T) {
        if self.chunks.last().is_none_or(|last| last.len() == CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
            self.pending.push(0);
        }
        if let (Some(last), Some(pending)) = (self.chunks.last_mut(), self.pending.last_mut()) {
            last.push(record);
            *pending += 1;
        }
    }

    /// Record `index`; None past the end or once its chunk is freed.
    pub(super) fn get(&self, index: usize) -> Option<&T> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    /// The walk is done with record `index`: its chunk is freed with the
    /// last of its records. Each record is to be done with once.
    pub(super) fn done(&mut self, index: usize) {
        let chunk = index / CHUNK;
        let Some(pending) = self.pending.get_mut(chunk) else {
            return;
        };
        *pending = pending.saturating_sub(1);
        if *pending == 0 && chunk + 1 < self.chunks.len() {
            self.chunks[chunk] = Vec::new();
        }
    }
}

/// Records are indexed as in a `Vec`. Only the walk frees them, after
/// the parser (the only writer) is done, and only those it is done with.
impl<T> Index<usize> for Chunks<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        &self.chunks[index / CHUNK][index % CHUNK]
    }
}

impl<T> IndexMut<usize> for Chunks<T> {
    fn index_mut(&mut self, index: usize) -> &mut T {
        &mut self.chunks[index / CHUNK][index % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_is_freed_once_done_with_and_the_last_never() {
        let mut chunks = Chunks::default();
        for i in 0..CHUNK + 2 {
            chunks.push(i);
        }
        assert_eq!(chunks.len(), CHUNK + 2);
        assert_eq!(chunks[CHUNK + 1], CHUNK + 1);
        for i in 1..CHUNK {
            chunks.done(i);
        }
        assert_eq!(chunks.get(0), Some(&0));
        chunks.done(0);
        assert_eq!(chunks.get(0), None);
        assert_eq!(chunks.len(), CHUNK + 2);
        chunks.done(CHUNK);
        chunks.done(CHUNK + 1);
        assert_eq!(chunks.get(CHUNK + 1), Some(&(CHUNK + 1)));
    }
}
