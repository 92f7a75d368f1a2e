//! End to end in tmux: following links with Enter in the real binary,
//! going back with Backspace, and an external link handed to the
//! configured opener (a script that writes down what it was given).

#[path = "support/tmux.rs"]
mod support;

use std::path::Path;
use support::{Tmux, framed, rows};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/links/book")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The reading view's header (its first row holds the title).
fn header(screen: &str) -> String {
    rows(screen)
        .first()
        .map(|r| r.to_string())
        .unwrap_or_default()
}

#[test]
fn enter_follows_links_and_backspace_comes_back() {
    if !support::tmux_available("enter_follows_links_and_backspace_comes_back") {
        return;
    }
    let config = tempfile::tempdir().unwrap();
    let opened = config.path().join("opened.txt");
    let script = config.path().join("opener.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        format!("opener = \"sh {}\"\n", script.display()),
    )
    .unwrap();
    let (index, chapter) = (fixture("index.html"), fixture("chapter.html"));
    let quire = Tmux::quire_with_config(100, 30, &[&index, &chapter], Some(config.path()));
    quire.wait_for_text("This little book");
    quire.keys(&["Enter"]);
    quire.wait_for_text("scroll");
    // The first passage's one link: the chapter, at its usage section.
    quire.keys(&["Enter"]);
    let screen = quire.wait_for("the chapter at its usage section", |s| {
        header(s).contains("The Chapter") && s.contains("Run the program")
    });
    assert!(
        screen.contains("Backspace goes back"),
        "{}",
        framed(&screen)
    );
    quire.keys(&["BSpace"]);
    let screen = quire.wait_for("the index again", |s| header(s).contains("A Small Book"));
    assert!(screen.contains("This little book"), "{}", framed(&screen));
    // A passage of four links: a picker; its first goes to the opener.
    quire.keys(&["}", "Enter"]);
    quire.wait_for_text("Links here (4)");
    quire.keys(&["Enter"]);
    let deadline = std::time::Instant::now() + support::DEADLINE;
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let given = std::fs::read_to_string(&opened).unwrap_or_default();
    assert_eq!(
        given,
        "https://www.rust-lang.org/\n",
        "{}",
        framed(&quire.screen())
    );
    let screen = quire.screen();
    assert!(
        header(&screen).contains("A Small Book"),
        "{}",
        framed(&screen)
    );
}
