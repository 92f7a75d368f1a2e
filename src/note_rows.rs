//! The reading view's screen rows: the wrapped lines of the text from the
//! top of the screen, with a row for its note under each bookmarked
//! passage that has one (unless notes are hidden). The drawing and the
//! mouse both use these rows, so a click lands on the line it is on; the
//! rows start a little lower when notes would push the cursor off screen.

use crate::app::App;
use crate::wrap::Line;

/// One screen row of the reading view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// Line `.0` of the layout.
    Text(usize),
    /// The note of the passage above.
    Note(String),
}

/// The notes of the bookmarks in the open document, by the last passage
/// they cover (none while notes are hidden).
pub fn notes(app: &App) -> Vec<(usize, String)> {
    let Some(doc) = app.reader.doc.filter(|_| !app.hide_notes) else {
        return Vec::new();
    };
    app.bookmarks
        .items
        .iter()
        .zip(&app.resolved)
        .filter_map(|(b, r)| {
            let r = r.filter(|r| r.doc == doc && !b.deleted && !b.note.is_empty())?;
            Some((r.passage_end, b.note.clone()))
        })
        .collect()
}

/// The rows shown in `height` rows from layout line `top`, keeping the
/// first line of passage `cursor` on screen.
pub fn rows(
    lines: &[Line],
    top: usize,
    height: usize,
    cursor: usize,
    notes: &[(usize, String)],
) -> Vec<Row> {
    let first = lines.iter().position(|l| l.passage == Some(cursor));
    let mut start = top;
    loop {
        let shown = from(lines, start, height, notes);
        let hidden = first.is_some_and(|f| f >= start && !shown.contains(&Row::Text(f)));
        if !hidden || start + 1 >= lines.len() {
            return shown;
        }
        start += 1;
    }
}

fn from(lines: &[Line], start: usize, height: usize, notes: &[(usize, String)]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(height);
    for (at, line) in lines.iter().enumerate().skip(start) {
        if rows.len() >= height {
            break;
        }
        rows.push(Row::Text(at));
        let last_of_passage = lines.get(at + 1).map(|l| l.passage) != Some(line.passage);
        let note = line
            .passage
            .filter(|_| last_of_passage)
            .and_then(|p| notes.iter().find(|(end, _)| *end == p));
        if let Some((_, note)) = note
            && rows.len() < height
        {
            rows.push(Row::Note(note.clone()));
        }
    }
    rows
}

/// The rows the reading view shows now.
pub fn on_screen(app: &App) -> Vec<Row> {
    let Some(layout) = &app.reader.layout else {
        return Vec::new();
    };
    let (_, height) = app.reader_size();
    rows(
        &layout.lines,
        app.reader.top,
        height,
        app.reader.cursor,
        &notes(app),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(passage: Option<usize>) -> Line {
        Line {
            passage,
            range: 0..0,
            indent: 0,
            first: true,
            fold: false,
        }
    }

    #[test]
    fn a_note_row_follows_the_last_line_of_its_passage() {
        let lines = [line(Some(0)), line(Some(0)), line(None), line(Some(1))];
        let notes = [(0, "n".to_string())];
        let rows = rows(&lines, 0, 10, 0, &notes);
        assert_eq!(
            rows,
            vec![
                Row::Text(0),
                Row::Text(1),
                Row::Note("n".into()),
                Row::Text(2),
                Row::Text(3)
            ]
        );
    }

    #[test]
    fn notes_never_push_the_cursor_off_screen() {
        let lines = [
            line(Some(0)),
            line(None),
            line(Some(1)),
            line(None),
            line(Some(2)),
        ];
        let notes = [(0, "a".to_string()), (1, "b".to_string())];
        let rows = rows(&lines, 0, 5, 2, &notes);
        assert!(rows.contains(&Row::Text(4)), "{rows:?}");
        assert_eq!(rows.len(), 5);
    }
}
