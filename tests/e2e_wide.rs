//! End to end, in a real terminal (tmux): a code line wider than the pane
//! wraps with `↪`; `w` keeps it whole with `→` at the edge, and
//! Shift-Right brings its end into view.

#[path = "support/tmux.rs"]
mod support;

use support::{Tmux, framed};

/// Forty numbered words: 200 columns, wider than any pane here.
fn long_line() -> String {
    (1..=40)
        .map(|i| format!("w{i:03}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn w_switches_wide_code_between_wrapping_and_side_scrolling() {
    if !support::tmux_available("w_switches_wide_code_between_wrapping_and_side_scrolling") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.md");
    let text = format!(
        "# Wide\n\nBefore the code.\n\n```\n{}\n```\n\nAfter.\n",
        long_line()
    );
    std::fs::write(&path, text).unwrap();
    let quire = Tmux::quire(80, 24, &[path.to_str().unwrap()]);
    quire.wait_for_text("Wide");
    quire.keys(&["Enter"]);
    let wrapped = quire.wait_for("the code wrapped with ↪", |s| {
        s.contains("↪") && s.contains("w040")
    });
    assert!(wrapped.contains("w001"), "{}", framed(&wrapped));

    quire.keys(&["w"]);
    let whole = quire.wait_for("the line kept whole", |s| {
        !s.contains("↪") && s.contains("→")
    });
    assert!(
        whole.contains("w001") && !whole.contains("w040"),
        "{}",
        framed(&whole)
    );

    for _ in 0..8 {
        quire.keys(&["S-Right"]);
    }
    let end = quire.wait_for("the end of the line", |s| s.contains("w040"));
    assert!(
        !end.contains("w001") && end.contains("←"),
        "{}",
        framed(&end)
    );

    quire.keys(&["w"]);
    quire.wait_for("wrapped again", |s| s.contains("↪") && s.contains("w001"));
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0);
}
