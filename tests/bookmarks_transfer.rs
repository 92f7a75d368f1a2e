//! Bookmarks moving between machines with the real binary: exported as
//! JSON from one config folder, imported into another (where the file
//! sits at another path), they are the same bookmarks, anchored; what
//! cannot be placed is named. And the Markdown export names every
//! passage's `quire --at` line, which opens that bookmark.

use std::path::Path;
use std::process::{Command, Output};

const QUIRE: &str = env!("CARGO_BIN_EXE_quire");

fn quire(config: &Path, args: &[&str]) -> Output {
    Command::new(QUIRE)
        .env("QUIRE_CONFIG_DIR", config)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `quire bookmarks list --json`: (id, quote, note, status) per bookmark.
fn listed(config: &Path) -> Vec<(String, String, String, String)> {
    let out = quire(config, &["bookmarks", "list", "--json"]);
    text(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("quote"), s("note"), s("status"))
        })
        .collect()
}

#[test]
fn an_export_imported_into_another_config_gives_the_same_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let (home, away) = (dir.path().join("home"), dir.path().join("away"));
    let essay = dir.path().join("essay.md");
    std::fs::write(
        &essay,
        "# Essay\n\nA `RefCell<T>` moves borrow checks to run time.\n\nShrug: ¯\\\\_(ツ)_/¯\n\nThe end.\n",
    )
    .unwrap();
    let seed = format!(
        r#"[{{"type":"Annotation","bodyValue":"key idea","target":{{"source":"{}",
            "selector":{{"type":"TextQuoteSelector","exact":"moves borrow checks to run time"}}}}}},
           {{"type":"Annotation","target":{{"source":"{}",
            "selector":{{"type":"TextQuoteSelector","exact":"The end."}}}}}}]"#,
        essay.display(),
        essay.display()
    );
    let seed_file = dir.path().join("seed.json");
    std::fs::write(&seed_file, seed).unwrap();
    let out = quire(&home, &["bookmarks", "import", seed_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = listed(&home);
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(before.iter().all(|b| b.3 == "anchored"));

    let export = quire(&home, &["bookmarks", "export", "--format", "json"]);
    let json = text(&export.stdout);
    assert!(json.contains("\"source\": \"file:///"), "{json}");
    // The file moves (another machine, another folder).
    let moved = dir.path().join("elsewhere");
    std::fs::create_dir(&moved).unwrap();
    std::fs::rename(&essay, moved.join("essay.md")).unwrap();
    let export_file = dir.path().join("annotations.jsonld");
    std::fs::write(&export_file, &json).unwrap();
    let out = quire(
        &away,
        &[
            "bookmarks",
            "import",
            export_file.to_str().unwrap(),
            moved.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("2 bookmark(s) added"));
    assert_eq!(listed(&away), before);

    // The same passages again add nothing.
    let out = quire(&away, &["bookmarks", "import", seed_file.to_str().unwrap()]);
    assert!(text(&out.stderr).contains("0 bookmark(s) added, 2 already there"));
    // What no document holds is named, and the exit code is 1.
    let lost = dir.path().join("lost.json");
    std::fs::write(
        &lost,
        r#"{"type":"Annotation","target":{"source":"file:///gone.md","selector":{"type":"TextQuoteSelector","exact":"words on no page"}}}"#,
    )
    .unwrap();
    let out = quire(&away, &["bookmarks", "import", lost.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("not placed") && said.contains("words on no page"),
        "{said}"
    );

    let md = text(&quire(&away, &["bookmarks", "export"]).stdout);
    for (id, ..) in &before {
        assert!(md.contains(&format!("`quire --at {id}`")), "{md}");
    }
    assert!(md.contains("**Note:** key idea"), "{md}");
}
