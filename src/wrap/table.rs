//! Tables wider than the room they have: the text inside each cell is
//! wrapped within narrower columns, so no column is cut off and every
//! word stays readable in its cell.
//!
//! A table passage is the text [`crate::markup`] aligned: cells padded to
//! their column's width and joined by ` │ `, a `─┼─` rule under the
//! header. The columns are found again from where every row has a
//! separator; each wrapped screen line is then a list of pieces of the
//! document's text (one per column), so search highlights and the cursor
//! still point into the text itself. comfy-table lays tables out well,
//! but as new strings, not as places in the text, which the reader needs.

use super::wrap_line;
use crate::sanitize::columns;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

use crate::markup::table::{COLUMN_SEPARATOR as SEPARATOR, RULE_SEPARATOR};

/// One screen line of a wrapped table: for each column, the bytes of the
/// text shown in it (maybe empty) and the columns it is padded to.
pub type Row = Vec<(Range<usize>, usize)>;

/// The table in `text` (starting at byte `base` of the document) laid out
/// in `width` columns with its cells wrapped; None when it cannot be read
/// as columns, or has no room for them.
pub fn lay_out(text: &str, base: usize, width: usize) -> Option<Vec<Row>> {
    let lines: Vec<(usize, &str)> = line_starts(text);
    let body: Vec<&str> = lines.iter().map(|l| l.1).filter(|l| !is_rule(l)).collect();
    let starts = separator_columns(&body);
    let natural = natural_widths(&body, &starts);
    let widths = fit_widths(&natural, &longest_words(&body, &starts), width)?;
    let mut rows = Vec::new();
    for (offset, line) in lines {
        let cells = if is_rule(line) {
            rule_cells(line, &natural)
        } else {
            cells(line, &starts)
        };
        let wrapped = wrap_cells(line, &cells, &widths);
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let at = base + offset;
            rows.push(
                wrapped
                    .iter()
                    .zip(&widths)
                    .map(|(pieces, &w)| {
                        let piece = pieces.get(k).cloned().unwrap_or(0..0);
                        (at + piece.start..at + piece.end, w)
                    })
                    .collect(),
            );
        }
    }
    Some(rows)
}

/// The pieces, as byte ranges of `line`, of each of its `cells` wrapped
/// to its column's width; a rule's runs are cut to the width.
fn wrap_cells(line: &str, cells: &[Range<usize>], widths: &[usize]) -> Vec<Vec<Range<usize>>> {
    let rule = is_rule(line);
    cells
        .iter()
        .zip(widths)
        .map(|(cell, &w)| {
            let text = &line[cell.clone()];
            let pieces = if rule {
                std::iter::once(0..prefix(text, w)).collect()
            } else {
                wrap_line(text, w)
            };
            pieces
                .into_iter()
                .map(|r| cell.start + r.start..cell.start + r.end)
                .collect()
        })
        .collect()
}

/// The bytes a screen line of a wrapped table covers: from its first
/// piece's start to its last piece's end.
pub fn span(row: &Row) -> Option<Range<usize>> {
    let shown = row.iter().filter(|(r, _)| !r.is_empty());
    let start = shown.clone().map(|(r, _)| r.start).min()?;
    let end = shown.map(|(r, _)| r.end).max()?;
    Some(start..end)
}

fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split('\n')
        .map(|line| {
            let start = offset;
            offset += line.len() + 1;
            (start, line)
        })
        .collect()
}

fn is_rule(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| c == '─' || c == '┼')
}

/// The display column of each separator, found in every row that reaches
/// it: a cell's own ` │ ` would have to sit at the same column in every
/// row to be taken for one.
fn separator_columns(rows: &[&str]) -> Vec<usize> {
    let found: Vec<(Vec<usize>, usize)> = rows
        .iter()
        .map(|row| (separators_in(row), columns(row)))
        .collect();
    let mut candidates: Vec<usize> = found.iter().flat_map(|(s, _)| s.clone()).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|&c| {
            found
                .iter()
                .all(|(seps, width)| *width <= c || seps.contains(&c))
        })
        .collect()
}

