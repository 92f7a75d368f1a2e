//! Unit tests for reader-mode extraction, one rule a test, on small pages
//! built to look like real ones: a menu, the article's paragraphs of prose,
//! and the furniture each rule is about.

use crate::document::{FoldKind, WholePage};
use crate::markup::Parsed;
use crate::markup::html::parse;

/// A paragraph of prose, long enough to count as one (about 300 letters,
/// with commas).
fn prose(topic: &str) -> String {
    format!(
        "<p>The {topic} was studied for years, and the findings, published this \
         spring, surprised the researchers who had expected the opposite result. \
         They measured it in the field, in the laboratory, and again in the field, \
         and each time the {topic} behaved the same way, which nobody had predicted.</p>"
    )
}

/// An article of four paragraphs about `topic`.
fn article(topic: &str) -> String {
    (1..=4).map(|n| prose(&format!("{topic} {n}"))).collect()
}

/// A page: a menu of links, `body`, a copyright line.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>A page</title></head><body>\
         <div class=top><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></div>\
         {body}\
         <div class=bottom>Copyright 2024 The Daily Example</div></body></html>"
    )
}

/// What a reader sees: the article, without the folded page around it.
fn text(p: &Parsed) -> String {
    p.shown_text()
}

#[test]
fn the_article_is_read_without_the_menu_around_it() {
    let p = parse(page(&format!("<div class=story>{}</div>", article("lake"))));
    assert!(text(&p).contains("The lake 1 was studied"), "{}", text(&p));
    assert!(text(&p).contains("The lake 4 was studied"));
    assert!(!text(&p).contains("Sport"), "{}", text(&p));
    assert!(!text(&p).contains("Copyright"), "{}", text(&p));
}

#[test]
fn a_body_wrapped_in_a_form_keeps_its_article() {
    // ASP.NET pages put the whole body in one <form>.
    let body = format!(
        "<form method=post action=./page.aspx><input type=hidden name=__VIEWSTATE value=x>\
         <div id=content>{}</div></form>",
        article("river")
    );
    let p = parse(page(&body));
    assert!(text(&p).contains("The river 1 was studied"), "{}", text(&p));
    assert!(text(&p).contains("The river 4 was studied"));
}

#[test]
fn a_form_wrapped_page_without_an_article_still_shows_its_text() {
    let p = parse(
        "<html><body><form action=x><p>Opening hours: nine to five.</p>\
         <p>Closed on Sundays.</p></form></body></html>",
    );
    assert!(
        text(&p).contains("Opening hours: nine to five."),
        "{}",
        text(&p)
    );
    assert!(text(&p).contains("Closed on Sundays."));
}

#[test]
fn the_comment_section_is_dropped() {
    let comments = "<div id=comments><h3>12 comments</h3>\
         <div class=comment><p>Great article, thanks for writing it, I learned a lot about \
         this and will share it with my friends, who will like it too.</p></div>\
         <div class=comment><p>I disagree with the second paragraph, the data says \
         otherwise, and the authors should have known it, really.</p></div></div>";
    let body = format!("<div class=post>{}</div>{comments}", article("forest"));
    let p = parse(page(&body));
    assert!(
        text(&p).contains("The forest 4 was studied"),
        "{}",
        text(&p)
    );
    assert!(!text(&p).contains("12 comments"), "{}", text(&p));
    assert!(!text(&p).contains("Great article"), "{}", text(&p));
}

#[test]
fn related_links_inside_the_article_are_dropped() {
    let related = "<div id=jp-relatedposts class=jp-relatedposts><h3>Read next</h3><ul>\
         <li><a href=/a>Ten facts about telescopes you did not know</a></li>\
         <li><a href=/b>Why the sky is blue, explained at last</a></li>\
         <li><a href=/c>The best cameras of the year, ranked</a></li></ul></div>";
    let body = format!("<div class=entry>{}{related}</div>", article("glacier"));
    let p = parse(page(&body));
    assert!(
        text(&p).contains("The glacier 4 was studied"),
        "{}",
        text(&p)
    );
    assert!(!text(&p).contains("telescopes"), "{}", text(&p));
    assert!(!text(&p).contains("Read next"), "{}", text(&p));
}

