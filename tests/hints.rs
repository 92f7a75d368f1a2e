//! The status bar's key hints and the help overlay at the window sizes
//! people use: the way to help and the way out are always shown, help
//! descriptions are read whole, and the filter prompt says what `/` does.

#[path = "support/app.rs"]
mod support;

use support::{bundled_app, press, screen};

fn status_line(app: &quire::app::App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

#[test]
fn hint_lines_keep_help_and_quit_at_every_width() {
    for width in [60, 80, 100, 120] {
        let mut app = bundled_app(width, 24);
        for keys in [&[][..], &["Enter"][..]] {
            press(&mut app, keys);
            let status = status_line(&app);
            assert!(status.contains("? help"), "{width}: {status}");
            assert!(status.contains("q quit"), "{width}: {status}");
        }
    }
}

#[test]
fn hints_are_dropped_from_the_least_important() {
    let mut app = bundled_app(80, 24);
    press(&mut app, &["Enter"]);
    let status = status_line(&app);
    // Scrolling is the first thing a reader needs; focus mode the last.
    assert!(status.starts_with("j scroll"), "{status}");
    assert!(!status.contains("z focus"), "{status}");
}

#[test]
fn the_empty_filter_line_says_what_slash_does_here() {
    let mut app = bundled_app(100, 24);
    let filter_line = |app: &quire::app::App| screen(app).lines().rev().nth(1).unwrap().to_string();
    assert!(filter_line(&app).contains("press / to filter the list"));
    press(&mut app, &["Enter"]);
    let line = filter_line(&app);
    assert!(line.contains("press / to search this document"), "{line}");
    press(&mut app, &["o"]);
    assert!(filter_line(&app).contains("press / to filter the headings"));
}

#[test]
fn help_descriptions_wrap_instead_of_being_cut() {
    for width in [60, 80] {
        let mut app = bundled_app(width, 40);
        press(&mut app, &["?"]);
        let inner = quire::ui::popup(app.area(), quire::ui::help::WIDTH).width as usize - 2;
        let lines = quire::ui::help::lines(&app);
        // Every line fits the overlay, so nothing is cut at its edge...
        for line in &lines {
            assert!(
                line.width() <= inner,
                "{width}: {line:?} is wider than {inner}"
            );
        }
        // ...and every description is there whole, over as many lines as
        // it takes.
        let text: Vec<String> = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        let text = text
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for description in [
            "Bookmark the passage (or the selected range); again to remove",
            "Select a range of passages from the cursor (v again to cancel)",
            "Focus mode: the reading view alone (z again for both)",
            "Mouse capture off (terminal selection works) or on",
        ] {
            assert!(text.contains(description), "{width}: {description}");
        }
    }
}
