//! Document and Passage: an article's title, sanitized text and paragraphs,
//! plus the facts the list shows (word count, reading time).

mod fold;
pub mod furniture;
pub mod links;
pub use fold::{Fold, FoldKind, normalize as normalize_folds};

use crate::script::is_cjk;
use sha2::{Digest, Sha256};
use std::{fmt, ops::Range, path::PathBuf, sync::Arc};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

mod meta;
pub use meta::{Meta, WholePage};

/// Longest title, in columns, taken from an opening paragraph.
pub const TITLE_COLUMNS: usize = 80;
/// A first line wider than this is prose, not a heading: the title is then
/// its first sentence.
const HEADING_COLUMNS: usize = 100;
/// Reading pace for space-separated scripts, words per minute.
const WORDS_PER_MINUTE: usize = 230;
/// Reading pace for CJK text, characters per minute.
const CJK_CHARS_PER_MINUTE: usize = 500;
/// Texts longer than this hash and count words on two threads.
const PARALLEL_BYTES: usize = 4 << 20;

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file on disk, as the user named it or as found under a folder.
    File(PathBuf),
    /// One of the articles embedded in the binary, by file name.
    Bundled(&'static str),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as shown to the user and stored in bookmarks.
    pub fn display_path(&self) -> String {
        match self {
            Source::File(path) => crate::sanitize::sanitize_line(&path.to_string_lossy()),
            Source::Bundled(name) => format!("bundled/{name}"),
            Source::Stdin => "<stdin>".to_string(),
        }
    }

    /// The last component of the path, used as a title of last resort.
    fn file_stem(&self) -> String {
        match self {
            Source::File(path) => path
                .file_stem()
                .map(|s| crate::sanitize::sanitize_line(&s.to_string_lossy()))
                .unwrap_or_else(|| "untitled".to_string()),
            Source::Bundled(name) => name.trim_end_matches(".txt").to_string(),
            Source::Stdin => "standard input".to_string(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_path())
    }
}

/// What kind of block a passage is; the reader lays each kind out
/// differently (code is never wrapped, list items hang, quotes get a bar).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Block {
    #[default]
    Paragraph,
    /// A heading, level 1 to 6.
    Heading(u8),
    /// A list item; `depth` 0 is top level, `marker` is "•" or "3." etc.
    ListItem { depth: u8, marker: String },
    /// A block quote paragraph; `depth` 1 is one level of quoting.
    Quote { depth: u8 },
    /// Preformatted text: shown unwrapped, clipped at the pane edge.
    Code,
    /// A thematic break.
    Rule,
    /// A table, already aligned into lines of text; shown unwrapped.
    Table,
}

/// Inline emphasis inside a passage, as a byte range of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanStyle {
    Emphasis,
    Strong,
    Code,
    Link,
    Strikethrough,
    /// Secondary text: link targets, footnote numbers, image markers.
    Dim,
}

/// A styled byte range of [`Document::text`], in 12 bytes: a page of
/// dense markup has a span for every twenty bytes or so, and ranges of
/// `usize` made the spans alone twice the page's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    start: u32,
    end: u32,
    pub style: SpanStyle,
}

impl StyleSpan {
    /// A span of `range`; None past 4 GiB of text (which goes unstyled).
    pub fn new(range: Range<usize>, style: SpanStyle) -> Option<StyleSpan> {
        Some(StyleSpan {
            start: u32::try_from(range.start).ok()?,
            end: u32::try_from(range.end).ok()?,
            style,
        })
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Where the span starts.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Cuts the span to end by `end` at the latest; None if nothing is left.
    pub fn cut(self, end: usize) -> Option<StyleSpan> {
        let range = self.range();
        let end = range.end.min(end);
        (range.start < end).then(|| StyleSpan::new(range.start..end, self.style))?
    }
}

/// A paragraph of a document: a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Byte range in [`Document::text`]; never includes the blank lines
    /// around the paragraph.
    pub range: Range<usize>,
    /// 1-based line in the source file where the passage starts.
    pub line: usize,
    pub block: Block,
}

