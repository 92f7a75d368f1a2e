//! The page tree html5ever builds, kept small: the walk in
//! [`super`] needs each element's name, a few attributes and the text, and
//! nothing else of the page.
//!
//! A general DOM (scraper's) costs about 150 bytes a node and keeps every
//! attribute and comment: a 20 MB page of dense markup took over 30 times
//! its size to list. Here a node is three links and three numbers in 24
//! bytes, an element's name, line and kept attributes sit beside it in 16
//! more, the text is in a few big strings, and comments, doctypes and processing instructions are not
//! kept at all. The page is fed to the parser in pieces, so it is never
//! copied whole into the parser's own buffer either. Nodes, elements,
//! attributes and text are kept in chunks the walk gives back as it
//! closes their nodes ([`Tree::advance`]), so the tree shrinks as the
//! article grows.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use super::chunks::Chunks;
use super::text_store::TextStore;

/// A node's number in the tree.
pub type NodeId = u32;

/// No node (the end of a list of links).
const NONE: NodeId = NodeId::MAX;
/// The handle given for comments and the like, which are not kept.
const DISCARDED: NodeId = NodeId::MAX - 1;
/// The document node.
const DOCUMENT: NodeId = 0;

/// Attributes the walk and extraction read; every other attribute is
/// dropped as it is parsed.
const KEPT_ATTRIBUTES: &[&str] = &[
    "href",
    "alt",
    // An image's source tells a status badge from a figure; GitHub's
    // saved pages give the badge's own address beside their image proxy's.
    "src",
    "data-canonical-src",
    "type",
    "checked",
    "start",
    "value",
    "role",
    "hidden",
    "aria-hidden",
    // Reader-mode extraction: what class and id names say, hidden
    // styles, schema.org's article marks.
    "class",
    "id",
    "style",
    "itemprop",
    "itemtype",
    // The page's metadata: `<meta name|property|http-equiv content>`,
    // `<link rel href>`, `<html lang>`.
    "name",
    "http-equiv",
    "property",
    "content",
    "rel",
    "lang",
];

/// The kept attributes of all elements, one after another: each set is
/// a range of names, each name's value a range of one text, so an
/// element's `href` costs its bytes and 24 more, not three allocations.
/// Like the nodes, they are given back as the walk is done with them.
#[derive(Debug)]
struct Attributes {
    sets: Chunks<(u32, u32)>,
    names: Chunks<(LocalName, u32, u32)>,
    values: TextStore,
}

impl Attributes {
    fn new() -> Attributes {
        Attributes {
            sets: Chunks::default(),
            names: Chunks::default(),
            values: TextStore::new(0),
        }
    }

    /// Keeps a set: its index, or [`NONE`] for an empty one (or past
    /// four billion attributes, which are not kept).
    fn add(&mut self, set: impl IntoIterator<Item = Attribute>) -> u32 {
        let mut values = String::new();
        let mut names = Vec::new();
        for Attribute { name, value } in set {
            let from = values.len();
            values.push_str(&value);
            names.push((name.local, from, values.len()));
        }
        let start = self.names.len();
        let (Ok(_), Ok(from), Ok(to), Ok(index)) = (
            u32::try_from(self.values.len() + values.len()),
            u32::try_from(start),
            u32::try_from(start + names.len()),
            u32::try_from(self.sets.len()),
        ) else {
            return NONE;
        };
        if from == to || index == NONE {
            return NONE;
        }
        // The values all fit in 32 bits (checked above).
        let base = self.values.push_new(&values);
        for (name, from, to) in names {
            self.names
                .push((name, (base + from) as u32, (base + to) as u32));
        }
        self.sets.push((from, to));
        index
    }

    /// The names and values of set `index`.
    fn set(&self, index: u32) -> impl Iterator<Item = (&str, &str)> {
        let (from, to) = self.sets.get(index as usize).copied().unwrap_or((0, 0));
        (from..to)
            .filter_map(|i| self.names.get(i as usize))
            .map(|(name, start, end)| (&**name, self.values.get(*start as usize, *end as usize)))
    }

    /// The walk is done with the element of set `index`.
    fn done(&mut self, index: u32) {
        let Some(&(from, to)) = self.sets.get(index as usize) else {
            return;
        };
        if let Some(&(_, start, _)) = self.names.get(from as usize) {
            self.values.release(start as usize);
        }
        for i in from..to {
            self.names.done(i as usize);
        }
        self.sets.done(index as usize);
    }
}