#[test]
fn recommended_stories_inside_the_article_are_dropped() {
    let more = "<div class=more-stories><h3>Read next</h3><ul>\
         <li><a href=/a>Ten facts about telescopes you did not know</a></li>\
         <li><a href=/b>Why the sky is blue, explained at last</a></li></ul></div>";
    let body = format!("<div class=entry>{}{more}</div>", article("dune"));
    let p = parse(page(&body));
    assert!(text(&p).contains("The dune 4 was studied"), "{}", text(&p));
    assert!(!text(&p).contains("telescopes"), "{}", text(&p));
}

#[test]
fn a_list_of_related_articles_beside_it_is_dropped() {
    let related = "<div class=related-articles><p>Related: <a href=/x>Telescopes of the \
         world, a guide for the curious reader of science news</a></p></div>";
    let body = format!(
        "<div class=article-body>{}</div>{related}",
        article("coast")
    );
    let p = parse(page(&body));
    assert!(text(&p).contains("The coast 4 was studied"), "{}", text(&p));
    assert!(!text(&p).contains("Telescopes"), "{}", text(&p));
}

#[test]
fn the_cookie_banner_is_dropped() {
    let banner = "<div id=cookie-notice><p>We use cookies to improve your experience, \
         to show you personalised ads, and to measure our audience. By continuing to \
         browse you accept our use of cookies, as described in our policy.</p>\
         <a href=/accept>Accept all</a></div>";
    let body = format!("{banner}<div class=content>{}</div>", article("desert"));
    let p = parse(page(&body));
    assert!(
        text(&p).contains("The desert 1 was studied"),
        "{}",
        text(&p)
    );
    assert!(!text(&p).contains("cookies"), "{}", text(&p));
    assert!(!text(&p).contains("Accept all"), "{}", text(&p));
}

#[test]
fn share_buttons_inside_the_article_are_dropped() {
    let share = "<div class=share><a href=/tw>Tweet</a> <a href=/fb>Post</a></div>";
    let body = format!("<div class=post>{share}{}</div>", article("valley"));
    let p = parse(page(&body));
    assert!(!text(&p).contains("Tweet"), "{}", text(&p));
    assert!(text(&p).contains("The valley 1 was studied"));
}

#[test]
fn the_article_keeps_its_structure() {
    let body = format!(
        "<div class=post><h2>Findings</h2>{}<ul><li>first point of the list</li>\
         <li>second point of the list</li></ul><blockquote><p>A quoted line.</p></blockquote>\
         <pre>let x = 1;</pre><table><tr><th>Year</th><th>Count</th></tr>\
         <tr><td>2023</td><td>4</td></tr></table>{}</div>",
        article("cave"),
        prose("cave 5")
    );
    let p = parse(page(&body));
    use crate::document::Block;
    let kinds: Vec<&Block> = p.passages.iter().map(|x| &x.block).collect();
    assert!(kinds.contains(&&Block::Heading(2)), "{kinds:?}");
    assert!(
        kinds.iter().any(|b| matches!(b, Block::ListItem { .. })),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|b| matches!(b, Block::Quote { .. })),
        "{kinds:?}"
    );
    assert!(kinds.contains(&&Block::Code), "{kinds:?}");
    assert!(text(&p).contains("2023"), "{}", text(&p));
    assert!(text(&p).contains("The cave 5 was studied"), "{}", text(&p));
}

#[test]
fn siblings_that_continue_the_article_are_kept() {
    // The article's last paragraph sits outside the scored block.
    let body = format!(
        "<div class=wrap><div class=story>{}</div>{}</div>",
        article("island"),
        prose("island 9")
    );
    let p = parse(page(&body));
    assert!(
        text(&p).contains("The island 9 was studied"),
        "{}",
        text(&p)
    );
}

