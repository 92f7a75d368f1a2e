//! Colours and text styles, in one place. Only the 16 ANSI colours are used
//! so quire looks right on any terminal.

use ratatui::style::{Color, Modifier, Style};

pub fn accent() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The selected row of a list.
pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// Characters that matched the query.
pub fn matched() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn bookmark() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn border(focused: bool) -> Style {
    if focused { accent() } else { dim() }
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn info() -> Style {
    Style::new().fg(Color::Green)
}

pub fn heading(level: u8) -> Style {
    match level {
        1 | 2 => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        _ => bold(),
    }
}

pub fn code() -> Style {
    Style::new().fg(Color::Magenta)
}

/// A passage just jumped to (from a bookmark), until the next key.
pub fn flash() -> Style {
    Style::new().bg(Color::DarkGray)
}

/// The mark drawn beside bookmarked passages and documents.
pub const BOOKMARK_MARK: &str = "★";
/// The bar drawn beside the passage under the cursor.
pub const CURSOR_MARK: &str = "▌";
/// The bar drawn beside passages in a range being selected.
pub const RANGE_MARK: &str = "┃";
