//! One pass over the page tree that measures every element and scores the
//! candidates for the article, Readability's way.
//!
//! The page is fed as open/text/close events, so this works on any tree.
//! Each element that is not furniture gets an [`Element`] with the text
//! inside it (characters, link text, commas, paragraphs, images...).
//! When a paragraph closes, its score (one point, one per comma, one per
//! 100 characters up to three) goes to its parent in full, its grandparent
//! in half and three more ancestors in smaller shares: the element whose
//! children are the most paragraphs of prose collects the most.

use super::hints::{self, BLOCK_TAGS, HintCache, Names};

/// Shorter paragraphs do not vote for their ancestors.
const MIN_PARAGRAPH: usize = 25;
/// How many ancestors a paragraph's score reaches.
const SCORED_ANCESTORS: usize = 5;
/// Paragraphs shorter than this do not count towards "readerable".
const READERABLE_PARAGRAPH: usize = 140;

/// Elements whose content is never text to read or score.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "canvas", "button", "select",
    "textarea", "nav", "aside", "dialog", "audio", "video", "object", "embed", "iframe",
];
/// Elements scored as paragraphs with all their text.
const PARAGRAPHS: &[&str] = &["p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6"];
/// Elements whose loose text (outside block children) is a paragraph.
const LOOSE_TEXT_HOLDERS: &[&str] = &["div", "article", "main"];

/// What extraction knows of one element.
#[derive(Debug)]
pub(super) struct Element<Id> {
    pub id: Id,
    /// The tag's name if extraction tests it, else "" (no allocation).
    pub tag: &'static str,
    pub parent: Option<usize>,
    /// Index of the last element inside this one (itself if none).
    pub end: usize,
    pub weight: i32,
    /// A hash of the class attribute (0 without one).
    pub class: u64,
    pub share: bool,
    /// Characters of text inside, whitespace runs counted as one.
    pub text: usize,
    /// ... of which inside links.
    pub link_text: usize,
    /// ... of which inside lists.
    pub list_text: usize,
    /// Characters inside spared headings (see `spared`), which `text`
    /// leaves out.
    pub spared_text: usize,
    /// ... of which inside links.
    pub spared_link_text: usize,
    /// Text not inside a block child.
    pub loose_text: usize,
    pub commas: usize,
    pub loose_commas: usize,
    pub paragraphs: u32,
    pub images: u32,
    pub items: u32,
    pub inputs: u32,
    pub embeds: u32,
    /// `th`, `thead`, `caption`...: the marks of a data table.
    pub table_marks: u32,
    pub rows: u32,
    pub tables: u32,
    pub has_block_child: bool,
    /// A `<br>` child: text in lines, like paragraphs.
    pub has_br: bool,
    /// Its own class or id names furniture.
    pub unlikely: bool,
    /// A heading kept although its names say furniture: its text is
    /// shown but counts for nothing in choosing the article.
    pub spared: bool,
    pub in_code: bool,
    pub in_figure: bool,
    pub in_table: bool,
    /// The last visible character inside (for "ends a sentence").
    pub last_char: char,
    /// A candidate's score; `None` for elements no paragraph voted for.
    pub score: Option<f64>,
}

impl<Id> Element<Id> {
    pub(super) fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f64 / self.text as f64
        }
    }

    pub(super) fn is(&self, tag: &str) -> bool {
        self.tag == tag
    }
}

/// The attributes extraction reads.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Attributes<'a> {
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub role: Option<&'a str>,
    pub style: Option<&'a str>,
    pub hidden: bool,
    pub aria_hidden: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub itemtype: Option<&'a str>,
}

/// The measured page; see the module docs.
#[derive(Debug)]
pub(crate) struct Outline<Id> {
    pub(super) elements: Vec<Element<Id>>,
    /// Elements dropped as furniture before scoring.
    pub(super) pruned: Vec<Id>,
    /// Open elements, by index; `None` for skipped ones.
    open: Vec<Option<usize>>,
    /// Open skipped elements (their content is not measured).
    skipping: usize,
    /// Drop furniture by class, id and role (off on the second try).
    strip_unlikely: bool,
    /// What class attributes say, kept from one measuring to the next.
    hints: HintCache,
    /// Readability's "is probably readerable" sum: meaningful when
    /// furniture is not stripped, since it looks at each paragraph alone.
    pub(super) readerable: f64,
}

impl<Id: Copy> Outline<Id> {
    /// An empty outline that reuses what `hints` learned of class names,
    /// with room for `elements` elements.
    pub(super) fn new(strip_unlikely: bool, hints: HintCache, elements: usize) -> Outline<Id> {
        Outline {
            hints,
            elements: Vec::with_capacity(elements),
            pruned: Vec::new(),
            open: Vec::new(),
            skipping: 0,
            strip_unlikely,
            readerable: 0.0,
        }
    }