/// Display columns where ` │` starts in `row` (a trailing space may have
/// been trimmed after it).
fn separators_in(row: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut column = 0;
    for (at, g) in row.grapheme_indices(true) {
        let rest = &row[at..];
        if rest.starts_with(SEPARATOR) || rest == SEPARATOR.trim_end() {
            out.push(column);
        }
        column += columns(g);
    }
    out
}

/// The byte ranges of `row`'s cells, padding left out.
fn cells(row: &str, starts: &[usize]) -> Vec<Range<usize>> {
    let mut bounds = vec![0];
    let mut column = 0;
    let mut next = starts.iter().peekable();
    for (at, g) in row.grapheme_indices(true) {
        if next.peek() == Some(&&column) {
            bounds.push(at);
            next.next();
        }
        column += columns(g);
    }
    let mut out = Vec::new();
    for (i, &start) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).copied().unwrap_or(row.len());
        let start = if i == 0 {
            start
        } else {
            (start + SEPARATOR.len()).min(end)
        };
        let cell = &row[start..end];
        let lead = cell.len() - cell.trim_start().len();
        out.push(start + lead..start + cell.trim_end().len());
    }
    while out.len() <= starts.len() {
        out.push(row.len()..row.len());
    }
    out
}

/// The runs of `─` of a header rule, one per column: the markup joins
/// runs as wide as the columns with `─┼─`.
fn rule_cells(line: &str, natural: &[usize]) -> Vec<Range<usize>> {
    let offsets: Vec<usize> = line
        .char_indices()
        .map(|(at, _)| at)
        .chain([line.len()])
        .collect();
    let byte = |chars: usize| offsets[chars.min(offsets.len() - 1)];
    let mut out = Vec::new();
    let mut at = 0;
    for &width in natural {
        out.push(byte(at)..byte(at + width));
        at += width + RULE_SEPARATOR.chars().count();
    }
    out
}

/// Bytes of the first `width` columns of `text`.
fn prefix(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += columns(g);
        if used > width {
            return at;
        }
    }
    text.len()
}

fn natural_widths(rows: &[&str], starts: &[usize]) -> Vec<usize> {
    let mut widths = vec![0; starts.len() + 1];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(cells(row, starts)) {
            *width = (*width).max(columns(&row[cell]));
        }
    }
    widths
}

/// Column widths that fit `width` with separators, as browsers lay out
/// tables: each column gets at least its longest word when there is room
/// for all of them, and the rest is shared in proportion to how much more
/// each would take unwrapped; without that room, widths follow the
/// longest words (and long words break).
fn fit_widths(natural: &[usize], longest_word: &[usize], width: usize) -> Option<Vec<usize>> {
    let gaps = columns(SEPARATOR) * natural.len().saturating_sub(1);
    let room = width.checked_sub(gaps)?;
    if room < natural.len() {
        return None;
    }
    let most: Vec<usize> = natural.iter().map(|&n| n.max(1)).collect();
    let least: Vec<usize> = most
        .iter()
        .zip(longest_word)
        .map(|(&m, &w)| w.clamp(1, m))
        .collect();
    let (sum_most, sum_least) = (most.iter().sum::<usize>(), least.iter().sum::<usize>());
    let mut widths: Vec<usize> = if sum_most <= room {
        most
    } else if sum_least <= room {
        let spare = room - sum_least;
        let wanted = sum_most - sum_least;
        least
            .iter()
            .zip(&most)
            .map(|(&l, &m)| l + (m - l) * spare / wanted.max(1))
            .collect()
    } else {
        least
            .iter()
            .map(|&l| (l * room / sum_least).max(1))
            .collect()
    };
    // Rounding leaves a few columns over: the widest column takes them.
    let used: usize = widths.iter().sum();
    if let Some(widest) = (0..widths.len()).max_by_key(|&i| natural[i]) {
        widths[widest] += room.saturating_sub(used);
    }
    if widths.iter().sum::<usize>() > room {
        return None;
    }
    Some(widths)
}

