//! The model's rules, checked on its source (see docs/ARCHITECTURE.md):
//! `update()` and the `App` it changes use no view, event loop, runner,
//! thread or terminal module, and read no clock, process id or hash of a
//! whole document, so that an update is a pure function of the model and
//! an action. Comments are left out of the check: they may name anything.

use std::path::Path;

/// The files of the model.
fn model_files() -> Vec<std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = [
        "app.rs",
        "update.rs",
        "action.rs",
        "effects.rs",
        "key_help.rs",
    ]
    .iter()
    .map(|f| src.join(f))
    .collect();
    for entry in std::fs::read_dir(src.join("update")).expect("src/update") {
        files.push(entry.expect("a file in src/update").path());
    }
    files
}

/// The code of `path` without its comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file");
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_model_uses_no_view_loop_thread_or_terminal_module() {
    // `app` carries the colours of `ui::theme`; moving them out is under
    // way, and nothing else of the view may be used.
    let allowed = ["crate::ui::theme"];
    for path in model_files() {
        let code = code(&path);
        for module in [
            "ui", "tui", "runner", "saver", "worker", "terminal", "signals",
        ] {
            let used = format!("crate::{module}::");
            let hits = code
                .match_indices(&used)
                .filter(|(at, _)| !allowed.iter().any(|a| code[*at..].starts_with(a)))
                .count();
            assert_eq!(hits, 0, "{} uses {used}", path.display());
        }
    }
}

#[test]
fn the_model_reads_no_clock_and_hashes_no_document() {
    for path in model_files() {
        let code = code(&path);
        for call in [
            "SystemTime::now",
            "Instant::now",
            "process::id",
            "Measure::of",
        ] {
            assert!(
                !code.contains(call),
                "{} calls {call}: time and measures come in actions",
                path.display()
            );
        }
    }
}
