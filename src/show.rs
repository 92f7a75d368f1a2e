//! `quire show`: documents printed as quire reads them, for a pager, a
//! pipe or a script. Title, byline and the article's passages; page
//! furniture only with `--all`. On a terminal the text is wrapped at the
//! reading measure with the title bold and the byline dim; piped, each
//! paragraph is one line and nothing but text is written.
//!
//! Every string printed comes from a [`Document`], whose text, title and
//! metadata are sanitized when it is built: nothing from a file reaches
//! the terminal as a control sequence. The only escapes are the styles
//! written here.

use crate::corpus::Corpus;
use crate::document::{Block, Document, Passage};
use crate::export;
use std::io::{self, Write};
use textwrap::{Options, WordSeparator, WordSplitter};

/// How `quire show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShowOptions {
    /// Include the folded page furniture (the whole page).
    pub all: bool,
    /// One JSON object per document.
    pub json: bool,
    /// Wrap at this many columns (a terminal); `None`: one paragraph a line.
    pub width: Option<usize>,
    /// Bold title and dim byline (a terminal, colours allowed).
    pub styled: bool,
}

const BOLD: &str = "\u{1b}[1m";
const DIM: &str = "\u{1b}[2m";
const RESET: &str = "\u{1b}[0m";

/// Prints every document of `corpus`; the exit code is `quire list`'s.
pub fn show(corpus: &Corpus, options: ShowOptions, out: &mut dyn Write) -> io::Result<u8> {
    for (i, doc) in corpus.documents.iter().enumerate() {
        if options.json {
            writeln!(out, "{}", export::json_text(&json(doc, options.all)))?;
            continue;
        }
        if i > 0 {
            writeln!(out)?;
        }
        write_document(doc, options, out)?;
    }
    out.flush()?;
    let failed = corpus.problems.iter().any(|p| !p.opened);
    Ok(if failed {
        crate::commands::INPUT_ERROR
    } else {
        crate::commands::OK
    })
}

/// The JSON object for one document.
pub fn json(doc: &Document, all: bool) -> serde_json::Value {
    let text = passages(doc, all)
        .map(|p| doc.text[p.range.clone()].to_string())
        .collect::<Vec<_>>()
        .join("\n\n");
    serde_json::json!({
        "path": doc.source.display_path(),
        "title": doc.title,
        "author": doc.meta.author,
        "date": doc.meta.date,
        "site": doc.meta.site,
        "url": doc.meta.url,
        "words": doc.words,
        "text": text,
    })
}

/// The passages shown: the article, or with `all` the whole page.
fn passages(doc: &Document, all: bool) -> impl Iterator<Item = &Passage> {
    doc.all_passages()
        .filter(move |(i, _)| all || !doc.is_folded(*i))
        .map(|(_, p)| p)
}

fn write_document(doc: &Document, options: ShowOptions, out: &mut dyn Write) -> io::Result<()> {
    let style = |code: &'static str| if options.styled { code } else { "" };
    let reset = style(RESET);
    writeln!(out, "{}{}{reset}", style(BOLD), doc.title)?;
    let mut notes: Vec<String> = doc.meta.byline().into_iter().collect();
    notes.extend(doc.meta.note().map(String::from));
    for note in notes {
        writeln!(out, "{}{note}{reset}", style(DIM))?;
    }
    for (index, passage) in doc.all_passages() {
        if doc.is_folded(index) && !options.all {
            // One line where the furniture was (the reader's fold line), on
            // a terminal only: a pipe gets the article's text and nothing else.
            if options.width.is_some()
                && let Some(summary) = doc.fold_summary(index)
            {
                let line = format!("⋯ {summary} · --all shows the whole page");
                writeln!(out, "\n{}{line}{reset}", style(DIM))?;
            }
            continue;
        }
        let text = &doc.text[passage.range.clone()];
        match options.width {
            Some(width) => {
                writeln!(out)?;
                for line in wrapped(text, &passage.block, width) {
                    writeln!(out, "{line}")?;
                }
            }
            None => writeln!(out, "{}", one_line(text, &passage.block))?,
        }
    }
    Ok(())
}

