//! The Markdown and HTML parsers on realistic and hostile fixtures: blocks,
//! spans, titles, chrome, sanitizing, and properties over arbitrary input.

use proptest::prelude::*;
use quire::document::{Block, Passage, SpanStyle};
use quire::markup::{Parsed, html, markdown};
use std::fmt::Write as _;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/markup/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A readable form of the parse: each passage with its kind, line, text
/// and the styled substrings inside it.
fn dump(p: &Parsed) -> String {
    let mut out = format!("title: {:?}\n", p.title);
    for (i, passage) in p.passages.iter().enumerate() {
        let fold = p.folds.iter().find(|f| f.passages.contains(&i));
        let folded = fold.map_or(String::new(), |f| format!(" folded ({})", f.kind.label()));
        let _ = writeln!(
            out,
            "\n#{i} {:?} line {}{folded}",
            passage.block, passage.line
        );
        for line in p.text[passage.range.clone()].lines() {
            let _ = writeln!(out, "  | {line}");
        }
        for span in p.spans.iter().filter(|s| {
            s.range().start >= passage.range.start && s.range().end <= passage.range.end
        }) {
            let _ = writeln!(out, "  {:?} {:?}", span.style, &p.text[span.range()]);
        }
    }
    out
}

/// The passages a reader sees (not the folded page around an article).
fn shown(p: &Parsed) -> Vec<&Passage> {
    let ranges: Vec<_> = p.shown_ranges().collect();
    p.passages
        .iter()
        .filter(|x| ranges.contains(&x.range))
        .collect()
}

fn blocks(p: &Parsed) -> Vec<(Block, &str)> {
    shown(p)
        .into_iter()
        .map(|x| (x.block.clone(), &p.text[x.range.clone()]))
        .collect()
}

fn styled(p: &Parsed, style: SpanStyle) -> Vec<&str> {
    let ranges: Vec<_> = p.shown_ranges().collect();
    p.spans
        .iter()
        .filter(|s| s.style == style)
        .filter(|s| ranges.iter().any(|r| r.contains(&s.start())))
        .map(|s| &p.text[s.range()])
        .collect()
}

fn item(depth: u8, marker: &str) -> Block {
    Block::ListItem {
        depth,
        marker: marker.to_string(),
    }
}

/// No character that a terminal would act on, or that hides or reorders
/// text, other than line breaks.
fn assert_displayable(p: &Parsed) {
    let bad: Vec<char> = p
        .text
        .chars()
        .filter(|&c| quire::sanitize::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "unsafe characters {bad:?} in {:?}", p.text);
    let title = p.title.as_deref().unwrap_or("");
    assert!(
        !title
            .chars()
            .any(|c| c == '\n' || quire::sanitize::is_unsafe(c))
    );
}

/// Ranges index the text, passages are in order and never hold a blank
/// line (except code, kept verbatim), spans are sorted.
fn assert_well_formed(p: &Parsed) {
    let mut last_end = 0;
    for passage in &p.passages {
        let r = &passage.range;
        assert!(r.start >= last_end && r.start < r.end && r.end <= p.text.len());
        assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
        if passage.block != Block::Code {
            assert!(!p.text[r.clone()].contains("\n\n"), "{passage:?}");
        }
        assert!(passage.line >= 1);
        last_end = r.end;
    }
    let mut last_start = 0;
    for span in &p.spans {
        let r = &span.range();
        assert!(r.start >= last_start && r.start < r.end && r.end <= p.text.len());
        assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
        last_start = r.start;
    }
    for link in p.links.iter() {
        assert!(
            link.start <= link.end && link.end <= p.text.len(),
            "{link:?}"
        );
        assert!(p.text.is_char_boundary(link.start) && p.text.is_char_boundary(link.end));
    }
    for (_, at) in &p.links.ids {
        assert!(*at <= p.text.len() + 2, "{at}");
    }
}

