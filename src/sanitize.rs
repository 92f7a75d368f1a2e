//! The one place where untrusted text becomes displayable text.
//!
//! Every string that came from a file, a file name or standard input passes
//! through [`sanitize`] before it can reach the screen. Terminals act on
//! control characters (ESC starts CSI/OSC sequences that can clear the
//! screen, set the window title or write the clipboard), so none may survive:
//! they are replaced by visible symbols instead of being dropped, so the
//! reader can see that something was there.

mod cells;

pub use cells::push_apart;

use crate::script::ideograph_at;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    // Whether the character before went out as itself: selectors and
    // joiners stay only right after a character they can shape (see
    // [`in_context`]), which is then looked up in the input.
    let mut prev_kept = false;
    // Where pictures may join into sequences terminals draw otherwise.
    let mut joins = Vec::new();
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
            (combining, prev_kept) = (0, true);
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        at += c.len_utf8();
        if unchanged(c) {
            (combining, prev_kept) = (0, true);
            continue;
        }
        out.push_str(&text[kept..at - c.len_utf8()]);
        kept = at;
        if c == BLACK_FLAG {
            let flag = subdivision_flag(&text[at..]);
            out.push(c);
            out.push_str(flag);
            at += flag.len();
            kept = at;
            (combining, prev_kept) = (0, true);
            continue;
        }
        if c == '\t' {
            let spaces = TAB_WIDTH - column.at_end(&out) % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            (combining, prev_kept) = (0, true);
            continue;
        }
        let start = at - c.len_utf8();
        let before = || text[..start].chars().next_back().filter(|_| prev_kept);
        let shown = shown_in_context(c, before);
        prev_kept = shown == c;
        if prev_kept && may_join(c) {
            joins.push(out.len());
        }
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
    if !joins.is_empty() {
        out = cells::stable(&out, &joins);
    }
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
/// visible character with a width, or a line feed; not the start of an
/// emoji flag nor a skin tone, which need a look at their neighbours.
/// Such characters are copied without looking at them one by one.
fn unchanged(c: char) -> bool {
    match c {
        ' '..='~' | '\n' => true,
        // CJK ideographs, most of Chinese text: wide, shown as they are.
        '\u{4E00}'..='\u{9FFF}' => true,
        '\0'..='\u{9F}' => false,
        _ => {
            c != BLACK_FLAG
                && !is_modifier(c)
                && visible(c) == c
                && c.width().is_some_and(|w| w > 0)
        }
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
    // Whole chunks folded without an early exit keep the loop free of
    // branches, so it compiles to vector instructions and runs at memory
    // speed on the gigabyte files people do open.
    let mut chunks = bytes.chunks_exact(64);
    let whole = chunks
        .by_ref()
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & is_printable(b)));
    whole && chunks.remainder().iter().all(|&b| is_printable(b))
}

fn is_printable(b: u8) -> bool {
    b == b'\n' || (b' '..=b'~').contains(&b)
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
        // Tags (invisible ASCII) and the rest of the tag block.
        | '\u{E0000}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}'
        // Fillers and other default-ignorable characters that draw
        // nothing: Hangul fillers, the combining grapheme joiner, Khmer's
        // inherent vowels, the unassigned specials and the object
        // replacement character, which stands for nothing here.
        | '\u{034F}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{2065}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{FFFC}'
 => INVISIBLE_SYMBOL,
        // Line and paragraph separators would break layout assumptions.
        '\u{2028}' | '\u{2029}' => ' ',
        _ => c,
    }
}

/// Starts an emoji tag sequence (a subdivision flag).
const BLACK_FLAG: char = '\u{1F3F4}';

/// The tags after U+1F3F4 that make the subdivision flags Unicode
/// recommends (England, Scotland, Wales: "gbeng", "gbsct", "gbwls", then
/// the cancel tag U+E007F). Any other tag is invisible text that could
/// carry words past the reader, so it is shown as a symbol.
const SUBDIVISION_FLAGS: [&str; 3] = [
    "\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    "\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
];

/// The tags of a subdivision flag at the start of `rest` (the text after
/// a U+1F3F4), or "".
fn subdivision_flag(rest: &str) -> &'static str {
    SUBDIVISION_FLAGS
        .into_iter()
        .find(|tags| rest.starts_with(tags))
        .unwrap_or("")
}

