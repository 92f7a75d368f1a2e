//! End to end, in tmux: the real binary shows a bundled article's page
//! furniture as one dim fold line, and `F` shows the whole page and folds
//! it again.

#[path = "support/tmux.rs"]
mod support;

use support::{Tmux, framed, status_bar};

/// A teaser under the first bundled article: furniture.
const TEASER: &str = "Why do I still feel tired";
const FOLD_LINE: &str = "lines of page furniture";

#[test]
fn the_fold_line_stands_for_the_furniture_and_f_shows_it() {
    if !support::tmux_available("the_fold_line_stands_for_the_furniture_and_f_shows_it") {
        return;
    }
    let quire = Tmux::quire(100, 30, &[]);
    quire.wait_for("the document list", |s| {
        s.contains(" Articles ") && s.contains(" min") && !status_bar(s).trim().is_empty()
    });
    quire.keys(&["Enter"]);
    quire.wait_for("the reading view", |s| status_bar(s).contains("m bookmark"));
    quire.keys(&["G"]);
    let folded = quire.wait_for_text(FOLD_LINE);
    assert!(
        folded.contains("F shows the whole page") && folded.contains('⋯'),
        "the fold line names its key:\n{}",
        framed(&folded)
    );
    assert!(!folded.contains(TEASER), "{}", framed(&folded));

    quire.keys(&["F", "G"]);
    let whole = quire.wait_for_text(TEASER);
    assert!(!whole.contains(FOLD_LINE), "{}", framed(&whole));
    assert!(
        status_bar(&whole).contains("Whole page shown"),
        "{}",
        framed(&whole)
    );

    quire.keys(&["F", "G"]);
    let again = quire.wait_for_text(FOLD_LINE);
    assert!(!again.contains(TEASER), "{}", framed(&again));
    quire.keys(&["q"]);
    assert_eq!(quire.wait_for_exit(), 0);
}