#[test]
fn markdown_article_blocks() {
    let p = markdown::parse(&fixture("article.md"));
    assert_well_formed(&p);
    assert_eq!(p.title.as_deref(), Some("Reading in the Terminal"));
    assert!(!p.text.contains("author:") && !p.text.contains("**") && !p.text.contains("# "));
    let b = blocks(&p);
    assert_eq!(b.len(), 21);
    assert_eq!(b[0], (Block::Heading(1), "Why read in a terminal?"));
    assert!(
        b[1].1
            .starts_with("Most of us spend the day in a terminal already. A reader")
    );
    assert_eq!(b[2], (Block::Heading(2), "What it handles"));
    let items: Vec<(Block, &str)> = b[3..11].to_vec();
    assert_eq!(
        items,
        vec![
            (item(0, "•"), "Markdown notes, with bold and emphasis"),
            (item(0, "•"), "Saved web pages"),
            (item(1, "◦"), "with the navigation stripped"),
            (item(1, "◦"), "and scripts run dropped"),
            (item(0, "•"), "Plain text in odd encodings"),
            (item(0, "1."), "Open a folder"),
            (item(0, "2."), "Filter with /"),
            (item(0, "3."), "Read"),
        ]
    );
    assert_eq!(
        b[11],
        (
            Block::Quote { depth: 1 },
            "Simplicity is prerequisite for reliability."
        )
    );
    assert_eq!(
        b[12],
        (Block::Quote { depth: 2 }, "Nested quotes work too.")
    );
    assert_eq!(b[15], (Block::Rule, "───"));
    assert_eq!(b[17], (Block::Paragraph, "[image: A screenshot of quire]"));
    assert_eq!(b[19], (item(0, "•"), "☑ tables"));
    let lines: Vec<usize> = p.passages.iter().map(|x| x.line).collect();
    assert_eq!(&lines[..4], &[7, 9, 13, 15]);
}

#[test]
fn markdown_code_blocks_are_verbatim() {
    let p = markdown::parse(&fixture("article.md"));
    let b = blocks(&p);
    // The tab is expanded by the sanitizer; everything else is as written.
    assert_eq!(
        b[13],
        (
            Block::Code,
            "fn main() {\n    println!(\"hello\");\n\n    let width = 80;\n}"
        )
    );
    assert_eq!(b[14], (Block::Code, "indented code\nkeeps its spaces"));
    assert_eq!(p.passages[13].line, 29);
}

#[test]
fn markdown_spans_land_on_their_words() {
    let p = markdown::parse(&fixture("article.md"));
    assert_eq!(
        styled(&p, SpanStyle::Emphasis),
        vec!["plain text", "emphasis"]
    );
    assert_eq!(styled(&p, SpanStyle::Strong), vec!["better", "bold"]);
    assert_eq!(styled(&p, SpanStyle::Code), vec!["quire ~/notes", "/"]);
    assert_eq!(styled(&p, SpanStyle::Strikethrough), vec!["run"]);
    assert_eq!(
        styled(&p, SpanStyle::Link),
        vec!["ratatui website", "CommonMark spec"]
    );
    assert_eq!(
        styled(&p, SpanStyle::Dim),
        vec!["[image: A screenshot of quire]"]
    );
    // The addresses are kept with the links, not written into the prose.
    let urls: Vec<&str> = p.links.iter().map(|l| l.url).collect();
    assert_eq!(urls, ["https://ratatui.rs", "https://spec.commonmark.org/"]);
    let links = &p.text[p.passages[16].range.clone()];
    assert!(links.contains("Line one ends here\nand line two follows."));
    assert!(!p.text.contains("https://ratatui.rs"));
}

#[test]
fn markdown_tables_align_by_display_width() {
    let p = markdown::parse(&fixture("article.md"));
    assert_eq!(
        blocks(&p)[18].1,
        "Format   │     Parser     │ Chrome dropped\n\
         ─────────┼────────────────┼───────────────\n\
         Markdown │ pulldown-cmark │            n/a\n\
         HTML     │   html5ever    │            yes"
    );
    let cjk = markdown::parse(&fixture("cjk-table.md"));
    assert_eq!(cjk.title.as_deref(), Some("城市"));
    let table = blocks(&cjk)[1].clone();
    assert_eq!(table.0, Block::Table);
    let columns: Vec<Vec<usize>> = table
        .1
        .lines()
        .filter(|l| l.contains('│'))
        .map(|l| {
            let mut at = 0;
            l.split('│')
                .map(|cell| {
                    at += unicode_width::UnicodeWidthStr::width(cell) + 1;
                    at
                })
                .collect()
        })
        .collect();
    // Every separator sits in the same terminal column on every row.
    assert!(
        columns.windows(2).all(|w| w[0][..2] == w[1][..2]),
        "{columns:?}"
    );
    assert!(table.1.contains("北京     │       2189 │ capital"));
}