/// What goes before a passage's first line and its later lines.
fn prefixes(block: &Block) -> (String, String) {
    match block {
        Block::ListItem { depth, marker } => {
            let pad = "  ".repeat(usize::from(*depth));
            let first = format!("{pad}{marker} ");
            let hang = " ".repeat(unicode_width::UnicodeWidthStr::width(first.as_str()));
            (first, hang)
        }
        Block::Quote { depth } => {
            let bar = "│ ".repeat(usize::from(*depth));
            (bar.clone(), bar)
        }
        _ => (String::new(), String::new()),
    }
}

/// A passage wrapped at `width` columns; code and tables keep their lines.
fn wrapped(text: &str, block: &Block, width: usize) -> Vec<String> {
    match block {
        Block::Code | Block::Table => return text.lines().map(str::to_string).collect(),
        Block::Rule => return vec!["─".repeat(width.min(40))],
        _ => {}
    }
    let (first, hang) = prefixes(block);
    let options = Options::new(width.max(1))
        .initial_indent(&first)
        .subsequent_indent(&hang)
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true);
    // A hard line break in the passage is kept; each line is wrapped.
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let options = if i == 0 {
            options.clone()
        } else {
            options.clone().initial_indent(&hang)
        };
        lines.extend(
            textwrap::wrap(line, options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

/// A passage as one line; code and tables keep their lines.
fn one_line(text: &str, block: &Block) -> String {
    match block {
        Block::Code | Block::Table => return text.to_string(),
        Block::Rule => return "---".to_string(),
        _ => {}
    }
    let (first, _) = prefixes(block);
    let words: Vec<&str> = text.split_whitespace().collect();
    format!("{first}{}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn md(source: &str) -> Document {
        crate::markup::markdown::parse(source).into_document(Source::File("a.md".into()))
    }

    fn shown(doc: Document, options: ShowOptions) -> String {
        let corpus = Corpus {
            documents: vec![doc],
            problems: Vec::new(),
        };
        let mut out = Vec::new();
        show(&corpus, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const ARTICLE: &str = "---\nauthor: Ann Lee\n---\n# Rivers\n\n\
        The river changed its course in the spring,\nand the town moved with it.\n\n\
        - first item of a list that is long enough to wrap at a narrow width\n\n\
        > quoted words\n\n```\ncode  stays\n   as is\n```\n";

    #[test]
    fn piped_one_paragraph_a_line() {
        let out = shown(md(ARTICLE), ShowOptions::default());
        assert_eq!(
            out,
            "Rivers\nAnn Lee\n\
             The river changed its course in the spring, and the town moved with it.\n\
             • first item of a list that is long enough to wrap at a narrow width\n\
             │ quoted words\n\
             code  stays\n   as is\n"
        );
    }

    #[test]
    fn on_a_terminal_wrapped_at_the_measure() {
        let options = ShowOptions {
            width: Some(30),
            ..ShowOptions::default()
        };
        let out = shown(md(ARTICLE), options);
        assert!(out.starts_with("Rivers\nAnn Lee\n\n"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= 30), "{out}");
        assert!(
            out.contains("• first item of a list that\n  is long enough"),
            "{out}"
        );
        assert!(!out.contains('\u{1b}'), "unstyled without colours: {out}");
        let styled = shown(
            md(ARTICLE),
            ShowOptions {
                styled: true,
                ..options
            },
        );
        assert!(styled.starts_with("\u{1b}[1mRivers\u{1b}[0m\n\u{1b}[2mAnn Lee"));
    }

    #[test]
    fn json_has_the_fields_and_text_without_the_title() {
        let out = shown(
            md(ARTICLE),
            ShowOptions {
                json: true,
                ..ShowOptions::default()
            },
        );
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["title"], "Rivers");
        assert_eq!(value["author"], "Ann Lee");
        assert_eq!(value["path"], "a.md");
        assert!(value["date"].is_null());
        let text = value["text"].as_str().unwrap();
        assert!(text.starts_with("The river changed"), "{text}");
        assert!(text.contains("\n\n"), "{text}");
        assert!(!text.contains("Rivers"), "{text}");
    }
}
