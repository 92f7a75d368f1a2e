//! Drawing: every frame is rendered from the [`App`] alone. Each pane has
//! its own module with a `render` function taking a read-only view.

pub mod blocks;
pub mod bookmarks;
pub mod filter;
pub mod help;
pub mod links;
pub mod list;
pub mod outline;
pub mod reader;
pub mod status;
pub mod text;
/// The colours live outside the view, in the model's [`crate::theme`];
/// drawing code names them from here too.
pub use crate::theme;

use crate::app::{App, Overlay};
pub use crate::layout::popup;
use ratatui::Frame;
use ratatui::layout::Alignment;
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
        Overlay::Help { scroll, .. } => help::render(app, frame, popup(area, help::WIDTH), scroll),
        Overlay::Outline { selected, .. } => outline::render(app, frame, popup(area, 90), selected),
        Overlay::Links { selected, .. } => links::render(app, frame, popup(area, 100), selected),
        Overlay::Bookmarks { selected, .. } => {
            bookmarks::render(app, frame, popup(area, 100), selected)
        }
        Overlay::Quote { index, .. } => bookmarks::render_quote(app, frame, popup(area, 90), index),
    }
}