#[test]
fn chinese_article() {
    let p = markdown::parse(&fixture("chinese.md"));
    assert_well_formed(&p);
    assert_eq!(p.title.as_deref(), Some("终端里的阅读"));
    let b = blocks(&p);
    assert_eq!(b.len(), 6);
    assert!(
        b[1].1
            .starts_with("在终端里读文章，比在浏览器里更专注。Mixed scripts like English、中文")
    );
    assert_eq!(b[2], (item(0, "•"), "第一项：强调的文字"));
    // Each person drawn on their own, as terminals draw a ZWJ family.
    assert!(b[3].1.contains("👨👩👧"));
    assert_eq!(
        b[4],
        (Block::Quote { depth: 1 }, "学而不思则罔，思而不学则殆。")
    );
    assert_eq!(styled(&p, SpanStyle::Strong), vec!["比"]);
    assert_eq!(styled(&p, SpanStyle::Emphasis), vec!["强调"]);
}

#[test]
fn html_page_drops_chrome_and_keeps_the_article() {
    let p = html::parse(fixture("saved-page.html"));
    assert_well_formed(&p);
    assert_eq!(p.title.as_deref(), Some("The Quiet Web & Its Readers"));
    for chrome in [
        "About",
        "Archive",
        "Skip to content",
        "analytics",
        "font-family",
        "alert",
        "Subscribe",
        "Your email",
        "Related posts",
        "More clutter",
        "2024 Example Blog",
        "enable JavaScript",
        "LOGO",
        "logo",
    ] {
        assert!(!p.shown_text().contains(chrome), "{chrome} is shown");
    }
    // Folded, not lost: the page's own words are kept around the article.
    for furniture in [
        "Archive",
        "Skip to content",
        "Related posts",
        "2024 Example Blog",
    ] {
        assert!(p.text.contains(furniture), "{furniture} was lost");
    }
    // What no browser shows is not kept at all.
    for unseen in ["analytics", "font-family", "alert"] {
        assert!(!p.text.contains(unseen), "{unseen} survived");
    }
    let b = blocks(&p);
    assert_eq!(b.len(), 17);
    assert_eq!(b[0], (Block::Heading(1), "The Quiet Web"));
    assert_eq!(
        b[2],
        (
            Block::Paragraph,
            "Pages used to be documents. Now they are applications that happen to contain text."
        )
    );
    assert_eq!(b[3], (Block::Heading(2), "What readers want"));
    assert_eq!(b[4], (item(0, "•"), "Text that stays put"));
    assert_eq!(
        b[5],
        (
            item(0, "•"),
            "Links that say where they go, like this essay"
        )
    );
    assert_eq!(b[7], (item(1, "1."), "no pop-ups"));
    assert_eq!(b[8], (item(1, "2."), "no autoplay"));
    assert_eq!(
        b[9],
        (Block::Quote { depth: 1 }, "The medium is the message.")
    );
    assert_eq!(
        b[10],
        (
            Block::Code,
            "curl -s https://example.org/feed |\n  grep title"
        )
    );
    assert_eq!(b[11], (Block::Paragraph, "First line\nsecond line"));
    assert_eq!(b[12], (Block::Paragraph, "[image: Reading time by year]"));
    assert_eq!(
        b[14],
        (
            Block::Table,
            "Year │ Minutes\n─────┼────────\n2010 │ 12\n2024 │ 4"
        )
    );
    assert_eq!(b[15], (Block::Rule, "───"));
    assert_eq!(b[16], (Block::Paragraph, "Thanks for reading."));
    assert_eq!(styled(&p, SpanStyle::Emphasis), vec!["documents"]);
    assert_eq!(styled(&p, SpanStyle::Strong), vec!["applications"]);
    assert_eq!(styled(&p, SpanStyle::Link), vec!["Sam", "this essay"]);
    let lines: Vec<usize> = shown(&p).iter().map(|x| x.line).collect();
    assert_eq!(&lines[..5], &[17, 18, 20, 23, 25]);
    // The table's first words are its header cells, on the line after <table>.
    assert_eq!(lines[14], 41);
}

