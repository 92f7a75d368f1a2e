//! Whole-screen snapshots drawn into ratatui's `TestBackend` at 100x30 and
//! at a narrow size, plus cell-by-cell checks of what snapshots cannot show
//! (selection and highlight styles).

#[path = "support/app.rs"]
mod support;

use quire::action::Action;
use quire::update::update;
use ratatui::style::{Color, Modifier};
use support::{bundled_app, draw, press, screen, typed};

#[test]
fn list_at_100x30() {
    let app = bundled_app(100, 30);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn filtered_list_at_100x30() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "wechat");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn reading_view_at_100x30() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["j", "Enter", "}", "}", "m", "}"]);
    let _ = update(&mut app, Action::Tick(support::FIXED_NOW));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn bookmarks_view_at_100x30() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "m", "]", "]", "}", "}", "m", "B"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_at_100x30() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["?"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn list_at_50x20_shows_one_pane() {
    let app = bundled_app(50, 20);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn filtered_list_at_50x20() {
    let mut app = bundled_app(50, 20);
    press(&mut app, &["/"]);
    typed(&mut app, "alipay");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn reading_view_at_50x20_shows_one_pane() {
    let mut app = bundled_app(50, 20);
    press(&mut app, &["j", "j", "Enter"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn bookmarks_view_at_50x20() {
    let mut app = bundled_app(50, 20);
    press(&mut app, &["Enter", "}", "m", "B"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn too_small_window_says_so() {
    let app = bundled_app(19, 4);
    let text = screen(&app);
    assert!(text.replace('\n', " ").contains("too small"), "{text}");
    assert!(!text.contains("Articles"));
}

#[test]
fn selected_row_is_highlighted_across_the_list() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["j"]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // Row 2 of the screen is the second document (row 0 is the border).
    for x in 1..20 {
        assert_eq!(buffer[(x, 2)].bg, Color::Blue, "cell {x},2");
        assert_eq!(buffer[(x, 1)].bg, Color::Reset, "cell {x},1");
    }
}

#[test]
fn matched_title_characters_are_highlighted() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["/"]);
    typed(&mut app, "qq");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let row: Vec<_> = (1..30).map(|x| &buffer[(x, 1)]).collect();
    let text: String = row.iter().map(|c| c.symbol()).collect();
    let highlighted: String = row
        .iter()
        .filter(|c| {
            c.fg == Color::Yellow
                && c.modifier.contains(Modifier::BOLD)
                && !c.symbol().trim().is_empty()
        })
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("QQ"), "{text}");
    assert_eq!(highlighted.to_lowercase(), "qq", "{text}");
}

#[test]
fn cjk_text_never_spills_out_of_the_reading_pane() {
    let text = format!(
        "标题\n\n{}",
        "微信支付和支付宝在中国竞争激烈，🙂用户每天都在使用它们。".repeat(20)
    );
    let doc = quire::document::Document::new(quire::document::Source::Stdin, text);
    let mut app = quire::app::App::new(vec![doc], vec![], Default::default());
    for (w, h) in [(100, 30), (61, 20), (45, 15), (23, 8)] {
        let _ = update(&mut app, Action::Resize(w, h));
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let reader = app.panes().unwrap().reader.unwrap_or_default();
        if reader.width == 0 {
            continue;
        }
        // The right border of the reading pane is intact on every row.
        for y in reader.y + 1..reader.bottom() - 1 {
            assert_eq!(
                buffer[(reader.right() - 1, y)].symbol(),
                "│",
                "{w}x{h} row {y}"
            );
        }
    }
}

#[test]
fn bookmarks_view_with_a_range_a_note_and_a_filter() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "}", "v", "}", "m", "a"]);
    typed(&mut app, "two passages on acquaintances");
    press(&mut app, &["Enter", "]", "m", "B", "/"]);
    typed(&mut app, "acq");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn reading_view_marks_a_range_being_selected() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter", "v", "}", "}"]);
    let text = screen(&app);
    assert!(text.contains('┃'), "{text}");
}

#[test]
fn a_match_that_wraps_is_highlighted_on_both_lines() {
    let mut app = bundled_app(100, 30);
    press(&mut app, &["Enter"]);
    let layout = app.reader.layout.clone().unwrap();
    let doc = app.docs[app.reader.doc.unwrap()].clone();
    let (a, b) = (&layout.lines[0], &layout.lines[1]);
    let last_word = doc.text[a.range.clone()]
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    let first_word = doc.text[b.range.clone()]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    press(&mut app, &["/"]);
    typed(&mut app, &format!("{last_word} {first_word}"));
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = app.reader_area().text;
    let lit = |y: u16| {
        (text.x..text.right())
            .filter(|&x| buffer[(x, y)].bg == Color::Yellow)
            .count()
    };
    let (top, second) = (text.y, text.y + 1);
    assert_eq!(app.reader.top, 0);
    assert_eq!(lit(top), last_word.chars().count(), "end of the first line");
    assert_eq!(
        lit(second),
        first_word.chars().count(),
        "start of the next line"
    );
}
