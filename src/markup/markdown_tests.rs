//! Unit tests for the Markdown parser: one construct at a time.

use super::*;
use crate::document::Block;

fn blocks(p: &Parsed) -> Vec<(Block, &str)> {
    p.passages
        .iter()
        .map(|x| (x.block.clone(), &p.text[x.range.clone()]))
        .collect()
}

fn spans(p: &Parsed) -> Vec<(SpanStyle, &str)> {
    p.spans
        .iter()
        .map(|s| (s.style, &p.text[s.range()]))
        .collect()
}

fn item(depth: u8, marker: &str) -> Block {
    Block::ListItem {
        depth,
        marker: marker.to_string(),
    }
}

#[test]
fn paragraphs_and_headings() {
    let p = parse("# Title\n\nOne\ntwo  \nthree\n\n## Sub\n");
    assert_eq!(
        blocks(&p),
        vec![
            (Block::Heading(1), "Title"),
            (Block::Paragraph, "One two\nthree"),
            (Block::Heading(2), "Sub"),
        ]
    );
    assert_eq!(p.text, "Title\n\nOne two\nthree\n\nSub");
    assert_eq!(p.title.as_deref(), Some("Title"));
    let lines: Vec<usize> = p.passages.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![1, 3, 7]);
}

#[test]
fn inline_styles_cover_their_words() {
    let p = parse("Some *soft* and **bold** and `code()` and ~~gone~~.");
    assert_eq!(p.text, "Some soft and bold and code() and gone.");
    assert_eq!(
        spans(&p),
        vec![
            (SpanStyle::Emphasis, "soft"),
            (SpanStyle::Strong, "bold"),
            (SpanStyle::Code, "code()"),
            (SpanStyle::Strikethrough, "gone"),
        ]
    );
}

#[test]
fn nested_lists_have_depths_and_markers() {
    let p = parse("- a\n  - b\n    - c\n- d\n\n3. x\n4. y\n");
    assert_eq!(
        blocks(&p),
        vec![
            (item(0, "•"), "a"),
            (item(1, "◦"), "b"),
            (item(2, "•"), "c"),
            (item(0, "•"), "d"),
            (item(0, "3."), "x"),
            (item(0, "4."), "y"),
        ]
    );
    assert_eq!(p.passages[1].line, 2);
}

#[test]
fn loose_item_paragraphs_continue_unmarked() {
    let p = parse("1. first\n\n   more\n2. second\n");
    assert_eq!(
        blocks(&p),
        vec![
            (item(0, "1."), "first"),
            (item(0, ""), "more"),
            (item(0, "2."), "second"),
        ]
    );
}

#[test]
fn quotes_and_code_and_rules() {
    let p =
        parse("> q1\n>\n> > q2\n\n```rust\nfn x() {\n\n    y\t1\n}\n```\n\n---\n\n    indented\n");
    assert_eq!(
        blocks(&p),
        vec![
            (Block::Quote { depth: 1 }, "q1"),
            (Block::Quote { depth: 2 }, "q2"),
            (Block::Code, "fn x() {\n\n    y   1\n}"),
            (Block::Rule, "───"),
            (Block::Code, "indented"),
        ]
    );
    assert_eq!(p.passages[2].line, 5);
}

/// Each link as (its text, its target).
fn links(p: &Parsed) -> Vec<(&str, &str)> {
    p.links
        .iter()
        .map(|l| (&p.text[l.start..l.end], l.url))
        .collect()
}

#[test]
fn links_keep_the_prose_whole_and_are_recorded() {
    let p = parse(
        "See [the docs](https://a.example/x) and [more](https://b.example).\n\nThen [again](https://a.example/x), <https://c.example> and [me](mailto:me@x.example).",
    );
    // No numbers, no list of addresses after the paragraph.
    assert_eq!(
        p.text,
        "See the docs and more.\n\nThen again, https://c.example and me."
    );
    assert_eq!(
        links(&p),
        vec![
            ("the docs", "https://a.example/x"),
            ("more", "https://b.example"),
            ("again", "https://a.example/x"),
            ("https://c.example", "https://c.example"),
            ("me", "mailto:me@x.example"),
        ]
    );
    let s = spans(&p);
    assert!(s.contains(&(SpanStyle::Link, "the docs")));
    assert!(s.contains(&(SpanStyle::Link, "https://c.example")));
    assert_eq!(p.passages.len(), 2);
}

#[test]
fn headings_are_places_named_by_their_slug() {
    let p = parse(
        "# Getting Started\n\ntext\n\n## Why? Rust!\n\n## Why? Rust!\n\n[up](#getting-started)",
    );
    let ids: Vec<(&str, &str)> = p
        .links
        .ids
        .iter()
        .map(|(id, at)| (id.as_str(), &p.text[*at..*at + 3]))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("getting-started", "Get"),
            ("why-rust", "Why"),
            ("why-rust-1", "Why")
        ]
    );
    assert_eq!(links(&p), vec![("up", "#getting-started")]);
}

