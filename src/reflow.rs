//! Plain text that its author hard-wrapped at a fixed width (licenses,
//! RFCs, mail, Project Gutenberg books, old READMEs) is joined back into
//! paragraphs, so the reader wraps it at its own measure instead of
//! showing a comb of long and short lines in a narrow pane.
//!
//! The decision is made per file from its line-length profile: the width
//! the author wrapped at is the length most lines stop just short of, and
//! a file is hard-wrapped when most lines ended there because the next
//! word would not have fit. Then two lines are joined only when that is
//! why the first one ended; indented blocks, short (verse-like) lines,
//! list items, ASCII tables and code stay as they are. Only the line break
//! and the indentation after it change: no word is dropped or moved.

/// Files bigger than this are not reflowed (logs, dumps): a copy of the
/// text would cost more than it helps.
pub const MAX_BYTES: usize = 16 << 20;
/// Widths outside this range are not a hard wrap of prose.
const WIDTHS: std::ops::RangeInclusive<usize> = 40..=100;
/// Lines read to decide whether a file is hard-wrapped.
const SAMPLE_LINES: usize = 4000;
/// How many lines must have been wrapped before the next word.
const MIN_WRAPPED_LINES: usize = 6;

/// Reflowed text and, for each of its lines, the line of the original
/// text (1-based) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflowed {
    pub text: String,
    pub lines: Vec<usize>,
}

impl Reflowed {
    /// The original line of `line` (1-based) of the reflowed text.
    pub fn source_line(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or(line)
    }
}

/// `text` with hard-wrapped paragraphs joined, or None when the file is
/// not hard-wrapped (or nothing in it is joined).
pub fn reflow(text: &str) -> Option<Reflowed> {
    if text.len() > MAX_BYTES {
        return None;
    }
    // Decided on the opening lines, so text that is not hard-wrapped (a
    // log) costs only their look.
    let sample: Vec<Line> = text.split('\n').take(SAMPLE_LINES).map(Line::new).collect();
    let width = wrap_width(&sample)?;
    let margin = margin(&sample);
    drop(sample);
    let lines: Vec<Line> = text.split('\n').map(Line::new).collect();
    let mut joins = vec![false; lines.len().saturating_sub(1)];
    let mut start = 0;
    for (i, join) in joins.iter_mut().enumerate() {
        *join = joins_at(&lines, start, i, width, margin);
        if !*join {
            start = i + 1;
        }
    }
    if !joins.contains(&true) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut starts = vec![1];
    for (i, line) in lines.iter().enumerate() {
        let joined = i > 0 && joins[i - 1];
        if joined {
            out.push(' ');
            out.push_str(line.text.trim());
        } else {
            if i > 0 {
                out.push('\n');
                starts.push(i + 1);
            }
            out.push_str(if joins.get(i) == Some(&true) {
                line.text.trim_end()
            } else {
                line.text
            });
        }
    }
    Some(Reflowed {
        text: out,
        lines: starts,
    })
}

/// One line of the text with what the decisions need.
struct Line<'t> {
    text: &'t str,
    /// Columns of leading whitespace.
    indent: usize,
    /// Columns up to the end of its last word.
    end: usize,
    /// Columns of its first word.
    first_word: usize,
}

