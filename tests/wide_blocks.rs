//! No text of a wide code block or table is ever lost: at 80 and 200
//! columns every character of the source is on screen (wrapped, with `↪`
//! marking continued lines), or, after `w`, reachable with Shift-Right.
//! The documents are real: the Rust book's lifetimes chapter (a rustc
//! `= help:` line of 130 columns) and a crate README with a wide table.

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::app::App;
use quire::bookmarks::Bookmarks;
use quire::update::update;
use std::path::PathBuf;
use support::{draw, press, screen};

fn app_with(name: &str, width: u16, height: u16) -> App {
    // Relative, as a user names it: the header shows the path.
    let path = PathBuf::from("tests/fixtures/docs").join(name);
    let doc = quire::corpus::read_document(&path).unwrap();
    let mut app = App::new(vec![doc], Vec::new(), Bookmarks::default());
    let _ = update(&mut app, Action::Resize(width, height));
    app.now = support::FIXED_NOW;
    press(&mut app, &["Enter"]);
    if width >= 200 {
        // The reading view alone, as one reads a book at that size.
        press(&mut app, &["z"]);
    }
    app
}

/// Scrolls the reading view so the text `needle` is on the top line.
fn show(app: &mut App, needle: &str) {
    let doc = &app.docs[app.reader.doc.unwrap()];
    let byte = doc.text.find(needle).expect("needle in the document");
    let layout = app.reader.layout.as_ref().unwrap();
    app.reader.top = layout.line_at_byte(byte);
}

/// The reading pane's rows where code and tables may go.
fn pane_rows(app: &App) -> Vec<String> {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let wide = app.reader_area().wide;
    (wide.y..wide.y + wide.height)
        .map(|y| {
            (wide.x..wide.x + wide.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '↪')
        .collect()
}

const HELP: &str = "= help: this function's return type contains a borrowed value, \
                    but the signature does not say whether it is borrowed from `x` or `y`";

#[test]
fn a_wide_rustc_message_wraps_with_nothing_lost() {
    for width in [80, 200] {
        let mut app = app_with("ch10-03-lifetime-syntax.html", width, 30);
        show(&mut app, HELP);
        let rows = pane_rows(&app);
        assert!(
            squeezed(&rows.concat()).contains(&squeezed(HELP)),
            "at {width} columns:\n{}",
            rows.join("\n")
        );
        let continued = rows.iter().any(|r| r.trim_start().starts_with('↪'));
        assert_eq!(continued, width == 80, "at {width}:\n{}", rows.join("\n"));
    }
}

#[test]
fn with_w_a_wide_line_scrolls_sideways_to_its_end() {
    let mut app = app_with("ch10-03-lifetime-syntax.html", 80, 30);
    show(&mut app, HELP);
    press(&mut app, &["w"]);
    show(&mut app, HELP);
    let first = pane_rows(&app);
    let row = first.iter().position(|r| r.contains("= help:")).unwrap();
    assert!(first[row].trim_end().ends_with('→'), "{}", first[row]);
    assert!(!first.concat().contains('↪'));
    // Every word of the line comes into view as it scrolls.
    let mut seen = String::new();
    for _ in 0..10 {
        seen.push_str(&pane_rows(&app)[row]);
        seen.push('\n');
        press(&mut app, &["Shift-Right"]);
    }
    for word in HELP.split(' ') {
        assert!(seen.contains(word), "{word:?} never shown:\n{seen}");
    }
    assert!(pane_rows(&app)[row].trim_end().ends_with("or `y`"));
    press(&mut app, &["Shift-Left"; 10]);
    assert_eq!(pane_rows(&app), first);
}

#[test]
fn wide_code_at_80_and_200_columns() {
    for (width, name) in [(80, "wide_code_at_80"), (200, "wide_code_at_200")] {
        let mut app = app_with("ch10-03-lifetime-syntax.html", width, 24);
        show(
            &mut app,
            "Instead, we get the following error that talks about lifetimes",
        );
        insta::assert_snapshot!(name, screen(&app));
    }
}

const NOTES: &str = "Types and traits which allow other code to interoperate \
                     with Stylo without depending on the main crate directly.";

#[test]
fn a_wide_readme_table_wraps_inside_its_cells() {
    for width in [80, 200] {
        let mut app = app_with("servo_arc-README.md", width, 30);
        show(&mut app, "Directory");
        let rows = pane_rows(&app);
        let shown = rows.join("\n");
        for word in NOTES.split(' ') {
            assert!(shown.contains(word), "{word:?} at {width}:\n{shown}");
        }
        assert!(!shown.contains('→') && !shown.contains('↪'), "{shown}");
        // Cells wrap: the Notes column starts at the same place on every row.
        let bars: Vec<usize> = rows
            .iter()
            .take_while(|r| !r.trim().is_empty())
            .filter(|r| r.contains("[image:"))
            .map(|r| r.chars().take_while(|&c| c != '[').count())
            .collect();
        assert!(
            bars.len() >= 4 && bars.windows(2).all(|w| w[0] == w[1]),
            "{shown}"
        );
    }
}

#[test]
fn wide_table_at_80_and_200_columns() {
    for (width, name) in [(80, "wide_table_at_80"), (200, "wide_table_at_200")] {
        let mut app = app_with("servo_arc-README.md", width, 24);
        show(&mut app, "Directory");
        insta::assert_snapshot!(name, screen(&app));
    }
}
