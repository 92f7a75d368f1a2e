//! The Markdown export rendered by a CommonMark renderer (pulldown-cmark,
//! with GitHub's tables): each quote must read as the passage did.

use super::inline::absolute;
use super::*;
use crate::bookmarks::{Bookmark, Bookmarks};
use crate::document::Source;
use crate::document::SpanStyle;
use crate::export::entries_with_urls;
use pulldown_cmark::{Event, Options as Cmark, Parser, Tag, TagEnd};
use std::time::SystemTime;

/// The text of every block quote in `markdown`, as a reader sees it: one
/// string per top-level quote, whitespace collapsed.
fn rendered_quotes(markdown: &str) -> Vec<String> {
    let mut quotes = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for event in Parser::new_ext(markdown, Cmark::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth -= 1;
                if depth == 0 {
                    quotes.push(one_line(&std::mem::take(&mut current)));
                }
            }
            Event::Text(t) | Event::Code(t) if depth > 0 => current.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) if depth > 0 => {
                panic!("HTML in a quote: {t:?} in\n{markdown}")
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if depth > 0 => current.push(' '),
            _ => {}
        }
    }
    quotes
}

/// What the reader shows of passages `first..=last`: the text without
/// quire's link markers and address lines, table rules and bars.
fn shown(doc: &Document, first: usize, last: usize) -> String {
    let mut out = String::new();
    for p in &doc.passages[first..=last] {
        let mut text = doc.text[p.range.clone()].to_string();
        let mut dims: Vec<_> = doc
            .spans
            .iter()
            .filter(|s| s.style == SpanStyle::Dim && p.range.contains(&s.range().start))
            .map(|s| s.range())
            .collect();
        dims.sort_by_key(|r| std::cmp::Reverse(r.start));
        for r in dims {
            text.replace_range(r.start - p.range.start..r.end - p.range.start, "");
        }
        let text: String = text
            .lines()
            .filter(|l| !l.chars().all(|c| matches!(c, '─' | '┼' | ' ')) || l.is_empty())
            .map(|l| l.replace('│', " "))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&text);
        out.push(' ');
    }
    one_line(&out)
}

/// Bookmarks on `ranges` of a document parsed from `source`, exported.
fn export(doc: Document, ranges: &[(usize, usize)]) -> (String, Document) {
    let mut set = Bookmarks::default();
    for &(first, last) in ranges {
        set.push(Bookmark::new(&doc, first, last, SystemTime::now()).unwrap());
    }
    let docs = crate::store::shared(vec![doc]);
    let resolved = set.resolve(&docs);
    let md = markdown(
        &entries_with_urls(&set, &resolved, &docs),
        &docs,
        Options::default(),
    );
    (md, (*docs[0]).clone())
}

#[test]
fn tricky_text_renders_as_the_quote() {
    let lines = [
        "A RefCell<T> holds a T; so does Box<dyn Fn()>.",
        "Shrug: ¯\\_(ツ)_/¯ and *not emphasis* and _nor this_ and `no code`.",
        "- not a list item",
        "1. not a numbered one",
        "# not a heading, #not-a-tag, [not](a link), <b>not html</b> &amp; a == b",
        "C:\\path\\to and a | pipe ~~not struck~~ $x$ ^^ key:: value %%c%%",
        "> not a quote",
    ];
    let text = format!("Tricky\n\n{}", lines.join("\n\n"));
    let doc = Document::new(Source::File("t.txt".into()), text);
    let ranges: Vec<(usize, usize)> = (0..lines.len()).map(|p| (p, p)).collect();
    let (md, doc) = export(doc, &ranges);
    let quotes = rendered_quotes(&md);
    assert_eq!(quotes.len(), lines.len(), "{md}");
    for (quote, &(p, _)) in quotes.iter().zip(&ranges) {
        assert_eq!(quote, &shown(&doc, p, p), "{md}");
    }
}

