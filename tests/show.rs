//! `quire show` through the real binary: what it prints of the bundled
//! articles, of saved pages and of hostile bytes, and its exit codes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn quire(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .env("QUIRE_CONFIG_DIR", config)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run quire")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn no_path_shows_the_bundled_articles() {
    let config = tempfile::tempdir().unwrap();
    let shown = quire(config.path(), &["show"]);
    assert_eq!(shown.status.code(), Some(0), "{shown:?}");
    let text = stdout(&shown);
    // Each article's title, then its paragraphs one a line (piped).
    let listed = quire(config.path(), &["list"]);
    for row in stdout(&listed).lines() {
        let title = row.split('\t').next().unwrap_or_default();
        assert!(text.contains(&format!("{title}\n")), "{title}: {text}");
    }
    assert!(text.contains("Xiaomi co-founder Li Wanqiang"), "{text}");
    // As JSON: one object a document, the text without the title.
    let json = stdout(&quire(config.path(), &["show", "--json"]));
    let objects: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), stdout(&listed).lines().count());
    for object in &objects {
        let title = object["title"].as_str().unwrap();
        let text = object["text"].as_str().unwrap();
        assert!(!text.starts_with(title), "{title}");
        assert!(object["words"].as_u64().unwrap() > 100, "{object}");
    }
}

#[test]
fn a_missing_path_is_an_input_error_as_in_list() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, "# Good\n\nSome words.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let args = [good.to_str().unwrap(), missing.to_str().unwrap()];
    for command in ["list", "show"] {
        let run = quire(config.path(), &[&[command][..], &args[..]].concat());
        assert_eq!(run.status.code(), Some(2), "{command}: {run:?}");
        assert!(
            String::from_utf8_lossy(&run.stderr).contains("missing.txt"),
            "{command}: {run:?}"
        );
    }
    let run = quire(config.path(), &["show", args[0]]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(stdout(&run), "Good\nSome words.\n");
}

#[test]
fn control_sequences_in_a_page_are_not_printed() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>T\u{1b}]0;owned\u{7}itle</title>\
         <meta name=author content='Ann\u{1b}[2J Lee'></head>\
         <body><p>Text \u{1b}[31mred\u{9b}1m and a bell\u{7}.</p></body></html>",
    )
    .unwrap();
    for args in [&["show"][..], &["show", "--json"], &["show", "--all"]] {
        let run = quire(config.path(), &[args, &[page.to_str().unwrap()]].concat());
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        let out = stdout(&run);
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("Ann"), "{args:?}: {out:?}");
    }
}
