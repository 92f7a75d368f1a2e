//! The edit corpus of issue 4: bookmarks on every passage of the bundled
//! articles, then the article is edited (paragraphs inserted or deleted
//! elsewhere, 1-3 words changed inside the passage, the passage deleted,
//! the file renamed) and each bookmark is re-anchored. Counts recall (found
//! at the right passage) and wrong places; `cargo test --test anchor_edits
//! -- --nocapture` prints the table recorded in docs/RELIABILITY.md.

use quire::bookmarks::Bookmark;
use quire::document::{Document, Source};
use std::time::SystemTime;

/// A small deterministic generator, so the corpus is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[derive(Default, Debug)]
struct Tally {
    cases: usize,
    right: usize,
    wrong: usize,
    orphaned: usize,
}

impl Tally {
    fn record(&mut self, expected: Option<usize>, got: Option<usize>) {
        self.cases += 1;
        match (expected, got) {
            (e, g) if e == g && g.is_some() => self.right += 1,
            (None, None) => self.right += 1,
            (_, None) => self.orphaned += 1,
            _ => self.wrong += 1,
        }
    }

    fn recall(&self) -> f64 {
        self.right as f64 / self.cases.max(1) as f64
    }
}

fn edited(doc: &Document, text: String) -> Document {
    Document::new(doc.source.clone(), text)
}

fn locate(bookmark: &Bookmark, doc: &Document) -> Option<usize> {
    bookmark.locate(doc).map(|f| f.passage)
}

/// Where `text` is in `doc` (by content, so an edit that changes which line
/// is the title is judged right), if it is there exactly once.
fn expected(doc: &Document, text: &str) -> Option<usize> {
    let hits: Vec<usize> = (0..doc.passages.len())
        .filter(|&k| doc.passage_text(k) == text)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

/// Byte range of passage `j` plus the blank lines after it (or before it
/// for the last passage), so removing it leaves well-formed text.
fn removal_range(doc: &Document, j: usize) -> std::ops::Range<usize> {
    let p = &doc.passages;
    match p.get(j + 1) {
        Some(next) => p[j].range.start..next.range.start,
        None if j > 0 => p[j - 1].range.end..p[j].range.end,
        None => p[j].range.clone(),
    }
}

fn edit_words(text: &str, edits: usize, rng: &mut Lcg) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(String::from).collect();
    for _ in 0..edits {
        let at = rng.next(words.len());
        match rng.next(3) {
            0 => words[at] = "meanwhile".into(),
            1 if words.len() > 1 => {
                words.remove(at);
            }
            _ => words.insert(at, "indeed".into()),
        }
    }
    words.join(" ")
}

#[test]
fn bookmarks_survive_the_edit_corpus() {
    let docs = quire::corpus::bundled();
    let mut rng = Lcg(2026);
    let (mut elsewhere, mut inside, mut deleted, mut renamed) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    for doc in &docs {
        let n = doc.passages.len();
        for i in 0..n {
            let bookmark = Bookmark::new(doc, i, i, SystemTime::now()).unwrap();
            // Insert a paragraph before or after, delete another one.
            let original = doc.passage_text(i);
            let j = rng.next(n);
            let mut text = doc.text.to_string();
            text.insert_str(
                doc.passages[j].range.start,
                "A paragraph added by an edit, about nothing in particular.\n\n",
            );
            let after = edited(doc, text);
            elsewhere.record(expected(&after, original), locate(&bookmark, &after));
            if n > 1 {
                let j = (i + 1 + rng.next(n - 1)) % n;
                let mut text = doc.text.to_string();
                text.replace_range(removal_range(doc, j), "");
                let after = edited(doc, text);
                elsewhere.record(expected(&after, original), locate(&bookmark, &after));
            }
            // One to three words changed inside the passage.
            let edits = 1 + rng.next(3);
            let mut text = doc.text.to_string();
            let range = doc.passages[i].range.clone();
            let changed = edit_words(&text[range.clone()], edits, &mut rng);
            text.replace_range(range, &changed);
            let after = edited(doc, text);
            inside.record(expected(&after, &changed), locate(&bookmark, &after));
            // The passage deleted: an orphan, never another passage.
            let mut text = doc.text.to_string();
            text.replace_range(removal_range(doc, i), "");
            deleted.record(None, locate(&bookmark, &edited(doc, text)));
            // The file renamed: same text at another path.
            let moved = Document::new(
                Source::File(format!("moved/{i}.txt").into()),
                doc.text.to_string(),
            );
            renamed.record(Some(i), locate(&bookmark, &moved));
        }
    }
    println!("| edit | cases | re-found at the right passage | orphaned | wrong place |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, t) in [
        ("paragraph inserted or deleted elsewhere", &elsewhere),
        ("1-3 words edited inside the passage", &inside),
        ("the passage deleted (orphan expected)", &deleted),
        ("file renamed, same text", &renamed),
    ] {
        println!(
            "| {name} | {} | {} ({:.1}%) | {} | {} |",
            t.cases,
            t.right,
            100.0 * t.recall(),
            t.orphaned,
            t.wrong
        );
    }
    assert_eq!(elsewhere.recall(), 1.0, "{elsewhere:?}");
    assert_eq!(renamed.recall(), 1.0, "{renamed:?}");
    assert!(inside.recall() >= 0.9, "{inside:?}");
    assert_eq!(
        deleted.recall(),
        1.0,
        "deleted passages must be orphans: {deleted:?}"
    );
    for t in [&elsewhere, &inside, &deleted, &renamed] {
        assert_eq!(
            t.wrong, 0,
            "a bookmark was re-found at a wrong place: {t:?}"
        );
    }
}
