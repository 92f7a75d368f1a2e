//! `w` and Shift-Left/Shift-Right in the reading view: wide code and table
//! lines either wrap (with a continuation mark) or stay whole and scroll
//! sideways, like `less -S`.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use crate::wrap::blocks::max_scroll;

/// Switches between wrapping wide block lines and scrolling them.
pub(super) fn toggle_wrap(app: &mut App) {
    let (width, height) = app.reader_size();
    app.reader.blocks.wide = app.block_width();
    app.reader.blocks.scroll = !app.reader.blocks.scroll;
    app.reader.hscroll = 0;
    app.reader.rewrap(&app.docs, width, height);
    let keys = |action| app.keymap.keys_for(Mode::Reader, action);
    let message = if app.reader.blocks.scroll {
        format!(
            "Wide code and tables scroll sideways with {} and {}; {} wraps them again",
            keys(Action::ScrollLeft),
            keys(Action::ScrollRight),
            keys(Action::ToggleWrap)
        )
    } else {
        format!(
            "Wide code and tables wrap (↪ marks a continued line); {} scrolls them sideways",
            keys(Action::ToggleWrap)
        )
    };
    app.info(message);
}

/// Scrolls wide blocks half their width left or right.
pub(super) fn scroll(app: &mut App, right: bool) {
    if !app.reader.blocks.scroll {
        let key = app.keymap.keys_for(Mode::Reader, Action::ToggleWrap);
        app.info(format!(
            "Wide lines are wrapped, nothing to scroll; {key} keeps them whole to scroll sideways"
        ));
        return;
    }
    let width = app.block_width();
    let widest = app.reader.layout.as_ref().map_or(0, |l| l.widest_block());
    let step = (width / 2).max(1);
    let hscroll = &mut app.reader.hscroll;
    *hscroll = if right {
        (*hscroll + step).min(max_scroll(widest, width))
    } else {
        hscroll.saturating_sub(step)
    };
}
