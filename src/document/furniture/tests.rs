//! Tests of furniture detection on whole articles: the bundled ones, and
//! small ones that pin each rule and what it must leave alone.

use crate::document::{Document, FoldKind, Source};

fn doc(text: &str) -> Document {
    Document::new(Source::Stdin, text.to_string())
}

fn shown(d: &Document) -> String {
    d.shown_byte_ranges().map(|r| &d.text[r]).collect()
}

fn last_shown(d: &Document) -> &str {
    d.shown_passages()
        .last()
        .map_or("", |(_, p)| d.text[p.range.clone()].trim())
}

const PROSE: &str = "This paragraph is the article itself: it runs on for a while, long \
    enough to be prose and not a caption, a teaser or a link, as articles do.";

#[test]
fn each_bundled_article_folds_its_furniture_and_keeps_its_last_paragraph() {
    let docs = crate::corpus::bundled();
    let ends = [
        "Without this driving force, everything will end in failure.",
        "WeChat e-commerce can be best described as a \"castle in the air\".",
        "QQ uses this method to create a new commercial life for itself.",
        "it's OK if you are evenly matched.",
        "Please indicate the author information and source when reprinting! |",
    ];
    let furniture = [
        "Get pregnant as early as possible",
        "Review expert: Ji Shi",
        "Leave A Comment",
        "Webb telescope",
        "Currently in the domestic software market",
    ];
    assert_eq!(docs.len(), ends.len());
    for ((d, end), gone) in docs.iter().zip(ends).zip(furniture) {
        assert!(
            last_shown(d).ends_with(end),
            "{}: {:?}",
            d.source,
            last_shown(d)
        );
        assert!(!shown(d).contains(gone), "{}: {gone}", d.source);
        assert!(!shown(d).contains("<<:") && !shown(d).contains(">>:"));
        // Kept, for the whole page.
        assert!(d.text.contains(gone));
    }
    // The bio under the first two articles, and the placeholder.
    assert!(!shown(&docs[0]).contains("Baidu Digital Author of the Year"));
    assert!(!shown(&docs[1]).contains("Baidu Digital Author of the Year"));
    assert!(!shown(&docs[3]).contains("[[152224]]"));
}

#[test]
fn folded_words_are_not_counted() {
    let body = format!("Title\n\n{PROSE}");
    let with = format!("{body}\n\nRelated Reading\n\nA teaser about something else...\n");
    assert_eq!(doc(&with).words, doc(&body).words);
    assert_eq!(doc(&with).minutes, doc(&body).minutes);
}

#[test]
fn a_related_heading_folds_the_teasers_after_it() {
    for heading in [
        "Related articles",
        "You may also like",
        "## 相关阅读",
        "推荐阅读",
    ] {
        let d = doc(&format!(
            "Title\n\n{PROSE}\n\n{heading}\n\nAnother story\n\nAnd a third story, with a line."
        ));
        assert_eq!(d.folds.len(), 1, "{heading}");
        assert_eq!(d.folds[0].kind, FoldKind::Related);
        assert!(!shown(&d).contains("third story"));
        assert_eq!(last_shown(&d), PROSE);
    }
}

#[test]
fn a_heading_followed_by_prose_is_the_article() {
    let d = doc(&format!("Title\n\n{PROSE}\n\nRecommended\n\n{PROSE}\n"));
    assert!(d.folds.is_empty(), "{:?}", d.folds);
    let verdict = doc(&format!(
        "Title\n\n{PROSE}\n\nRecommended\n\nBuy the blue one.\n"
    ));
    assert!(verdict.folds.is_empty(), "{:?}", verdict.folds);
}

#[test]
fn previous_next_lines_in_chinese() {
    let d = doc(&format!(
        "标题\n\n{PROSE}\n\n上一篇：微信支付的未来\n\n下一篇：支付宝的社交之路"
    ));
    assert_eq!(d.folds.len(), 1);
    assert_eq!(d.folds[0].kind, FoldKind::PreviousNext);
    assert_eq!(last_shown(&d), PROSE);
}