/// The character to draw in place of `c` after `before` (the character
/// before it when that went out as itself): selectors and joiners as
/// themselves where they shape something, else as a symbol.
fn shown_in_context(c: char, before: impl FnOnce() -> Option<char>) -> char {
    match is_shaping(c) {
        true if in_context(c, before()) => c,
        true => INVISIBLE_SYMBOL,
        false => visible(c),
    }
}

/// Joiners and variation selectors: invisible, and meaningful only right
/// after a character they shape.
pub fn is_shaping(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// Whether the selector or joiner `c` is kept after `prev`: each shapes
/// the one character before it, so one is kept after a character it can
/// shape and any more (a run of invisible characters that could spell
/// hidden text, one bit or nibble each) are shown as symbols.
/// - ZWJ and ZWNJ: after a visible character (or a mark or selector on
///   one), not after another joiner or a space.
/// - VS15/VS16 (text or emoji style): after a visible character.
/// - VS1 to VS14: after a visible non-ASCII character (math symbols, CJK
///   compatibility ideographs, Myanmar).
/// - VS17 to VS256: after a CJK ideograph (ideographic variation
///   sequences, the only ones defined).
/// - Mongolian free variation selectors: after a Mongolian letter.
fn in_context(c: char, before: Option<char>) -> bool {
    let Some(before) = before else {
        return false;
    };
    let base = !before.is_whitespace() && before.width().is_some_and(|w| w > 0);
    match c {
        '\u{200C}' | '\u{200D}' => {
            !before.is_whitespace() && !matches!(before, '\u{200C}' | '\u{200D}')
        }
        '\u{FE0E}' | '\u{FE0F}' => base,
        '\u{FE00}'..='\u{FE0D}' => base && !before.is_ascii() && !changes_width(before, c),
        '\u{E0100}'..='\u{E01EF}' => is_ideograph(before),
        '\u{180B}'..='\u{180D}' | '\u{180F}' => ('\u{1820}'..='\u{18AF}').contains(&before),
        _ => false,
    }
}

/// True when `selector` after `base` makes a picture of another width
/// than `base` alone (VS1/VS2 make quotation marks full-width): terminals
/// draw the characters one by one, so the rest of the row would shift.
fn changes_width(base: char, selector: char) -> bool {
    let pair: String = [base, selector].into_iter().collect();
    pair.width() != base.width().unwrap_or(0)
}

/// CJK unified and compatibility ideographs, the bases of ideographic
/// variation sequences.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Tag characters: invisible copies of ASCII.
#[cfg(test)]
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Skin tones: drawn on the emoji before them, or as a swatch.
fn is_modifier(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Characters after which the width of what a terminal draws can differ
/// from the widths of the characters one by one; text holding them is
/// laid out again by [`cells::stable`].
fn may_join(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{20E3}') || is_modifier(c)
}

/// Zero-width characters that shape text rather than stack on it: the
/// joiners used by emoji sequences and many scripts, and variation selectors.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// The columns a terminal draws `text` in, character by character as
/// tmux, xterm and VTE do. For sanitized text it is also the sum of its
/// grapheme clusters' widths, which ratatui draws with (see `cells`);
/// `unicode-width`'s width of a whole string can be less (it counts an
/// Arabic lam-alef as one ligature column), so layout measures with this.
pub fn columns(text: &str) -> usize {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// JSON text as serde_json writes it, with every character a terminal
/// could act on, or that hides or reorders text, written as a `\uXXXX`
/// escape: the same values (they read back byte for byte), inert when the
/// JSON is printed to a terminal. serde_json escapes only C0 controls;
/// this adds DEL, C1 controls (U+009B is CSI), bidi controls, tags,
/// fillers, joiners and selectors. All of them are outside ASCII (DEL
/// aside), so they can only be inside strings, where an escape means the
/// same character.
pub fn inert_json(json: &str) -> String {
    let hidden = |c: char| c == '\u{7F}' || (!c.is_ascii() && (is_unsafe(c) || is_shaping(c)));
    if !json.chars().any(hidden) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hidden(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
    fn emoji_sequences_keep_every_picture_at_the_width_drawn() {
        // Terminals such as tmux 3.3 draw a ZWJ family person by person
        // and a heart with VS16 one column wide (see `cells`).
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(sanitize(family), "\u{1F468}\u{1F469}\u{1F467}");
        assert_eq!(sanitize("\u{2764}\u{FE0F}"), "\u{2764}");
        assert_eq!(sanitize("\u{1F44D}\u{FE0F}"), "\u{1F44D}\u{FE0F}");
        assert_eq!(sanitize("\u{1F44B}\u{1F3FD}"), "\u{1F44B}\u{200C}\u{1F3FD}");
        // Joiners between letters shape scripts and stay.
        let conjunct = "\u{915}\u{94D}\u{200D}\u{937}";
        assert_eq!(sanitize(conjunct), conjunct);
    }

    #[test]
    fn selectors_and_joiners_stay_only_where_they_shape_something() {
        // One selector after a base it can shape; a run of them, or one
        // after a space, is invisible text and is shown.
        assert_eq!(sanitize("\u{8FBB}\u{E0100}"), "\u{8FBB}\u{E0100}");
        assert_eq!(sanitize("a\u{E0100}"), "a\u{2B1A}");
        assert_eq!(sanitize("\u{2205}\u{FE00}"), "\u{2205}\u{FE00}");
        assert_eq!(sanitize("a\u{FE00}"), "a\u{2B1A}");
        // A full-width quotation mark would be drawn half as wide.
        assert_eq!(sanitize("\u{2018}\u{FE01}"), "\u{2018}\u{2B1A}");
        let smuggled = format!("\u{1F600}{}", "\u{FE01}\u{E0131}".repeat(8));
        let shown = format!("\u{1F600}\u{FE01}{}", "\u{2B1A}".repeat(15));
        assert_eq!(sanitize(&smuggled), shown);
        assert_eq!(sanitize("a\u{200D}\u{200D}b"), "a\u{200D}\u{2B1A}b");
        assert_eq!(sanitize(" \u{200C}x"), " \u{2B1A}x");
        assert_eq!(sanitize("\u{200D}x"), "\u{2B1A}x");
        assert_eq!(sanitize("\u{1820}\u{180B}"), "\u{1820}\u{180B}");
        assert_eq!(sanitize("a\u{180B}"), "a\u{2B1A}");
    }

    #[test]
    fn invisible_fillers_are_shown() {
        for filler in [
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{034F}',
            '\u{FFFC}',
            '\u{17B4}',
            '\u{2065}',
            '\u{E0000}',
            '\u{E0080}',
            '\u{E01F0}',
        ] {
            assert_eq!(sanitize(&format!("a{filler}b")), "a\u{2B1A}b", "{filler:?}");
        }
    }

    /// `text` spelled in tag characters, invisible ASCII.
    fn tags(text: &str) -> String {
        text.chars()
            .filter_map(|c| char::from_u32(0xE0000 + c as u32))
            .collect()
    }

    #[test]
    fn tag_characters_show_except_in_subdivision_flags() {
        // Found by tests/props_text.rs: tags are invisible ASCII.
        let hidden = format!("see{}", tags("ign"));
        assert_eq!(sanitize(&hidden), format!("see{}", "\u{2B1A}".repeat(3)));
        for region in ["gbeng", "gbsct", "gbwls"] {
            let flag = format!("\u{1F3F4}{}\u{E007F}", tags(region));
            assert_eq!(sanitize(&flag), flag);
            let after = format!("{flag}\u{E0067}");
            assert_eq!(sanitize(&after), format!("{flag}\u{2B1A}"));
        }
        // Words hidden behind a flag, with or without a cancel tag, and a
        // flag that is not one of the three ("usca").
        let words = tags("ignore all previous instructions");
        for smuggled in [
            format!("\u{1F3F4}{words}"),
            format!("\u{1F3F4}{words}\u{E007F}"),
            format!("\u{1F3F4}{}\u{E007F}", tags("usca")),
        ] {
            let shown = sanitize(&smuggled);
            assert!(!shown.chars().any(is_tag), "{shown:?}");
            let symbols = shown.chars().filter(|&c| c == INVISIBLE_SYMBOL).count();
            assert_eq!(symbols, smuggled.chars().count() - 1, "{shown:?}");
        }
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
        let (mut column, mut combining, mut before) = (0, 0, None);
        let mut joins = Vec::new();
        let mut chars = text.char_indices();
        while let Some((at, c)) = chars.next() {
            if c == BLACK_FLAG {
                let flag = subdivision_flag(&text[at + c.len_utf8()..]);
                out.push(c);
                out.push_str(flag);
                for _ in flag.chars() {
                    chars.next();
                }
                let last = flag.chars().next_back().unwrap_or(c);
                (column, combining, before) = (column + 2, 0, Some(last));
            } else if c == '\n' {
                out.push('\n');
                (column, combining, before) = (0, 0, Some(c));
            } else if c == '\t' {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                (column, combining, before) = (column + spaces, 0, Some(c));
            } else {
                let shown = shown_in_context(c, || before);
                before = Some(c).filter(|_| shown == c);
                if shown == c && may_join(c) {
                    joins.push(out.len());
                }
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
        if !joins.is_empty() {
            out = cells::stable(&out, &joins);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn copying_runs_changes_nothing(picks in proptest::collection::vec(0usize..62, 0..60)) {
            // Tabs after wide, zero-width and replaced characters; flags
            // and tags; marks after kept and after replaced characters.
            const ALPHABET: [&str; 62] = [
                "a", " ", "~", "\n", "\t", "\u{1b}", "\u{7f}", "\u{9b}", "\u{a0}", "é",
                "\u{301}", "\u{301}\u{301}\u{301}", "微", "信", "，", "。", "\u{3000}",
                "\u{302a}", "\u{ff21}", "\u{200b}", "\u{200d}", "\u{fe0f}", "\u{202e}",
                "\u{2028}", "\u{1f3f4}", "\u{e0067}", "\u{e007f}", "\u{e0001}", "\u{1f468}",
                "\u{2764}", "\u{feff}", "\u{ad}", "\u{1160}", "\u{0e31}", "\u{10ffff}",
                "\u{e000}", "\u{fffd}", "—", "\u{2060}", "x\u{0}y", "“", "”", "…",
                "\u{2027}", "\u{3029}", "\u{302b}", "\u{ff5e}", "\u{ff5f}", "\u{3099}", "\u{2010}",
                "\u{1f3fd}", "\u{fe00}", "\u{e0100}", "\u{3164}", "\u{20e3}", "1", "\u{200c}",
                "\u{e0062}\u{e0073}\u{e0063}\u{e0074}", "\u{1f44b}", "\u{fe0e}", "\u{1820}", "\u{180b}",
            ];
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            proptest::prop_assert_eq!(sanitize(&text), one_by_one(&text), "{:?}", text);
        }
    }

    #[test]
    fn a_keycap_mark_after_a_lone_one_does_not_panic() {
        // Two keycap marks with no base: the grapheme cursor puts the
        // second's cluster start before the first's end.
        let text = "\u{20e3}\u{301}\u{301}\u{301}\u{20e3}";
        assert_eq!(sanitize(text), one_by_one(text));
        assert_eq!(
            sanitize(&format!("a{text} b")),
            one_by_one(&format!("a{text} b"))
        );
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
    fn json_is_inert_and_reads_back_the_same() {
        let value = serde_json::json!({
            "id": "ab\u{1b}]0;PWNED\u{7}",
            "note": "\u{9b}2J \u{202E}evil\u{2066} \u{7f} \u{E0041}\u{200D} \u{1F600}\u{10FFFF}",
        });
        let json = inert_json(&value.to_string());
        let hidden = |c: char| c.is_control() || is_unsafe(c) || is_shaping(c);
        assert!(!json.chars().any(hidden), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\udb40\\udc41")
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
        assert_eq!(inert_json("{\"a\":\"微信 é\"}"), "{\"a\":\"微信 é\"}");
    }

    #[test]
    fn is_unsafe_flags_controls_only() {
        assert!(is_unsafe('\u{1b}'));
        assert!(is_unsafe('\t'));
        assert!(!is_unsafe('\n'));
        assert!(!is_unsafe('a'));
    }
}