/// One article, ready to list, search and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub source: Source,
    /// The whole sanitized text: safe to draw. Shared, so the search
    /// thread's copy of a document costs no second copy of its text.
    pub text: Arc<str>,
    /// The paragraphs of the body. An opening line that only repeats the
    /// title is not a passage: the reading view shows the title as a header.
    /// Shared, so a reading view can lay out any part of a big document
    /// without borrowing the document list.
    pub passages: Arc<[Passage]>,
    /// Inline styles (Markdown/HTML emphasis, code, links), sorted by start.
    pub spans: Vec<StyleSpan>,
    /// Runs of `passages` that are page furniture, not the article: sorted
    /// and disjoint. Set them with [`Document::with_folds`], which keeps
    /// `words` and `minutes` to the shown passages.
    pub folds: Vec<Fold>,
    /// Where its links go and the places (element ids) links can name.
    pub links: Arc<links::Links>,
    /// Hex SHA-256 of `text`, folds included: recognises the same article
    /// under another path. None until the text is measured
    /// ([`Document::unmeasured`]).
    pub hash: Option<String>,
    /// Words (and CJK characters) of the shown passages.
    pub words: usize,
    /// Estimated reading time of the shown passages, in whole minutes (0
    /// for an empty document).
    pub minutes: usize,
    /// Author, date, site and address, where the source says. Shared (and
    /// behind one pointer) so a document stays small to hand between threads.
    pub meta: Arc<Meta>,
    /// When the file it was read from was last modified: what sorting by
    /// date falls back on when the page gives no published date. None for
    /// standard input, bundled articles and streams.
    pub modified: Option<std::time::SystemTime>,
    /// Words and CJK characters of the whole text, folds included: what
    /// `words` and `minutes` start from when the folds change.
    whole: (usize, usize),
}

impl Document {
    /// Builds a document from text that has already been sanitized.
    pub fn new(source: Source, text: String) -> Document {
        Document::from_shared(source, Arc::from(text))
    }

    /// Builds a document from sanitized text that is already shared, so a
    /// big file's text is never copied.
    pub fn from_shared(source: Source, text: Arc<str>) -> Document {
        let (title, passages) = plain_parts(&source, &text);
        let (passages, folds) = furniture::detect(&text, passages);
        Document::assemble(source, title, text, passages, Vec::new()).with_folds(folds)
    }

    /// The facts every document carries: reading stats and identity hash.
    fn assemble(
        source: Source,
        title: String,
        text: Arc<str>,
        passages: Vec<Passage>,
        spans: Vec<StyleSpan>,
    ) -> Document {
        let Measure {
            hash,
            words,
            minutes,
            cjk,
        } = Measure::of(&text);
        Document {
            title,
            source,
            text,
            passages: passages.into(),
            spans,
            folds: Vec::new(),
            links: Arc::default(),
            hash: Some(hash),
            words,
            minutes,
            meta: Arc::default(),
            modified: None,
            whole: (words - cjk, cjk),
        }
    }

    /// False for a document built without its word count and hash
    /// ([`Document::unmeasured`]): it is not yet known as the same text as
    /// any other, so it must not be bookmarked or matched by hash.
    pub fn is_measured(&self) -> bool {
        self.hash.is_some()
    }

    /// Takes the facts measured for this document's text elsewhere (the
    /// loader measures a big file after it is on screen).
    pub fn apply(&mut self, measure: Measure) {
        if !self.is_measured() {
            self.hash = Some(measure.hash);
            self.words = measure.words;
            self.minutes = measure.minutes;
            self.whole = (measure.words - measure.cjk, measure.cjk);
            if !self.folds.is_empty() {
                self.count_shown();
            }
        }
    }
}