#[test]
fn a_run_of_teasers_folds_without_a_heading() {
    let d = doc(&format!(
        "Title\n\n{PROSE}\n\nFirst story\n\nIt began on a Monday when the...\n\nSecond story\n\n\
         Nobody expected the weather to...\n\nThird story\n\nThe market opened lower and…"
    ));
    assert_eq!(d.folds.len(), 1, "{:?}", d.folds);
    assert_eq!(last_shown(&d), PROSE);
}

#[test]
fn a_body_ending_in_a_short_list_or_an_ellipsis_keeps_it() {
    let list = doc(&format!(
        "Title\n\n{PROSE}\n\n- eggs\n\n- flour\n\n- milk\n\nAnd then we waited..."
    ));
    assert!(list.folds.is_empty(), "{:?}", list.folds);
    let trailing = doc(&format!("Title\n\n{PROSE}\n\nTo be continued..."));
    assert!(trailing.folds.is_empty());
    let two = doc(&format!("Title\n\n{PROSE}\n\nWait...\n\nFor it..."));
    assert!(two.folds.is_empty());
}

#[test]
fn comment_prompt_captcha_and_share_lines_fold() {
    let d = doc(&format!(
        "Title\n\n{PROSE}\n\nShare this article\n\nLeave a Reply\n\n\
         Please type the captcha to prove you are human."
    ));
    let kinds: Vec<FoldKind> = d.folds.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![FoldKind::Share, FoldKind::Comments]);
    assert_eq!(last_shown(&d), PROSE);
}

#[test]
fn furniture_without_a_blank_line_before_it_is_cut_off() {
    let d = doc(&format!(
        "Title\n\n{PROSE}\n>>: The next article\nA teaser of it...\nAnother teaser..."
    ));
    assert_eq!(last_shown(&d), PROSE);
    assert!(!shown(&d).contains("next article"));
    // Without furniture, the paragraph is left whole.
    let plain = doc(&format!(
        "Title\n\n{PROSE}\nA second line of the same paragraph."
    ));
    assert_eq!(plain.passages.len(), 1);
    assert!(plain.folds.is_empty());
}

#[test]
fn image_placeholders_fold_anywhere() {
    let d = doc(&format!(
        "Title\n\n[[152224]]\n\n{PROSE}\n\n[图片]\n\n{PROSE}"
    ));
    assert_eq!(d.folds.len(), 2);
    assert!(
        d.folds
            .iter()
            .all(|f| f.kind == FoldKind::ImagePlaceholders)
    );
}

#[test]
fn a_document_of_nothing_but_furniture_folds_nothing() {
    let d = doc("Title\n\nShare this\n\nRelated\n\nA teaser...");
    assert!(d.folds.is_empty());
}

#[test]
fn markdown_articles_fold_too() {
    let text = format!("# Title\n\n{PROSE}\n\n## Related posts\n\n- [One](a.md)\n- [Two](b.md)\n");
    let d = crate::markup::markdown::parse(&text).into_document(Source::Stdin);
    assert_eq!(d.folds.len(), 1, "{:?}", d.folds);
    assert!(!shown(&d).contains("One"));
}

#[test]
fn a_block_of_teaser_lines_is_cut_only_where_it_is_folded() {
    let teasers = "First story begins...\nSecond story goes...\nThird story ends...";
    let tail = doc(&format!("Title\n\n{PROSE}\n\n{teasers}"));
    assert_eq!(tail.passages.len(), 4, "one passage a line");
    assert_eq!(last_shown(&tail), PROSE);
    // The same lines inside the article: one paragraph, shown.
    let long = PROSE.repeat(2);
    let inside = doc(&format!("Title\n\n{PROSE}\n\n{teasers}\n\n{long}"));
    assert_eq!(inside.passages.len(), 3);
    assert!(inside.folds.is_empty());
}