#[test]
fn a_page_without_an_article_is_shown_whole() {
    // An index page: short teasers only, no paragraph of prose.
    let teasers: String = (1..=8)
        .map(|n| format!("<div class=teaser><a href=/{n}>Story number {n}</a></div>"))
        .collect();
    let p = parse(page(&teasers));
    assert!(text(&p).contains("Sport"), "{}", text(&p));
    assert!(text(&p).contains("Story number 8"));
    assert!(text(&p).contains("Copyright"));
    // And says so.
    assert_eq!(p.whole_page, Some(WholePage::NoArticle));
    let article = parse(page(&format!("<div class=story>{}</div>", article("lake"))));
    assert_eq!(article.whole_page, None);
}

#[test]
fn a_nearly_empty_choice_falls_back_to_the_whole_page() {
    // One paragraph of prose among much more text in lists and tables:
    // the paragraph alone would hide most of what the page says.
    let rows: String = (1..=60)
        .map(|n| format!("<li>Entry {n}: a line of the directory with its own details</li>"))
        .collect();
    let body = format!("{}<ul>{rows}</ul>", prose("harbour"));
    let p = parse(page(&format!(
        "<div>{body}</div><div>{}</div>",
        prose("harbour 2")
    )));
    assert!(text(&p).contains("Entry 60"), "{}", text(&p));
}

#[test]
fn the_page_around_the_article_is_folded_not_lost() {
    let comments = "<div id=comments><h3>12 comments</h3>\
         <div class=comment><p>Great article, thanks for writing it.</p></div></div>";
    let related = "<div class=related-posts><h3>Read next</h3><ul>\
         <li><a href=/a>Ten facts about telescopes</a></li></ul></div>";
    let body = format!(
        "<nav><a href=/>Home</a></nav><div class=post>{}{related}</div>{comments}\
         <script>var hidden = 1;</script><div hidden>Never shown</div>",
        article("forest")
    );
    let p = parse(page(&body));
    // The reader sees the article; the whole page is still there.
    for furniture in [
        "Sport",
        "Copyright",
        "12 comments",
        "Great article",
        "telescopes",
    ] {
        assert!(!text(&p).contains(furniture), "{furniture}: {}", text(&p));
        assert!(p.text.contains(furniture), "{furniture}: {}", p.text);
    }
    // What a browser never shows is not kept.
    assert!(!p.text.contains("hidden = 1") && !p.text.contains("Never shown"));
    let kinds: Vec<FoldKind> = p.folds.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&FoldKind::Comments), "{kinds:?}");
    assert!(kinds.contains(&FoldKind::Related), "{kinds:?}");
    assert!(kinds.contains(&FoldKind::Navigation), "{kinds:?}");
    // The document folds the same passages and counts only the article.
    let words = text(&p).split_whitespace().count();
    let doc = p.into_document(crate::document::Source::Stdin);
    assert!(!doc.folds.is_empty());
    assert!(doc.words <= words, "{} > {words}", doc.words);
    let shown: String = doc
        .shown_passages()
        .map(|(i, _)| doc.passage_text(i))
        .collect();
    assert!(shown.contains("The forest 4 was studied") && !shown.contains("Great article"));
}

#[test]
fn json_ld_metadata_is_read() {
    let html = format!(
        "<html lang=en><head><title>Lake study - The Daily Example</title>\
         <link rel=canonical href=https://example.com/lake>\
         <script type=application/ld+json>{{\"@context\":\"https://schema.org\",\
         \"@type\":\"NewsArticle\",\"headline\":\"What the lake told us\",\
         \"author\":{{\"@type\":\"Person\",\"name\":\"Ann Lee\"}},\
         \"datePublished\":\"2024-04-20\",\"publisher\":{{\"name\":\"The Daily Example\"}}}}\
         </script></head><body><div class=story>{}</div></body></html>",
        article("lake")
    );
    let p = parse(&html);
    assert_eq!(p.title.as_deref(), Some("What the lake told us"));
    let m = &p.metadata;
    assert_eq!(m.author.as_deref(), Some("Ann Lee"));
    assert_eq!(m.published.as_deref(), Some("2024-04-20"));
    assert_eq!(m.site.as_deref(), Some("The Daily Example"));
    assert_eq!(m.url.as_deref(), Some("https://example.com/lake"));
    assert_eq!(m.lang.as_deref(), Some("en"));
    // The script is metadata, not text.
    assert!(!text(&p).contains("schema.org"), "{}", text(&p));
    // The document carries it.
    let doc = p.into_document(crate::document::Source::Stdin);
    assert_eq!(doc.title, "What the lake told us");
    assert_eq!(doc.url(), Some("https://example.com/lake"));
    assert_eq!(
        doc.meta.byline().as_deref(),
        Some("Ann Lee · The Daily Example · 2024-04-20")
    );
}