/// What a full pass over a document's text finds: its identity and its
/// reading stats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Hex SHA-256 of the text.
    pub hash: String,
    pub words: usize,
    pub minutes: usize,
    /// How many of `words` are CJK characters (read at another pace).
    pub cjk: usize,
}

impl Measure {
    pub fn of(text: &str) -> Measure {
        let digest = || hex(&Sha256::digest(text.as_bytes()));
        // A big file's full passes run side by side: the hash, and the word
        // count of each half.
        let ((words, cjk), hash) = if text.len() > PARALLEL_BYTES {
            let (first, second) = halves(text);
            std::thread::scope(|scope| {
                let hash = scope.spawn(digest);
                let later = scope.spawn(|| count_words(second));
                let (words, cjk) = count_words(first);
                let (more_words, more_cjk) = later.join().unwrap_or_default();
                let hash = hash.join().unwrap_or_default();
                ((words + more_words, cjk + more_cjk), hash)
            })
        } else {
            (count_words(text), digest())
        };
        let (total, minutes) = reading_time(words, cjk);
        Measure {
            hash,
            words: total,
            minutes,
            cjk,
        }
    }
}

impl Document {
    /// Builds a document from parsed markup (Markdown, HTML): `text` must be
    /// sanitized, `passages` and `spans` index into it. Without a `title`,
    /// the first line is used as for plain text. Leading passages that only
    /// repeat the title are dropped, since the reader shows it as a header.
    pub fn from_parts(
        source: Source,
        title: Option<String>,
        text: String,
        passages: Vec<Passage>,
        spans: Vec<StyleSpan>,
    ) -> Document {
        let title = title
            .map(|t| crate::sanitize::sanitize_line(t.trim()))
            .filter(|t| !t.is_empty())
            .or_else(|| {
                let ranges = passages.iter().map(|p| p.range.clone());
                extract_title(&text, ranges).map(|(t, _)| t)
            })
            .unwrap_or_else(|| source.file_stem());
        let skip = passages
            .iter()
            .take_while(|p| text[p.range.clone()].trim() == title)
            .count();
        let passages = passages.into_iter().skip(skip).collect();
        let (passages, folds) = furniture::detect(&text, passages);
        Document::assemble(source, title, Arc::from(text), passages, spans).with_folds(folds)
    }

    /// The article's address on the web, when its source gives one.
    pub fn url(&self) -> Option<&str> {
        self.meta.url.as_deref()
    }

    /// The text of passage `index`.
    pub fn passage_text(&self, index: usize) -> &str {
        self.passages
            .get(index)
            .map(|p| &self.text[p.range.clone()])
            .unwrap_or("")
    }

