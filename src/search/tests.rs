//! Unit tests of the search entry points on small hand-made documents.

use super::*;
use crate::document::Source;
use crate::store::DocId;

fn docs(titles: &[&str]) -> Vec<Arc<Document>> {
    titles
        .iter()
        .map(|t| Arc::new(Document::new(Source::Stdin, t.to_string())))
        .collect()
}

fn titles(docs: &[Arc<Document>], hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| docs[h.doc].title.clone()).collect()
}

#[test]
fn empty_query_lists_everything_in_order() {
    let d = docs(&["b", "a"]);
    assert_eq!(titles(&d, &search(&d, "  ")), vec!["b", "a"]);
}

#[test]
fn every_word_must_match_the_title() {
    let d = docs(&["WeChat e-commerce", "Alipay social", "WeChat and Alipay"]);
    assert_eq!(
        titles(&d, &search(&d, "wechat alipay")),
        vec!["WeChat and Alipay"]
    );
}

#[test]
fn stronger_title_matches_rank_first_and_ties_keep_load_order() {
    let d = docs(&[
        "Zebra Alipay",
        "Alipay news",
        "xaxlxixpxaxyx scattered",
        "Alipay news",
    ]);
    let hits = search(&d, "alipay");
    assert_eq!(titles(&d, &hits).last().unwrap(), "xaxlxixpxaxyx scattered");
    let news: Vec<usize> = hits
        .iter()
        .filter(|h| d[h.doc.0].title == "Alipay news")
        .map(|h| h.doc.0)
        .collect();
    assert_eq!(news, vec![1, 3]);
}

#[test]
fn positions_mark_matched_title_characters() {
    let d = docs(&["QQ Media"]);
    assert_eq!(search(&d, "qm")[0].title_positions, vec![0, 3]);
}

#[test]
fn smart_case_in_titles() {
    let d = docs(&["wechat", "WeChat"]);
    assert_eq!(titles(&d, &search(&d, "WeC")), vec!["WeChat"]);
    assert_eq!(search(&d, "wec").len(), 2);
}

fn articles() -> Vec<Arc<Document>> {
    [
        "Payments\n\nWechat pay grows.\n\nNothing else here at all.",
        "Messaging\n\nPeople chat all day.\n\nSome use WeChat to pay, and wechat to chat.",
        "Gardens\n\nRoses need water.",
        "Wechat history\n\nIt began as a chat app.",
        "Red packets\n\nThe red envelope came first.\n\nRed\nenvelopes followed; a red car and an envelope.",
    ]
    .iter()
    .map(|t| Arc::new(Document::new(Source::Stdin, t.to_string())))
    .collect()
}

#[test]
fn body_words_match_as_prefixes_and_every_word_must_match() {
    let d = articles();
    assert_eq!(titles(&d, &search(&d, "rose")), vec!["Gardens"]);
    assert_eq!(titles(&d, &search(&d, "pay chat")), vec!["Messaging"]);
    assert!(search(&d, "rose wechat").is_empty());
}

#[test]
fn title_matches_outrank_body_matches() {
    let d = articles();
    let got = titles(&d, &search(&d, "wechat"));
    assert_eq!(got[0], "Wechat history");
    assert_eq!(got.len(), 3);
}

#[test]
fn words_close_together_rank_higher() {
    let text = |a: &str, b: &str| format!("T\n\n{a}\n\n{b}");
    let d = vec![
        Document::new(Source::Stdin, text("alpha filler", "beta filler")),
        Document::new(Source::Stdin, text("alpha beta", "filler filler")),
    ];
    assert_eq!(
        search(&d, "alpha beta")
            .iter()
            .map(|h| h.doc.0)
            .collect::<Vec<_>>(),
        vec![1, 0]
    );
}

#[test]
fn smart_case_in_bodies() {
    let d = articles();
    // Only "Messaging" writes "WeChat"; the others write "Wechat" or "wechat".
    assert_eq!(titles(&d, &search(&d, "WeC")), vec!["Messaging"]);
    assert_eq!(search(&d, "Wechat pay").len(), 1);
}

#[test]
fn exclusions_remove_documents_by_whole_word() {
    let d = articles();
    assert_eq!(titles(&d, &search(&d, "wechat -history")).len(), 2);
    assert_eq!(
        titles(&d, &search(&d, "chat -people")),
        vec!["Wechat history"]
    );
    // `-pa` is not a prefix exclusion: "pay" documents stay.
    assert_eq!(search(&d, "pay -pa").len(), 2);
}

#[test]
fn phrases_must_appear_in_order() {
    let d = articles();
    let hits = search(&d, "\"red envelope\"");
    assert_eq!(titles(&d, &hits), vec!["Red packets"]);
    // "red envelope" and "Red\nenvelopes" match; "red car and an envelope" does not.
    assert_eq!(hits[0].passage_matches, 2);
    assert!(search(&d, "\"envelope red\"").is_empty());
    assert!(search(&d, "\"red car envelope\"").is_empty());
    // Case-sensitive phrase: only the capitalised one, across a line break.
    assert_eq!(search(&d, "\"Red envelopes")[0].best_passage, Some(1));
}

