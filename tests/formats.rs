//! Pages and Markdown read as their authors meant them when nothing in
//! their name says what they are (standard input, `<(curl …)`, a file
//! without an ending), and pages in the charset they declare.

use quire::corpus::{Input, load};
use std::io::Cursor;

fn from_stdin(bytes: &[u8]) -> quire::document::Document {
    let mut corpus = load(&[Input::Stdin], &mut Cursor::new(bytes.to_vec()));
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    corpus.documents.remove(0)
}

#[test]
fn html_on_standard_input_is_read_as_a_page() {
    let doc = from_stdin(
        b"<!DOCTYPE html>\n<html><head><title>Piped Page</title></head>\
          <body><p>Hello <b>there</b>, reader.</p></body></html>",
    );
    assert_eq!(doc.title, "Piped Page");
    assert_eq!(doc.text.as_ref(), "Hello there, reader.");
}

#[test]
fn markdown_on_standard_input_is_parsed() {
    let doc = from_stdin(b"# Notes\n\nSee [the guide](guide.md) for **more**.\n");
    assert_eq!(doc.title, "Notes");
    assert_eq!(doc.passage_text(0), "See the guide for more.");
    assert_eq!(doc.links.get(0).unwrap().url, "guide.md");
}

#[test]
fn plain_text_on_standard_input_stays_as_it_is() {
    let text = b"Dear all,\n\n- bring food\n- bring <b>drinks</b>\n";
    let doc = from_stdin(text);
    assert!(doc.text.contains("- bring <b>drinks</b>"), "{:?}", doc.text);
}

#[test]
fn a_file_without_an_ending_is_sniffed_and_a_txt_file_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>T</title></head><body><p>Body</p></body></html>";
    std::fs::write(dir.path().join("page"), page).unwrap();
    std::fs::write(dir.path().join("page.txt"), page).unwrap();
    let read = |name: &str| quire::corpus::read_document(&dir.path().join(name)).unwrap();
    assert_eq!(read("page").text.as_ref(), "Body");
    assert!(read("page.txt").text.contains("<body>"));
}

#[test]
fn a_page_in_its_declared_charset_reads_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.html");
    std::fs::write(
        &path,
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\
          <title>Jan Pokorn\xfd</title></head><body><p>Jan Pokorn\xfd \xe9crit \xe0 Z\xfcrich.</p></body></html>",
    )
    .unwrap();
    let doc = quire::corpus::read_document(&path).unwrap();
    assert_eq!(doc.title, "Jan Pokorný");
    assert_eq!(doc.text.as_ref(), "Jan Pokorný écrit à Zürich.");
    let piped = from_stdin(b"<meta charset=windows-1250><p>\x8aKODA \x9e\xe1d\xe1");
    assert_eq!(piped.text.as_ref(), "ŠKODA žádá");
}
