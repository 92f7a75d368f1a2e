//! The one place where untrusted text becomes displayable text.
//!
//! Every string that came from a file, a file name or standard input passes
//! through [`sanitize`] before it can reach the screen. Terminals act on
//! control characters (ESC starts CSI/OSC sequences that can clear the
//! screen, set the window title or write the clipboard), so none may survive:
//! they are replaced by visible symbols instead of being dropped, so the
//! reader can see that something was there.

use crate::script::ideograph_at;
use unicode_width::UnicodeWidthChar;

/// Columns between tab stops when tabs are expanded.
pub const TAB_WIDTH: usize = 4;

/// How many combining marks may follow one base character; more are dropped
/// so "zalgo" text cannot smear over neighbouring lines.
pub const MAX_COMBINING: usize = 4;

/// Shown for C1 control characters, which have no control pictures.
const C1_SYMBOL: char = '\u{FFFD}';
/// Shown for invisible format characters (bidi controls, zero-width spaces).
const INVISIBLE_SYMBOL: char = '\u{2B1A}';

/// Makes untrusted multi-line text safe to draw: keeps `\n`, expands tabs,
/// and replaces every other control, bidi or zero-width character with a
/// visible symbol.
pub fn sanitize(text: &str) -> String {
    // Most notes are printable ASCII, which needs no change; a byte scan
    // is much cheaper than the per-character path (a quarter of the time
    // `quire list` spent on a folder of 50,000 notes).
    if is_plain_ascii(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Characters that stay as they are are copied a run at a time: the
    // run began at `kept`.
    let mut kept = 0;
    let mut column = Column::default();
    let mut combining = 0usize;
    // Inside an emoji flag (U+1F3F4 then tag characters up to U+E007F,
    // e.g. Scotland's), tags are part of a picture; anywhere else they are
    // invisible text, which could smuggle words past the reader.
    let mut in_flag = false;
    let mut at = 0;
    while at < text.len() {
        // Printable ASCII, CJK ideographs and the punctuation between them,
        // nearly all of most text, are told by their bytes, a run at a time.
        let run = at;
        while at < text.len() {
            match kept_by_bytes(text, at) {
                0 => break,
                len => at += len,
            }
        }
        if at > run {
            combining = 0;
            in_flag = false;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        let kept_as_is = unchanged(c);
        at += c.len_utf8();
        if kept_as_is {
            combining = 0;
            in_flag = false;
            continue;
        }
        out.push_str(&text[kept..at - c.len_utf8()]);
        kept = at;
        let flag_tag = in_flag && is_tag(c);
        in_flag = c == BLACK_FLAG || (flag_tag && c != CANCEL_TAG);
        if flag_tag {
            out.push(c);
            continue;
        }
        if c == '\t' {
            let spaces = TAB_WIDTH - column.at_end(&out) % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            combining = 0;
            continue;
        }
        let shown = visible(c);
        let width = shown.width().unwrap_or(0);
        if width == 0 && !is_joiner(shown) {
            combining += 1;
            if combining > MAX_COMBINING {
                continue;
            }
        } else {
            combining = 0;
        }
        out.push(shown);
    }
    out.push_str(&text[kept..]);
    out
}

/// The length of the character at byte `at` of `text` when it is one that
/// [`unchanged`] keeps and its bytes tell so, or 0: printable ASCII and the
/// line feed, CJK ideographs (U+4E00 to U+9FFF), and the punctuation of
/// Chinese text: dashes, quotes and ellipses (U+2010 to U+2027), CJK
/// punctuation (U+3000 to U+3029, before the tone marks) and fullwidth
/// forms (U+FF01 to U+FF5E).
#[inline(always)]
fn kept_by_bytes(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    if ideograph_at(text, at) {
        return 3;
    }
    // A lead byte of E0 to EF starts a three-byte sequence, here complete
    // (the text is UTF-8).
    let next = |i: usize| bytes[at + i];
    let kept = match bytes[at] {
        b'\n' | b' '..=b'~' => return 1,
        0xE2 => next(1) == 0x80 && (0x90..=0xA7).contains(&next(2)),
        0xE3 => next(1) == 0x80 && (0x80..=0xA9).contains(&next(2)),
        0xEF => match next(1) {
            0xBC => (0x81..=0xBF).contains(&next(2)),
            0xBD => (0x80..=0x9E).contains(&next(2)),
            _ => false,
        },
        _ => false,
    };
    if kept { 3 } else { 0 }
}

/// Whether `c` is drawn as it is and ends any run of combining marks: a
/// visible character with a width, or a line feed, outside emoji flags.
/// Such characters are copied without looking at them one by one.
fn unchanged(c: char) -> bool {
    match c {
        ' '..='~' | '\n' => true,
        // CJK ideographs, most of Chinese text: wide, shown as they are.
        '\u{4E00}'..='\u{9FFF}' => true,
        '\0'..='\u{9F}' => false,
        _ => c != BLACK_FLAG && !is_tag(c) && visible(c) == c && c.width().is_some_and(|w| w > 0),
    }
}

/// The display column at the end of the text drawn so far, counted only
/// when a tab needs it (tabs are rare; counting every character is not).
#[derive(Default)]
struct Column {
    /// How far into the output the count has reached, and the column there.
    counted: usize,
    column: usize,
}

impl Column {
    fn at_end(&mut self, out: &str) -> usize {
        let new = &out[self.counted..];
        let (line, start) = match new.rfind('\n') {
            Some(i) => (&new[i + 1..], 0),
            None => (new, self.column),
        };
        self.column = start + line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        self.counted = out.len();
        self.column
    }
}

/// True when `bytes` are printable ASCII and line feeds only: text that
/// [`sanitize`] leaves exactly as it is.
pub fn is_plain_ascii(bytes: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, as just checked.
        return unsafe { is_plain_ascii_avx2(bytes) };
    }
    is_plain_ascii_chunks(bytes)
}

fn is_printable(b: u8) -> bool {
    b == b'\n' || (b' '..=b'~').contains(&b)
}

/// [`is_plain_ascii`] without AVX2. Chunks keep the loop branch-light, so
/// it runs at memory speed on the gigabyte files people do open.
fn is_plain_ascii_chunks(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(64);
    let whole = chunks
        .by_ref()
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & is_printable(b)));
    whole && chunks.remainder().iter().all(|&b| is_printable(b))
}

