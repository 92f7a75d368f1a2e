//! Property tests for anchors: on unchanged text every anchor resolves to
//! exactly the passages it was made on, whether found by hash or by quote.

use proptest::prelude::*;
use quire::bookmarks::anchor::Anchor;
use quire::document::{Document, Source};

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-zA-Z微信é]{1,8}", 1..12).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn anchors_resolve_to_themselves(paragraphs in prop::collection::vec(paragraph(), 1..10), a in 0usize..10, b in 0usize..10) {
        let text = format!("Title line\n\n{}", paragraphs.join("\n\n"));
        let doc = Document::new(Source::Stdin, text);
        let n = doc.passages.len();
        prop_assume!(n > 0);
        let (first, last) = ((a % n).min(b % n), (a % n).max(b % n));
        let anchor = Anchor::new(&doc, first, last).unwrap();
        let by_hash = anchor.resolve(&doc, true).unwrap();
        prop_assert_eq!((by_hash.passage, by_hash.passage_end), (first, last));
        // Without the hash the quote is searched; duplicates may legitimately
        // resolve elsewhere only if the same text occurs there too.
        let by_quote = anchor.resolve(&doc, false).unwrap();
        let found = doc.text[doc.passages[by_quote.passage].range.start..doc.passages[by_quote.passage_end].range.end].to_string();
        prop_assert_eq!(found, anchor.exact.clone());
        if doc.text.matches(anchor.exact.as_str()).count() == 1 {
            prop_assert_eq!((by_quote.passage, by_quote.passage_end), (first, last));
        }
    }
}
