//! Drawing: every frame is rendered from the [`App`] alone. Each pane has
//! its own module with a `render` function taking a read-only view.

pub mod bookmarks;
pub mod filter;
pub mod help;
pub mod list;
pub mod outline;
pub mod reader;
pub mod status;
pub mod text;
/// The colours live outside the view, in the model's [`crate::theme`];
/// drawing code names them from here too.
pub use crate::theme;

use crate::app::{App, Overlay};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(panes) = crate::layout::panes(area, app.single(), app.split) else {
        let notice = Paragraph::new("Window too small for quire: make it at least 20x5")
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(app.theme.dim());
        frame.render_widget(notice, area);
        return;
    };
    if let Some(list) = panes.list {
        list::render(app, frame, list);
    }
    if let Some(reader) = panes.reader {
        reader::render(app, frame, reader);
    }
    filter::render(app, frame, panes.filter);
    status::render(app, frame, panes.status);
    match app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll, .. } => help::render(app, frame, popup(area, 76), scroll),
        Overlay::Outline { selected, .. } => outline::render(app, frame, popup(area, 90), selected),
        Overlay::Bookmarks { selected, .. } => {
            bookmarks::render(app, frame, popup(area, 100), selected)
        }
    }
}

/// The area for an overlay: the panes' area (the filter and status lines
/// stay visible), centred and at most `max_width` wide on wide windows.
pub fn popup(area: Rect, max_width: u16) -> Rect {
    let height = area.height.saturating_sub(2).max(1);
    if area.width < crate::layout::SIDE_BY_SIDE_WIDTH {
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