    /// Keeps only the byte ranges (sorted by start) that lie inside a
    /// passage: the text the reading view shows. The title lines above the
    /// first passage are shown as the header, not as text, so a search
    /// must not count or step to matches in them.
    pub fn keep_shown(&self, ranges: &mut Vec<Range<usize>>) {
        ranges.retain(|r| {
            let at = self.passages.partition_point(|p| p.range.end < r.end);
            self.passages
                .get(at)
                .is_some_and(|p| p.range.start <= r.start && r.end <= p.range.end)
        });
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Document {
    /// [`Document::new`] without the facts only the list and bookmarks
    /// show: no reading stats (`words` and `minutes` are 0) and no identity
    /// hash (None). For `quire search`, which reads every file to answer
    /// one query and would spend more on those than on the search.
    pub fn unmeasured(source: Source, text: Arc<str>) -> Document {
        let (title, passages) = plain_parts(&source, &text);
        let (passages, folds) = furniture::detect(&text, passages);
        Document {
            title,
            source,
            text,
            passages: passages.into(),
            spans: Vec::new(),
            folds,
            links: Arc::default(),
            hash: None,
            words: 0,
            minutes: 0,
            meta: Arc::default(),
            modified: None,
            whole: (0, 0),
        }
    }
}

/// The title and passages of plain text: the title line (or the file name)
/// and the paragraphs after any that only repeat it.
pub(crate) fn plain_parts(source: &Source, text: &str) -> (String, Vec<Passage>) {
    let paragraphs = split_paragraphs(text);
    let ranges = paragraphs.iter().map(|p| p.range.clone());
    let (title, skip) = match extract_title(text, ranges) {
        Some(found) => found,
        None => (source.file_stem(), 0),
    };
    (title, paragraphs.into_iter().skip(skip).collect())
}

/// [`plain_parts`]' title, and the byte ranges of the opening paragraphs
/// that only repeat it (which are not passages), without splitting the
/// rest of the text.
pub(crate) fn plain_title(source: &Source, text: &str) -> (String, Vec<Range<usize>>) {
    let ranges = || Paragraphs::new(text).map(|p| p.range);
    let (title, skip) = match extract_title(text, ranges()) {
        Some(found) => found,
        None => (source.file_stem(), 0),
    };
    (title, ranges().take(skip).collect())
}

/// Splits text into paragraphs separated by blank (whitespace-only) lines.
pub fn split_paragraphs(text: &str) -> Vec<Passage> {
    Paragraphs::new(text).collect()
}

/// The paragraphs of a text, one at a time, as [`split_paragraphs`] lists
/// them.
struct Paragraphs<'t> {
    text: &'t str,
    ends: memchr::Memchr<'t>,
    /// Where the next line starts, and its 0-based number.
    offset: usize,
    number: usize,
    /// The paragraph being read: start, end, 1-based first line.
    current: Option<(usize, usize, usize)>,
}

impl<'t> Paragraphs<'t> {
    fn new(text: &'t str) -> Paragraphs<'t> {
        Paragraphs {
            text,
            ends: memchr::memchr_iter(b'\n', text.as_bytes()),
            offset: 0,
            number: 0,
            current: None,
        }
    }
}

impl Iterator for Paragraphs<'_> {
    type Item = Passage;

    fn next(&mut self) -> Option<Passage> {
        let passage = |(start, stop, first): (usize, usize, usize)| Passage {
            range: start..stop,
            line: first,
            block: Block::Paragraph,
        };
        // The last line runs to the end of the text, after the last `\n`.
        while self.offset <= self.text.len() {
            let end = self.ends.next().unwrap_or(self.text.len());
            let (start, number) = (self.offset, self.number);
            self.offset = end + 1;
            self.number += 1;
            if self.text[start..end].trim().is_empty() {
                if let Some(open) = self.current.take() {
                    return Some(passage(open));
                }
            } else {
                match self.current.as_mut() {
                    Some(open) => open.1 = end,
                    None => self.current = Some((start, end, number + 1)),
                }
            }
        }
        self.current.take().map(passage)
    }
}

/// The title and how many leading paragraphs (byte ranges of `text`) only
/// repeat it.
fn extract_title(
    text: &str,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
) -> Option<(String, usize)> {
    let first_line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let heading = first_line.trim_start_matches('#').trim();
    let heading = if heading.is_empty() {
        first_line
    } else {
        heading
    };
    if columns(heading) > HEADING_COLUMNS {
        return Some((first_sentence(heading), 0));
    }
    let repeats = paragraphs
        .into_iter()
        .take_while(|p| {
            let t = text[p.clone()].trim();
            t == first_line || t == heading
        })
        .count();
    Some((heading.to_string(), repeats))
}

/// The first sentence of a paragraph, cut at a word boundary to at most
/// [`TITLE_COLUMNS`] columns with an ellipsis when it is longer.
pub fn first_sentence(paragraph: &str) -> String {
    let sentence = paragraph
        .split_sentence_bounds()
        .next()
        .unwrap_or(paragraph)
        .trim();
    truncate_words(sentence, TITLE_COLUMNS)
}

/// Cuts `text` at a word boundary so it fits in `columns`, adding "…" when
/// anything was cut. A single word longer than the limit is cut mid-word.
pub fn truncate_words(text: &str, columns: usize) -> String {
    if self::columns(text) <= columns {
        return text.to_string();
    }
    let budget = columns.saturating_sub(1);
    let mut out = String::new();
    let mut width = 0;
    for word in text.split_word_bounds() {
        let w = word.width();
        if width + w > budget {
            break;
        }
        out.push_str(word);
        width += w;
    }
    let mut out = out.trim_end().trim_end_matches([',', ';', ':']).to_string();
    if out.is_empty() {
        for c in text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width + w > budget {
                break;
            }
            out.push(c);
            width += w;
        }
    }
    out.push('…');
    out
}