#[test]
fn images_show_alt_text() {
    let p = parse("![a cat](cat.png) and ![](x.png)");
    assert_eq!(p.text, "[image: a cat] and [image]");
    assert_eq!(
        spans(&p),
        vec![
            (SpanStyle::Dim, "[image: a cat]"),
            (SpanStyle::Dim, "[image]")
        ]
    );
}

#[test]
fn front_matter_gives_author_date_and_address() {
    let p = parse(
        "---\ntitle: Notes\nauthor: \"Ann Lee\"\ndate: 2023-05-01\n\
         source: https://example.com/notes\nsite: Example\nextra:\n  url: nested\n---\nBody",
    );
    let m = &p.metadata;
    assert_eq!(m.author.as_deref(), Some("Ann Lee"));
    assert_eq!(m.published.as_deref(), Some("2023-05-01"));
    assert_eq!(m.url.as_deref(), Some("https://example.com/notes"));
    assert_eq!(m.site.as_deref(), Some("Example"));
    let doc = p.into_document(crate::document::Source::Stdin);
    assert_eq!(doc.url(), Some("https://example.com/notes"));
    assert_eq!(
        doc.meta.byline().as_deref(),
        Some("Ann Lee · Example · 2023-05-01")
    );
}

#[test]
fn front_matter_gives_title_and_is_hidden() {
    let p = parse("---\nauthor: me\ntitle: \"Real Title\"\n---\n# Heading\n\nBody");
    assert_eq!(p.title.as_deref(), Some("Real Title"));
    assert_eq!(p.text, "Heading\n\nBody");
    assert_eq!(p.passages[0].line, 5);
    let none = parse("---\n\ntext");
    assert_eq!(none.title, None);
    assert_eq!(none.passages[0].block, Block::Rule);
}

#[test]
fn title_falls_back_to_first_heading_of_any_level() {
    assert_eq!(parse("intro\n\n### Third").title.as_deref(), Some("Third"));
    assert_eq!(parse("just text").title, None);
}

#[test]
fn tables_align_and_task_lists_check() {
    let p = parse("| a | bb |\n|---|---:|\n| ccc | 1 |\n\n- [x] done\n- [ ] todo\n");
    assert_eq!(
        blocks(&p),
        vec![
            (Block::Table, "a   │ bb\n────┼───\nccc │  1"),
            (item(0, "•"), "☑ done"),
            (item(0, "•"), "☐ todo"),
        ]
    );
}

#[test]
fn entities_decode_then_sanitize() {
    let p = parse("a &#27;]52;c;SGk=&#7; b &#x9b;2J `\u{1b}[0m` &#x202e;");
    assert!(!p.text.chars().any(|c| c.is_control()), "{:?}", p.text);
    assert!(p.text.contains("\u{241b}]52;c;SGk=\u{2407}"));
    assert!(p.text.contains("\u{241b}[0m"));
}

#[test]
fn raw_html_is_dropped_except_line_breaks() {
    let p = parse("<div>\n<script>x</script>\n</div>\n\nline<br/>next <b>x</b>");
    assert_eq!(blocks(&p), vec![(Block::Paragraph, "line\nnext x")]);
}

#[test]
fn deep_nesting_is_capped_for_display() {
    let p = parse(&format!("{}deep", "> ".repeat(50)));
    assert_eq!(blocks(&p), vec![(Block::Quote { depth: 8 }, "deep")]);
}

#[test]
fn sup_and_sub_read_as_raised_text() {
    let p =
        parse("From −(2<sup>n − 1</sup>) to 2<sup>7</sup> − 1, H<sub>2</sub>O, 1<sup>st</sup>.");
    assert_eq!(p.text, "From −(2ⁿ⁻¹) to 2⁷ − 1, H₂O, 1^(st).");
}

#[test]
fn a_details_summary_in_a_readme_is_kept_as_a_label() {
    let p =
        parse("# T\n\n<details>\n<summary><b>Benchmarks</b></summary>\n\nFast.\n\n</details>\n");
    let texts: Vec<&str> = p
        .passages
        .iter()
        .map(|x| &p.text[x.range.clone()])
        .collect();
    assert_eq!(texts, vec!["T", "▸ Benchmarks", "Fast."]);
}

#[test]
fn badge_alt_text_is_never_a_title() {
    let p = parse("# [![build](https://ci/badge.svg)](https://ci) quire\n\nText.\n");
    assert_eq!(p.title.as_deref(), Some("quire"));
}
