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

/// A saved page: a menu, an article of four paragraphs, comments.
fn saved_page() -> String {
    let prose = |n: usize| {
        format!(
            "<p>The lake {n} was studied for years, and the findings, published this \
             spring, surprised the researchers who had expected the opposite result. \
             They measured it in the field and in the laboratory, and each time the lake \
             behaved the same way, which nobody had predicted.</p>"
        )
    };
    format!(
        "<html><head><title>Lake study</title></head><body>\
         <nav><a href=/>Home</a> <a href=/sport>Sport</a></nav>\
         <div class=story>{}</div>\
         <div id=comments><h3>12 comments</h3><p>Great article, thanks.</p></div>\
         </body></html>",
        (1..=4).map(prose).collect::<String>()
    )
}

#[test]
fn all_prints_the_page_around_the_article() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("lake.html");
    std::fs::write(&page, saved_page()).unwrap();
    let path = page.to_str().unwrap();
    let article = stdout(&quire(config.path(), &["show", path]));
    assert!(article.contains("The lake 4 was studied"), "{article}");
    assert!(
        !article.contains("Great article") && !article.contains("Sport"),
        "{article}"
    );
    let whole = stdout(&quire(config.path(), &["show", "--all", path]));
    assert!(
        whole.contains("Great article") && whole.contains("Sport"),
        "{whole}"
    );
    assert!(whole.contains("The lake 4 was studied"), "{whole}");
    // Search does not find the folded comments, and finds the article.
    let search = quire(config.path(), &["search", "great", path]);
    assert_eq!(search.status.code(), Some(1), "{search:?}");
    let search = quire(config.path(), &["search", "lake", path]);
    assert_eq!(search.status.code(), Some(0), "{search:?}");
}

#[test]
fn a_page_shown_whole_says_so() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("index.html");
    let teasers: String = (1..=8)
        .map(|n| format!("<div class=teaser><a href=/{n}>Story number {n}</a></div>"))
        .collect();
    std::fs::write(&page, format!("<html><body>{teasers}</body></html>")).unwrap();
    let shown = stdout(&quire(config.path(), &["show", page.to_str().unwrap()]));
    assert!(shown.contains("whole page shown"), "{shown}");
    assert!(shown.contains("Story number 8"), "{shown}");
}
