//! What the help overlay says, without how it looks: each mode's bindings
//! as (keys, description) rows, narrowed by the overlay's filter. Shared by
//! the overlay ([`crate::ui::help`]) and `update()`, which needs the line
//! count to scroll, so the model never calls view code.

use crate::keymap::{Keymap, Mode};
use unicode_width::UnicodeWidthStr;

/// One mode's rows that match the filter.
pub struct Section {
    pub mode: Mode,
    /// The keys (", "-joined, or "(unbound)") and what they do.
    pub rows: Vec<(String, &'static str)>,
}

/// Every mode's rows whose keys or description hold each word of `query`
/// (ignoring case); modes left with no row are left out.
pub fn sections(keymap: &Keymap, query: &str) -> Vec<Section> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut sections = Vec::new();
    for mode in Mode::ALL {
        let mut rows: Vec<(String, &'static str)> = keymap
            .bindings(mode)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.join(", ")
                };
                (keys, b.description)
            })
            .collect();
        if mode == Mode::Filter {
            rows.push((
                "other keys".to_string(),
                "Type into the filter; every word must match the title",
            ));
        }
        rows.retain(|(keys, description)| {
            let text = format!("{keys} {description}").to_lowercase();
            words.iter().all(|w| text.contains(w))
        });
        if !rows.is_empty() {
            sections.push(Section { mode, rows });
        }
    }
    sections
}

/// The overlay's widest width, in columns.
pub const WIDTH: u16 = 76;
/// The keys column is as wide as its longest entry, up to this; a longer
/// entry pushes its description along, always two spaces after it.
pub const KEYS_COLUMN_MAX: usize = 28;
/// A description gets at least this many columns, however narrow the
/// window: fewer would stack one word a line.
const MIN_DESCRIPTION: usize = 16;

/// One line of the help text, laid out at a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A mode's title.
    Title(Mode),
    /// Between two modes.
    Blank,
    /// The keys, padded to the keys column, and the first line of what
    /// they do.
    Entry { lead: String, text: String },
    /// A description's next line, indented under its first.
    More { indent: String, text: String },
    /// Nothing matched the filter.
    Nothing,
}

/// The inside width of the overlay in a window `width` columns wide.
pub fn inner_width(width: u16) -> usize {
    let area = ratatui::layout::Rect::new(0, 0, width, 3);
    crate::layout::popup(area, WIDTH).width.saturating_sub(2) as usize
}

/// The help text for `query` at `width` columns: a title per section, a
/// blank line between sections, descriptions too long for their column
/// wrapped under themselves, or one line saying nothing matched.
pub fn lay_out(keymap: &Keymap, query: &str, width: usize) -> Vec<HelpLine> {
    let sections = sections(keymap, query);
    let column = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(keys, _)| keys.width()))
        .max()
        .unwrap_or(0)
        .min(KEYS_COLUMN_MAX);
    let mut lines = Vec::new();
    for Section { mode, rows } in sections {
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Title(mode));
        for (keys, description) in rows {
            let pad = column.saturating_sub(keys.width()) + 2;
            let lead = format!("  {keys}{}", " ".repeat(pad));
            let room = width.saturating_sub(lead.width()).max(MIN_DESCRIPTION);
            let mut parts = textwrap::wrap(description, room).into_iter();
            let text = parts.next().map(|p| p.into_owned()).unwrap_or_default();
            lines.push(HelpLine::Entry { lead, text });
            let indent = " ".repeat(2 + column + 2);
            let room = width.saturating_sub(indent.len()).max(MIN_DESCRIPTION);
            let rest = parts.map(|p| p.into_owned()).collect::<Vec<_>>().join(" ");
            for part in textwrap::wrap(&rest, room)
                .into_iter()
                .filter(|p| !p.is_empty())
            {
                lines.push(HelpLine::More {
                    indent: indent.clone(),
                    text: part.into_owned(),
                });
            }
        }
    }
    if lines.is_empty() {
        lines.push(HelpLine::Nothing);
    }
    lines
}

/// How many lines the overlay shows for `query` in a window `width`
/// columns wide.
pub fn line_count(keymap: &Keymap, query: &str, width: u16) -> usize {
    lay_out(keymap, query, inner_width(width)).len()
}
