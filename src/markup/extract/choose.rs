//! From a measured [`Outline`] to the article: the best candidate, the
//! ancestor that holds it with its peers, the siblings that continue it,
//! and the furniture inside it (link lists, share bars, forms) left out.
//!
//! The steps and thresholds are Readability.js's (Firefox Reader View),
//! which are tuned on thousands of real pages.

use super::outline::{Element, Outline};

/// Candidates compared with the best one.
const TOP_CANDIDATES: usize = 5;
/// Candidates at least this close to the best, sharing an ancestor with
/// it, say the ancestor is the article (the best is one part of it).
const CLOSE_SCORE: f64 = 0.75;
/// How many close candidates it takes.
const CLOSE_NEEDED: usize = 3;

/// The article: elements to read in order, and elements inside them to
/// leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice<Id> {
    pub roots: Vec<Id>,
    pub pruned: Vec<Id>,
    /// Characters of text in the article.
    pub text: usize,
}

/// The article of a measured page, if any element scored.
pub(super) fn choose<Id: Copy>(outline: &Outline<Id>) -> Option<Choice<Id>> {
    let elements = &outline.elements;
    let top = promote(elements, top_candidates(elements)?);
    let roots = with_siblings(elements, top);
    let mut pruned = outline.pruned.clone();
    let mut text = 0;
    for &root in &roots {
        text += elements[root].text;
        text -= clean(elements, root, &mut pruned).min(text);
    }
    Some(Choice {
        roots: roots.into_iter().map(|i| elements[i].id).collect(),
        pruned,
        text,
    })
}

/// A candidate's score with its link text discounted.
fn final_score<Id>(e: &Element<Id>) -> Option<f64> {
    e.score.map(|s| s * (1.0 - e.link_density()))
}

/// The best candidates, best first, by final score.
fn top_candidates<Id>(elements: &[Element<Id>]) -> Option<Vec<(usize, f64)>> {
    let mut top: Vec<(usize, f64)> = Vec::with_capacity(TOP_CANDIDATES + 1);
    for (i, e) in elements.iter().enumerate() {
        let Some(score) = final_score(e) else {
            continue;
        };
        let at = top.partition_point(|&(_, s)| s >= score);
        if at < TOP_CANDIDATES {
            top.insert(at, (i, score));
            top.truncate(TOP_CANDIDATES);
        }
    }
    (!top.is_empty()).then_some(top)
}

fn ancestors<Id>(elements: &[Element<Id>], index: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(elements[index].parent, |&i| elements[i].parent)
}

fn is_body<Id>(elements: &[Element<Id>], index: usize) -> bool {
    elements[index].is("body") || elements[index].parent.is_none()
}

/// The best candidate, or an ancestor that holds it with its peers
/// (several close candidates under one element; a parent scoring higher;
/// a parent with no other child).
fn promote<Id>(elements: &[Element<Id>], top: Vec<(usize, f64)>) -> usize {
    let (mut best, best_score) = top[0];
    let close: Vec<usize> = top[1..]
        .iter()
        .filter(|&&(_, s)| best_score > 0.0 && s / best_score >= CLOSE_SCORE)
        .map(|&(i, _)| i)
        .collect();
    if close.len() >= CLOSE_NEEDED {
        for parent in ancestors(elements, best) {
            if is_body(elements, parent) {
                break;
            }
            let holding = close
                .iter()
                .filter(|&&c| ancestors(elements, c).any(|a| a == parent))
                .count();
            if holding >= CLOSE_NEEDED {
                best = parent;
                break;
            }
        }
    }
    best = climb(elements, best);
    while let Some(parent) = elements[best].parent {
        if is_body(elements, parent) || child_count(elements, parent) != 1 {
            break;
        }
        best = parent;
    }
    best
}

/// Walks up while ancestors keep a good share of the score, and takes the
/// first that scores higher than the one below it.
fn climb<Id>(elements: &[Element<Id>], best: usize) -> usize {
    let Some(mut last) = final_score(&elements[best]) else {
        return best;
    };
    let threshold = last / 3.0;
    for parent in ancestors(elements, best) {
        if is_body(elements, parent) {
            break;
        }
        let Some(score) = final_score(&elements[parent]) else {
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            return parent;
        }
        last = score;
    }
    best
}

