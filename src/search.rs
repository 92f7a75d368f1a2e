//! Search: turns the filter line's query into a ranked list of documents,
//! each with the positions that matched so the list can highlight them.
//!
//! A query is whitespace-separated words; a document matches when every
//! word matches its title (fuzzy, via fuzzy-matcher). Ranking: higher total
//! score first, then title, then load order, so equal entries never swap
//! places while the user types.

use crate::document::Document;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// One matching document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the document list.
    pub doc: usize,
    pub score: i64,
    /// Char indices of matched characters in the title, sorted.
    pub title_positions: Vec<usize>,
    /// The best matching passage, for previews; None for title-only matches.
    pub best_passage: Option<usize>,
    /// How many passages match the query.
    pub passage_matches: usize,
    /// A one-line excerpt of the best passage with highlighted byte ranges.
    pub snippet: Option<Snippet>,
}

/// A one-line excerpt with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// Every document in load order, as the unfiltered list.
pub fn all(docs: &[Document]) -> Vec<Hit> {
    (0..docs.len()).map(Hit::plain).collect()
}

impl Hit {
    fn plain(doc: usize) -> Hit {
        Hit {
            doc,
            score: 0,
            title_positions: Vec::new(),
            best_passage: None,
            passage_matches: 0,
            snippet: None,
        }
    }
}

/// Ranks `docs` against `query`; an empty query lists everything.
pub fn search(docs: &[Document], query: &str) -> Vec<Hit> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return all(docs);
    }
    let matcher = SkimMatcherV2::default().smart_case();
    let mut hits: Vec<Hit> = docs
        .iter()
        .enumerate()
        .filter_map(|(index, doc)| {
            let mut hit = Hit::plain(index);
            for word in &words {
                let (score, positions) = matcher.fuzzy_indices(&doc.title, word)?;
                hit.score += score;
                hit.title_positions.extend(positions);
            }
            hit.title_positions.sort_unstable();
            hit.title_positions.dedup();
            Some(hit)
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| docs[a.doc].title.cmp(&docs[b.doc].title))
            .then(a.doc.cmp(&b.doc))
    });
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn docs(titles: &[&str]) -> Vec<Document> {
        titles
            .iter()
            .map(|t| Document::new(Source::Stdin, t.to_string()))
            .collect()
    }

    fn titles(docs: &[Document], hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| docs[h.doc].title.clone()).collect()
    }

    #[test]
    fn empty_query_lists_everything_in_order() {
        let d = docs(&["b", "a"]);
        assert_eq!(titles(&d, &search(&d, "  ")), vec!["b", "a"]);
    }

    #[test]
    fn every_word_must_match() {
        let d = docs(&["WeChat e-commerce", "Alipay social", "WeChat and Alipay"]);
        assert_eq!(
            titles(&d, &search(&d, "wechat alipay")),
            vec!["WeChat and Alipay"]
        );
    }

    #[test]
    fn stronger_matches_rank_first_and_ties_sort_by_title() {
        let d = docs(&[
            "Zebra Alipay",
            "Alipay news",
            "xaxlxixpxaxyx scattered",
            "Alipay news",
        ]);
        let got = titles(&d, &search(&d, "alipay"));
        assert_eq!(got.last().unwrap(), "xaxlxixpxaxyx scattered");
        let hits = search(&d, "alipay");
        // Equal titles keep load order.
        let news: Vec<usize> = hits
            .iter()
            .filter(|h| d[h.doc].title == "Alipay news")
            .map(|h| h.doc)
            .collect();
        assert_eq!(news, vec![1, 3]);
    }

    #[test]
    fn positions_mark_matched_title_characters() {
        let d = docs(&["QQ Media"]);
        let hit = &search(&d, "qm")[0];
        assert_eq!(hit.title_positions, vec![0, 3]);
    }

    #[test]
    fn smart_case() {
        let d = docs(&["wechat", "WeChat"]);
        assert_eq!(titles(&d, &search(&d, "WeC")), vec!["WeChat"]);
        assert_eq!(search(&d, "wec").len(), 2);
    }
}