/// The display width of one line of text. Printable ASCII is one column a
/// byte: told by a byte scan, where `UnicodeWidthStr::width` looks at every
/// character (a twentieth of `quire search`'s own time went on the titles
/// of 10,000 files).
fn columns(line: &str) -> usize {
    if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        line.len()
    } else {
        line.width()
    }
}

/// Splits `text` in two near the middle where no word can straddle the
/// cut: at a line break, or for one long ASCII line at a space.
fn halves(text: &str) -> (&str, &str) {
    let middle = text.len() / 2;
    let after = |byte: u8| {
        text.as_bytes()[middle..]
            .iter()
            .position(|&b| b == byte)
            .map(|i| middle + i + 1)
    };
    let cut = after(b'\n')
        .or_else(|| text.is_ascii().then(|| after(b' ')).flatten())
        .unwrap_or(text.len());
    text.split_at(cut)
}

/// Words in space-separated scripts, and CJK characters.
fn count_words(text: &str) -> (usize, usize) {
    let (mut words, mut cjk) = (0usize, 0usize);
    if text.is_ascii() {
        return (ascii_words(text.as_bytes()), 0);
    }
    // Words never span a line break (UAX #29, WB3a/b), so each line can take
    // its own path: a byte scan for ASCII, the full segmenter otherwise.
    for line in text.split('\n') {
        if line.is_ascii() {
            words += ascii_words(line.as_bytes());
            continue;
        }
        for word in line.unicode_words() {
            if word.chars().next().is_some_and(is_cjk) {
                cjk += word.chars().count();
            } else {
                words += 1;
            }
        }
    }
    (words, cjk)
}

/// The total count and minutes to read `words` words and `cjk` characters.
fn reading_time(words: usize, cjk: usize) -> (usize, usize) {
    let seconds = words * 60 / WORDS_PER_MINUTE + cjk * 60 / CJK_CHARS_PER_MINUTE;
    let minutes = if words + cjk == 0 {
        0
    } else {
        seconds.div_ceil(60).max(1)
    };
    (words + cjk, minutes)
}

