//! The search engine on the bundled articles, through the public API the
//! UI and `quire search` use.

use quire::corpus::bundled;
use quire::document::Document;
use quire::search::{Cancel, Options, Query, SearchIndex, find_in_text, find_literal, search};
use quire::store::shared;
use std::sync::Arc;

fn names(docs: &[Arc<Document>], query: &str) -> Vec<String> {
    let mut got: Vec<String> = search(docs, query)
        .iter()
        .map(|h| docs[h.doc].source.display_path())
        .collect();
    got.sort();
    got
}

/// Bundled file names whose text contains `needle`, ignoring case.
fn mentioning(docs: &[Arc<Document>], needle: &str) -> Vec<String> {
    let mut got: Vec<String> = docs
        .iter()
        .filter(|d| d.text.to_lowercase().contains(needle))
        .map(|d| d.source.display_path())
        .collect();
    got.sort();
    got
}

#[test]
fn alipay_finds_exactly_the_two_alipay_articles() {
    let docs = shared(bundled());
    let want = vec![
        "bundled/003_fd6c087db6292609.txt".to_string(),
        "bundled/004_a0441e917eaabe1d.txt".to_string(),
    ];
    assert_eq!(mentioning(&docs, "alipay"), want);
    assert_eq!(names(&docs, "alipay"), want);
    assert_eq!(names(&docs, "Alipay"), want);
}

#[test]
fn red_envelope_finds_exactly_the_two_that_mention_red_envelopes() {
    let docs = shared(bundled());
    let want = vec![
        "bundled/000_dffff2a86dc4afee.txt".to_string(),
        "bundled/003_fd6c087db6292609.txt".to_string(),
    ];
    assert_eq!(mentioning(&docs, "red envelope"), want);
    // As the shell passes `quire search "red envelope"`, and as typed with quotes.
    assert_eq!(names(&docs, "red envelope"), want);
    assert_eq!(names(&docs, "\"red envelope\""), want);
    assert_eq!(names(&docs, "\"red envelope\" -alipay"), want[..1].to_vec());
}

#[test]
fn best_passage_and_snippet_show_the_match() {
    let docs = shared(bundled());
    for hit in search(&docs, "\"red envelope\"") {
        let doc = &docs[hit.doc];
        let passage = doc.passage_text(hit.best_passage.expect("a body match"));
        assert!(passage.to_lowercase().contains("red envelope"), "{passage}");
        let snippet = hit.snippet.expect("a snippet");
        assert!(!snippet.text.contains(|c: char| c.is_control()));
        assert!(unicode_width::UnicodeWidthStr::width(snippet.text.as_str()) <= 80);
        let marked: Vec<String> = snippet
            .highlights
            .iter()
            .map(|r| snippet.text[r.clone()].to_lowercase())
            .collect();
        assert!(marked.iter().all(|m| m == "red envelope"), "{marked:?}");
        assert!(hit.passage_matches >= 1);
    }
}

#[test]
fn every_occurrence_is_found_for_the_reader() {
    let docs = shared(bundled());
    let q = Query::parse("alipay");
    for doc in &docs {
        let expected = doc.text.to_lowercase().matches("alipay").count();
        let found = find_in_text(&doc.text, &q);
        assert_eq!(found.len(), expected, "{}", doc.source);
        assert!(
            found
                .iter()
                .all(|r| doc.text[r.clone()].eq_ignore_ascii_case("alipay"))
        );
        assert_eq!(find_literal(&doc.text, "alipay", true), found);
    }
}

#[test]
fn title_matches_come_before_body_matches() {
    let docs = shared(bundled());
    let hits = search(&docs, "alipay");
    // 003's title names Alipay; 004's title is its first sentence, which
    // also does: both are title matches, ranked ahead of nothing else.
    assert!(docs[hits[0].doc].title.to_lowercase().contains("alipay"));
    let hits = search(&docs, "wechat commerce");
    assert_eq!(
        docs[hits[0].doc].source.display_path(),
        "bundled/001_a7fb795689147b49.txt"
    );
}

#[test]
fn the_index_grows_while_documents_load() {
    let docs = shared(bundled());
    let mut index = SearchIndex::new();
    let q = Query::parse("alipay");
    let count = |index: &SearchIndex| {
        let r = index.search(&docs, &q, &Options::default(), &Cancel::never());
        r.map_or(0, |r| r.hits.len())
    };
    for (id, doc) in docs.iter().enumerate().take(4) {
        assert!(index.add(quire::store::DocId(id), doc));
    }
    index.commit();
    assert_eq!(count(&index), 1);
    assert!(index.add(quire::store::DocId(4), &docs[4]));
    index.commit();
    assert_eq!(count(&index), 2);
}
