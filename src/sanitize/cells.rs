//! Emoji sequences laid out the way terminals draw them.
//!
//! quire measures text with `unicode-width`, which gives a whole emoji
//! sequence the two columns of one picture: a family joined by ZWJ
//! (👩‍👩‍👧‍👦), a hand with a skin tone (👋🏽), a keycap (1️⃣), a heart
//! in emoji style (❤️). Many terminals (tmux 3.3, xterm, VTE) draw such a
//! sequence character by character instead: 8 columns for the family, 4 for
//! the hand, 1 for the keycap and the heart. Then the cursor is not where
//! quire thinks: rows overflow the pane, and what was drawn before stays as
//! debris. tmux also keeps at most 21 bytes per cell, so the last person of
//! a family was lost.
//!
//! So every grapheme cluster of displayable text is made one whose width is
//! the sum of its characters' widths, which both models agree on: the
//! joiners and presentation selectors that ask the terminal to merge
//! pictures are dropped (each person becomes a picture of their own), and
//! a skin tone is kept apart from its hand by a zero-width non-joiner, so
//! it shows as the swatch such terminals draw. Nothing visible is lost.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Keeps every part of an emoji sequence apart: drawn as the terminal
/// would, so the width quire measures is the width drawn.
const APART: char = '\u{200C}';

/// `text` with every grapheme cluster's width equal to the sum of its
/// characters' widths. `joins` are the offsets (ascending) of the
/// characters after which widths can differ (`may_join`): only the
/// grapheme clusters holding them are looked at, so emoji in a big file
/// cost no pass over all of it.
pub fn stable(text: &str, joins: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    for &at in joins {
        if at < copied {
            continue; // in the cluster just laid out
        }
        // The grapheme cursor can place a cluster's start before the end
        // of the one just laid out (a lone combining mark starts a
        // cluster of its own, then joins the one before it when looked
        // at from behind): never go back over what is copied.
        let (start, end) = cluster_around(text, at);
        let start = start.max(copied);
        out.push_str(&text[copied..start]);
        for grapheme in text[start..end].graphemes(true) {
            if is_stable(grapheme) {
                out.push_str(grapheme);
            } else {
                out.push_str(&apart(grapheme));
            }
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The start and end of the grapheme cluster holding the character at
/// byte `at` of `text` (just that character if the cursor cannot tell).
fn cluster_around(text: &str, at: usize) -> (usize, usize) {
    let after = at + text[at..].chars().next().map_or(0, char::len_utf8);
    let start = GraphemeCursor::new(after, text.len(), true)
        .prev_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(at);
    let end = GraphemeCursor::new(at, text.len(), true)
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(after);
    (start.min(at), end.max(after))
}

/// The offsets of every character after which widths can differ.
#[cfg(test)]
fn joins_in(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| super::may_join(c))
        .map(|(at, _)| at)
        .collect()
}

/// Appends sanitized `next` to sanitized `text`, keeping the two apart
/// when the first character of `next` would join the last picture of
/// `text` into a sequence the terminal draws wider (a skin tone after a
/// hand that came from another piece of markup).
pub fn push_apart(text: &mut String, next: &str) {
    // Called for every word of a formatted document: two ASCII characters
    // never join, so most words are just appended.
    let ascii_seam = next.as_bytes().first().is_none_or(u8::is_ascii)
        && text.as_bytes().last().is_none_or(u8::is_ascii);
    if !ascii_seam
        && let Some(first) = next.chars().next()
        && first.width().unwrap_or(0) > 0
        && joins(text, first)
    {
        let last = text.graphemes(true).next_back().unwrap_or_default();
        let mut both = last.to_string();
        both.push(first);
        if !is_stable(&both) {
            // A joiner that would join is made a non-joiner of the same
            // length, so offsets into `text` stay where they were.
            if text.ends_with('\u{200D}') {
                text.truncate(text.len() - '\u{200D}'.len_utf8());
            }
            text.push(APART);
        }
    }
    text.push_str(next);
}

/// Whether both ways of measuring agree on `text`'s width. Line feeds
/// (the one control left in sanitized text) are not drawn at all.
pub fn is_stable(text: &str) -> bool {
    if text.contains('\n') {
        return true;
    }
    let one_by_one: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    text.width() == one_by_one
}

/// The parts of a grapheme that does not measure the same both ways:
/// without the joiners and presentation selectors, a picture that would
/// still join the one before (a skin tone) kept apart by [`APART`], and,
/// if that still does not
/// measure the same both ways, the parts with a width alone.
fn apart(grapheme: &str) -> String {
    let mut out = String::with_capacity(grapheme.len() + 6);
    for c in grapheme.chars() {
        if matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}') {
            continue;
        }
        if c.width().unwrap_or(0) > 0 && joins(&out, c) {
            out.push(APART);
        }
        out.push(c);
    }
    if out.graphemes(true).all(is_stable) {
        return out;
    }
    let mut parts = String::with_capacity(out.len());
    for c in out.chars().filter(|c| c.width().unwrap_or(0) > 0) {
        if !parts.is_empty() {
            parts.push(APART);
        }
        parts.push(c);
    }
    parts
}

