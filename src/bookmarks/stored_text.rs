//! Text read back from `bookmarks.json` and `positions.json` is as
//! untrusted as an article: another program, a sync tool or a hand edit
//! may have put control or bidi characters in it. It is sanitized here,
//! where the files are parsed, so no widget, message or export has to
//! remember to: what the model holds is already safe to draw.
//!
//! Text quire wrote itself came from sanitized documents, so sanitizing it
//! again changes nothing and anchors still match. Fields from a newer
//! quire (`unknown`) are kept as they are, to be written back, and never
//! shown.

use super::{Bookmark, DocumentRef};
use crate::bookmarks::anchor::Anchor;
use crate::sanitize::{sanitize, sanitize_line};

/// Sanitizes a line in place, allocating only when it changes.
fn line(text: &mut String) {
    let clean = sanitize_line(text);
    if clean != *text {
        *text = clean;
    }
}

/// Sanitizes multi-line text (a quote) in place.
fn text(text: &mut String) {
    let clean = sanitize(text);
    if clean != *text {
        *text = clean;
    }
}

/// The document a record names: its hash, paths and title.
pub fn clean_document(document: &mut DocumentRef) {
    line(&mut document.hash);
    line(&mut document.title);
    document.paths.iter_mut().for_each(line);
}

/// An anchor's quote and its context.
pub fn clean_anchor(anchor: &mut Anchor) {
    text(&mut anchor.exact);
    text(&mut anchor.prefix);
    text(&mut anchor.suffix);
}

/// Every string of a bookmark.
pub fn clean_bookmark(bookmark: &mut Bookmark) {
    line(&mut bookmark.id);
    line(&mut bookmark.note);
    clean_document(&mut bookmark.document);
    clean_anchor(&mut bookmark.anchor);
}

#[cfg(test)]
mod tests {
    use crate::bookmarks::store::parse;

    /// A bookmarks file whose every string carries a bidi override and an
    /// escape sequence.
    const HOSTILE: &str = r#"{"version": 1, "bookmarks": [{
        "id": "id\u202e\u001b[2J",
        "document": {"hash": "h\u001b]0;x\u0007", "paths": ["/a\u202e/b\u001b[31m"],
                     "title": "Title \u202eevil\u202c \u001b]52;c;AAAA\u0007"},
        "anchor": {"passage": 0, "passage_end": 0, "exact": "quote\u202e\u001b[H",
                   "prefix": "\u2066pre", "suffix": "suf\u0007", "start": 0, "end": 5},
        "note": "note\u202e\u001b[8m", "created": 1, "updated": 1}]}"#;

    #[test]
    fn every_string_of_a_bookmarks_file_is_sanitized_when_read() {
        let (_, bookmarks) = parse(HOSTILE).expect("parses");
        let b = &bookmarks.items[0];
        let strings = [
            &b.id,
            &b.note,
            &b.document.hash,
            &b.document.title,
            &b.document.paths[0],
            &b.anchor.exact,
            &b.anchor.prefix,
            &b.anchor.suffix,
        ];
        for s in strings {
            assert!(
                !s.chars().any(crate::sanitize::is_unsafe),
                "unsanitized: {s:?}"
            );
        }
        assert!(b.document.title.contains("evil"), "{}", b.document.title);
    }
}
