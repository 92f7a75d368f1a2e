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