/// The widest word of each column.
fn longest_words(rows: &[&str], starts: &[usize]) -> Vec<usize> {
    let mut widths = vec![0; starts.len() + 1];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(cells(row, starts)) {
            let word = row[cell].split(' ').map(columns).max().unwrap_or(0);
            *width = (*width).max(word);
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as it is drawn: pieces padded and joined.
    fn drawn(text: &str, width: usize) -> Vec<String> {
        lay_out(text, 0, width)
            .unwrap()
            .iter()
            .map(|row| {
                let rule = text[row[0].0.clone()].starts_with('─');
                let (pad, separator) = if rule {
                    ('─', RULE_SEPARATOR)
                } else {
                    (' ', SEPARATOR)
                };
                let cells: Vec<String> = row
                    .iter()
                    .map(|(r, w)| {
                        let piece = &text[r.clone()];
                        let fill = w - columns(piece);
                        format!("{piece}{}", pad.to_string().repeat(fill))
                    })
                    .collect();
                cells.join(separator).trim_end().to_string()
            })
            .collect()
    }

    const TABLE: &str = "Crate │ Notes\n\
                         ──────┼──────────────────────────────────────────\n\
                         style │ The main Stylo crate with the CSS engine\n\
                         dom   │ Similar to traits (but much smaller)";

    #[test]
    fn cells_wrap_inside_their_columns() {
        assert_eq!(
            drawn(TABLE, 30),
            vec![
                "Crate │ Notes",
                "──────┼───────────────────────",
                "style │ The main Stylo crate",
                "      │ with the CSS engine",
                "dom   │ Similar to traits (but",
                "      │ much smaller)",
            ]
        );
    }

    #[test]
    fn wrapped_lines_keep_every_word_in_order() {
        for width in [24, 33, 47] {
            let words: Vec<String> = drawn(TABLE, width)
                .iter()
                .flat_map(|l| l.split([' ', '│']).map(str::to_string).collect::<Vec<_>>())
                .filter(|w| !w.is_empty() && !w.starts_with('─'))
                .collect();
            let expected: Vec<&str> = TABLE
                .split([' ', '│', '\n'])
                .filter(|w| !w.is_empty() && !w.starts_with('─'))
                .collect();
            // Cells sit side by side, so words of one row interleave by
            // line; within each cell the order holds.
            let mut sorted_got = words.clone();
            sorted_got.sort();
            let mut sorted_expected: Vec<String> = expected.iter().map(|w| w.to_string()).collect();
            sorted_expected.sort();
            assert_eq!(sorted_got, sorted_expected, "width {width}");
        }
    }

    #[test]
    fn narrow_columns_keep_their_width() {
        // Room for every longest word: the rest goes where text is long.
        assert_eq!(
            fit_widths(&[5, 60, 4], &[5, 10, 4], 40),
            Some(vec![5, 25, 4])
        );
        assert_eq!(
            fit_widths(&[18, 18, 110], &[18, 10, 12], 80),
            Some(vec![18, 12, 44])
        );
        // No room for them: widths follow the longest words.
        assert_eq!(
            fit_widths(&[18, 18, 110], &[18, 10, 20], 46),
            Some(vec![15, 8, 17])
        );
        assert_eq!(fit_widths(&[3, 3, 3], &[3, 3, 3], 7), None);
    }

    #[test]
    fn a_bar_inside_one_cell_is_not_a_column() {
        let text = "a │ x │ y\nbb│z  │ w";
        assert_eq!(
            separator_columns(&text.lines().collect::<Vec<_>>()),
            vec![5]
        );
    }
}
