//! A one-line text input with a cursor: the filter line, the note editor
//! and the bookmarks filter all edit text the same way.

/// The most characters an input line holds: more than any query or note
/// is typed with, few enough that every search stays quick. A longer
/// paste is cut (and the user told).
pub const MAX_CHARS: usize = 4096;

/// What [`LineEdit::insert_text`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    /// The text changed.
    pub changed: bool,
    /// Characters that did not fit.
    pub left_out: usize,
}

/// Text and a cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    pub cursor: usize,
}

impl LineEdit {
    /// A line holding `text` with the cursor at the end.
    pub fn with_text(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn insert(&mut self, c: char) {
        self.insert_text(c.encode_utf8(&mut [0; 4]));
    }

    /// Inserts `text` at the cursor as one line: line breaks and tabs
    /// become spaces, and control, bidi and invisible characters the
    /// symbols the reader shows for them, so nothing pasted can act on the
    /// terminal or be taken for a key. At most [`MAX_CHARS`] are kept.
    pub fn insert_text(&mut self, text: &str) -> Inserted {
        let one_line = text.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
        let clean = crate::sanitize::sanitize_line(&one_line);
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let end = clean
            .char_indices()
            .nth(room)
            .map_or(clean.len(), |(i, _)| i);
        let kept = &clean[..end];
        self.text.insert_str(self.cursor, kept);
        self.cursor += kept.len();
        Inserted {
            changed: !kept.is_empty(),
            left_out: clean[end..].chars().count(),
        }
    }

    /// Deletes the character before the cursor; false if there was none.
    pub fn backspace(&mut self) -> bool {
        match self.text[..self.cursor].char_indices().next_back() {
            Some((at, _)) => {
                self.text.replace_range(at..self.cursor, "");
                self.cursor = at;
                true
            }
            None => false,
        }
    }

    /// Deletes the word (and the spaces after it) before the cursor.
    pub fn delete_word(&mut self) -> bool {
        let before = self.text[..self.cursor].trim_end();
        let at = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let changed = at < self.cursor;
        self.text.replace_range(at..self.cursor, "");
        self.cursor = at;
        changed
    }

    pub fn left(&mut self) {
        self.cursor = self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        *self = LineEdit::default();
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_at_the_cursor() {
        let mut line = LineEdit::default();
        for c in "wechat qq".chars() {
            line.insert(c);
        }
        assert!(line.delete_word());
        assert_eq!(line.text, "wechat ");
        line.left();
        line.left();
        line.insert('X');
        assert_eq!(line.text, "wechaXt ");
        line.end();
        assert!(line.backspace());
        assert_eq!(line.text, "wechaXt");
        line.home();
        assert!(!line.backspace());
        line.right();
        assert_eq!(line.cursor, 1);
    }

    #[test]
    fn pasted_text_is_one_line_of_visible_text() {
        let mut line = LineEdit::with_text("ab");
        line.left();
        let inserted = line.insert_text("x\x1b[27udddd\r\nnext\tline\u{202E}");
        assert_eq!(line.text, "ax\u{241B}[27udddd next line\u{2B1A}b");
        assert_eq!(line.cursor, line.text.len() - 1);
        assert_eq!(
            inserted,
            Inserted {
                changed: true,
                left_out: 0
            }
        );
    }

    #[test]
    fn a_long_paste_is_cut_to_the_line_limit() {
        let mut line = LineEdit::with_text("微信");
        let inserted = line.insert_text(&"é".repeat(MAX_CHARS + 10));
        assert_eq!(line.text.chars().count(), MAX_CHARS);
        assert_eq!(inserted.left_out, 12);
        assert_eq!(line.cursor, line.text.len());
        let full = line.insert_text("more");
        assert_eq!((full.changed, full.left_out), (false, 4));
    }

    #[test]
    fn multibyte_characters_move_as_one() {
        let mut line = LineEdit::with_text("微信");
        line.left();
        assert_eq!(line.cursor, 3);
        line.backspace();
        assert_eq!(line.text, "信");
        line.right();
        line.right();
        assert_eq!(line.cursor, 3);
    }
}
