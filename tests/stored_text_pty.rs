//! End to end on a pseudo-terminal: a bookmarks file whose title and note
//! carry bidi controls (which reorder what a terminal shows) is read by the
//! real `quire`, and every byte it writes is checked: no bidi control
//! reaches the terminal, the bookmarks view shows a visible symbol instead.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use pty::{Session, quire};

/// A bookmark on a document that is gone, so the view lists it by the
/// title stored with it.
const BOOKMARKS: &str = r#"{"version": 1, "bookmarks": [{
    "id": "b1",
    "document": {"hash": "0000", "paths": ["/gone/essay.txt"],
                 "title": "Bidi \u202etitle\u202c here"},
    "anchor": {"passage": 0, "passage_end": 0, "exact": "A quote \u2067x\u2069",
               "prefix": "", "suffix": "", "start": 0, "end": 9},
    "note": "A note \u202eeton", "created": 1, "updated": 1}]}"#;

const BIDI: [char; 5] = ['\u{202C}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2069}'];

#[test]
fn a_bidi_control_in_a_bookmark_title_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let mut cmd = quire(&[], &config);
    std::fs::write(config.join("bookmarks.json"), BOOKMARKS).expect("write bookmarks");
    cmd.env("QUIRE_CONFIG_DIR", &config);
    let mut session = Session::start(cmd);
    session.wait_for("Articles");
    session.press("B");
    let view = session.wait_for("Bidi");
    assert!(view.contains("title"), "{view}");
    session.press("\x1b");
    session.wait_for_gone("Bidi");
    session.press("q");
    let (raw, _) = session.finish();
    let text = String::from_utf8_lossy(&raw);
    for c in BIDI {
        assert!(!text.contains(c), "{c:?} reached the terminal");
    }
}