    fn current(&self) -> Option<usize> {
        self.open.last().copied().flatten()
    }

    /// An element starts.
    pub(crate) fn open(&mut self, id: Id, tag: &str, attrs: Attributes<'_>) {
        if self.skipping > 0 || SKIPPED.contains(&tag) {
            self.count_embed(tag);
            self.skipping += 1;
            self.open.push(None);
            return;
        }
        let parent = self.current();
        let parent_element = parent.map(|p| &self.elements[p]);
        let in_code = parent_element.is_some_and(|p| p.in_code || p.is("pre") || p.is("code"));
        let in_table = parent_element.is_some_and(|p| p.in_table || p.is("table"));
        let names = Names::new(&mut self.hints, attrs.class, attrs.id);
        let by_name = self.strip_unlikely
            && !matches!(tag, "body" | "a" | "html")
            && !in_table
            && !in_code
            && names.unlikely();
        // A heading's names often say "header" (rustdoc's `code-header` on
        // every signature, `section-header`): its tag already says it
        // heads the text, so it is spared, but votes for no article.
        let spared = by_name && matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let furniture = (by_name && !spared)
            || (self.strip_unlikely
                && !matches!(tag, "body" | "a" | "html")
                && !in_table
                && !in_code
                && hints::unlikely_role(attrs.role));
        if furniture || hints::hidden(attrs.hidden, attrs.aria_hidden, attrs.style) {
            self.pruned.push(id);
            self.skipping += 1;
            self.open.push(None);
            return;
        }
        let in_figure = parent_element.is_some_and(|p| p.in_figure || p.is("figure"));
        if let Some(p) = parent {
            let p = &mut self.elements[p];
            // A spared heading counts for nothing around it (see below).
            p.has_block_child |= BLOCK_TAGS.contains(&tag) && !spared;
            p.has_br |= tag == "br";
        }
        let index = self.elements.len();
        self.elements.push(Element {
            id,
            tag: known_tag(tag),
            parent,
            end: index,
            weight: names.weight() + hints::markup_weight(attrs),
            class: attrs.class.map_or(0, hints::class_hash),
            share: names.share(),
            text: 0,
            link_text: 0,
            list_text: 0,
            spared_text: 0,
            spared_link_text: 0,
            loose_text: 0,
            commas: 0,
            loose_commas: 0,
            paragraphs: u32::from(tag == "p"),
            images: u32::from(tag == "img"),
            items: u32::from(tag == "li"),
            inputs: u32::from(tag == "input"),
            embeds: 0,
            table_marks: u32::from(matches!(
                tag,
                "th" | "thead" | "tfoot" | "caption" | "col" | "colgroup"
            )),
            rows: u32::from(tag == "tr"),
            tables: 0,
            has_block_child: false,
            has_br: false,
            unlikely: names.unlikely() || hints::unlikely_role(attrs.role),
            spared,
            in_code,
            in_figure,
            in_table,
            last_char: ' ',
            score: None,
        });
        self.open.push(Some(index));
    }

    fn count_embed(&mut self, tag: &str) {
        if self.skipping == 0
            && matches!(tag, "object" | "embed" | "iframe")
            && let Some(p) = self.current()
        {
            self.elements[p].embeds += 1;
        }
    }

    /// Text inside the open element.
    pub(crate) fn text(&mut self, text: &str) {
        if self.skipping > 0 {
            return;
        }
        let Some(current) = self.current() else {
            return;
        };
        let mut chars = 0;
        let mut last = None;
        for word in text.split_whitespace() {
            chars += word.chars().count() + usize::from(chars > 0);
            last = word.chars().last();
        }
        if chars == 0 {
            return;
        }
        let commas = hints::commas(text);
        let e = &mut self.elements[current];
        e.text += chars;
        e.loose_text += chars;
        e.commas += commas;
        e.loose_commas += commas;
        if let Some(last) = last {
            e.last_char = last;
        }
    }