#[test]
fn the_site_name_is_cut_from_the_title() {
    let html = format!(
        "<html><head><title>What the lake told us | The Daily Example</title></head>\
         <body><div class=story>{}</div></body></html>",
        article("lake")
    );
    assert_eq!(parse(&html).title.as_deref(), Some("What the lake told us"));
}

/// Pages shaped to make extraction work hardest, each about 256 KiB.
fn hostile_pages() -> Vec<(&'static str, String)> {
    const SIZE: usize = 256 * 1024;
    let fill = |unit: &str| unit.repeat(SIZE / unit.len());
    let deep = {
        let level = "<div class=entry><p>Text, with commas, and more text to score it well.</p>";
        let mut page = level.repeat(200);
        page.push_str(&fill(
            "<p>a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q</p>",
        ));
        page
    };
    let distinct_classes: String = (0..SIZE / 80)
        .map(|n| {
            format!("<div class=c{n}-comment-content><p>Words, words and words {n}.</p></div>")
        })
        .collect();
    vec![
        ("deep nesting with prose at every level", deep),
        (
            "siblings",
            fill("<p>One sentence of prose, with a comma, in a row of many.</p>"),
        ),
        (
            "sibling blocks",
            fill("<div><p>Prose in a block, with commas, and words.</p></div>"),
        ),
        ("distinct classes", distinct_classes),
        (
            "link lists",
            fill("<ul><li><a href=/x>a link</a></li><li>text, text</li></ul>"),
        ),
        (
            "tables",
            fill("<table><tr><td>cell, text, and more text in a cell</td></tr></table>"),
        ),
    ]
}

#[test]
fn hostile_pages_are_read_without_hanging() {
    for (shape, page) in hostile_pages() {
        let start = std::time::Instant::now();
        let p = parse(&page);
        let took = start.elapsed();
        eprintln!("{shape}: {took:?}, {} bytes of text", p.text.len());
        // A guard against hangs (quadratic work), not a benchmark.
        assert!(took.as_secs() < 20, "{shape} took {took:?}");
        assert!(!p.text.is_empty(), "{shape} came out empty");
    }
}

/// Real pages (an element every 50-80 bytes, up to the 154,000 elements of
/// an 8.5 MB rustdoc page) get an outline; a page of nothing but tiny tags
/// (an element every 15 bytes) is shown whole, so its reading stays within
/// a few times its size.
#[test]
fn only_pages_of_nothing_but_tiny_tags_are_too_costly_to_outline() {
    use super::affordable;
    assert!(affordable(100_000, 2_000));
    assert!(affordable(8_546_423, 153_911));
    assert!(affordable(20_000_000, 400_000));
    assert!(!affordable(20_000_000, 20_000_000 / 15));
    assert!(!affordable(2_000_000, 2_000_000 / 5));
}

/// A page over the budget is read whole: its menu stays.
#[test]
fn a_page_too_dense_to_outline_is_shown_whole() {
    let mut body = format!("<div class=story>{}</div><div>", article("lake"));
    // Empty inline tags: far more elements than bytes of text.
    while body.len() < 3_000_000 {
        body.push_str("<i></i><b></b>");
    }
    body.push_str("</div>");
    let p = parse(page(&body));
    assert!(text(&p).contains("The lake 4 was studied"));
    assert!(
        text(&p).contains("Sport"),
        "the menu is shown with the page"
    );
}

#[test]
fn a_page_that_is_all_aside_is_shown_not_empty() {
    // Found by tests/extraction_fuzz.rs: the old reading dropped it all.
    let p = parse(format!(
        "<html><body><aside class=content>{}</aside></body></html>",
        prose("aside")
    ));
    assert!(text(&p).contains("The aside was studied"), "{}", p.text);
}