#[test]
fn hostile_markdown_is_displayable() {
    let p = markdown::parse(&fixture("hostile.md"));
    assert_well_formed(&p);
    assert_displayable(&p);
    assert_eq!(p.title.as_deref(), Some("Hostile ␛]0;pwned␇ title"));
    let b = blocks(&p);
    assert_eq!(
        b[1].1,
        "Clipboard: ␛]52;c;SGVsbG8=␇ clear: \u{FFFD}2J alt screen: ␛[?1049h."
    );
    assert_eq!(
        b[2].1,
        "Raw escape: ␛[31mred␛[0m and BEL ␇ and C1 \u{FFFD}2J."
    );
    assert_eq!(b[3].1, "Bidi: abc⬚def⬚x⬚y");
    // Entities are not decoded in code, but raw bytes are still made visible.
    assert_eq!(b[4], (Block::Code, "code ␛]0;title␇ &#27; stays literal"));
}

#[test]
fn hostile_html_is_displayable() {
    let p = html::parse(fixture("hostile.html"));
    assert_well_formed(&p);
    assert_displayable(&p);
    assert_eq!(p.title.as_deref(), Some("Evil ␛]0;pwned␇ page"));
    let b = blocks(&p);
    // HTML maps &#x9b; to U+203A, as browsers do (windows-1252 numbers).
    assert_eq!(
        b[0].1,
        "Clipboard: ␛]52;c;SGVsbG8=␇ clear: ›2J alt: ␛[?1049h."
    );
    assert_eq!(b[1].1, "Raw: ␛[31mred and C1 \u{FFFD}2J and DEL ␡.");
    assert_eq!(b[2].1, "Bidi: abc⬚def⬚x⬚y");
    assert_eq!(b[3], (Block::Code, "pre ␛[2J and    tab"));
    assert!(p.links.iter().any(|l| l.url == "https://evil.example/␛[2J"));
    assert_eq!(b[5], (Block::Table, "␛[2J │ ›0m"));
}

#[test]
fn hostile_files_open_safely_through_the_corpus() {
    let dir = format!("{}/tests/fixtures/markup", env!("CARGO_MANIFEST_DIR"));
    let corpus = quire::corpus::load(&[quire::corpus::Input::parse(&dir)], &mut std::io::empty());
    assert_eq!(corpus.documents.len(), 6);
    for doc in &corpus.documents {
        assert!(
            !doc.text.chars().any(quire::sanitize::is_unsafe),
            "{}",
            doc.source
        );
        assert!(
            !doc.title.chars().any(quire::sanitize::is_unsafe),
            "{}",
            doc.source
        );
    }
}

fn snapshot(name: &str, p: &Parsed) {
    insta::with_settings!({ snapshot_path => "fixtures/markup/snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, dump(p));
    });
}

#[test]
fn snapshot_markdown_article() {
    snapshot("article_md", &markdown::parse(&fixture("article.md")));
}

#[test]
fn snapshot_html_page() {
    snapshot("saved_page_html", &html::parse(fixture("saved-page.html")));
}

