//! Per-document statistics the index keeps and the ranking reads: the
//! body's length for BM25 and which letters a title holds. A leaf: the
//! index, the counters that fill it and the matchers that read it all
//! depend on this module, and it on none of them.

/// BM25's term-frequency saturation and length normalisation.
pub(crate) const K1: f32 = 1.2;
pub(crate) const B: f32 = 0.75;

/// Per-document facts the ranking needs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DocStats {
    /// Words plus CJK characters in the body: the BM25 document length.
    pub len: u32,
    pub passages: u32,
    /// Which ASCII letters and digits the title holds (bit 63: non-ASCII),
    /// to skip the fuzzy matcher on titles that cannot match.
    pub title_mask: u64,
    /// Whether it is a stub, a contents page, near-empty or a full page.
    pub standing: Standing,
}

/// How a document stands as an answer, best first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Standing {
    #[default]
    Full,
    /// Fewer than `quality::SLIGHT_WORDS` words of prose.
    Slight,
    /// A table of contents: mostly one linked line per passage.
    Navigation,
    /// Says it has moved, redirects, or is little more than a link.
    Stub,
}

impl Standing {
    /// How much of its body score a document keeps.
    pub(crate) fn body_factor(self) -> f32 {
        match self {
            Standing::Full => 1.0,
            Standing::Slight => 0.5,
            Standing::Navigation => 0.2,
            Standing::Stub => 0.02,
        }
    }

    /// Whether a title holding the query's words lifts the document above
    /// every document whose title does not.
    pub(crate) fn title_counts(self) -> bool {
        self == Standing::Full
    }
}

/// The document-length part of BM25 for a document of `len` tokens.
pub(crate) fn length_norm(len: u32, average_len: f32) -> f32 {
    K1 * (1.0 - B + B * len as f32 / average_len)
}

/// Bits for the ASCII letters and digits of `text` (folded); bit 63 when it
/// has anything else alphanumeric.
pub(crate) fn char_mask(text: &str) -> u64 {
    if text.is_ascii() {
        // A byte at a time: most titles are ASCII, and `quire search`
        // makes the mask of every file's title.
        return text
            .bytes()
            .fold(0, |mask, b| mask | ASCII_MASKS[usize::from(b)]);
    }
    let mut mask = 0u64;
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        mask |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            c if !c.is_ascii() && c.is_alphanumeric() => 1 << 63,
            _ => 0,
        };
    }
    mask
}

/// [`char_mask`]'s bit for each ASCII byte.
const ASCII_MASKS: [u64; 128] = {
    let mut masks = [0u64; 128];
    let mut b = 0;
    while b < 26 {
        masks[b'a' as usize + b] = 1 << b;
        masks[b'A' as usize + b] = 1 << b;
        b += 1;
    }
    let mut d = 0;
    while d < 10 {
        masks[b'0' as usize + d] = 1 << (26 + d);
        d += 1;
    }
    masks
};
