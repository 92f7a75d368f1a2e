//! The links a document holds, as stored with it: each link's text (a
//! byte range of the document text) with its target, and the element ids
//! (HTML `id`, Markdown heading slugs) that `#fragment` links name. The
//! reader's use of them (listing, following, going back) is in
//! [`crate::links`].

/// Element ids kept per document: every heading and anchor of a long page,
/// bounded for a hostile one.
pub const MAX_IDS: usize = 100_000;
/// Links kept per document: far more than any page a person reads has;
/// a generated index with more keeps its first ones.
pub const MAX_LINKS: usize = 100_000;

/// One link: its text in the document and where it points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// Byte offset in [`Document::text`](super::Document::text) where the link text starts.
    pub start: usize,
    /// Where it ends; equal to `start` for a link inside a table, whose
    /// text is laid out with the table.
    pub end: usize,
    /// The target as the page wrote it (sanitized): a URL, a relative
    /// path, `#fragment`.
    pub url: &'a str,
}

/// A link as stored: 16 bytes and its address in a shared buffer, since a
/// big page has a link every hundred bytes or so.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    start: u32,
    end: u32,
    url_start: u32,
    url_end: u32,
}

/// The links of one document and its named places.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// In text order.
    stored: Vec<Stored>,
    /// Every link's address, one after another.
    urls: String,
    /// Element ids with the byte offset of the text they name.
    pub ids: Vec<(String, usize)>,
    /// The page's own address (`<link rel=canonical>`), when it says one.
    pub canonical: Option<String>,
}

impl Links {
    /// Adds a link; past [`MAX_LINKS`], or past 4 GiB, it is not kept.
    pub fn push(&mut self, start: usize, end: usize, url: &str) {
        let url_start = self.urls.len();
        let fits = |n: usize| u32::try_from(n).ok();
        let (Some(start), Some(end), Some(url_start), Some(url_end)) = (
            fits(start),
            fits(end),
            fits(url_start),
            fits(url_start + url.len()),
        ) else {
            return;
        };
        if self.stored.len() >= MAX_LINKS {
            return;
        }
        self.urls.push_str(url);
        self.stored.push(Stored {
            start,
            end,
            url_start,
            url_end,
        });
    }

    pub fn len(&self) -> usize {
        self.stored.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stored.is_empty()
    }

    /// Link `index`, in text order.
    pub fn get(&self, index: usize) -> Option<Link<'_>> {
        let s = self.stored.get(index)?;
        Some(Link {
            start: s.start as usize,
            end: s.end as usize,
            url: self
                .urls
                .get(s.url_start as usize..s.url_end as usize)
                .unwrap_or(""),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Link<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Forgets the links from byte `start` on (that text was dropped).
    pub(crate) fn drop_from(&mut self, start: usize) {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        self.stored.retain(|s| s.start < start);
    }

    /// Cuts every link to end by `end` (the text was cut back there).
    pub(crate) fn clamp(&mut self, end: usize) {
        let end = u32::try_from(end).unwrap_or(u32::MAX);
        for s in &mut self.stored {
            s.start = s.start.min(end);
            s.end = s.end.clamp(s.start, end);
        }
    }

    /// The byte offset the id `name` names, if the document has it.
    pub fn id_offset(&self, name: &str) -> Option<usize> {
        self.ids
            .iter()
            .find(|(id, _)| id == name)
            .map(|&(_, offset)| offset)
    }
}