#[test]
fn snippet_is_the_best_passage_with_words_marked() {
    let d = articles();
    let hits = search(&d, "wechat chat");
    // The title match comes first; the body-only match follows.
    assert_eq!(titles(&d, &hits), vec!["Wechat history", "Messaging"]);
    let hit = &hits[1];
    assert_eq!(hit.best_passage, Some(1));
    assert_eq!(hit.passage_matches, 2);
    let s = hit.snippet.as_ref().unwrap();
    let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
    assert_eq!(marked, vec!["WeChat", "wechat", "chat"]);
}

#[test]
fn snippets_of_non_ascii_text_mark_whole_characters() {
    let d = vec![Document::new(
        Source::Stdin,
        "Título\n\nEl Ñandú corre. 我们用微信支付。".to_string(),
    )];
    for (query, want) in [
        ("ñandú", "Ñandú"),
        ("ñan", "Ñan"),
        ("Ñan", "Ñan"),
        ("微信", "微信"),
    ] {
        let hits = search(&d, query);
        let s = hits[0].snippet.as_ref().unwrap();
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, vec![want], "{query}");
    }
    assert!(
        search(&d, "ÑAN").is_empty(),
        "uppercase makes the word case-sensitive"
    );
}

#[test]
fn cjk_runs_match_as_substrings() {
    let d = vec![
        Document::new(Source::Stdin, "甲\n\n我们用微信支付宝。".to_string()),
        Document::new(Source::Stdin, "乙\n\n微博和支付。".to_string()),
    ];
    assert_eq!(
        search(&d, "信支付")
            .iter()
            .map(|h| h.doc.0)
            .collect::<Vec<_>>(),
        vec![0]
    );
    assert_eq!(search(&d, "支付").len(), 2);
    assert_eq!(search(&d, "微").len(), 2);
    assert!(search(&d, "微信博").is_empty());
}

#[test]
fn a_stale_generation_returns_none_and_the_current_one_results() {
    let d = articles();
    let index = SearchIndex::build(&d);
    let latest = AtomicU64::new(1);
    let q = Query::parse("wechat");
    let stale = Cancel::new(&latest, 0);
    assert!(index.search(&d, &q, &Options::default(), &stale).is_none());
    let current = Cancel::new(&latest, 1);
    assert_eq!(
        index
            .search(&d, &q, &Options::default(), &current)
            .map(|r| r.hits.len()),
        Some(3)
    );
}

#[test]
fn searches_cover_what_is_indexed_so_far() {
    let d = articles();
    let mut index = SearchIndex::new();
    let q = Query::parse("wechat");
    let count = |index: &SearchIndex| {
        index
            .search(&d, &q, &Options::default(), &Cancel::never())
            .map_or(0, |r| r.hits.len())
    };
    index.add(DocId(0), &d[0]);
    index.commit();
    assert_eq!(count(&index), 1);
    for (id, doc) in d.iter().enumerate().skip(1) {
        index.add(DocId(id), doc);
    }
    assert_eq!(count(&index), 1, "added, not yet committed");
    index.commit();
    assert_eq!(count(&index), 3);
}

#[test]
fn only_the_first_screen_is_described() {
    let d = articles();
    let index = SearchIndex::build(&d);
    let options = Options {
        describe: 1,
        snippet_width: 40,
        title_positions: true,
    };
    let r = index
        .search(&d, &Query::parse("chat"), &options, &Cancel::never())
        .unwrap();
    assert_eq!(r.described, 1);
    assert!(r.hits[0].snippet.is_some());
    assert!(r.hits[1..].iter().all(|h| h.snippet.is_none()));
    let mut rest = r.hits[1].clone();
    describe(&d[rest.doc.0], &Query::parse("chat"), 40, &mut rest);
    assert!(rest.snippet.is_some());
}

/// A long list is ranked the same whether its tail is sorted on another
/// core while the first screen is described, or every hit is described.
#[test]
fn a_long_list_ranks_the_same_past_the_first_screen() {
    let d: Vec<Arc<Document>> = (0..PARALLEL_TAIL + 500)
        .map(|i| {
            let body = "common ".repeat(1 + i % 13) + &"filler ".repeat(i % 29);
            Arc::new(Document::new(
                Source::Stdin,
                format!("Note {}\n\n{body}", i % 97),
            ))
        })
        .collect();
    let index = SearchIndex::build(&d);
    let query = Query::parse("common");
    let run = |describe| {
        let options = Options {
            describe,
            snippet_width: 80,
            title_positions: true,
        };
        let results = index
            .search(&d, &query, &options, &Cancel::never())
            .unwrap();
        results.hits.iter().map(|h| h.doc).collect::<Vec<_>>()
    };
    let all = run(usize::MAX);
    assert_eq!(all.len(), d.len());
    assert_eq!(run(50), all);
}
