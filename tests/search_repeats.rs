//! `quire search` over a folder leaves out paragraphs repeated across its
//! files (an author bio under every article), as the reader and
//! `quire list` fold them: a word only the bio holds finds nothing.

use std::path::Path;
use std::process::Command;

const BIO: &str = "Ottoline Vexworth writes about gardens, kitchens and the small \
    machines that run them, and has done so for twenty years from a shed.";

/// Three articles, each with its own text, all ending in the same bio.
fn collection(dir: &Path) {
    for topic in ["tea", "coffee", "cocoa"] {
        let text = format!(
            "On {topic}\n\nA long first paragraph about {topic}, with enough words in it to be \
             prose rather than a caption or a teaser line, as articles have.\n\nThe article's \
             own last paragraph about {topic}, which says something no other article says, \
             in so many words.\n\n{BIO}\n"
        );
        std::fs::write(dir.join(format!("{topic}.txt")), text).unwrap();
    }
}

fn search(query: &str, dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("search")
        .arg(query)
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn quire_search_leaves_out_a_bio_repeated_across_the_files() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    for query in ["Vexworth", "shed", "Vexworth coffee"] {
        let printed = search(query, dir.path());
        assert!(printed.trim().is_empty(), "{query}: {printed}");
    }
    // An article's own text still matches, and only that article.
    let printed = search("coffee", dir.path());
    assert!(printed.contains("coffee.txt"), "{printed}");
    assert!(!printed.contains("tea.txt"), "{printed}");
}
