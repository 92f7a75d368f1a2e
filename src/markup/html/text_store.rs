//! The text of a page's tree, kept in pieces that are given back as the
//! walk reads them: while the article's text is written out, the page's
//! text it came from shrinks, so the two are not both held whole.
//!
//! Text is only ever added at the end, and each text node's text lies in
//! one piece. A piece is freed once every text node in it has been read
//! (the walk reads them in about the order they were written); the last
//! piece, still being written, is never freed.

/// The size at which a new piece is started.
const PIECE_BYTES: usize = 1 << 20;

#[derive(Debug)]
pub(super) struct TextStore {
    pieces: Vec<String>,
    /// Where each piece starts, counted over all the text written.
    starts: Vec<usize>,
    /// How many text nodes in each piece are not read yet.
    unread: Vec<u32>,
    /// The size of the page: the text is about as long at most.
    page_bytes: usize,
}

impl TextStore {
    /// A store for the text of a page of `page_bytes`.
    pub(super) fn new(page_bytes: usize) -> TextStore {
        TextStore {
            pieces: vec![String::with_capacity(PIECE_BYTES)],
            starts: vec![0],
            unread: vec![0],
            page_bytes,
        }
    }

    /// How much text has been written, freed pieces included.
    pub(super) fn len(&self) -> usize {
        let last = self.pieces.len() - 1;
        self.starts[last] + self.pieces[last].len()
    }

    fn piece_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The text from `start` to `end` (empty once its piece is freed).
    pub(super) fn get(&self, start: usize, end: usize) -> &str {
        let piece = self.piece_of(start);
        let from = start - self.starts[piece];
        let to = from + end.saturating_sub(start);
        self.pieces[piece].get(from..to).unwrap_or_default()
    }

    /// Writes the text of a new text node; where it starts.
    pub(super) fn push_new(&mut self, text: &str) -> usize {
        if self.pieces[self.pieces.len() - 1].len() >= PIECE_BYTES {
            self.starts.push(self.len());
            self.pieces
                .push(String::with_capacity(PIECE_BYTES.max(text.len())));
            self.unread.push(0);
        }
        let start = self.len();
        let last = self.pieces.len() - 1;
        self.pieces[last].push_str(text);
        self.unread[last] += 1;
        start
    }

    /// Adds `text` to the text node written last, whose text ends here.
    ///
    /// A text node longer than a piece (a page that is one big `<pre>`)
    /// grows its piece once to room for the rest of the page, not by
    /// doubling, each step of which copies it and leaves the old copy's
    /// memory behind in the heap. Room not written to costs no memory.
    pub(super) fn extend_last(&mut self, text: &str) {
        let rest = self.page_bytes.saturating_sub(self.len());
        let last = self.pieces.len() - 1;
        let piece = &mut self.pieces[last];
        if piece.capacity() - piece.len() < text.len() {
            piece.reserve(text.len().max(rest));
        }
        piece.push_str(text);
    }

    /// Moves the text from `start` to `end` to the end, to be extended
    /// there; where it starts now.
    pub(super) fn move_to_end(&mut self, start: usize, end: usize) -> usize {
        let text = self.get(start, end).to_owned();
        self.release(start);
        self.push_new(&text)
    }

    /// The text node whose text starts at `start` has been read.
    pub(super) fn release(&mut self, start: usize) {
        let piece = self.piece_of(start);
        self.unread[piece] = self.unread[piece].saturating_sub(1);
        if self.unread[piece] == 0 && piece + 1 < self.pieces.len() {
            self.pieces[piece] = String::new();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_freed_once_read_and_text_stays_whole() {
        let mut store = TextStore::new(0);
        let word = "w".repeat(PIECE_BYTES / 2 + 1);
        let first = store.push_new(&word);
        store.extend_last("!");
        let second = store.push_new(&word);
        // The first piece is full: the third node starts a new one.
        let third = store.push_new("third");
        assert_eq!(store.get(first, first + word.len() + 1), format!("{word}!"));
        assert_eq!(store.get(third, third + 5), "third");
        store.release(first);
        assert_eq!(store.get(second, second + word.len()), word);
        store.release(second);
        assert_eq!(store.get(second, second + word.len()), "");
        assert!(store.pieces[0].capacity() == 0);
        // The last piece is never freed: it is still written to.
        store.release(third);
        assert_eq!(store.get(third, third + 5), "third");
        let moved = store.move_to_end(third, third + 5);
        store.extend_last(" more");
        assert_eq!(store.get(moved, store.len()), "third more");
    }
}
