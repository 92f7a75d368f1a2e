//! The one-shot scan (`quire search`) and the index (the filter line) must
//! give the same list: the same documents in the same order, with the same
//! scores, best passages, passage counts, title highlights and snippets.

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code)]
mod corpus_gen;

use quire::corpus::bundled;
use quire::document::{Document, Source};
use quire::search::{Cancel, Options, Query, Results, Scanner, SearchIndex, scan};
use quire::store::{DocId, shared};
use std::path::PathBuf;
use std::sync::Arc;

/// The benchmark's queries, every prefix typed on the way to the last,
/// and the syntax the filter line accepts.
const QUERIES: &[&str] = &[
    "we",
    "social",
    "xylophone",
    "qzxjv",
    "微信",
    "w",
    "wechat",
    "wechat e",
    "wechat ecommerce",
    "WeChat",
    "Alipay pay",
    "alipay",
    "\"red envelope\"",
    "\"red env",
    "red -envelope",
    "-the we",
    "e-commerce",
    "微信支付",
    "支付宝 alipay",
    "\"微信 支付\"",
    "the of and",
    "a",
    "2015",
    "Tencent -wechat",
    "café",
    "ÉCOLE",
];

fn index_results(
    docs: &[Arc<Document>],
    index: &SearchIndex,
    q: &str,
    options: &Options,
) -> Results {
    index.forget_cached_queries();
    index
        .search(docs, &Query::parse(q), options, &Cancel::never())
        .expect("never cancelled")
}

fn assert_same(docs: &[Arc<Document>], q: &str, options: &Options) {
    let index = SearchIndex::build(docs);
    let want = index_results(docs, &index, q, options);
    let got = scan(docs, &Query::parse(q), options);
    assert_eq!(got.described, want.described, "{q:?}");
    assert_eq!(got.hits.len(), want.hits.len(), "{q:?}");
    for (k, (g, w)) in got.hits.iter().zip(&want.hits).enumerate() {
        assert_eq!(g, w, "{q:?}: hit {k} ({})", docs[w.doc].title);
    }
}

#[test]
fn scan_and_index_agree_on_the_bundled_articles() {
    let docs = shared(bundled());
    let all = Options {
        describe: usize::MAX,
        snippet_width: 100,
        title_positions: true,
    };
    for q in QUERIES {
        assert_same(&docs, q, &all);
        assert_same(&docs, q, &Options::default());
    }
}

fn generated(count: usize) -> Vec<Arc<Document>> {
    let mut docs = Vec::new();
    corpus_gen::generate(42, count, |i, text| {
        let source = Source::File(PathBuf::from(format!("gen/{i:06}.txt")));
        docs.push(Arc::new(Document::new(
            source,
            quire::sanitize::sanitize(&text),
        )));
    });
    docs
}

#[test]
fn scan_and_index_agree_on_a_generated_corpus() {
    let docs = generated(600);
    let options = Options {
        describe: 50,
        snippet_width: 100,
        title_positions: true,
    };
    let index = SearchIndex::build(&docs);
    let mut matched = 0;
    for q in QUERIES {
        let want = index_results(&docs, &index, q, &options);
        let got = scan(&docs, &Query::parse(q), &options);
        assert_eq!(got, want, "{q:?}");
        matched += usize::from(!want.hits.is_empty());
    }
    // Every hit described (as the command line does), on several threads.
    let all = Options {
        describe: usize::MAX,
        snippet_width: 100,
        title_positions: true,
    };
    for q in ["we", "the", "w", "a -wechat"] {
        let want = index_results(&docs, &index, q, &all);
        assert!(want.hits.len() > 300, "{q:?}");
        assert_eq!(scan(&docs, &Query::parse(q), &all), want, "{q:?}");
    }
    // Not a comparison of empty lists.
    assert!(matched >= 12, "{matched}");
}

#[test]
fn tallies_on_several_threads_give_the_same_list() {
    let docs = generated(300);
    let options = Options::default();
    for q in ["we", "wechat ecommerce", "微信", "the -social"] {
        let query = Query::parse(q);
        let scanner = Scanner::new(&query);
        let mut tallies: Vec<_> = (0..3).map(|t| scanner.tally(t)).collect();
        let mut candidates = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let tally = &mut tallies[i * 3 / docs.len()];
            candidates.extend(scanner.examine(tally, doc).map(|c| (DocId(i), c)));
        }
        let got = scanner.rank(&tallies, &docs, &candidates, &options);
        assert_eq!(got, scan(&docs, &query, &options), "{q:?}");
    }
}

#[test]
fn many_titles_matched_on_several_cores_rank_the_same() {
    let words = [
        "wechat", "weibo", "alipay", "taobao", "social", "web", "week",
    ];
    let docs: Vec<Arc<Document>> = (0..6000)
        .map(|i| {
            let text = format!(
                "{} news {i} {}\n\nbody {} and {}",
                words[i % 7],
                words[(i / 7) % 7],
                words[(i / 3) % 7],
                words[(i / 11) % 7]
            );
            Arc::new(Document::new(Source::Stdin, text))
        })
        .collect();
    let options = Options::default();
    let index = SearchIndex::build(&docs);
    for q in ["w", "we", "wechat e", "a -web"] {
        let want = index_results(&docs, &index, q, &options);
        assert!(!want.hits.is_empty(), "{q:?}");
        assert_eq!(scan(&docs, &Query::parse(q), &options), want, "{q:?}");
    }
}