fn children<Id>(elements: &[Element<Id>], parent: usize) -> impl Iterator<Item = usize> + '_ {
    let end = elements[parent].end;
    let mut at = parent + 1;
    std::iter::from_fn(move || {
        if at > end {
            return None;
        }
        let child = at;
        at = elements[child].end + 1;
        Some(child)
    })
}

fn child_count<Id>(elements: &[Element<Id>], parent: usize) -> usize {
    children(elements, parent).count()
}

/// The best candidate with the siblings that read as part of the article:
/// well scored ones, ones of the same class, and prose paragraphs.
fn with_siblings<Id>(elements: &[Element<Id>], best: usize) -> Vec<usize> {
    let Some(parent) = elements[best].parent else {
        return vec![best];
    };
    let best_score = final_score(&elements[best]).unwrap_or(0.0);
    let threshold = (best_score * 0.2).max(10.0);
    let class = elements[best].class;
    children(elements, parent)
        .filter(|&sibling| {
            if sibling == best {
                return true;
            }
            let e = &elements[sibling];
            let bonus = if class != 0 && e.class == class {
                best_score * 0.2
            } else {
                0.0
            };
            if final_score(e).is_some_and(|s| s + bonus >= threshold) {
                return true;
            }
            e.is("p") && reads_as_prose(e)
        })
        .collect()
}

fn reads_as_prose<Id>(e: &Element<Id>) -> bool {
    let density = e.link_density();
    (e.text > 80 && density < 0.25)
        || (e.text > 0 && e.text <= 80 && density == 0.0 && e.last_char == '.')
}

/// Leaves out the furniture inside an article root; returns the
/// characters of text left out.
fn clean<Id: Copy>(elements: &[Element<Id>], root: usize, pruned: &mut Vec<Id>) -> usize {
    let mut removed = 0;
    let mut at = root + 1;
    while at <= elements[root].end {
        let e = &elements[at];
        if is_data_table(e) || e.in_code {
            at = e.end + 1;
        } else if is_furniture(elements, at) {
            pruned.push(e.id);
            removed += e.text;
            at = e.end + 1;
        } else {
            at += 1;
        }
    }
    removed
}

fn is_data_table<Id>(e: &Element<Id>) -> bool {
    e.is("table") && e.tables == 1 && (e.table_marks > 0 || e.rows >= 10)
}

/// Readability's "clean conditionally", and its share bars, footers and
/// negatively named headings.
fn is_furniture<Id>(elements: &[Element<Id>], index: usize) -> bool {
    let e = &elements[index];
    match e.tag {
        "footer" | "aside" => return true,
        "h1" | "h2" => return e.weight < 0,
        _ => {}
    }
    if e.share && e.text < 500 {
        return true;
    }
    let conditional = matches!(
        e.tag,
        "table" | "ul" | "ol" | "section" | "form" | "fieldset"
    ) || (e.is("div") && e.has_block_child);
    conditional && poor_content(elements, index)
}

/// A block that is mostly a spared heading (one whose names said
/// furniture) whose words are mostly not links: an API signature with its
/// types linked (`pub fn get(&self) -> Option<&T>`). Teasers and menus are
/// headings that are links as a whole.
fn is_heading_block<Id>(e: &Element<Id>) -> bool {
    e.spared_text > e.text && e.spared_link_text * 2 < e.spared_text
}

fn poor_content<Id>(elements: &[Element<Id>], index: usize) -> bool {
    let e = &elements[index];
    let is_list = e.is("ul") || e.is("ol") || (e.text > 0 && e.list_text * 10 > e.text * 9);
    let weight = e.weight;
    if weight < 0 {
        return true;
    }
    if e.commas >= 10 || is_heading_block(e) {
        return false;
    }
    let paragraphs = f64::from(e.paragraphs);
    let images = f64::from(e.images);
    let items = f64::from(e.items) - 100.0;
    let density = e.link_density();
    let remove = (!e.in_figure && e.images > 1 && paragraphs / images < 0.5)
        || (!is_list && items > paragraphs)
        || f64::from(e.inputs) > (paragraphs / 3.0).floor()
        || (!is_list && e.text < 25 && (e.images == 0 || e.images > 2) && density > 0.0)
        || (!is_list && weight < 25 && density > 0.2)
        || (weight >= 25 && density > 0.5)
        || (e.embeds == 1 && e.text < 75)
        || e.embeds > 1;
    if remove && is_list {
        // A gallery: one image to an item.
        let gallery = e.items > 0 && e.items == e.images;
        return !gallery;
    }
    remove
}
