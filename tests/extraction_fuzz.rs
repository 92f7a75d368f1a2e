//! The fuzz target for reader-mode extraction, as property tests that run
//! on stable Rust in every `cargo test`: pages generated to reach the
//! article scoring (long paragraphs, class and id hints, folds, JSON-LD,
//! forms, layout tables, hidden parts) and real saved pages mutated
//! (cut, spliced, duplicated, sprinkled with tags and hostile bytes).
//!
//! Each must parse without a panic into a well-formed document whose
//! folds and shown text agree, and within a hang guard of one second per
//! 64 KiB (at least a few seconds): far above what any page takes, so it
//! only trips on runaway (quadratic or endless) work. More cases:
//! `PROPTEST_CASES=5000 cargo test --release --test extraction_fuzz`.

#[path = "../benches/support/extraction_score.rs"]
mod extraction_score;

use proptest::prelude::*;
use quire::document::{Document, Source};
use quire::markup::{Parsed, html};
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The hang guard: one second per 64 KiB of page...
const PER_64_KIB: Duration = Duration::from_secs(1);
/// ...and never less than this, for a loaded machine and a debug build.
const AT_LEAST: Duration = Duration::from_secs(5);

/// Parses `page`, checks what came out, and returns it.
fn read_checked(page: &str) -> Parsed {
    let start = Instant::now();
    let parsed = html::parse(page);
    let doc = parsed.clone().into_document(Source::Stdin);
    let took = start.elapsed();
    let allowed = AT_LEAST.max(PER_64_KIB * (page.len() / 65_536 + 1) as u32);
    assert!(
        took <= allowed,
        "{} bytes took {took:?} (allowed {allowed:?})",
        page.len()
    );
    check_parsed(&parsed);
    check_document(&doc);
    parsed
}

fn check_parsed(p: &Parsed) {
    let mut end = 0;
    for passage in &p.passages {
        let r = &passage.range;
        assert!(
            r.start >= end && r.start < r.end && r.end <= p.text.len(),
            "{r:?}"
        );
        assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
        end = r.end;
    }
    let mut next = 0;
    for fold in &p.folds {
        assert!(fold.passages.start >= next, "folds overlap: {:?}", p.folds);
        assert!(fold.passages.start < fold.passages.end);
        assert!(fold.passages.end <= p.passages.len());
        next = fold.passages.end;
    }
    let shown = p.shown_ranges().count();
    let folded: usize = p.folds.iter().map(|f| f.passages.len()).sum();
    assert_eq!(shown + folded, p.passages.len());
    assert!(!p.text.contains(['\u{1b}', '\u{9b}', '\u{7}', '\u{0}']));
}

fn check_document(doc: &Document) {
    let mut next = 0;
    for fold in &doc.folds {
        assert!(fold.passages.start >= next && fold.passages.start < fold.passages.end);
        assert!(fold.passages.end <= doc.passages.len());
        next = fold.passages.end;
    }
    // Something is always left to read when the page had passages.
    if !doc.passages.is_empty() {
        assert!(doc.shown_passages().next().is_some(), "all folded");
    }
    let meta = [
        &doc.meta.author,
        &doc.meta.site,
        &doc.meta.date,
        &doc.meta.url,
    ];
    for value in meta.into_iter().flatten() {
        assert!(!value.contains(['\u{1b}', '\n', '\u{7}']), "{value:?}");
    }
    assert!(!doc.title.contains(['\u{1b}', '\n']), "{:?}", doc.title);
}

/// A paragraph long enough to vote for its parent.
fn prose() -> impl Strategy<Value = String> {
    (1usize..6, "[a-z]{3,9}").prop_map(|(n, word)| {
        let sentence = format!(
            "The {word} was measured again, and again, by people who cared about it, \
             and the results, which surprised them, were written down. "
        );
        format!("<p>{}</p>", sentence.repeat(n))
    })
}

/// Class and id words that extraction weighs.
fn hint() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "content",
        "article-body",
        "post",
        "entry",
        "comment",
        "comments",
        "related",
        "share",
        "sidebar",
        "footer",
        "menu",
        "ad-banner",
        "hidden",
        "",
    ])
}

/// One block of a page: prose, furniture, or markup that is hard to read.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prose(),
        1 => "[a-z ]{0,40}".prop_map(|t| format!("<div class=teaser><a href=/x>{t}</a></div>")),
        1 => Just("<ul><li><a href=/a>One</a></li><li><a href=/b>Two</a></li></ul>".to_string()),
        1 => Just("<table><tr><td>cell<td>cell</table>".to_string()),
        1 => Just("<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"H\",\
                   \"author\":[{\"name\":\"A\u{1b}[2J\"},7,null],\"datePublished\":\"2020-01-01\"}</script>"
            .to_string()),
        1 => Just("<script type=application/ld+json>{\"@graph\":[[[{\"@type\":".to_string()),
        1 => Just("<meta property=og:title content='T\u{9b}31m'><meta name=author content=''>".to_string()),
        1 => Just("<form action=x><input type=hidden value=1>".to_string()),
        1 => Just("<div hidden><p>never shown</p></div>".to_string()),
        1 => Just("<nav><a href=/>Home</a></nav><header><h1>Site</h1></header>".to_string()),
        1 => Just("<pre>  code\n\n  more</pre><br><hr><img alt='a\u{1b}b'>".to_string()),
        1 => Just("</div></div></section></article>".to_string()),
        1 => Just("&#27;[31m&#x9b;&#0;\u{202e}".to_string()),
    ]
}

