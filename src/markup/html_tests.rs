//! Unit tests for the HTML parser: chrome, blocks, whitespace, entities.

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

#[test]
fn chrome_is_dropped_and_article_preferred() {
    let p = parse(
        "<html><head><title>Page  Title</title><style>p{}</style></head><body>\
         <nav>Home | About</nav><div role=banner>Banner</div>\
         <article><header><h1>Head</h1></header><p>Body <script>evil()</script>text.</p>\
         <footer>By me</footer></article>\
         <aside><article>Related</article></aside><footer>Copyright</footer></body></html>",
    );
    assert_eq!(p.title.as_deref(), Some("Page Title"));
    let shown: Vec<(Block, &str)> = blocks(&p)
        .into_iter()
        .zip(&p.passages)
        .filter(|(_, x)| p.shown_ranges().any(|r| r == x.range))
        .map(|(b, _)| b)
        .collect();
    assert_eq!(
        shown,
        vec![
            (Block::Heading(1), "Head"),
            (Block::Paragraph, "Body text."),
            (Block::Paragraph, "By me"),
        ]
    );
    // The chrome is folded around the article, the script dropped.
    assert!(p.text.contains("Home | About") && p.text.contains("Copyright"));
    assert!(!p.text.contains("evil"));
}

#[test]
fn whitespace_collapses_except_in_pre() {
    let p = parse("<p>  one\n   two <b> three </b>four  </p><pre>  a\n\n   b\n</pre>");
    assert_eq!(
        blocks(&p),
        vec![
            (Block::Paragraph, "one two three four"),
            (Block::Code, "  a\n\n   b"),
        ]
    );
    assert_eq!(spans(&p), vec![(SpanStyle::Strong, "three")]);
}

#[test]
fn lists_quotes_breaks_and_rules() {
    let p = parse(
        "<ul><li>a<ul><li>b</li></ul></li></ul><ol start=3><li>x<li>y</ol>\
         <blockquote><p>q<br>r</p></blockquote><hr>tail",
    );
    let item = |depth, marker: &str| Block::ListItem {
        depth,
        marker: marker.to_string(),
    };
    assert_eq!(
        blocks(&p),
        vec![
            (item(0, "•"), "a"),
            (item(1, "◦"), "b"),
            (item(0, "3."), "x"),
            (item(0, "4."), "y"),
            (Block::Quote { depth: 1 }, "q\nr"),
            (Block::Rule, "───"),
            (Block::Paragraph, "tail"),
        ]
    );
}

#[test]
fn links_images_and_inline_styles() {
    let p = parse(
        "<p>Read <a href='https://x.example/a?b=1&amp;c'>this <em>post</em></a> \
         <img src=i.png alt='a chart'> <code>x()</code> <a href='#top'>up</a></p>",
    );
    assert_eq!(p.text, "Read this post [image: a chart] x() up");
    let links: Vec<(&str, &str)> = p
        .links
        .iter()
        .map(|l| (&p.text[l.start..l.end], l.url))
        .collect();
    assert_eq!(
        links,
        vec![("this post", "https://x.example/a?b=1&c"), ("up", "#top")]
    );
    let s = spans(&p);
    assert!(s.contains(&(SpanStyle::Link, "this post")), "{s:?}");
    assert!(s.contains(&(SpanStyle::Emphasis, "post")));
    assert!(s.contains(&(SpanStyle::Dim, "[image: a chart]")));
    assert!(s.contains(&(SpanStyle::Code, "x()")));
    assert!(s.contains(&(SpanStyle::Link, "up")));
}

#[test]
fn title_falls_back_to_first_h1() {
    let p = parse("<h2>Two</h2><h1>One</h1><p>x</p>");
    assert_eq!(p.title.as_deref(), Some("One"));
    assert_eq!(parse("<p>only text</p>").title, None);
}

#[test]
fn tables_become_aligned_text() {
    let p = parse(
        "<table><thead><tr><th>名字</th><th>Age</th></tr></thead>\
         <tbody><tr><td>Alice <b>B</b></td><td>30</td></tr></tbody></table>",
    );
    assert_eq!(
        blocks(&p),
        vec![(Block::Table, "名字    │ Age\n────────┼────\nAlice B │ 30")]
    );
    assert!(p.spans.is_empty());
}

#[test]
fn entities_decode_then_sanitize() {
    let p = parse("<p>a&#27;]52;c;SGk=&#7;b &#x9b;2J &#27;[?1049h \u{9b}x &#x202E;</p>");
    assert!(!p.text.chars().any(|c| c.is_control()), "{:?}", p.text);
    assert!(p.text.contains("\u{241b}]52;c;SGk=\u{2407}b"));
    assert!(p.text.contains("\u{241b}[?1049h"));
}

#[test]
fn lines_follow_the_source() {
    let p = parse("<html>\n<body>\n<p>first</p>\n\n<p>second\npara</p>\n</body>");
    let lines: Vec<usize> = p.passages.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![3, 5]);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deep = format!(
        "{}x{}",
        "<div><blockquote>".repeat(5000),
        "</blockquote></div>".repeat(5000)
    );
    let p = parse(&deep);
    assert_eq!(blocks(&p), vec![(Block::Quote { depth: 8 }, "x")]);
}

#[test]
fn link_spanning_a_dropped_empty_passage_is_safe() {
    // The link opens in a paragraph that ends empty; its recorded start
    // must not be used to slice the next, shorter passage.
    let p = parse("<p>xxxxxxxxxxxx <a href=u><b></b></p><p>y</a></p>");
    assert!(p.text.starts_with("xxxxxxxxxxxx"), "{:?}", p.text);
    let q = parse("<p><a href=u> <p>y</a>");
    assert_eq!(q.text, "y");
    let link = q.links.get(0).unwrap();
    assert_eq!((link.url, &q.text[link.start..link.end]), ("u", "y"));
}

#[test]
fn element_ids_name_the_text_they_hold() {
    let p = parse(
        "<p>Intro</p><h2 id=usage>Usage <a class=header href=#usage>¶</a></h2>\
         <p>Run <span id=flag>--fast</span>.</p><a name=old></a><p>Last</p>\
         <table><tr><td><a href=t.html>cell</a></td></tr></table>",
    );
    let at = |id: &str| {
        let offset = p.links.id_offset(id).unwrap();
        p.text[offset..]
            .trim_start()
            .chars()
            .take(4)
            .collect::<String>()
    };
    assert_eq!(at("usage"), "Usag");
    assert_eq!(at("flag"), "--fa");
    assert!(
        p.text[p.links.id_offset("old").unwrap()..]
            .trim_start()
            .starts_with("Last")
    );
    // A link in a table marks the table's place.
    let cell = p.links.iter().find(|l| l.url == "t.html").unwrap();
    assert!(
        p.text[cell.start..].trim_start().starts_with("cell"),
        "{:?}",
        &p.text[cell.start..]
    );
}
