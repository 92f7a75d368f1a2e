//! Redirect stubs: pages that only send the browser to another page at
//! once ("Redirecting to …", a third of the HTML files rustup installs).
//! Found in a folder they are passed over, like a browser that never shows
//! them; named, they open; a page that refreshes later is a page.

use quire::corpus::{Input, load};
use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "<html><head><title>Real page</title></head><body>\
    <p>The words of a real article, long enough to read as one.</p></body></html>";
/// As rustdoc writes them.
const STUB: &str = "<!DOCTYPE html><html lang=\"en\"><head>\
    <meta http-equiv=\"refresh\" content=\"0;URL=a.html\"><title>Redirection</title></head>\
    <body><p>Redirecting to <a href=\"a.html\">a.html</a>...</p>\
    <script>location.replace(\"a.html\" + location.search + location.hash);</script></body></html>";
/// A live page that reloads itself every five minutes.
const LIVE: &str = "<html><head><meta http-equiv=Refresh content=\"300; url=c.html\">\
    <title>Live scores</title></head><body><p>Scores update every five minutes.</p></body></html>";

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("b.html"), STUB).unwrap();
    std::fs::write(dir.path().join("c.html"), LIVE).unwrap();
    dir
}

fn titles(inputs: &[&Path]) -> Vec<String> {
    let inputs: Vec<Input> = inputs
        .iter()
        .map(|p| Input::Path(p.to_path_buf()))
        .collect();
    let corpus = load(&inputs, &mut std::io::empty());
    corpus.documents.iter().map(|d| d.title.clone()).collect()
}

#[test]
fn a_folder_lists_its_pages_but_not_its_redirect_stubs() {
    let dir = folder();
    assert_eq!(titles(&[dir.path()]), ["Real page", "Live scores"]);
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(!listed.contains("Redirection"), "{listed}");
    assert!(listed.contains("Live scores"), "{listed}");
}

#[test]
fn a_redirect_stub_named_on_its_own_opens() {
    let dir = folder();
    assert_eq!(titles(&[&dir.path().join("b.html")]), ["Redirection"]);
}

#[test]
fn a_folder_of_redirect_stubs_alone_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.html"), STUB).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("list")
        .arg(dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("1 page that only sends the browser to another"),
        "{said}"
    );
}