/// A page: blocks nested in elements with class/id hints.
fn page() -> impl Strategy<Value = String> {
    let element = prop::sample::select(vec![
        "div", "section", "article", "main", "aside", "footer", "td", "form", "span", "li",
    ]);
    let leaf = prop::collection::vec(block(), 1..6).prop_map(|b| b.concat());
    let tree = leaf.prop_recursive(4, 64, 6, move |inner| {
        (
            element.clone(),
            hint(),
            hint(),
            prop::collection::vec(inner, 1..4),
        )
            .prop_map(|(name, class, id, children)| {
                format!(
                    "<{name} class='{class}' id='{id}'>{}</{name}>",
                    children.concat()
                )
            })
    });
    (tree, prop::option::of("[A-Za-z |:-]{0,60}")).prop_map(|(body, title)| {
        let title = title.map_or(String::new(), |t| format!("<title>{t}</title>"));
        format!("<html lang=en><head>{title}</head><body>{body}</body></html>")
    })
}

/// The real saved pages kept as fixtures.
fn real_pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extraction");
        extraction_score::load_pages(&dir)
            .map(|pages| pages.into_iter().map(|p| p.source).collect())
            .unwrap_or_default()
    })
}

/// One change to a page, at positions given as fractions of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(f64),
    Delete(f64, f64),
    Duplicate(f64, f64),
    Insert(f64, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        at.clone().prop_map(Mutation::Truncate),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        (at, block()).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (
            0.0..1.0f64,
            prop::sample::select(vec![
                "<", "</div>", "<!--", "<table>", "\u{1b}", "<script>", "<pre>", "&"
            ])
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s.to_string())),
    ]
}

/// The byte offset nearest `fraction` of `page` on a character boundary.
fn offset(page: &str, fraction: f64) -> usize {
    let mut at = ((page.len() as f64) * fraction) as usize;
    at = at.min(page.len());
    while !page.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(mut page: String, mutations: &[Mutation]) -> String {
    for m in mutations {
        match m {
            Mutation::Truncate(a) => page.truncate(offset(&page, *a)),
            Mutation::Delete(a, b) | Mutation::Duplicate(a, b) => {
                let (x, y) = (offset(&page, a.min(*b)), offset(&page, a.max(*b)));
                // Bounded, so the page stays about real size.
                let y = y.min(x + 20_000);
                let y = (y..=page.len())
                    .find(|&i| page.is_char_boundary(i))
                    .unwrap_or(x);
                if matches!(m, Mutation::Delete(..)) {
                    page.replace_range(x..y, "");
                } else {
                    let copy = page[x..y].to_string();
                    page.insert_str(y, &copy);
                }
            }
            Mutation::Insert(a, s) => {
                let at = offset(&page, *a);
                page.insert_str(at, s);
            }
        }
    }
    page
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_pages_read_without_panic_or_hang(page in page()) {
        let parsed = read_checked(&page);
        // A page with prose always shows some of it.
        if page.contains("was measured again") && !parsed.text.is_empty() {
            prop_assert!(!parsed.shown_text().trim().is_empty(), "{}", page);
        }
    }

    #[test]
    fn mutated_real_pages_read_without_panic_or_hang(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let pages = real_pages();
        prop_assert!(!pages.is_empty(), "tests/fixtures/extraction has pages");
        let page = mutate(pages[which.index(pages.len())].clone(), &mutations);
        read_checked(&page);
    }
}

/// Saved pages are never all folds: extraction keeps its article shown.
#[test]
fn every_real_page_keeps_text_shown() {
    for page in real_pages() {
        let parsed = read_checked(page);
        assert!(!parsed.shown_text().trim().is_empty());
    }
}

/// Found by the generated pages: a menu (folded) and an `<h1>` that
/// repeats the title. The heading is all there is to read, so it stays.
#[test]
fn a_page_of_a_menu_and_its_title_keeps_the_title_shown() {
    let page = "<html lang=en><head></head><body><div class='content' id='content'>\
        <section class='content' id='content'><nav><a href=/>Home</a></nav>\
        <header><h1>Site</h1></header></section></div></body></html>";
    let doc = html::parse(page).into_document(Source::Stdin);
    check_document(&doc);
}
