//! A one-line text input with a cursor: the filter line, the note editor
//! and the bookmarks filter all edit text the same way.

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
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
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
