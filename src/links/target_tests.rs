//! Tests for [`super::resolve`].

use super::*;
use crate::links::Links;
use std::sync::Arc;

fn doc(path: &str, ids: &[(&str, usize)], canonical: Option<&str>) -> Document {
    let mut d = Document::new(Source::File(path.into()), "Title\n\nBody text".into());
    let mut links = Links::default();
    links.ids = ids.iter().map(|(i, o)| (i.to_string(), *o)).collect();
    links.canonical = canonical.map(str::to_string);
    d.links = Arc::new(links);
    d
}

fn docs() -> Vec<std::sync::Arc<Document>> {
    crate::store::shared(vec![
        doc("book/ch01/intro.html", &[("start", 7)], None),
        doc("book/ch02/more space.html", &[("deep", 9)], None),
        doc("/abs/page.md", &[], Some("https://Example.com/page/")),
    ])
}

#[test]
fn relative_paths_find_open_documents() {
    let d = docs();
    let to = |url| resolve(&d, DocId(0), url);
    assert_eq!(
        to("../ch02/more%20space.html#deep"),
        Destination::Document {
            doc: DocId(1),
            offset: Some(9)
        }
    );
    assert_eq!(
        to("./intro.html"),
        Destination::Document {
            doc: DocId(0),
            offset: None
        }
    );
    assert_eq!(
        to("#start"),
        Destination::Document {
            doc: DocId(0),
            offset: Some(7)
        }
    );
}

#[test]
fn file_urls_and_canonical_addresses_find_open_documents() {
    let d = docs();
    assert_eq!(
        resolve(&d, DocId(0), "file:///abs/page.md"),
        Destination::Document {
            doc: DocId(2),
            offset: None
        }
    );
    assert_eq!(
        resolve(&d, DocId(0), "http://example.com/page#x"),
        Destination::MissingPlace {
            doc: DocId(2),
            fragment: "x".into()
        }
    );
}

#[test]
fn other_links_go_to_the_opener() {
    let d = docs();
    assert_eq!(
        resolve(&d, DocId(0), "https://rust-lang.org/"),
        Destination::External("https://rust-lang.org/".into())
    );
    assert_eq!(
        resolve(&d, DocId(0), "mailto:me@example.com"),
        Destination::External("mailto:me@example.com".into())
    );
    // A file that is not open: its path, made from the linking file's.
    assert_eq!(
        resolve(&d, DocId(0), "../img/a.png"),
        Destination::External("book/img/a.png".into())
    );
    assert_eq!(
        resolve(&d, DocId(0), "#nowhere"),
        Destination::MissingPlace {
            doc: DocId(0),
            fragment: "nowhere".into()
        }
    );
}