/// How many bytes of the page go to the parser at a time.
const PIECE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy)]
enum Data {
    /// The document, or a template's contents (never walked).
    Root,
    /// An element: its index in [`Tree::elements`].
    Element(u32),
    /// Text: its range in [`Tree::text`].
    Text(u32, u32),
}

/// A node in 24 bytes: a text node has no children, so the fields that
/// hold an element's first and last child hold its text's range.
#[derive(Debug, Clone, Copy)]
struct Node {
    parent: NodeId,
    prev: NodeId,
    next: NodeId,
    /// The first and last child; a text node's range in [`Tree::text`].
    a: u32,
    b: u32,
    /// [`TEXT`], [`ROOT`], or an element's index in [`Tree::elements`].
    kind: u32,
}

/// [`Node::kind`] of a text node.
const TEXT: u32 = u32::MAX;
/// [`Node::kind`] of a root.
const ROOT: u32 = u32::MAX - 1;

impl Node {
    fn new(data: Data) -> Node {
        let (a, b, kind) = match data {
            Data::Root => (NONE, NONE, ROOT),
            Data::Element(e) => (NONE, NONE, e),
            Data::Text(start, end) => (start, end, TEXT),
        };
        Node {
            parent: NONE,
            prev: NONE,
            next: NONE,
            a,
            b,
            kind,
        }
    }

    fn data(&self) -> Data {
        match self.kind {
            TEXT => Data::Text(self.a, self.b),
            ROOT => Data::Root,
            e => Data::Element(e),
        }
    }

    fn first(&self) -> NodeId {
        if self.kind == TEXT { NONE } else { self.a }
    }

    fn last(&self) -> NodeId {
        if self.kind == TEXT { NONE } else { self.b }
    }

    /// Only elements and roots are given children (text is never a
    /// handle the parser holds).
    fn set_first(&mut self, id: NodeId) {
        if self.kind != TEXT {
            self.a = id;
        }
    }

    fn set_last(&mut self, id: NodeId) {
        if self.kind != TEXT {
            self.b = id;
        }
    }
}

#[derive(Debug)]
struct ElementData {
    name: LocalName,
    /// Its kept attributes' index in [`Tree::attributes`], or [`NONE`]:
    /// most elements have none, and pay four bytes for it.
    attributes: u32,
    /// The source line its start tag ends on (the low 30 bits) and its
    /// namespace (the top two, see [`namespace_code`]).
    line_ns: u32,
}

/// Lines past this are counted as this one.
const MAX_LINE: u32 = (1 << 30) - 1;

/// An HTML page's elements are in one of three namespaces.
fn namespace_code(ns: &Namespace) -> u32 {
    if *ns == ns!(html) {
        0
    } else if *ns == ns!(svg) {
        1
    } else if *ns == ns!(mathml) {
        2
    } else {
        3
    }
}

fn namespace_of(code: u32) -> Namespace {
    match code {
        0 => ns!(html),
        1 => ns!(svg),
        2 => ns!(mathml),
        _ => ns!(),
    }
}

/// The parsed page.
#[derive(Debug)]
pub struct Tree {
    nodes: Chunks<Node>,
    elements: Chunks<ElementData>,
    attributes: Attributes,
    text: TextStore,
    /// Source lines of the text: (offset, line) for the first word of
    /// each piece of text the parser hands over, kept only where the line
    /// changes, so a page of one long line has one entry.
    lines: Vec<(u32, u32)>,
    /// The source line where the token being parsed ends.
    line: u32,
}

/// A step of a walk through the tree: into a node, or out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Open(NodeId),
    Close(NodeId),
}

/// What a node is, as the walk sees it.
pub enum Value<'t> {
    Element(Element<'t>),
    Text(&'t str),
    Other,
}

/// An element of the tree.
#[derive(Clone, Copy)]
pub struct Element<'t> {
    data: &'t ElementData,
    attributes: &'t Attributes,
}

impl<'t> Element<'t> {
    /// The element's local name (`p`, `a`, ...), lower case.
    pub fn name(&self) -> &'t str {
        &self.data.name
    }

    /// The source line its start tag ends on.
    pub fn line(&self) -> usize {
        (self.data.line_ns & MAX_LINE) as usize
    }

    /// The value of a kept attribute.
    pub fn attr(&self, name: &str) -> Option<&'t str> {
        self.attributes().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Its kept attributes' names and values.
    pub fn attributes(&self) -> impl Iterator<Item = (&'t str, &'t str)> + use<'t> {
        self.attributes.set(self.data.attributes)
    }
}

