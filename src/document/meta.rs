//! What a document says about itself beyond its text: who wrote it, when,
//! where it was published and where it lives on the web. Read from a saved
//! page's metadata or a Markdown file's front matter; plain text has none.

use crate::markup::Metadata;

/// Separator between the parts of a byline.
const BYLINE_SEPARATOR: &str = " · ";

/// A document's metadata; every field is a sanitized single line, safe to
/// draw, and absent when the source does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub author: Option<String>,
    /// The publication date: `YYYY-MM-DD` when the source gives an ISO 8601
    /// date (so dates sort as text), otherwise as the source writes it.
    pub date: Option<String>,
    /// The site or publication's name.
    pub site: Option<String>,
    /// `site` was not named by the page but taken from the suffix its
    /// folder's titles share ([`crate::places::Places::name_site`]): the
    /// list, which hides that suffix, does not show it again in each row.
    pub site_from_titles: bool,
    /// The article's address (canonical URL, or front matter's `url`).
    pub url: Option<String>,
    /// The language the source declares (`en`, `zh-CN`...).
    pub lang: Option<String>,
    /// Why a saved page is shown whole rather than its article, when it is.
    pub whole_page: Option<WholePage>,
}

/// Why reader-mode extraction showed a saved page whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WholePage {
    /// The page has no article (an index, a list of links, a forum).
    NoArticle,
    /// The article found held too little of the page's text to trust.
    TooLittle,
}

impl Meta {
    /// The metadata a parsed page or front matter gave.
    pub fn from_metadata(metadata: Metadata) -> Meta {
        let keep = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Meta {
            author: keep(metadata.author),
            date: keep(metadata.published).map(|d| iso_day(&d).unwrap_or(d)),
            site: keep(metadata.site),
            site_from_titles: false,
            url: keep(metadata.url),
            lang: keep(metadata.lang),
            whole_page: None,
        }
    }

    /// A dim note about how the text was read, when there is one to make.
    pub fn note(&self) -> Option<&'static str> {
        self.whole_page.map(|why| match why {
            WholePage::NoArticle => "whole page shown: no article found in it",
            WholePage::TooLittle => "whole page shown: the article found was too short",
        })
    }

    /// The byline and the note, for a header line.
    pub fn header(&self) -> Option<String> {
        let parts: Vec<String> = self
            .byline()
            .into_iter()
            .chain(self.note().map(String::from))
            .collect();
        (!parts.is_empty()).then(|| parts.join(BYLINE_SEPARATOR))
    }

    /// `author · site · date`, with whichever parts are known; `None` when
    /// none is.
    pub fn byline(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.author, &self.site, &self.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(BYLINE_SEPARATOR))
    }

    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

/// The `YYYY-MM-DD` day an ISO 8601 date or date-time starts with.
fn iso_day(date: &str) -> Option<String> {
    let day = date.trim().get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    let rest_ok = date.trim()[10..]
        .chars()
        .next()
        .is_none_or(|c| c == 'T' || c == ' ' || c == 't');
    (shaped && rest_ok).then(|| day.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_days_and_others_stay_as_written() {
        let meta = |published: &str| {
            Meta::from_metadata(Metadata {
                published: Some(published.into()),
                ..Metadata::default()
            })
            .date
        };
        assert_eq!(meta("2024-04-20T04:20:00Z").as_deref(), Some("2024-04-20"));
        assert_eq!(meta("2019-11-05").as_deref(), Some("2019-11-05"));
        assert_eq!(meta("March 3, 2021").as_deref(), Some("March 3, 2021"));
        assert_eq!(meta("2024-04-2x").as_deref(), Some("2024-04-2x"));
        assert_eq!(meta("  ").as_deref(), None);
    }

    #[test]
    fn byline_joins_what_is_known() {
        let mut meta = Meta {
            author: Some("Ann Lee".into()),
            date: Some("2024-04-20".into()),
            ..Meta::default()
        };
        assert_eq!(meta.byline().as_deref(), Some("Ann Lee · 2024-04-20"));
        meta.site = Some("The Daily".into());
        assert_eq!(
            meta.byline().as_deref(),
            Some("Ann Lee · The Daily · 2024-04-20")
        );
        assert_eq!(Meta::default().byline(), None);
    }
}