/// Markup-heavy strings: far likelier than random text to reach nesting,
/// tables, links and entity edge cases.
fn markdown_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# "),
        Just("> "),
        Just("- "),
        Just("  - "),
        Just("1. "),
        Just("*"),
        Just("**"),
        Just("_"),
        Just("~~"),
        Just("`"),
        Just("```\n"),
        Just("    "),
        Just("\n"),
        Just("\n\n"),
        Just("|"),
        Just("|-|"),
        Just("---\n"),
        Just("title: x\n"),
        Just("[a](b)"),
        Just("!["),
        Just("]("),
        Just(")"),
        Just("<https://x>"),
        Just("&#27;"),
        Just("&#x9b;"),
        Just("&amp;"),
        Just("\u{1b}"),
        Just("\u{9b}"),
        Just("\u{202e}"),
        Just("\t"),
        Just("\\\n"),
        Just("<br>"),
        Just("- [ ] "),
        Just("中文"),
        Just("👨\u{200d}👩"),
        Just("e\u{301}"),
        Just("word "),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>"),
        Just("</p>"),
        Just("<div>"),
        Just("</div>"),
        Just("<ul>"),
        Just("<ol start=9>"),
        Just("<li>"),
        Just("</li>"),
        Just("</ul>"),
        Just("<blockquote>"),
        Just("</blockquote>"),
        Just("<pre>"),
        Just("</pre>"),
        Just("<h1>"),
        Just("</h1>"),
        Just("<h3>"),
        Just("<a href='u'>"),
        Just("</a>"),
        Just("<b>"),
        Just("</b>"),
        Just("<em>"),
        Just("<table>"),
        Just("<tr>"),
        Just("<td>"),
        Just("<th>"),
        Just("</table>"),
        Just("<br>"),
        Just("<hr>"),
        Just("<img alt=x>"),
        Just("<nav>"),
        Just("</nav>"),
        Just("<script>"),
        Just("</script>"),
        Just("<article>"),
        Just("<!--"),
        Just("-->"),
        Just("&#27;"),
        Just("&#x9b;"),
        Just("&#0;"),
        Just("\u{1b}"),
        Just("\u{202e}"),
        Just(" \n\t "),
        Just("text"),
        Just("中文"),
        Just("<title>"),
        Just("</title>"),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_any_string(s in any::<String>()) {
        let p = markdown::parse(&s);
        assert_well_formed(&p);
        assert_displayable(&p);
    }

    #[test]
    fn markdown_any_markup(s in markdown_soup()) {
        let p = markdown::parse(&s);
        assert_well_formed(&p);
        assert_displayable(&p);
    }

    #[test]
    fn html_any_string(s in any::<String>()) {
        let p = html::parse(&s);
        assert_well_formed(&p);
        assert_displayable(&p);
    }

    #[test]
    fn html_any_markup(s in html_soup()) {
        let p = html::parse(&s);
        assert_well_formed(&p);
        assert_displayable(&p);
    }
}

/// An API reference page as documentation generators write them: every
/// signature a heading whose class says "header", its types linked, in a
/// section or a `<details>` summary, with a floated version note.
const API_PAGE: &str = r##"<html><head><title>Slab in slab - Docs</title></head><body>
<nav class="sidebar"><ul><li><a href="#method.get">get</a></li><li><a href="#method.insert">insert</a></li></ul></nav>
<main><section id="main-content" class="content"><div class="main-heading"><h1>Struct Slab</h1>
<span class="sub-heading"><span class="since">1.0.0</span> · <a class="src" href="../src/slab.rs.html#1">Source</a></span></div>
<details class="toggle top-doc" open><summary class="hideme"><span>Expand description</span></summary>
<div class="docblock"><p>Pre-allocated storage for a uniform data type, with keys handed out on
insert that stay valid until the value is removed, so callers can hold them.</p>
<p>Keys are handed out in order of the free list, most recently freed first,
which keeps the slab dense and the values that are used together close in
memory; a slab that is only ever inserted into hands out 0, 1, 2 and so on,
like the indices of a vector, and one with removals reuses the holes before it
grows. Nothing about a key says which slab it came from, so a key from one slab
used on another reads whatever is there.</p>
<p>Because keys are plain integers, they are cheap to copy, to store in other
structures, and to send to other threads, which is why event loops, timer
wheels and connection tables use a slab to name what they manage.</p></div></details>
<h2 id="implementations" class="section-header">Implementations</h2>
<div id="implementations-list"><details class="toggle implementors-toggle" open><summary>
<section id="impl-Slab" class="impl"><h3 class="code-header">impl&lt;T&gt; <a class="struct" href="struct.Slab.html">Slab</a>&lt;T&gt;</h3></section></summary>
<div class="impl-items"><details class="toggle method-toggle" open><summary><section id="method.get" class="method">
<span class="rightside"><span class="since">1.2.0</span> · <a class="src" href="../src/slab.rs.html#10">Source</a></span>
<h4 class="code-header">pub fn <a href="#method.get" class="fn">get</a>(&amp;self, key: <a href="primitive.usize.html">usize</a>) -&gt; <a href="enum.Option.html">Option</a>&lt;&amp;T&gt; <a href="#" class="tooltip" data-notable-ty="Option">ⓘ</a></h4>
</section></summary><div class="docblock"><p>Returns a reference to the value at the key, or None if the
slot is empty or the key was never handed out by this slab.</p></div></details>
<section id="method.insert" class="method"><h4 class="code-header">pub fn <a href="#method.insert" class="fn">insert</a>(&amp;mut self, val: T) -&gt; <a href="primitive.usize.html">usize</a></h4></section>
<div class="docblock"><p>Inserts a value into the slab, returning the key that names it from
now on; the key of a removed value may be handed out again later.</p></div></div></details></div>
<section class="more"><h3><a href="/slab/other.html">Another crate you may like to read about</a></h3>
<h3><a href="/slab/more.html">And one more teaser that is a link as a whole</a></h3></section>
</section></main></body></html>"##;