impl Tree {
    /// Parses `source` as a browser would.
    pub fn parse(source: &str) -> Tree {
        let mut parser = html5ever::parse_document(Sink::new(source.len()), Default::default());
        let mut rest = source;
        while !rest.is_empty() {
            let mut end = rest.len().min(PIECE_BYTES);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let (piece, after) = rest.split_at(end);
            parser.process(StrTendril::from_slice(piece));
            rest = after;
        }
        parser.finish()
    }

    /// How many bytes of text the page holds (markup aside).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// How many elements the page has.
    pub fn element_count(&self) -> usize {
        self.elements.len()
    }

    /// The walk has read text node `id`: its text may be given back.
    pub fn release(&mut self, id: NodeId) {
        if let Some(Data::Text(start, _)) = self.nodes.get(id as usize).map(Node::data) {
            self.text.release(start as usize);
        }
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        DOCUMENT
    }

    pub fn value(&self, id: NodeId) -> Value<'_> {
        match self.nodes.get(id as usize).map(Node::data) {
            Some(Data::Element(e)) => match self.elements.get(e as usize) {
                Some(data) => Value::Element(Element {
                    data,
                    attributes: &self.attributes,
                }),
                None => Value::Other,
            },
            Some(Data::Text(start, end)) => {
                Value::Text(self.text.get(start as usize, end as usize))
            }
            Some(Data::Root) | None => Value::Other,
        }
    }

    /// The source line of the first word of text node `id`; None for a
    /// node that is no text, or only whitespace.
    pub fn text_line(&self, id: NodeId) -> Option<usize> {
        let Some(Data::Text(start, end)) = self.nodes.get(id as usize).map(Node::data) else {
            return None;
        };
        let text = self.text.get(start as usize, end as usize);
        let blank = text.len() - text.trim_start_matches(is_html_space).len();
        if blank == text.len() {
            return None;
        }
        // The node's first word is the first word of a piece of text, so
        // it has an entry, or the entry before has its line.
        let at = start as usize + blank;
        let after = self
            .lines
            .partition_point(|&(offset, _)| offset as usize <= at);
        let line = after.checked_sub(1).map_or(1, |i| self.lines[i].1);
        Some(line as usize)
    }

    /// The element `id` is, if it is one.
    pub fn element(&self, id: NodeId) -> Option<Element<'_>> {
        match self.value(id) {
            Value::Element(e) => Some(e),
            _ => None,
        }
    }

    /// Every step into and out of the nodes under `root`, in document
    /// order, `root`'s own first and last. Iterative: any depth is fine.
    pub fn traverse(&self, root: NodeId) -> impl Iterator<Item = Edge> + '_ {
        let mut next = Some(Edge::Open(root));
        std::iter::from_fn(move || {
            let edge = next?;
            next = self.after(root, edge);
            Some(edge)
        })
    }

    /// The step after `edge` in [`Tree::traverse`] of `root`: a walk
    /// that changes the tree on the way ([`Tree::release`]) steps with it.
    pub fn after(&self, root: NodeId, edge: Edge) -> Option<Edge> {
        match edge {
            Edge::Open(id) => match self.nodes.get(id as usize)?.first() {
                NONE => Some(Edge::Close(id)),
                first => Some(Edge::Open(first)),
            },
            Edge::Close(id) if id == root => None,
            Edge::Close(id) => {
                let node = self.nodes.get(id as usize)?;
                match (node.next, node.parent) {
                    (NONE, NONE) => None,
                    (NONE, parent) => Some(Edge::Close(parent)),
                    (sibling, _) => Some(Edge::Open(sibling)),
                }
            }
        }
    }

    /// The step after `edge`, for a walk that reads each node once and
    /// is done with a node at its close: the node's record is given back
    /// (see [`super::chunks`]), so the tree shrinks as the article grows.
    pub fn advance(&mut self, root: NodeId, edge: Edge) -> Option<Edge> {
        let next = self.after(root, edge);
        if let Edge::Close(id) = edge {
            if let Some(Data::Element(e)) = self.nodes.get(id as usize).map(Node::data) {
                if let Some(data) = self.elements.get(e as usize) {
                    self.attributes.done(data.attributes);
                }
                self.elements.done(e as usize);
            }
            self.nodes.done(id as usize);
        }
        next
    }

    /// `root` and the nodes under it, in document order.
    pub fn descendants(&self, root: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.traverse(root).filter_map(|edge| match edge {
            Edge::Open(id) => Some(id),
            Edge::Close(_) => None,
        })
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut next = self.nodes.get(id as usize).map_or(NONE, Node::first);
        std::iter::from_fn(move || {
            let child = (next != NONE).then_some(next)?;
            next = self.nodes.get(child as usize).map_or(NONE, |n| n.next);
            Some(child)
        })
    }

    /// The parent of `id`, its parent, and so on up.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut at = self.nodes.get(id as usize).map_or(NONE, |n| n.parent);
        std::iter::from_fn(move || {
            let ancestor = (at != NONE).then_some(at)?;
            at = self.nodes.get(ancestor as usize).map_or(NONE, |n| n.parent);
            Some(ancestor)
        })
    }

    fn add(&mut self, data: Data) -> NodeId {
        let id = NodeId::try_from(self.nodes.len()).unwrap_or(DISCARDED);
        // A page of four billion nodes keeps only those before.
        if id >= DISCARDED {
            return DISCARDED;
        }
        self.nodes.push(Node::new(data));
        id
    }

    fn detach(&mut self, id: NodeId) {
        let Node {
            parent, prev, next, ..
        } = self.nodes[id as usize];
        if parent == NONE {
            return;
        }
        self.join(parent, prev, next);
        let node = &mut self.nodes[id as usize];
        (node.parent, node.prev, node.next) = (NONE, NONE, NONE);
    }

    /// Puts `id` (detached) under `parent`, before `before` or last.
    fn insert(&mut self, parent: NodeId, id: NodeId, before: NodeId) {
        let prev = self.prev_of(parent, before);
        self.join(parent, prev, id);
        self.join(parent, id, before);
        let node = &mut self.nodes[id as usize];
        (node.parent, node.prev, node.next) = (parent, prev, before);
    }

    /// Makes `prev` and `next`, children of `parent`, neighbours; [`NONE`]
    /// for either is the start or the end of the children.
    fn join(&mut self, parent: NodeId, prev: NodeId, next: NodeId) {
        match prev {
            NONE => self.nodes[parent as usize].set_first(next),
            prev => self.nodes[prev as usize].next = next,
        }
        match next {
            NONE => self.nodes[parent as usize].set_last(prev),
            next => self.nodes[next as usize].prev = prev,
        }
    }

    /// The child of `parent` just before `before` ([`NONE`]: the end).
    fn prev_of(&self, parent: NodeId, before: NodeId) -> NodeId {
        match before {
            NONE => self.nodes[parent as usize].last(),
            before => self.nodes[before as usize].prev,
        }
    }

    /// Puts `child` under `parent` before `before` (or last), joining text
    /// to text just before it as the parser asks.
    fn place(&mut self, parent: NodeId, child: NodeOrText<NodeId>, before: NodeId) {
        if parent >= DISCARDED {
            return;
        }
        match child {
            NodeOrText::AppendNode(id) if id < DISCARDED => {
                self.detach(id);
                self.insert(parent, id, before);
            }
            NodeOrText::AppendNode(_) => {}
            NodeOrText::AppendText(text) => self.place_text(parent, &text, before),
        }
    }

    fn place_text(&mut self, parent: NodeId, text: &str, before: NodeId) {
        let prev = self.prev_of(parent, before);
        let joined = match self.nodes.get(prev as usize).map(Node::data) {
            Some(Data::Text(start, end)) => Some((start as usize, end as usize)),
            _ => None,
        };
        // Offsets are 32 bits: text past 4 GiB is not kept.
        let adding = text.len() + joined.map_or(0, |(from, to)| to - from);
        let room = u32::MAX as usize - self.text.len();
        if text.is_empty() || adding >= room {
            return;
        }
        let start = match joined {
            // The text before is the last written: it just grows.
            Some((from, to)) if to == self.text.len() => from,
            Some((from, to)) => self.text.move_to_end(from, to),
            None => {
                self.note_line(self.text.len(), text);
                let start = self.text.push_new(text);
                let id = self.add(Data::Text(start as u32, self.text.len() as u32));
                if id < DISCARDED {
                    self.insert(parent, id, before);
                }
                return;
            }
        };
        self.note_line(self.text.len(), text);
        self.text.extend_last(text);
        self.nodes[prev as usize] = Node {
            a: start as u32,
            b: self.text.len() as u32,
            ..self.nodes[prev as usize]
        };
    }

    /// Notes the line of the first word of `text`, about to be written
    /// at `offset`. The parser hands over a run of text once it has read
    /// to its end, with the line it ends on.
    fn note_line(&mut self, offset: usize, text: &str) {
        let Some(word) = text.find(|c| !is_html_space(c)) else {
            return;
        };
        let Ok(offset) = u32::try_from(offset + word) else {
            return;
        };
        let after = memchr::memchr_iter(b'\n', &text.as_bytes()[word..]).count();
        let line = self
            .line
            .saturating_sub(u32::try_from(after).unwrap_or(u32::MAX));
        if self.lines.last().is_none_or(|&(_, last)| last != line) {
            self.lines.push((offset, line));
        }
    }
}

