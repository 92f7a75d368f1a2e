//! Scoring article extraction against Readability.js's test pages: the
//! measure behind docs/EXTRACTION.md, shared by `benches/extraction.rs`
//! and `tests/extraction.rs`.
//!
//! Text is scored against text, not HTML against HTML: the words of both
//! sides (Han, kana and Hangul one character a word, since those scripts
//! do not space their words) are cut into overlapping 4-word shingles;
//! precision is the share of the extracted shingles that are in the
//! expected article, recall the share of the expected shingles that were
//! extracted. Pages are averaged with equal weight.

#![allow(dead_code)]

use quire::document::SpanStyle;
use quire::markup::Parsed;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Words in a shingle.
const SHINGLE: usize = 4;
/// An extraction with fewer words than this, of a page whose article has
/// more, counts as empty.
pub const EMPTY_WORDS: usize = 5;

/// One test page: the saved source and the article's text.
pub struct Page {
    pub name: String,
    pub source: String,
    pub expected: String,
    /// Readability.js found the page readerable (an article page).
    pub readerable: bool,
    /// The title Readability.js reads from the page's metadata.
    pub title: Option<String>,
}

/// Where the pages are: `../shared/extraction-dev/readability-test-pages`
/// beside the clone, or `QUIRE_EXTRACTION_PAGES`.
pub fn pages_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("QUIRE_EXTRACTION_PAGES") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction-dev/readability-test-pages")
}

/// Every page under `dir`, sorted by name. Folders without a source or an
/// expected article are skipped.
pub fn load_pages(dir: &Path) -> std::io::Result<Vec<Page>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for folder in names {
        let (Some(source), Some(expected)) = (
            read_maybe_gz(&folder, "source.html"),
            read_maybe_gz(&folder, "expected.html"),
        ) else {
            continue;
        };
        let metadata =
            std::fs::read_to_string(folder.join("expected-metadata.json")).unwrap_or_default();
        let json: serde_json::Value = serde_json::from_str(&metadata).unwrap_or_default();
        pages.push(Page {
            name: folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            source,
            expected: html_text(&expected),
            readerable: json.get("readerable") != Some(&serde_json::Value::Bool(false)),
            title: json
                .get("title")
                .and_then(|t| t.as_str())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty()),
        });
    }
    Ok(pages)
}

/// `name.gz` (gunzipped) or `name`, as text.
fn read_maybe_gz(folder: &Path, name: &str) -> Option<String> {
    if let Ok(file) = std::fs::File::open(folder.join(format!("{name}.gz"))) {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .ok()?;
        return Some(String::from_utf8_lossy(&bytes).into_owned());
    }
    let bytes = std::fs::read(folder.join(name)).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The text of an HTML fragment: tags, comments, scripts and styles
/// removed, the common entities decoded. Deliberately naive and shared by
/// every candidate, so no extractor's own HTML reading favours it.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        out.push(' ');
        let tag = &rest[lt..];
        let lower: String = tag.chars().take(8).collect::<String>().to_ascii_lowercase();
        let end = if tag.starts_with("<!--") {
            tag.find("-->").map(|e| e + 3)
        } else if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            tag.to_ascii_lowercase()
                .find(close)
                .and_then(|c| tag[c..].find('>').map(|e| c + e + 1))
        } else {
            tag.find('>').map(|e| e + 1)
        };
        match end {
            Some(end) => rest = &tag[end..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader reads: dim parts (link targets, image alt text) are
/// quire's annotations, not the page's prose, and Readability.js keeps
/// them as attributes, not text. Folded page furniture is not read.
pub fn read_text(parsed: &Parsed) -> String {
    let mut text = String::with_capacity(parsed.text.len());
    let dim: Vec<_> = parsed
        .spans
        .iter()
        .filter(|s| s.style == SpanStyle::Dim)
        .map(|s| s.range())
        .collect();
    for shown in parsed.shown_ranges() {
        let mut at = shown.start;
        let first = dim.partition_point(|d| d.start < shown.start);
        for span in dim[first..].iter().take_while(|d| d.start < shown.end) {
            if span.start >= at {
                text.push_str(parsed.text.get(at..span.start).unwrap_or(""));
                text.push(' ');
                at = span.end.min(shown.end);
            }
        }
        text.push_str(parsed.text.get(at..shown.end).unwrap_or(""));
        text.push_str("\n\n");
    }
    text
}

/// Scripts written without spaces between words: each character is a word.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The words of a text, lowercased.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_unspaced(c) {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            words.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn shingles(words: &[String]) -> HashSet<&[String]> {
    if words.len() < SHINGLE {
        return std::iter::once(words).filter(|w| !w.is_empty()).collect();
    }
    words.windows(SHINGLE).collect()
}

/// Precision, recall and F1 of one extraction, and whether it came out
/// empty while the article has text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub empty: bool,
}

/// Scores `extracted` against `expected` (both plain text).
pub fn score(extracted: &str, expected: &str) -> Score {
    let got_words = words(extracted);
    let want_words = words(expected);
    let got = shingles(&got_words);
    let want = shingles(&want_words);
    let empty = got_words.len() < EMPTY_WORDS && want_words.len() >= EMPTY_WORDS;
    if got.is_empty() || want.is_empty() {
        let same = got.is_empty() && want.is_empty();
        let value = if same { 1.0 } else { 0.0 };
        return Score {
            precision: value,
            recall: value,
            f1: value,
            empty,
        };
    }
    let common = got.intersection(&want).count() as f64;
    let precision = common / got.len() as f64;
    let recall = common / want.len() as f64;
    let f1 = if common == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
        empty,
    }
}

/// The average of a set of page scores, and how many came out empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub empty: usize,
}

pub fn summarize(scores: &[Score]) -> Summary {
    let n = scores.len().max(1) as f64;
    Summary {
        pages: scores.len(),
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
        empty: scores.iter().filter(|s| s.empty).count(),
    }
}

/// CPU time of this thread: meaningful on a busy machine, where wall time
/// is not.
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}
