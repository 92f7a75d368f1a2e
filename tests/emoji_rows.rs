//! End to end: emoji sequences near the pane edge, measured by the
//! terminal itself. quire lays text out with `unicode-width`; tmux 3.3,
//! like xterm and VTE, draws a ZWJ family, a skin tone, a keycap or a VS16
//! heart character by character. When the two disagree the cursor is not
//! where quire thinks: rows overflow, leave debris, and tmux (21 bytes a
//! cell) drops the last person of a family.
//!
//! The real binary runs in tmux at two pane widths on a document full of
//! such sequences at every offset from the edge; every pane row is then
//! printed again in a wide tmux pane and tmux's cursor position after it
//! (a DSR report, answered in order, so no timing is involved) is its
//! width as tmux measures it. Each must be exactly the pane's width and
//! end with the pane's border, and every picture of the document must be
//! on the screen.

#![cfg(unix)]

#[path = "support/tmux.rs"]
mod support;

use std::collections::BTreeMap;
use support::{DEADLINE, Tmux};
use unicode_width::UnicodeWidthChar;

/// Sequences terminals draw differently from the one picture
/// `unicode-width` counts, and a few they agree on.
const SEQUENCES: [&str; 13] = [
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F1EF}\u{1F1F5}",
    "\u{1F44B}\u{1F3FD}",
    "1\u{FE0F}\u{20E3}",
    "#\u{FE0F}\u{20E3}",
    "\u{2764}\u{FE0F}",
    "\u{1F9D1}\u{1F3FD}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}\u{1F3FB}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "\u{1F468}\u{200D}\u{1F373}",
    "\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1EB}\u{1F1F7}",
    "\u{1F44D}\u{1F3FF}",
];

/// A document whose paragraphs put every sequence at every offset from
/// the right edge: shifted by a growing run of `x`, with and without
/// spaces between them (a run with none is broken inside).
fn document() -> String {
    let mut text = String::from("Emoji rows\n\n");
    for shift in 0..6 {
        let pad = "x".repeat(shift);
        let sep = if shift % 3 == 2 { "" } else { " " };
        let mut sequences = SEQUENCES.to_vec();
        sequences.rotate_left(shift * 2);
        text.push_str(&format!("{pad}{}\n\n", sequences.join(sep)));
    }
    // Arabic lam-alef: one ligature column to unicode-width, two letters
    // to terminals.
    text.push_str(&format!(
        "{}\n\n",
        "\u{644}\u{627}\u{644}\u{627} ".repeat(14)
    ));
    text.push_str("END-OF-EMOJI\n");
    text
}

/// How many of each picture (a non-ASCII character with a width) `text`
/// holds, counting only characters `wanted` accepts.
fn pictures(text: &str, wanted: impl Fn(char) -> bool) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in text.chars().filter(|&c| wanted(c)) {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

fn is_picture(c: char) -> bool {
    !c.is_ascii() && c.width().unwrap_or(0) > 0
}

/// Prints each row in a pane wider than any of them and asks tmux where
/// its cursor is afterwards: the row's width as tmux draws it.
fn widths_in_tmux(rows: &[&str]) -> Vec<usize> {
    let shell = Tmux::shell(400, 10);
    let dir = shell.scratch();
    let (input, output) = (dir.join("rows.txt"), dir.join("widths.txt"));
    std::fs::write(&input, rows.join("\n") + "\n").expect("write rows");
    let script = dir.join("measure.sh");
    std::fs::write(
        &script,
        "stty raw -echo\n\
         while IFS= read -r line; do\n\
           printf '\\r\\033[2K%s\\033[6n' \"$line\"\n\
           IFS= read -r -d R reply </dev/tty\n\
           printf '%s\\n' \"${reply##*;}\" >> \"$2\"\n\
         done < \"$1\"\n\
         stty sane\n\
         printf 'measured\\n' >> \"$2\"\n",
    )
    .expect("write script");
    shell.type_text(&format!(
        "bash {} {} {}",
        script.display(),
        input.display(),
        output.display()
    ));
    shell.keys(&["Enter"]);
    let start = std::time::Instant::now();
    loop {
        let text = std::fs::read_to_string(&output).unwrap_or_default();
        if text.ends_with("measured\n") {
            return text
                .lines()
                .filter(|l| *l != "measured")
                .map(|l| l.parse::<usize>().expect("a column") - 1)
                .collect();
        }
        assert!(start.elapsed() < DEADLINE, "tmux measured {text:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The screen once two captures in a row agree (quire has drawn it all).
fn settled(tmux: &Tmux) -> String {
    let mut last = tmux.wait_for_text("END-OF-EMOJI");
    let start = std::time::Instant::now();
    loop {
        assert!(start.elapsed() < DEADLINE, "the screen never settled");
        std::thread::sleep(std::time::Duration::from_millis(100));
        let now = tmux.screen();
        if now == last {
            return now;
        }
        last = now;
    }
}

#[test]
fn emoji_rows_have_the_pane_width_as_tmux_draws_them() {
    if !support::tmux_available("emoji_rows_have_the_pane_width_as_tmux_draws_them") {
        return;
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("emoji.txt");
    let text = document();
    std::fs::write(&path, &text).expect("write document");
    let shown = quire::sanitize::sanitize(&text);
    let expected = pictures(&shown, is_picture);
    for width in [100u16, 73] {
        let tmux = Tmux::quire(width, 40, &[path.to_str().expect("UTF-8 path")]);
        tmux.wait_for_text("Emoji rows");
        tmux.keys(&["Enter"]);
        let screen = settled(&tmux);
        // The two panes' rows; below them the filter line and status bar.
        let rows: Vec<&str> = screen.lines().take(40 - 2).collect();
        let widths = widths_in_tmux(&rows);
        assert_eq!(widths.len(), rows.len(), "tmux measured every row");
        let wrong: Vec<(usize, &str)> = rows
            .iter()
            .zip(&widths)
            .filter(|(row, w)| **w != usize::from(width) || !row.ends_with(['│', '┐', '┘']))
            .map(|(row, w)| (*w, *row))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {} rows at width {width} are not {width} columns wide or lost their border: {wrong:#?}",
            wrong.len(),
            rows.len()
        );
        let on_screen = pictures(&screen, |c| expected.contains_key(&c));
        assert_eq!(on_screen, expected, "pictures lost at width {width}");
    }
}