/// How many words `unicode_words` finds in ASCII `line`, counted in one
/// pass over the bytes. The rules are UAX #29's as they apply to ASCII:
/// letters, digits and `_` run together; `.` `'` `:` join two letters;
/// `.` `'` `,` `;` join two digits; a word needs a letter or digit.
fn ascii_words(text: &[u8]) -> usize {
    // Counted with comparisons and small counters only, no branches, so the
    // compiler vectorizes the loop (over 1 GB/s): every start of a run of
    // word bytes, less the starts that a joining mark glues to the word
    // before, less runs of bare `_`.
    #[inline(always)]
    fn letter(b: u8) -> bool {
        (b | 0x20).wrapping_sub(b'a') < 26
    }
    #[inline(always)]
    fn digit(b: u8) -> bool {
        b.wrapping_sub(b'0') < 10
    }
    #[inline(always)]
    fn word(b: u8) -> bool {
        letter(b) | digit(b) | (b == b'_')
    }
    let n = text.len();
    let mut starts = usize::from(text.first().is_some_and(|&b| word(b)));
    if n >= 2 {
        starts += usize::from(word(text[n - 1]) & !word(text[n - 2]));
    }
    let mut joined = 0;
    // Windows of three bytes, in blocks small enough for u8 counters.
    let mut block = 0;
    while block + 2 < n {
        let end = (block + 128).min(n - 2);
        let (mut s, mut j) = (0u8, 0u8);
        for i in block..end {
            let (before, mark, after) = (text[i], text[i + 1], text[i + 2]);
            s += u8::from(word(mark) & !word(before));
            let either = (mark == b'.') | (mark == b'\'');
            let letters = letter(before) & letter(after) & (either | (mark == b':'));
            let digits = digit(before) & digit(after) & (either | (mark == b',') | (mark == b';'));
            j += u8::from(letters | digits);
        }
        starts += usize::from(s);
        joined += usize::from(j);
        block = end;
    }
    let bare = if text.contains(&b'_') {
        text.split(|&b| !word(b))
            .filter(|run| !run.is_empty() && run.iter().all(|&b| b == b'_'))
            .count()
    } else {
        0
    };
    starts - joined - bare
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_as_wide_as_unicode_width_says() {
        let ascii: String = (b' '..=b'~').map(char::from).collect();
        for line in [
            ascii.as_str(),
            "",
            "Plain title",
            "微信支付",
            "Café au lait",
            "e\u{301}",
            "tab\there",
            "\u{1b}[2J",
            "\u{7f}",
        ] {
            assert_eq!(columns(line), line.width(), "{line:?}");
        }
    }

    #[test]
    fn halves_never_cut_a_word() {
        let texts = [
            "one two three four five six".to_string(),
            "line one\nline two\nline three".to_string(),
            "微信支付 and Alipay 支付宝 compete".repeat(5),
            "nospaces".repeat(9),
            String::new(),
        ];
        for text in texts {
            let (a, b) = halves(&text);
            let (wa, ca) = count_words(a);
            let (wb, cb) = count_words(b);
            assert_eq!((wa + wb, ca + cb), count_words(&text), "{text:?}");
        }
    }

    #[test]
    fn a_big_text_counts_the_same_on_two_threads() {
        let paragraph = "Tencent's 3.14 e.g. don't snake_case __ 微信支付 words.\n\n";
        let text = paragraph.repeat(PARALLEL_BYTES / paragraph.len() + 10);
        let d = doc(&text);
        let (words, cjk) = count_words(&text);
        assert_eq!((d.words, d.minutes), reading_time(words, cjk));
        // Six words and four CJK characters a paragraph.
        assert_eq!(d.words, 10 * (PARALLEL_BYTES / paragraph.len() + 10));
    }

    #[test]
    fn ascii_word_count_agrees_with_the_segmenter() {
        let cases = [
            "don't stop",
            "e.g. this",
            "3.14 and 1,000,000",
            "a_b _ __ x_1",
            "a:b a::b a..b 1..2 1.a a.1",
            "end.",
            ".start",
            "'quoted' \"words\"",
            "snake_case.method() calls",
            "x'",
            "  spaced   out  ",
            "",
            "a-b c/d",
            "Alipay , it is",
            "1;2 1:2 a;b",
            "_a a_ 9_ _9",
        ];
        for case in cases {
            assert_eq!(
                ascii_words(case.as_bytes()),
                case.unicode_words().count(),
                "{case:?}"
            );
        }
        // Every short string over an alphabet of the interesting bytes.
        let alphabet = b"a1_.',:; -\n";
        for len in 1..=5u32 {
            for n in 0..alphabet.len().pow(len) {
                let (mut n, mut s) = (n, Vec::new());
                for _ in 0..len {
                    s.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                let text = std::str::from_utf8(&s).unwrap();
                assert_eq!(ascii_words(&s), text.unicode_words().count(), "{text:?}");
            }
        }
    }

    fn doc(text: &str) -> Document {
        Document::new(Source::Stdin, text.to_string())
    }

    #[test]
    fn title_is_first_line_and_repeat_is_hidden() {
        let d = doc("My Title\n\nMy Title\n\nFirst paragraph.\n\nSecond.\n");
        assert_eq!(d.title, "My Title");
        assert_eq!(d.passages.len(), 2);
        assert_eq!(d.passage_text(0), "First paragraph.");
    }

    #[test]
    fn title_line_alone_is_not_a_passage() {
        let d = doc("\n\n  Heading  \n\n\nBody text here.");
        assert_eq!(d.title, "Heading");
        assert_eq!(d.passages.len(), 1);
        assert_eq!(d.passages[0].line, 6);
    }

    #[test]
    fn long_opening_paragraph_gives_first_sentence() {
        let para = "For Alipay , it is neither trying to build a community nor to engage in social networking . Its essence is to increase user stickiness.".repeat(20);
        let d = doc(&para);
        assert!(d.title.ends_with('…'), "{}", d.title);
        assert!(d.title.width() <= TITLE_COLUMNS);
        assert!(d.title.starts_with("For Alipay , it is neither"));
        // The paragraph is the body: nothing is hidden.
        assert_eq!(d.passages.len(), 1);
    }

    #[test]
    fn short_first_sentence_is_kept_whole() {
        let long = format!("Short one. Then {}", "word ".repeat(40));
        assert_eq!(doc(&long).title, "Short one.");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let p = split_paragraphs("a\nb\n\n \n\nc\r\n\nd");
        let texts: Vec<_> = p.iter().map(|p| p.range.clone()).collect();
        assert_eq!(texts, vec![0..3, 8..10, 12..13]);
        assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), vec![1, 6, 8]);
    }

    #[test]
    fn one_long_line_stays_one_passage() {
        let line = "x ".repeat(5000);
        assert_eq!(split_paragraphs(&line).len(), 1);
    }

    #[test]
    fn empty_document_uses_file_name() {
        let d = Document::new(Source::File("notes/empty.txt".into()), String::new());
        assert_eq!(d.title, "empty");
        assert!(d.passages.is_empty());
        assert_eq!((d.words, d.minutes), (0, 0));
    }

    #[test]
    fn truncation_respects_wide_characters() {
        let t = truncate_words(&"微信".repeat(60), 20);
        assert!(t.width() <= 20, "{t}");
        assert!(t.ends_with('…'));
    }

    #[test]
    fn reading_time_counts_words_and_cjk() {
        let d = doc(&"word ".repeat(460));
        assert_eq!((d.words, d.minutes), (460, 2));
        let c = doc(&"微".repeat(1000));
        assert_eq!(c.minutes, 2);
        assert_eq!(doc("hi").minutes, 1);
    }

    #[test]
    fn unmeasured_documents_differ_only_in_the_facts_they_skip() {
        let texts = [
            "My Title\n\nMy Title\n\nFirst paragraph.\n\nSecond.\n",
            "",
            &"word ".repeat(400),
            "\n\n  Heading  \n\n\nBody 微信 text here.",
        ];
        for text in texts {
            let source = Source::File("notes/a.txt".into());
            let full = Document::new(source.clone(), text.to_string());
            let lean = Document::unmeasured(source, Arc::from(text));
            assert_eq!(
                lean,
                Document {
                    hash: None,
                    words: 0,
                    minutes: 0,
                    whole: (0, 0),
                    ..full
                }
            );
        }
    }

    #[test]
    fn same_text_same_hash() {
        assert_eq!(doc("abc").hash, doc("abc").hash);
        assert_ne!(doc("abc").hash, doc("abd").hash);
        assert_eq!(doc("abc").hash.map(|h| h.len()), Some(64));
    }
}
