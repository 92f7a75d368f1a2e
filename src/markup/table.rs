//! Tables collected cell by cell, then aligned into lines of text by display
//! width, so CJK and emoji cells line up in a terminal.

use unicode_width::UnicodeWidthStr;

/// Between two cells of a row.
pub(crate) const COLUMN_SEPARATOR: &str = " │ ";
/// Between two runs of the rule under a header.
pub(crate) const RULE_SEPARATOR: &str = "─┼─";

/// How a column's cells sit in its width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    header: bool,
    /// True while every cell so far was a header cell (`<th>`).
    all_header_cells: bool,
}

/// A table being read: rows of sanitized, whitespace-collapsed cell text.
#[derive(Debug, Default)]
pub(crate) struct Table {
    aligns: Vec<Align>,
    rows: Vec<Row>,
    row_open: bool,
    cell_open: bool,
}

impl Table {
    pub(crate) fn new(aligns: Vec<Align>) -> Table {
        Table {
            aligns,
            ..Table::default()
        }
    }

    pub(crate) fn start_row(&mut self, header: bool) {
        self.end_row();
        self.rows.push(Row {
            header,
            all_header_cells: true,
            ..Row::default()
        });
        self.row_open = true;
    }

    pub(crate) fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.rows.last_mut().filter(|_| self.row_open) {
            row.header |= row.all_header_cells && !row.cells.is_empty();
        }
        self.row_open = false;
    }

    /// Opens a cell; `header` is true for `<th>` cells.
    pub(crate) fn start_cell(&mut self, header: bool) {
        self.end_cell();
        if !self.row_open {
            self.start_row(false);
        }
        if let Some(row) = self.rows.last_mut() {
            row.cells.push(String::new());
            row.all_header_cells &= header;
        }
        self.cell_open = true;
    }

    pub(crate) fn end_cell(&mut self) {
        if let Some(cell) = self.open_cell() {
            let trimmed = cell.trim_end_matches(' ').len();
            cell.truncate(trimmed);
        }
        self.cell_open = false;
    }

    /// Appends sanitized one-line text to the open cell; `space` asks for a
    /// separating space first. Text outside any cell is dropped: between
    /// rows there is only markup whitespace.
    pub(crate) fn push(&mut self, text: &str, space: bool) {
        if let Some(cell) = self.open_cell() {
            if space && !cell.is_empty() && !cell.ends_with(' ') {
                cell.push(' ');
            }
            cell.push_str(text);
        }
    }

    /// True when the open cell ends with `suffix`.
    pub(crate) fn ends_with(&mut self, suffix: &str) -> bool {
        self.open_cell().is_some_and(|c| c.ends_with(suffix))
    }

    /// Removes `len` bytes from the end of the open cell.
    pub(crate) fn unpush(&mut self, len: usize) {
        if let Some(cell) = self.open_cell() {
            cell.truncate(cell.len().saturating_sub(len));
        }
    }

    fn open_cell(&mut self) -> Option<&mut String> {
        if !self.cell_open {
            return None;
        }
        self.rows.last_mut().and_then(|r| r.cells.last_mut())
    }

    /// The table as aligned lines; a rule follows the leading header rows.
    pub(crate) fn render(mut self) -> String {
        self.end_row();
        // A row of empty cells would be a blank line, which splits passages.
        self.rows.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
        let columns = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut widths = vec![0usize; columns];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(&row.cells) {
                *width = (*width).max(cell.width());
            }
        }
        let headers = self.rows.iter().take_while(|r| r.header).count();
        let headers = if headers == self.rows.len() {
            0
        } else {
            headers
        };
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        for (index, row) in self.rows.iter().enumerate() {
            if index == headers && headers > 0 {
                lines.push(rule(&widths));
            }
            lines.push(self.line(row, &widths));
        }
        lines.join("\n")
    }

    fn line(&self, row: &Row, widths: &[usize]) -> String {
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, &width)| {
                let cell = row.cells.get(i).map(String::as_str).unwrap_or("");
                let align = self.aligns.get(i).copied().unwrap_or_default();
                pad(cell, width, align)
            })
            .collect();
        cells.join(COLUMN_SEPARATOR).trim_end().to_string()
    }
}

/// The line under the header: one run of `─` per column.
fn rule(widths: &[usize]) -> String {
    let runs: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    runs.join(RULE_SEPARATOR)
}

fn pad(cell: &str, width: usize, align: Align) -> String {
    let gap = width.saturating_sub(cell.width());
    let (left, right) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    format!("{}{cell}{}", " ".repeat(left), " ".repeat(right))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]], header: bool, aligns: Vec<Align>) -> String {
        let mut t = Table::new(aligns);
        for (i, row) in rows.iter().enumerate() {
            t.start_row(header && i == 0);
            for cell in *row {
                t.start_cell(false);
                t.push(cell, false);
            }
        }
        t.render()
    }

    #[test]
    fn columns_align_by_display_width() {
        let out = table(&[&["名字", "城市"], &["Alice", "北京市"]], true, vec![]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "名字  │ 城市");
        assert_eq!(lines[1], "──────┼───────");
        assert_eq!(lines[2], "Alice │ 北京市");
        let bars: Vec<usize> = [lines[0], lines[2]]
            .iter()
            .map(|l| l.split('│').next().unwrap_or("").width())
            .collect();
        assert_eq!(bars[0], bars[1]);
    }

    #[test]
    fn alignment_and_ragged_rows() {
        let out = table(
            &[&["a", "b", "c"], &["long", "x"]],
            false,
            vec![Align::Right, Align::Center],
        );
        assert_eq!(out, "   a │ b │ c\nlong │ x │");
    }

    #[test]
    fn header_cells_make_a_header_row() {
        let mut t = Table::new(vec![]);
        t.start_cell(true);
        t.push("H", false);
        t.start_row(false);
        t.start_cell(false);
        t.push("v", false);
        assert_eq!(t.render(), "H\n─\nv");
    }

    #[test]
    fn text_outside_cells_is_dropped_and_empty_table_is_empty() {
        let mut t = Table::new(vec![]);
        t.push("stray", true);
        assert_eq!(t.render(), "");
    }
}
