//! Invariants every fuzz target checks on what reaches the screen: no
//! character a terminal would act on, and no laid-out line wider than the
//! width (preformatted blocks are clipped when drawn, so they are exempt).

use quire::document::{Block, Document};
use quire::wrap::layout;
use unicode_width::UnicodeWidthStr;

/// Widths from the narrowest usable pane to a wide terminal.
pub const WIDTHS: &[usize] = &[2, 3, 7, 20, 80, 200];

/// Panics if `text` holds a control (other than a line break), a C1
/// control, or a bidi or zero-width character; tag characters may appear
/// only inside an emoji flag (U+1F3F4 ... U+E007F).
pub fn assert_safe(text: &str) {
    let mut in_flag = false;
    for c in text.chars() {
        let tag = ('\u{E0020}'..='\u{E007F}').contains(&c);
        let safe = if tag {
            in_flag
        } else {
            c == '\n' || !(c.is_control() || quire::sanitize::is_unsafe(c))
        };
        assert!(safe, "unsafe character {c:?} in {text:?}");
        in_flag = c == '\u{1F3F4}' || (tag && in_flag && c != '\u{E007F}');
    }
}

/// Lays `doc` out at every width and checks the lines.
pub fn assert_layout(doc: &Document) {
    assert_safe(&doc.text);
    assert_safe(&doc.title);
    assert!(!doc.title.contains('\n'));
    for &width in WIDTHS {
        let lay = layout(doc, width);
        for line in &lay.lines {
            let shown = &doc.text[line.range.clone()];
            let Some(passage) = line.passage else { continue };
            if matches!(
                doc.passages[passage].block,
                Block::Code | Block::Table | Block::Rule
            ) {
                continue;
            }
            let room = width - usize::from(line.indent);
            assert!(
                room < 2 || shown.width() <= room,
                "width {width}: {shown:?} is {} columns",
                shown.width()
            );
        }
    }
}