/// [`is_plain_ascii`] 64 bytes a step with AVX2: twice the bytes per
/// instruction of the SSE2 code the chunked loop compiles to, which was
/// the largest part of `quire search`'s own time over 10,000 small files.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn is_plain_ascii_avx2(bytes: &[u8]) -> bool {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };
    // As signed bytes, printable ASCII is 0x1F < b < 0x7F (bytes of 0x80
    // and up are negative), and the line feed is the one other byte kept.
    let (low, high, feed) = (
        _mm256_set1_epi8(0x1F),
        _mm256_set1_epi8(0x7F),
        _mm256_set1_epi8(b'\n' as i8),
    );
    let kept = |v: __m256i| {
        let printable = _mm256_and_si256(_mm256_cmpgt_epi8(v, low), _mm256_cmpgt_epi8(high, v));
        _mm256_or_si256(printable, _mm256_cmpeq_epi8(v, feed))
    };
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        // SAFETY: the chunk holds 64 bytes; the loads need no alignment.
        let (a, b) = unsafe {
            (
                _mm256_loadu_si256(chunk.as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(chunk.as_ptr().add(32).cast::<__m256i>()),
            )
        };
        let both = _mm256_and_si256(kept(a), kept(b));
        if _mm256_movemask_epi8(both) != -1 {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| is_printable(b))
}

/// Sanitizes a one-line string (a title, a file name, a message): line
/// breaks become spaces as well.
pub fn sanitize_line(text: &str) -> String {
    let mut line = sanitize(text);
    if line.contains('\n') {
        line = line.replace('\n', " ");
    }
    line
}