impl<'t> Line<'t> {
    fn new(text: &'t str) -> Line<'t> {
        let body = text.trim_start();
        let indent = crate::sanitize::columns(&text[..text.len() - body.len()]);
        let end = indent + crate::sanitize::columns(body.trim_end());
        let first_word = body
            .split_whitespace()
            .next()
            .map_or(0, crate::sanitize::columns);
        Line {
            text,
            indent,
            end,
            first_word,
        }
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Where its next line would have put its first word.
    fn with_next_word(&self, next: &Line) -> usize {
        self.end + 1 + next.first_word
    }
}

/// The width the text was wrapped at, when it was: the width most lines
/// that run on to a next line end within, and would have passed with
/// the next line's first word.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let sample = &lines[..lines.len().min(SAMPLE_LINES)];
    // Lines running on to a next line, hand-laid-out ones (tables) aside:
    // where each ends, and where the next word would have taken it.
    let pairs: Vec<(usize, usize)> = sample
        .windows(2)
        .filter(|w| !w[0].is_blank() && !w[1].is_blank() && !is_preformatted(w[0].text))
        .map(|w| (w[0].end, w[0].with_next_word(&w[1])))
        .collect();
    if pairs.len() < MIN_WRAPPED_LINES {
        return None;
    }
    let wrapped_at = |width: usize| {
        pairs
            .iter()
            .filter(|&&(end, next)| end <= width && next > width)
            .count()
    };
    let (width, wrapped) = WIDTHS
        .map(|width| (width, wrapped_at(width)))
        .max_by_key(|&(width, count)| (count, std::cmp::Reverse(width)))?;
    (wrapped >= MIN_WRAPPED_LINES && wrapped * 2 >= pairs.len()).then_some(width)
}

/// The indentation of most lines: the text's left margin (an RFC's is 3).
fn margin(lines: &[Line]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for line in lines.iter().take(SAMPLE_LINES).filter(|l| !l.is_blank()) {
        *counts.entry(line.indent).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(indent, count)| (count, std::cmp::Reverse(indent)))
        .map_or(0, |(indent, _)| indent)
}

/// True when line `i` ended only because the next word did not fit, and
/// line `i + 1` continues the same prose; the logical line (a paragraph,
/// or a list item) began at line `start`.
fn joins_at(lines: &[Line], start: usize, i: usize, width: usize, margin: usize) -> bool {
    let (line, next) = (&lines[i], &lines[i + 1]);
    // Fillers are not exact (sentence spaces, later edits): a line that
    // ends within an eighth of the width of where the next word would
    // have passed it was wrapped; verse and short lines end well before.
    let slack = width / 8;
    if line.is_blank() || next.is_blank() || line.with_next_word(next) + slack <= width {
        return false;
    }
    if line.end > width + slack || is_preformatted(line.text) || is_preformatted(next.text) {
        return false;
    }
    if item_marker(next.text.trim_start()).is_some() {
        return false;
    }
    let item = item_text_column(lines[start].text);
    // Where the logical line's continuation lines sit: under a list
    // item's text, else under its first line, or at the margin after an
    // indented first line (as books set paragraphs).
    let body = if i == start {
        item.unwrap_or(line.indent)
    } else {
        line.indent
    };
    let first_line_indent = i == start
        && item.is_none()
        && next.indent == margin
        && line.indent > margin
        && line.indent <= margin + 8;
    // Plain-text lists often go on at the marker's own column.
    let under_marker = item.is_some() && next.indent == lines[start].indent;
    if next.indent != body && !first_line_indent && !under_marker {
        return false;
    }
    // An indented block (a quotation, code) keeps its lines.
    item.is_some() || next.indent <= margin
}

/// The column where a list item's text starts, if `line` starts one.
fn item_text_column(line: &str) -> Option<usize> {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let marker = item_marker(body)?;
    let after = &body[marker..];
    let gap = after.len() - after.trim_start().len();
    Some(indent + crate::sanitize::columns(&body[..marker]) + gap)
}

/// The bytes of a list marker at the start of `body` (`-`, `*`, `•`, `1.`,
/// `a)`, `(iv)`), followed by a space.
fn item_marker(body: &str) -> Option<usize> {
    let marker = body.split(' ').next()?;
    let len = marker.len();
    if !body[len..].starts_with(' ') {
        return None;
    }
    let inner = marker
        .strip_prefix('(')
        .and_then(|m| m.strip_suffix(')'))
        .or_else(|| marker.strip_suffix(['.', ')']));
    let is_item = matches!(marker, "-" | "*" | "+" | "•" | "o")
        || inner.is_some_and(|m| {
            (!m.is_empty() && m.len() <= 3 && m.chars().all(|c| c.is_ascii_digit()))
                || (m.len() == 1 && m.chars().all(|c| c.is_ascii_alphabetic()))
                || (!m.is_empty() && m.len() <= 4 && m.chars().all(|c| "ivxlIVXL".contains(c)))
        });
    is_item.then_some(len)
}

/// Lines that are laid out by hand: aligned columns (runs of spaces
/// inside), tabs, ASCII tables and rules, lines of mostly symbols.
fn is_preformatted(line: &str) -> bool {
    let body = line.trim();
    if body.contains('\t') || body.contains("   ") || body.contains("  |") || body.starts_with('|')
    {
        return true;
    }
    let symbols = body
        .chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .count();
    let letters = body.chars().filter(|c| c.is_alphanumeric()).count();
    symbols > letters
}

#[cfg(test)]
#[path = "reflow_tests.rs"]
mod tests;