#[test]
fn code_tables_lists_and_links_render_as_they_read() {
    let source = "# Guide\n\n## Setup\n\nSee [the docs](https://example.com/d?a=1&b=(2)) and [here](../rel.html).\n\n```rust\nlet x: Vec<u8> = vec![];\n// ``` inside\n```\n\n| Name | Type\\<T\\> |\n|---|---|\n| a | x \\| y |\n| `b` | z |\n\n- first item\n- second item\n\n> quoted text\n";
    let doc = crate::markup::markdown::parse(source).into_document(Source::File("g.md".into()));
    let last = doc.passages.len() - 1;
    let ranges: Vec<(usize, usize)> = (1..=last).map(|p| (p, p)).chain([(1, last)]).collect();
    let (md, doc) = export(doc, &ranges);
    let quotes = rendered_quotes(&md);
    assert_eq!(quotes.len(), ranges.len(), "{quotes:?}\n{md}");
    for (quote, &(first, last)) in quotes.iter().zip(&ranges) {
        assert_eq!(quote, &shown(&doc, first, last), "{md}");
    }
    assert!(
        md.contains("````\n> let x"),
        "code is fenced past its backticks:\n{md}"
    );
    assert!(
        md.contains("> | Name | Type\\<T\\> |\n> | --- | --- |\n"),
        "{md}"
    );
    assert!(
        md.contains("[the docs](<https://example.com/d?a=1&b=(2)>)"),
        "{md}"
    );
    assert!(
        !md.contains("rel.html"),
        "a relative address means nothing here:\n{md}"
    );
    assert!(!md.contains("\\[1\\]"), "no link markers:\n{md}");
    // The code block renders as a code block, the table as a table.
    let events: Vec<Event> = Parser::new_ext(&md, Cmark::ENABLE_TABLES).collect();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::CodeBlock(_))))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::List(_))))
    );
}

#[test]
fn each_quote_says_when_where_and_how_to_open_it_and_labels_its_note() {
    let source = "# Guide\n\n## Setup\n\nInstall it.\n\n## Use\n\nRun it daily.\n";
    let doc = crate::markup::markdown::parse(source).into_document(Source::File("g.md".into()));
    let mut set = Bookmarks::default();
    let daily = (0..doc.passages.len())
        .find(|&p| doc.passage_text(p) == "Run it daily.")
        .unwrap();
    let mut b = Bookmark::new(&doc, daily, daily, SystemTime::now()).unwrap();
    b.note = "my *own* words".into();
    set.push(b);
    let id = set.items[0].id.clone();
    let docs = crate::store::shared(vec![doc]);
    let resolved = set.resolve(&docs);
    let entries = entries_with_urls(&set, &resolved, &docs);
    let md = markdown(&entries, &docs, Options::default());
    assert!(md.contains("under “Use”"), "{md}");
    assert!(md.contains(&format!("`quire --at {id}`")), "{md}");
    assert!(md.contains("**Note:** my \\*own\\* words"), "{md}");
    assert!(md.contains("Source: [g.md](<file:///"), "{md}");
    let day = &crate::export::rfc3339(set.items[0].created)[..10];
    assert!(
        md.contains(&format!("*kept {day} · under “Use” · ")),
        "{md}"
    );
    assert!(!md.contains("---"), "no front matter by default");

    let obsidian = Options {
        obsidian: true,
        exported: 0,
    };
    let md = markdown(&entries, &docs, obsidian);
    assert!(
        md.starts_with("---\ntitle: \"Bookmarks from quire\"\n"),
        "{md}"
    );
    assert!(md.contains("\nbookmarks: 1\n"));
    assert!(
        md.contains(&format!("> Run it daily.\n\n^quire-{id}\n")),
        "{md}"
    );
}

#[test]
fn relative_links_resolve_against_the_page_address_or_go() {
    let base = Some("https://en.wikipedia.org/wiki/Mozilla?x=1");
    assert_eq!(
        absolute("/wiki/Firefox", base).as_deref(),
        Some("https://en.wikipedia.org/wiki/Firefox")
    );
    assert_eq!(
        absolute("Thunderbird", base).as_deref(),
        Some("https://en.wikipedia.org/wiki/Thunderbird")
    );
    assert_eq!(
        absolute("//cdn.example/x.png", base).as_deref(),
        Some("https://cdn.example/x.png")
    );
    assert_eq!(absolute("#cite_note-57", base), None);
    assert_eq!(absolute("/wiki/Firefox", None), None);
    assert_eq!(
        absolute("mailto:a@b.example", None).as_deref(),
        Some("mailto:a@b.example")
    );
}

#[test]
fn the_heading_a_quote_sits_under_has_no_link_markers() {
    let page = "<html><head><title>T</title><link rel=canonical href='https://w.example/wiki/T'></head><body>\
        <h2>NSS<a href='/w/index.php?action=edit'>[edit]</a></h2>\
        <p>NSS was <a href='/wiki/Tri'>tri-licensed</a> once.</p></body></html>";
    let doc = crate::markup::html::parse(page).into_document(Source::File("t.html".into()));
    let p = (0..doc.passages.len())
        .find(|&p| doc.passage_text(p).starts_with("NSS was"))
        .unwrap();
    let (md, _) = export(doc, &[(p, p)]);
    assert!(md.contains("under “NSS\\[edit\\]”"), "{md}");
    assert!(
        md.contains("NSS was [tri-licensed](<https://w.example/wiki/Tri>) once."),
        "{md}"
    );
}