/// The character to draw in place of `c`.
fn visible(c: char) -> char {
    match c {
        // C0 controls map onto the Control Pictures block (ESC -> U+241B).
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or(C1_SYMBOL),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' => C1_SYMBOL,
        // Bidi embeddings, overrides, isolates and marks can reorder what the
        // reader sees ("Trojan Source"); zero-width characters hide text.
        '\u{061C}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{206A}'..='\u{206F}'
        | '\u{180E}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        // Egyptian, shorthand and musical format controls, and tags.
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => INVISIBLE_SYMBOL,
        // Line and paragraph separators would break layout assumptions.
        '\u{2028}' | '\u{2029}' => ' ',
        _ => c,
    }
}

/// Starts an emoji tag sequence (a subdivision flag).
const BLACK_FLAG: char = '\u{1F3F4}';
/// Ends an emoji tag sequence.
const CANCEL_TAG: char = '\u{E007F}';

/// Tag characters: invisible copies of ASCII, used only in emoji flags.
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Zero-width characters that shape text rather than stack on it: the
/// joiners used by emoji sequences and many scripts, and variation selectors.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// True when `c` must never be written to a terminal as-is.
pub fn is_unsafe(c: char) -> bool {
    c != '\n' && visible(c) != c || c == '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_telling_plain_ascii_agrees() {
        // The bytes at and around each edge of what is kept, alone among
        // printable bytes, at every offset around the 64-byte steps, in
        // texts of every length up to 200.
        let reference = |bytes: &[u8]| bytes.iter().all(|&b| b == b'\n' || (32..127).contains(&b));
        let mut text = b"The quick brown fox\njumps over the lazy dog. ".repeat(5);
        text.truncate(200);
        for len in 0..=text.len() {
            for at in 0..len {
                for byte in [0, 9, 10, 11, 13, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xC3, 0xFF] {
                    let mut bytes = text[..len].to_vec();
                    bytes[at] = byte;
                    let want = reference(&bytes);
                    assert_eq!(is_plain_ascii(&bytes), want, "{byte:#x} at {at} of {len}");
                    assert_eq!(
                        is_plain_ascii_chunks(&bytes),
                        want,
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
            assert!(is_plain_ascii(&text[..len]));
        }
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\u{1b}[2Jb\u{1b}]52;c;SGVsbG8=\u{7}c");
        assert_eq!(s, "a\u{241b}[2Jb\u{241b}]52;c;SGVsbG8=\u{2407}c");
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn c1_and_del_are_replaced() {
        let s = sanitize("x\u{9b}31my\u{7f}");
        assert_eq!(s, "x\u{FFFD}31my\u{2421}");
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("abcd\te"), "abcd    e");
        assert_eq!(sanitize("x\n\ty"), "x\n    y");
    }

    #[test]
    fn bidi_overrides_and_zero_width_are_made_visible() {
        let s = sanitize("abc\u{202E}def\u{200B}g\u{2066}");
        assert_eq!(s.matches(INVISIBLE_SYMBOL).count(), 3);
    }

    #[test]
    fn emoji_zwj_sequences_survive() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("\u{2764}\u{FE0F}"), "\u{2764}\u{FE0F}");
    }

    #[test]
    fn tag_characters_show_except_in_flags() {
        // Found by tests/props_text.rs: tags are invisible ASCII.
        let hidden = "see\u{E0069}\u{E0067}\u{E006E}";
        assert_eq!(sanitize(hidden), format!("see{}", "\u{2B1A}".repeat(3)));
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(sanitize(scotland), scotland);
        let after = format!("{scotland}\u{E0067}");
        assert_eq!(sanitize(&after), format!("{scotland}\u{2B1A}"));
        assert_eq!(sanitize("\u{2062}\u{206A}"), "\u{2B1A}\u{2B1A}");
    }

    #[test]
    fn combining_marks_are_capped() {
        let zalgo = format!("e{}", "\u{301}".repeat(50));
        let s = sanitize(&zalgo);
        assert_eq!(s.chars().count(), 1 + MAX_COMBINING);
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
    }

    /// The character-by-character sanitizer that [`sanitize`] speeds up by
    /// copying runs: every character looked at, the column kept as it goes.
    fn one_by_one(text: &str) -> String {
        let mut out = String::new();
        let (mut column, mut combining, mut in_flag) = (0, 0, false);
        for c in text.chars() {
            let flag_tag = in_flag && is_tag(c);
            in_flag = c == BLACK_FLAG || (flag_tag && c != CANCEL_TAG);
            if flag_tag {
                out.push(c);
            } else if c == '\n' {
                out.push('\n');
                (column, combining) = (0, 0);
            } else if c == '\t' {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                (column, combining) = (column + spaces, 0);
            } else {
                let shown = visible(c);
                let width = shown.width().unwrap_or(0);
                if width == 0 && !is_joiner(shown) {
                    combining += 1;
                    if combining > MAX_COMBINING {
                        continue;
                    }
                } else {
                    combining = 0;
                }
                out.push(shown);
                column += width;
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn copying_runs_changes_nothing(picks in proptest::collection::vec(0usize..50, 0..60)) {
            // Tabs after wide, zero-width and replaced characters; flags
            // and tags; marks after kept and after replaced characters.
            const ALPHABET: [&str; 50] = [
                "a", " ", "~", "\n", "\t", "\u{1b}", "\u{7f}", "\u{9b}", "\u{a0}", "é",
                "\u{301}", "\u{301}\u{301}\u{301}", "微", "信", "，", "。", "\u{3000}",
                "\u{302a}", "\u{ff21}", "\u{200b}", "\u{200d}", "\u{fe0f}", "\u{202e}",
                "\u{2028}", "\u{1f3f4}", "\u{e0067}", "\u{e007f}", "\u{e0001}", "\u{1f468}",
                "\u{2764}", "\u{feff}", "\u{ad}", "\u{1160}", "\u{0e31}", "\u{10ffff}",
                "\u{e000}", "\u{fffd}", "—", "\u{2060}", "x\u{0}y", "“", "”", "…",
                "\u{2027}", "\u{3029}", "\u{302b}", "\u{ff5e}", "\u{ff5f}", "\u{3099}", "\u{2010}",
            ];
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            proptest::prop_assert_eq!(sanitize(&text), one_by_one(&text), "{:?}", text);
        }
    }

    #[test]
    fn characters_copied_unlooked_are_drawn_as_they_are() {
        for c in ('\u{4E00}'..='\u{9FFF}').chain(' '..='~') {
            assert_eq!(visible(c), c);
            assert!(c.width().is_some_and(|w| w > 0), "{c:?}");
        }
        // Every character told by its bytes is one `unchanged` keeps, and
        // every one of these ranges is told so.
        let told = |c: char| {
            let text = c.to_string();
            let len = kept_by_bytes(&text, 0);
            assert!(len == 0 || len == c.len_utf8(), "{c:?}");
            len > 0
        };
        for c in ('\0'..='\u{FFFF}').filter(|&c| told(c)) {
            assert!(c == '\n' || unchanged(c), "{c:?} is told kept but is not");
        }
        let ranges = [
            ' '..='~',
            '\u{2010}'..='\u{2027}',
            '\u{3000}'..='\u{3029}',
            '\u{4E00}'..='\u{9FFF}',
            '\u{FF01}'..='\u{FF5E}',
        ];
        for c in ranges.into_iter().flatten() {
            assert!(told(c), "{c:?}");
        }
        assert!(!told('\u{2028}') && !told('\u{302A}') && !told('\u{FF5F}') && !told('\u{200B}'));
        assert!(!unchanged('\t') && !unchanged('\u{1b}') && !unchanged(BLACK_FLAG));
    }

    #[test]
    fn cjk_passes_unchanged() {
        assert_eq!(sanitize("微信支付宝"), "微信支付宝");
    }

    #[test]
    fn one_line_form_has_no_newlines() {
        assert_eq!(sanitize_line("a\nb\u{1b}"), "a b\u{241b}");
    }

    #[test]
    fn is_unsafe_flags_controls_only() {
        assert!(is_unsafe('\u{1b}'));
        assert!(is_unsafe('\t'));
        assert!(!is_unsafe('\n'));
        assert!(!is_unsafe('a'));
    }
}
