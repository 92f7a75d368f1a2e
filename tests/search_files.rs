//! `quire search` over files (`oneshot::search`) and the filter line (an
//! index of the loaded folder) must give the same list. The one-shot search
//! reads small files into a reused buffer and counts plain-text files that
//! cannot match without building them; every kind of file here goes one
//! way or the other, and the ranking still needs each file's length.

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code)]
mod corpus_gen;

use quire::corpus::{self, Input};
use quire::oneshot;
use quire::search::{Cancel, Hit, Options, Query, SearchIndex};
use std::path::Path;

/// Files that take every road through the one-shot reader.
fn write_folder(root: &Path) {
    // A folder of their own in the middle of the walk, and one in each.
    for sub in ["gen1", "gen1/deeper", "gen2"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    corpus_gen::generate(7, 240, |i, text| {
        let folder = ["gen1", "gen1/deeper", "gen2", "."][i % 4];
        std::fs::write(root.join(folder).join(format!("gen{i:04}.txt")), text).unwrap();
    });
    let files: &[(&str, &[u8])] = &[
        // The title repeated as the first paragraphs, twice.
        (
            "repeat.txt",
            b"Social notes\n\nSocial notes\n\n  Social notes  \n\nwe met at the market.\n",
        ),
        // A heading marker, then a repeat without it.
        ("heading.txt", b"# Pay day\n\nPay day\n\nA social wechat post.\n"),
        // A first line too wide for a heading: its first sentence is the title.
        (
            "wide.txt",
            b"This opening line runs on and on about the market and the weather and the city and the people in it. Then more.\n\nwechat body\n",
        ),
        // Titles that match a query while the body does not.
        ("qzxjv.txt", b""),
        ("xylophone.txt", b"   \n\n  \n"),
        ("titled.txt", b"Xylophone ecommerce\n\nnothing else here\n"),
        // Lines of spaces between paragraphs, and no line feed at the end.
        ("spaces.txt", b"Spaced\n   \nsome words here\n \n\nand here"),
        // Not plain ASCII: tabs, CRLF, Latin-1, UTF-8 punctuation, CJK.
        ("tabs.txt", b"Tabbed\n\n\tsocial\tindent\n"),
        ("crlf.txt", b"Windows\r\n\r\nwe social line\r\n"),
        ("latin1.txt", b"Caf\xe9 notes\n\nsocial caf\xe9\n"),
        (
            "quotes.txt",
            "Quoted \u{201c}social\u{201d}\n\nwe \u{2014} met\n".as_bytes(),
        ),
        ("cjk.txt", "微信支付\n\n我们用微信，支付宝也用。\n".as_bytes()),
        // Parsed markup, an escape sequence, binary files.
        ("note.md", b"# Markdown social\n\nwe *met* at `code`\n"),
        (
            "page.html",
            b"<html><head><title>Web social</title></head><body><p>we met</p></body></html>",
        ),
        ("escape.txt", b"Esc\n\n\x1b[2J social\n"),
        ("doc.txt", b"%PDF-1.4 binary"),
        ("nul.txt", b"NUL social\0 inside\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    // The same article under names whose walk order is not their bytes'
    // order ("a/" before "a-b", "a.txt"), so its hits tie and come in load
    // order; and a problem among them.
    for name in [
        "a.txt",
        "a-b.txt",
        "a/x.txt",
        "a/b/y.txt",
        "A.txt",
        "ab.txt",
        "a b.txt",
    ] {
        let path = root.join("tie").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "Tie\n\nzebra quagga\n").unwrap();
    }
    std::fs::write(root.join("tie/a/bad.txt"), b"%PDF-1.7").unwrap();
    // Problems met on the walk: folder loops, on both sides of the ties.
    #[cfg(unix)]
    for link in ["tie/a/b/loop", "tie/0-loop", "tie/zz-loop"] {
        std::os::unix::fs::symlink(root.join("tie"), root.join(link)).unwrap();
    }
    // Over the small-file limit: read by the loader instead.
    let mut big = String::from("Big social file\n\n");
    while big.len() <= corpus::SMALL_FILE_BYTES {
        big.push_str("we walked to the market and back again today.\n\n");
    }
    std::fs::write(root.join("big.txt"), big).unwrap();
}

/// Each hit's path with the hit itself, its document index set aside.
fn keyed(docs: &[std::sync::Arc<quire::document::Document>], hits: &[Hit]) -> Vec<(String, Hit)> {
    hits.iter()
        .map(|h| {
            let path = docs[h.doc].source.display_path();
            (
                path,
                Hit {
                    doc: quire::store::DocId(0),
                    ..h.clone()
                },
            )
        })
        .collect()
}

#[test]
fn searching_files_and_the_index_agree() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let inputs = [Input::Path(dir.path().to_path_buf())];
    let loaded = corpus::load(&inputs, &mut std::io::empty());
    #[cfg(unix)]
    assert_eq!(
        loaded
            .problems
            .iter()
            .filter(|p| p.message.starts_with("folder loop"))
            .count(),
        3,
        "{:?}",
        loaded.problems
    );
    let documents = quire::store::shared(loaded.documents.clone());
    let index = SearchIndex::build(&documents);
    let options = Options {
        describe: usize::MAX,
        snippet_width: 100,
        title_positions: true,
    };
    let mut matched = 0;
    for q in [
        "qzxjv",
        "xylophone",
        "xylophone ecommerce",
        "微信",
        "social",
        "we",
        "wechat ecommerce",
        "Social",
        "\"red envelope\"",
        "social -wechat",
        "café",
        "pay",
        "market",
        "w",
        "quagga",
    ] {
        let query = Query::parse(q);
        index.forget_cached_queries();
        let want = index
            .search(&documents, &query, &options, &Cancel::never())
            .expect("never cancelled");
        let got = oneshot::search(&inputs, &mut std::io::empty(), &query, &options);
        assert_eq!(got.loaded, loaded.documents.len(), "{q:?}");
        assert_eq!(got.problems, loaded.problems, "{q:?}");
        assert_eq!(
            keyed(&got.documents, &got.results.hits),
            keyed(&documents, &want.hits),
            "{q:?}"
        );
        matched += usize::from(!want.hits.is_empty());
    }
    // Not a comparison of empty lists.
    assert!(matched >= 10, "{matched}");
}

/// A named pipe (as `quire search Q <(command)` gives) is read to its end,
/// however its writer hands the bytes over: reads from it stop short at
/// any length, which for a regular file would mean its end.
#[cfg(unix)]
#[test]
fn a_pipe_is_searched_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            pipe.write_all(b"Pipe title\n\nsome zebra words\n").unwrap();
            pipe.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(200));
            pipe.write_all(b"\nlater quagga words\n").unwrap();
        })
    };
    let inputs = [Input::Path(fifo)];
    let query = Query::parse("quagga");
    let found = oneshot::search(&inputs, &mut std::io::empty(), &query, &Options::default());
    writer.join().unwrap();
    assert_eq!(found.results.hits.len(), 1, "{:?}", found.problems);
    assert_eq!(found.results.hits[0].best_passage, Some(1));
}