/// Whether `c` would become part of the last grapheme of `text` (a skin
/// tone does, after anything).
fn joins(text: &str, c: char) -> bool {
    let Some(last) = text.graphemes(true).next_back() else {
        return false;
    };
    let mut both = last.to_string();
    both.push(c);
    both.graphemes(true).nth(1).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sequences terminals draw differently from one picture.
    const SEQUENCES: [&str; 12] = [
        "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
        "\u{1F44B}\u{1F3FD}",
        "1\u{FE0F}\u{20E3}",
        "#\u{FE0F}\u{20E3}",
        "\u{2764}\u{FE0F}",
        "\u{263A}\u{FE0F}",
        "\u{1F9D1}\u{1F3FD}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}\u{1F3FB}",
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        "\u{1F468}\u{200D}\u{1F373}",
        "\u{231A}\u{FE0E}",
        "\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}",
        "1\u{20E3}",
    ];

    #[test]
    fn every_part_keeps_its_own_width() {
        for sequence in SEQUENCES {
            let shown = stable(sequence, &joins_in(sequence));
            assert!(
                shown.graphemes(true).all(is_stable),
                "{sequence:?} -> {shown:?}"
            );
            // Every picture is still there.
            let pictures = |s: &str| -> Vec<char> {
                s.chars().filter(|c| c.width().unwrap_or(0) > 0).collect()
            };
            assert_eq!(pictures(&shown), pictures(sequence), "{sequence:?}");
            assert_eq!(
                stable(&shown, &joins_in(&shown)),
                shown,
                "stable twice changes nothing"
            );
        }
    }

    #[test]
    fn a_family_becomes_its_people() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
        assert_eq!(
            stable(family, &joins_in(family)),
            "\u{1F469}\u{1F469}\u{1F467}\u{1F466}"
        );
        assert_eq!(stable(family, &joins_in(family)).width(), 8);
    }

    #[test]
    fn each_sequence_on_a_long_line_is_laid_out_alone() {
        let line: String = SEQUENCES.concat().repeat(200);
        let shown = stable(&line, &joins_in(&line));
        let one_by_one: String = SEQUENCES
            .iter()
            .map(|s| stable(s, &joins_in(s)))
            .collect::<String>()
            .repeat(200);
        assert_eq!(shown, one_by_one);
    }

    #[test]
    fn text_that_measures_the_same_is_untouched() {
        for text in [
            "e\u{301}",
            "a\nb\r\n",
            "\u{1F1EF}\u{1F1F5}",
            "\u{1F44D}\u{FE0F}",
            "ab",
            "微信",
        ] {
            // Every offset, not only where a joiner is: nothing is found
            // to change anywhere in text that already measures the same.
            let everywhere: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            assert_eq!(stable(text, &everywhere), text);
        }
    }
}
