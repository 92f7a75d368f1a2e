//! Every text file in a folder: files with no ending (README, NEWS),
//! `.rst` and `.adoc`, gzip-compressed text, with binary files left out
//! quietly when found in a folder and with an error when named; and when
//! nothing opens, a reason and `quire list` exiting 1.

use flate2::{Compression, write::GzEncoder};
use quire::corpus::{Input, load};
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn opened(path: &Path) -> (Vec<String>, Vec<String>) {
    let corpus = load(&[Input::Path(path.to_path_buf())], &mut std::io::empty());
    let names = corpus
        .documents
        .iter()
        .map(|d| {
            d.source
                .display_path()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let problems = corpus.problems.iter().map(ToString::to_string).collect();
    (names, problems)
}

fn quire_list(path: &Path) -> (i32, String, String) {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("list")
        .arg(path)
        .env("QUIRE_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn a_package_doc_folder_opens_every_text_file_and_passes_over_binaries() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("README"), "Welcome\n\nThis library computes.").unwrap();
    std::fs::write(d.join("NEWS.gz"), gzip(b"News\n\nVersion 2 is out.")).unwrap();
    std::fs::write(d.join("changelog.Debian.gz"), gzip(b"pkg (1.0) unstable")).unwrap();
    std::fs::write(d.join("guide.rst"), "Guide\n=====\n\nRead me.").unwrap();
    std::fs::write(d.join("manual.adoc"), "= Manual\n\nText.").unwrap();
    std::fs::write(d.join("tool"), b"\x7fELF\x02\x01\x01\0\0\0binary").unwrap();
    std::fs::write(d.join("blob.gz"), gzip(b"\0\0\0 binary inside")).unwrap();
    std::fs::write(d.join("libx.so.6"), b"not text by its name").unwrap();
    let (names, problems) = opened(d);
    assert_eq!(
        names,
        [
            "README",
            "NEWS.gz",
            "changelog.Debian.gz",
            "guide.rst",
            "manual.adoc"
        ]
    );
    assert!(
        problems.is_empty(),
        "binaries found in a folder are quiet: {problems:?}"
    );
    let (_, problems) = opened(&d.join("tool"));
    assert!(problems.iter().any(|p| p.contains("tool")), "{problems:?}");
    // The text inside a .gz is what is read.
    let corpus = load(&[Input::Path(d.join("NEWS.gz"))], &mut std::io::empty());
    assert!(corpus.documents[0].text.contains("Version 2 is out."));
}

#[test]
fn a_folder_where_nothing_opens_says_why_and_quire_list_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("libfoo");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("tool"), b"\x7fELF\0\0binary").unwrap();
    std::fs::write(d.join("libfoo.so.1"), b"\0\0").unwrap();
    let (names, problems) = opened(&d);
    assert!(names.is_empty());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("1 binary"), "{problems:?}");
    assert!(
        problems[0].contains("1 not text by their names"),
        "{problems:?}"
    );
    let (code, stdout, stderr) = quire_list(&d);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("nothing opened"), "{stderr}");
}

#[test]
fn a_decompression_bomb_stops_at_the_limit_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let limit = quire::corpus::GZIP_LIMIT;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    let line = [b'a'; 1 << 16];
    for _ in 0..(limit >> 16) + 16 {
        encoder.write_all(&line).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    assert!(bomb.len() < limit / 100, "{} bytes", bomb.len());
    std::fs::write(dir.path().join("NEWS.gz"), bomb).unwrap();
    let corpus = load(
        &[Input::Path(dir.path().to_path_buf())],
        &mut std::io::empty(),
    );
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.documents[0].text.len(), limit);
    let said: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|p| p.contains("only the first")),
        "{said:?}"
    );
}