/// What html5ever builds the tree through.
struct Sink {
    tree: RefCell<Tree>,
    /// Each template element's contents (a root of its own).
    templates: RefCell<HashMap<NodeId, NodeId>>,
}

/// HTML's whitespace (what the builder collapses).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0C' | '\r')
}

impl Sink {
    /// A sink for a page of `page_bytes`.
    fn new(page_bytes: usize) -> Sink {
        let mut tree = Tree {
            nodes: Chunks::default(),
            elements: Chunks::default(),
            attributes: Attributes::new(),
            text: TextStore::new(page_bytes),
            lines: Vec::new(),
            line: 1,
        };
        tree.add(Data::Root);
        Sink {
            tree: RefCell::new(tree),
            templates: RefCell::default(),
        }
    }
}

/// An element's name, as the parser asks for it.
#[derive(Debug)]
pub struct Name {
    ns: Namespace,
    local: LocalName,
}

impl html5ever::tree_builder::ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

fn kept(attributes: Vec<Attribute>) -> impl Iterator<Item = Attribute> {
    attributes
        .into_iter()
        .filter(|a| a.name.ns == ns!() && KEPT_ATTRIBUTES.contains(&&*a.name.local))
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a> = Name;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _: Cow<'static, str>) {}

    fn set_current_line(&self, line: u64) {
        self.tree.borrow_mut().line = u32::try_from(line).unwrap_or(u32::MAX);
    }

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name {
        let tree = self.tree.borrow();
        match tree.nodes.get(*target as usize).map(Node::data) {
            Some(Data::Element(e)) => {
                let data = &tree.elements[e as usize];
                Name {
                    ns: namespace_of(data.line_ns >> 30),
                    local: data.name.clone(),
                }
            }
            // Only elements are asked for; anything else is no element.
            _ => Name {
                ns: ns!(),
                local: local_name!(""),
            },
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let mut tree = self.tree.borrow_mut();
        // Indexes at and above ROOT mark roots and text.
        let index = u32::try_from(tree.elements.len()).unwrap_or(ROOT);
        if index >= ROOT {
            return DISCARDED;
        }
        let template = name.expanded() == html5ever::expanded_name!(html "template");
        let line = tree.line;
        let attributes = tree.attributes.add(kept(attrs));
        tree.elements.push(ElementData {
            name: name.local,
            attributes,
            line_ns: line.min(MAX_LINE) | namespace_code(&name.ns) << 30,
        });
        let id = tree.add(Data::Element(index));
        if template {
            let contents = tree.add(Data::Root);
            self.templates.borrow_mut().insert(id, contents);
        }
        id
    }

    fn create_comment(&self, _: StrTendril) -> NodeId {
        DISCARDED
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> NodeId {
        DISCARDED
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.tree.borrow_mut().place(*parent, child, NONE);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .tree
            .borrow()
            .nodes
            .get(*element as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.templates
            .borrow()
            .get(target)
            .copied()
            .unwrap_or(DISCARDED)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        let Some(parent) = tree.nodes.get(*sibling as usize).map(|n| n.parent) else {
            return;
        };
        if parent != NONE {
            tree.place(parent, new_node, *sibling);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        let Some(Data::Element(e)) = tree.nodes.get(*target as usize).map(Node::data) else {
            return;
        };
        // Only `<html>` and `<body>` get more attributes: the set is
        // written again, the old one left unused.
        let index = tree.elements[e as usize].attributes;
        let old: Vec<Attribute> = tree
            .attributes
            .set(index)
            .map(|(name, value)| Attribute {
                name: QualName::new(None, ns!(), LocalName::from(name)),
                value: StrTendril::from_slice(value),
            })
            .collect();
        let new = kept(attrs).filter(|a| !old.iter().any(|o| o.name.local == a.name.local));
        let set: Vec<Attribute> = old.iter().cloned().chain(new).collect();
        tree.elements[e as usize].attributes = tree.attributes.add(set);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if *target < DISCARDED {
            self.tree.borrow_mut().detach(*target);
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut tree = self.tree.borrow_mut();
        if *node >= DISCARDED || *new_parent >= DISCARDED {
            return;
        }
        while let first @ 0..DISCARDED = tree.nodes[*node as usize].first() {
            tree.detach(first);
            tree.insert(*new_parent, first, NONE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree written back as markup (kept attributes only).
    fn markup(tree: &Tree) -> String {
        let mut out = String::new();
        for edge in tree.traverse(tree.root()) {
            match edge {
                Edge::Open(n) => match tree.value(n) {
                    Value::Element(e) => {
                        out.push('<');
                        out.push_str(e.name());
                        for (name, value) in e.attributes() {
                            out.push_str(&format!(" {name}={value:?}"));
                        }
                        out.push('>');
                    }
                    Value::Text(text) => out.push_str(text),
                    Value::Other => {}
                },
                Edge::Close(n) => {
                    if let Some(e) = tree.element(n) {
                        out.push_str(&format!("</{}>", e.name()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn misnested_and_misplaced_markup_is_rebuilt_as_browsers_do() {
        let tree = Tree::parse(
            "<!DOCTYPE html><!-- c --><B class=x>1<p>2</b>3</p>\
             <table>x<tr><td>y</td></tr></table><template>t</template>\
             <a href='/u' onclick=go HIDDEN>z</a>",
        );
        assert_eq!(
            markup(&tree),
            "<html><head></head><body><b class=\"x\">1</b><p><b class=\"x\">2</b>3</p>x<table><tbody><tr><td>y</td>\
             </tr></tbody></table><template></template><a href=\"/u\" hidden=\"\">z</a></body></html>"
        );
    }

    #[test]
    fn a_second_body_tag_adds_the_attributes_the_first_lacked() {
        let tree = Tree::parse("<body role=a>x<body role=b hidden>y");
        assert_eq!(
            markup(&tree),
            "<html><head></head><body role=\"a\" hidden=\"\">xy</body></html>"
        );
    }

    #[test]
    fn svg_and_mathml_keep_their_namespace() {
        // A <p> inside <svg> leaves it (the parser knows the <svg> is
        // one); a <title> inside it is not the page's.
        let tree = Tree::parse("<svg><title>s</title><p>z</svg><math><mi>x</mi></math>");
        assert_eq!(
            markup(&tree),
            "<html><head></head><body><svg><title>s</title></svg><p>z<math><mi>x</mi></math></p></body></html>"
        );
    }

    #[test]
    fn a_walk_that_gives_nodes_back_still_sees_every_node_in_order() {
        // More nodes than a chunk holds, with attributes, so chunks are
        // freed while the walk goes on.
        let page = "<p><a href=/x>x</a> <b>y</b></p>".repeat(20_000);
        let mut tree = Tree::parse(&page);
        let named = |tree: &Tree, edge: Edge| match edge {
            Edge::Open(n) | Edge::Close(n) => match tree.value(n) {
                Value::Element(e) => format!("{} {:?}", e.name(), e.attr("href")),
                Value::Text(text) => text.to_owned(),
                Value::Other => String::new(),
            },
        };
        let expected: Vec<String> = tree
            .traverse(tree.root())
            .map(|edge| named(&tree, edge))
            .collect();
        let mut seen = Vec::new();
        let mut step = Some(Edge::Open(tree.root()));
        while let Some(edge) = step {
            seen.push(named(&tree, edge));
            step = tree.advance(tree.root(), edge);
        }
        assert_eq!(seen, expected);
        assert!(tree.nodes.get(1).is_none(), "the first chunk was not freed");
    }

    #[test]
    fn text_lines_are_those_of_its_first_word() {
        let tree = Tree::parse("<p>\n\n  first\nsecond</p>\n<p>third</p>");
        let lines: Vec<_> = tree
            .descendants(tree.root())
            .filter_map(|n| tree.text_line(n))
            .collect();
        assert_eq!(lines, [3, 5]);
    }
}