#[test]
fn api_signatures_are_kept_as_the_headings_they_are() {
    let p = html::parse(API_PAGE);
    let texts: Vec<&str> = blocks(&p).into_iter().map(|(_, t)| t).collect();
    for signature in [
        "Implementations",
        "▸ impl<T> Slab<T>",
        "▸ pub fn get(&self, key: usize) -> Option<&T>",
        "pub fn insert(&mut self, val: T) -> usize",
    ] {
        assert!(
            texts.contains(&signature),
            "{signature:?} not in {texts:#?}"
        );
    }
    assert!(
        !texts
            .iter()
            .any(|t| ["▸", "·"].contains(&t.trim()) || t.contains("1.2.0") || t.contains("1.0.0")),
        "a bare summary mark, separator or version note: {texts:#?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("teaser")),
        "headings that are links as a whole are still furniture: {texts:#?}"
    );
}

#[test]
fn a_summary_with_no_text_gets_no_mark() {
    let p = html::parse(
        "<body><details><summary><span class=\"rightside\">1.0</span></summary>\
         <p>What the details hold.</p></details></body>",
    );
    let texts: Vec<&str> = blocks(&p).into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts, ["What the details hold."]);
}

#[test]
fn the_rules_for_doc_pages_leave_ordinary_pages_alone() {
    let essay = "An essay set in the right-hand column of an old table layout, long \
                 enough to be the page's whole point and more than a version note.";
    let page = format!(
        "<body><p>As <a href=\"#\">Tom</a> said, press <a href=\"#\">OK</a> to go on.</p>\
         <p>—</p><p>&#160;</p><table><tr><td class=\"rightside\"><p>{essay}</p></td></tr></table>\
         <dl><dt>Default</dt><dd>—</dd></dl></body>"
    );
    let p = html::parse(&page);
    let texts: Vec<&str> = blocks(&p).into_iter().map(|(_, t)| t).collect();
    assert!(
        texts.contains(&"As Tom said, press OK to go on."),
        "{texts:#?}"
    );
    assert!(
        texts.iter().filter(|t| t.trim() == "—").count() == 2,
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("An essay set")),
        "{texts:#?}"
    );
}

#[test]
fn a_dropped_row_of_separators_takes_its_links_with_it() {
    let p = html::parse(
        "<body><p><a href=\"https://stale.example/\">·</a> | </p>\
         <p><a href=\"https://good.example/\">Good link</a> and more words.</p></body>",
    );
    let urls: Vec<(&str, &str)> = p
        .links
        .iter()
        .map(|l| (&p.text[l.start..l.end], l.url))
        .collect();
    assert_eq!(urls, [("Good link", "https://good.example/")]);
}