    /// The innermost open element ends.
    pub(crate) fn close(&mut self) {
        let Some(entry) = self.open.pop() else {
            return;
        };
        let Some(index) = entry else {
            self.skipping = self.skipping.saturating_sub(1);
            return;
        };
        self.elements[index].end = self.elements.len() - 1;
        let e = &self.elements[index];
        if e.spared {
            // Shown, but measured as if pruned, as it was before headings
            // were spared: the article is chosen as it was. Only its size
            // is kept apart, for `choose` to tell a signature's block.
            // A figure or a list inside a heading is not a heading's words.
            let (text, link_text, parent) = (e.text, e.link_text, e.parent);
            if e.has_block_child {
                self.pruned.push(e.id);
            } else if let Some(p) = parent {
                self.elements[p].spared_text += text;
                self.elements[p].spared_link_text += link_text;
            }
            return;
        }
        self.settle(index);
        self.score_paragraph(index);
        self.count_readerable(index);
        if let Some(parent) = self.elements[index].parent {
            self.add_to_parent(index, parent);
        }
    }

    /// Totals that an element's tag decides once all its content is in.
    fn settle(&mut self, index: usize) {
        let e = &mut self.elements[index];
        match e.tag {
            "a" => e.link_text = e.text,
            "ul" | "ol" => e.list_text = e.text,
            "table" => e.tables += 1,
            _ => {}
        }
    }

    fn add_to_parent(&mut self, index: usize, parent: usize) {
        let (done, rest) = self.elements.split_at_mut(index);
        let (child, p) = (&rest[0], &mut done[parent]);
        p.text += child.text + usize::from(p.text > 0 && child.text > 0);
        p.link_text += child.link_text;
        p.list_text += child.list_text;
        p.spared_text += child.spared_text;
        p.spared_link_text += child.spared_link_text;
        p.commas += child.commas;
        p.paragraphs += child.paragraphs;
        p.images += child.images;
        p.items += child.items;
        p.inputs += child.inputs;
        p.embeds += child.embeds;
        p.table_marks += child.table_marks;
        p.rows += child.rows;
        p.tables += child.tables;
        if child.text > 0 {
            p.last_char = child.last_char;
            if !BLOCK_TAGS.contains(&child.tag) {
                p.loose_text += child.text;
                p.loose_commas += child.commas;
            }
        }
    }

    /// A closed paragraph votes for its ancestors; loose text in a `<div>`
    /// with block children votes as a paragraph inside it.
    fn score_paragraph(&mut self, index: usize) {
        let e = &self.elements[index];
        let whole = PARAGRAPHS.contains(&e.tag)
            || (LOOSE_TEXT_HOLDERS.contains(&e.tag) && !e.has_block_child);
        if whole && e.text >= MIN_PARAGRAPH {
            let points = paragraph_points(e.text, e.commas);
            if let Some(parent) = e.parent {
                self.vote(parent, points);
            }
        } else if LOOSE_TEXT_HOLDERS.contains(&e.tag) && e.loose_text >= MIN_PARAGRAPH {
            let points = paragraph_points(e.loose_text, e.loose_commas);
            self.vote(index, points);
        }
    }

    fn vote(&mut self, first: usize, points: f64) {
        let mut at = Some(first);
        for level in 0..SCORED_ANCESTORS {
            let Some(index) = at else {
                break;
            };
            let e = &mut self.elements[index];
            // The root element is never the article.
            if e.parent.is_none() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f64 * 3.0,
            };
            let start = hints::tag_score(e.tag) + f64::from(e.weight);
            *e.score.get_or_insert(start) += points / divider;
            at = e.parent;
        }
    }

    fn count_readerable(&mut self, index: usize) {
        let e = &self.elements[index];
        let counted = e.is("p") || e.is("pre") || e.is("article") || (e.is("div") && e.has_br);
        let in_item = e.parent.is_some_and(|p| self.elements[p].is("li"));
        if counted && !in_item && !e.unlikely && e.text >= READERABLE_PARAGRAPH {
            self.readerable += ((e.text - READERABLE_PARAGRAPH) as f64).sqrt();
        }
    }

    /// Characters of text in the whole page.
    pub(super) fn page_text(&self) -> usize {
        self.elements
            .iter()
            .filter(|e| e.parent.is_none())
            .map(|e| e.text)
            .sum()
    }

    /// What was learned of class names, for the next outline.
    pub(super) fn into_hints(self) -> HintCache {
        self.hints
    }

    /// Closes whatever the feed left open.
    pub(crate) fn finish(&mut self) {
        while !self.open.is_empty() {
            self.close();
        }
    }
}

/// Tags extraction tests by name; other elements are stored with "".
const KNOWN_TAGS: &[&str] = &[
    "a",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "html",
    "img",
    "input",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

fn known_tag(tag: &str) -> &'static str {
    KNOWN_TAGS
        .iter()
        .find(|k| **k == tag)
        .copied()
        .unwrap_or("")
}

fn paragraph_points(text: usize, commas: usize) -> f64 {
    1.0 + (commas + 1) as f64 + (text / 100).min(3) as f64
}
