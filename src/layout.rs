//! Screen geometry, shared by drawing and by `update()` (which needs the
//! reading view's size to wrap, page and keep the cursor on screen).

use ratatui::layout::Rect;

/// Below this the window shows a notice instead of panes.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this width one pane is shown at a time.
pub const SIDE_BY_SIDE_WIDTH: u16 = 60;
/// Columns left of the text for the passage cursor and bookmark marks.
pub const GUTTER: u16 = 3;

/// Which pane fills the window when there is room for only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Single {
    List,
    Reader,
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub filter: Rect,
    pub status: Rect,
}

/// How the user arranged the panes: the list's share of the width, and
/// focus mode (the reading view alone, like a narrow window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Split {
    pub list_percent: u16,
    pub focus: bool,
    /// The unfiltered list's order (`s`); absent from older files.
    #[serde(default)]
    pub sort: crate::sort::SortOrder,
}

impl Default for Split {
    fn default() -> Split {
        Split {
            list_percent: 35,
            focus: false,
            sort: crate::sort::SortOrder::default(),
        }
    }
}

/// Reads the layout kept by [`save_split`]; the default when missing or
/// unreadable (it is a preference, not data worth an error).
pub fn load_split(path: &std::path::Path) -> Split {
    // Only a regular file, read without blocking: a FIFO or a link to
    // /dev/zero here must not stop the reader from starting.
    match crate::storage::read_bounded(path) {
        Ok(crate::storage::Contents::Bytes(bytes)) => serde_json::from_slice(&bytes).ok(),
        _ => None,
    }
    .unwrap_or_default()
}

/// Keeps the layout for the next session (atomically).
pub fn save_split(path: &std::path::Path, split: &Split) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(&mut file, split)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Narrowest and widest list share, in percent.
pub const LIST_PERCENT: std::ops::RangeInclusive<u16> = 15..=70;

/// Splits the window; None when it is too small to draw anything useful.
pub fn panes(area: Rect, single: Single, split: Split) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let body = Rect {
        height: area.height - 2,
        ..area
    };
    let filter = Rect {
        y: area.y + area.height - 2,
        height: 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let (list, reader) = if area.width >= SIDE_BY_SIDE_WIDTH && !split.focus {
        let percent = split
            .list_percent
            .clamp(*LIST_PERCENT.start(), *LIST_PERCENT.end());
        let list_width = (area.width * percent / 100).clamp(16, area.width - 30);
        let list = Rect {
            width: list_width,
            ..body
        };
        let reader = Rect {
            x: body.x + list_width,
            width: body.width - list_width,
            ..body
        };
        (Some(list), Some(reader))
    } else {
        match single {
            Single::List => (Some(body), None),
            Single::Reader => (None, Some(body)),
        }
    };
    Some(Panes {
        list,
        reader,
        filter,
        status,
    })
}

/// Inside the reading pane: the gutter column and the text column, centred
/// when the pane is wider than the reading measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderArea {
    pub gutter: Rect,
    pub text: Rect,
    /// Where code and tables may go: the pane's width beside the gutter,
    /// wider than the text column when the pane is wider than the measure.
    pub wide: Rect,
}

/// Lays out the inside of a bordered reading pane.
pub fn reader_area(pane: Rect, measure: u16) -> ReaderArea {
    let inner = Rect {
        x: pane.x + 1,
        y: pane.y + 1,
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    };
    // One column of margin on the right keeps text off the border.
    let room = inner.width.saturating_sub(GUTTER + 1);
    let text_width = room.min(measure).max(1);
    // Centre the text itself; the gutter sits in the left margin.
    let text_x =
        inner.x + (inner.width.saturating_sub(text_width) / 2).max(GUTTER.min(inner.width));
    ReaderArea {
        gutter: Rect {
            x: text_x - GUTTER.min(inner.width),
            width: GUTTER.min(inner.width),
            ..inner
        },
        text: Rect {
            x: text_x,
            width: text_width.min(inner.width.saturating_sub(GUTTER)),
            ..inner
        },
        wide: Rect {
            x: inner.x + GUTTER.min(inner.width),
            width: room.max(text_width.min(inner.width.saturating_sub(GUTTER))),
            ..inner
        },
    }
}

/// The area for an overlay: the panes' area (the filter and status lines
/// stay visible), centred and at most `max_width` wide on wide windows.
pub fn popup(area: Rect, max_width: u16) -> Rect {
    let height = area.height.saturating_sub(2).max(1);
    if area.width < SIDE_BY_SIDE_WIDTH {
        return Rect { height, ..area };
    }
    let width = area.width.saturating_sub(8).min(max_width);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_windows_show_both_panes() {
        let p = panes(Rect::new(0, 0, 100, 30), Single::List, Split::default()).unwrap();
        let (list, reader) = (p.list.unwrap(), p.reader.unwrap());
        assert_eq!(list.width + reader.width, 100);
        assert_eq!(list.height, 28);
        assert_eq!((p.filter.y, p.status.y), (28, 29));
    }

    #[test]
    fn narrow_windows_show_one_pane() {
        let p = panes(Rect::new(0, 0, 50, 20), Single::Reader, Split::default()).unwrap();
        assert!(p.list.is_none());
        assert_eq!(p.reader.unwrap().width, 50);
        let p = panes(Rect::new(0, 0, 50, 20), Single::List, Split::default()).unwrap();
        assert!(p.reader.is_none());
    }

    #[test]
    fn tiny_windows_are_refused() {
        assert!(panes(Rect::new(0, 0, 19, 10), Single::List, Split::default()).is_none());
        assert!(panes(Rect::new(0, 0, 40, 4), Single::List, Split::default()).is_none());
        assert!(panes(Rect::new(0, 0, 20, 5), Single::List, Split::default()).is_some());
    }

    #[test]
    fn text_column_is_capped_at_the_measure_and_centred() {
        let a = reader_area(Rect::new(40, 0, 160, 30), 80);
        assert_eq!(a.text.width, 80);
        let left = a.text.x - 41;
        let right = 40 + 160 - 1 - (a.text.x + a.text.width);
        assert_eq!(a.gutter.x + GUTTER, a.text.x);
        assert!(left.abs_diff(right) <= 1, "{left} vs {right}");
        let narrow = reader_area(Rect::new(0, 0, 40, 10), 80);
        assert_eq!(narrow.text.width, 40 - 2 - GUTTER - 1);
        assert_eq!(narrow.text.height, 8);
    }
}
