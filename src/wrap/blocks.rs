//! How code and table blocks are laid out: they may use the pane's whole
//! width, not only the prose measure, and no character is ever cut off. A
//! line wider than that wraps at any character, its continuation lines
//! marked with [`CONTINUATION`]; or, with side scrolling on (`w`), it stays
//! one screen line and the reader scrolls it sideways, like `less -S`.

use super::fit;
use crate::sanitize::columns;
use std::ops::Range;

/// Drawn before each continuation of a wrapped code or table line.
pub const CONTINUATION: &str = "↪ ";
/// The columns [`CONTINUATION`] takes.
pub const CONTINUATION_COLUMNS: usize = 2;

/// How wide blocks (code, tables) are laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blocks {
    /// Columns a block may take: the pane's width beside the gutter. Never
    /// less than the prose width (0 means the prose width).
    pub wide: usize,
    /// True when wide lines stay whole and scroll sideways (`w`), false
    /// when they wrap with a continuation mark.
    pub scroll: bool,
}

impl Blocks {
    /// The columns a block line may take when prose takes `width`.
    pub fn columns(&self, width: usize) -> usize {
        self.wide.max(width).max(1)
    }
}

/// The screen lines of one source line of a block, as byte ranges of
/// `line`, and the columns the widest of them takes on screen (with its
/// continuation mark).
#[allow(clippy::single_range_in_vec_init)]
pub fn lay_out_line(line: &str, width: usize, scroll: bool) -> (Vec<Range<usize>>, usize) {
    let whole = columns(line);
    if scroll || whole <= width {
        return (vec![0..line.len()], whole);
    }
    // The first piece takes the whole width; later ones leave room for
    // the mark, so the block's left edge stays straight.
    let first = fit(line, 0..line.len(), width);
    let Some(head) = first.first().cloned() else {
        return (vec![0..line.len()], whole);
    };
    let mut pieces = vec![head.clone()];
    let room = width.saturating_sub(CONTINUATION_COLUMNS).max(1);
    pieces.extend(fit(line, head.end..line.len(), room));
    let widest = pieces
        .iter()
        .enumerate()
        .map(|(i, r)| columns(&line[r.clone()]) + if i > 0 { CONTINUATION_COLUMNS } else { 0 })
        .max()
        .unwrap_or(0);
    (pieces, widest)
}

/// True when the screen line starting at byte `start` of `text` continues
/// a block line that was wrapped (it does not start a source line).
pub fn is_continuation(text: &str, passage_start: usize, start: usize) -> bool {
    start > passage_start && text.as_bytes().get(start - 1).is_some_and(|&b| b != b'\n')
}

/// The furthest side scrolling goes: the last column of the widest block,
/// `widest` columns, just in view in `width` columns beside the left arrow.
pub fn max_scroll(widest: usize, width: usize) -> usize {
    if widest > width {
        widest - width + 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(line: &str, width: usize, scroll: bool) -> Vec<&str> {
        let (ranges, _) = lay_out_line(line, width, scroll);
        ranges.into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn a_wide_line_wraps_at_any_character_leaving_room_for_the_mark() {
        assert_eq!(
            pieces("let value = compute(alpha, beta);", 12, false),
            vec!["let value = ", "compute(al", "pha, beta)", ";"]
        );
        let (_, widest) = lay_out_line("let value = compute(alpha, beta);", 12, false);
        assert_eq!(widest, 12);
    }

    #[test]
    fn with_side_scrolling_a_line_stays_whole() {
        let line = "= help: consider introducing a named lifetime parameter";
        assert_eq!(pieces(line, 20, true), vec![line]);
        assert_eq!(lay_out_line(line, 20, true).1, columns(line));
    }

    #[test]
    fn wide_characters_are_never_split_or_lost() {
        let line = "微信支付宝微信支付宝";
        let got = pieces(line, 7, false);
        assert_eq!(got.concat(), line);
        assert!(got.iter().all(|p| columns(p) <= 7));
    }

    #[test]
    fn continuations_are_found_from_the_text() {
        let text = "ab\ncdef";
        assert!(!is_continuation(text, 0, 0));
        assert!(!is_continuation(text, 0, 3));
        assert!(is_continuation(text, 0, 5));
    }
}
