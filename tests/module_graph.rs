//! The shape of the code, as a newcomer reads it from the imports: no
//! module is in an import cycle (search's modules form layers, shared
//! statistics at the bottom, ranking on top), and the model never imports
//! the view. Read
//! from the source files, so a `use` that brings a cycle back fails here
//! with the modules it joins.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`search::index`) -> the modules its code names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every module of `src/` by its path, with the text of its file up to its
/// tests (a test module may use anything).
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let Ok(relative) = path.strip_prefix(&root) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            let Some(name) = relative.strip_suffix(".rs") else {
                continue;
            };
            if matches!(name, "lib" | "main") || name.ends_with("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file is text");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: Vec<&str> = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect();
            found.insert(name.replace('/', "::"), code.join("\n"));
        }
    }
    found
}

/// The paths after each `crate::` and `super::` in `code`, a `{...}` group
/// giving one path per item, each as segments from the crate root.
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let parent: Vec<String> = module.split("::").map(String::from).collect();
    let parent = &parent[..parent.len() - 1];
    let mut paths = Vec::new();
    for (prefix, base) in [("crate::", &[][..]), ("super::", parent)] {
        for (at, _) in code.match_indices(prefix) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `super::super::x` is read from its first `super`.
            }
            let mut base = base.to_vec();
            let mut rest = &code[at + prefix.len()..];
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            for item in items(rest) {
                let mut path = base.clone();
                path.extend(item.split("::").map(|s| s.trim().to_string()));
                paths.push(path);
            }
        }
    }
    paths
}

/// The path at the start of `rest`; for a `{a::b, c}` group, each item's.
fn items(rest: &str) -> Vec<String> {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut items = vec![String::new()];
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => items.push(String::new()),
                _ if depth == 0 => items.last_mut().expect("one item").push(c),
                _ => {}
            }
        }
        return items
            .iter()
            .map(|i| i.trim().trim_end_matches("::").to_string())
            .collect();
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    vec![rest[..end].trim_end_matches("::").to_string()]
}

/// Which modules each module names, leaving out its own ancestors and
/// descendants (a parent re-exports its children, children use the
/// parent's shared types).
fn graph() -> Graph {
    let modules = modules();
    let mut graph = Graph::new();
    for (name, code) in &modules {
        let mut targets = BTreeSet::new();
        for mut path in named_paths(name, code) {
            while !path.is_empty() && !modules.contains_key(&path.join("::")) {
                path.pop();
            }
            let target = path.join("::");
            let related = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}::"));
            if !path.is_empty() && !related(name, &target) && !related(&target, name) {
                targets.insert(target);
            }
        }
        graph.insert(name.clone(), targets);
    }
    graph
}

/// Every module reachable from `from` (itself only by a cycle).
fn reachable(graph: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&String> = graph[from].iter().collect();
    while let Some(next) = stack.pop() {
        if seen.insert(next.clone()) {
            stack.extend(graph.get(next).into_iter().flatten());
        }
    }
    seen
}

#[test]
fn search_modules_form_layers_without_cycles() {
    let graph = graph();
    let search: Vec<&String> = graph.keys().filter(|m| m.starts_with("search::")).collect();
    assert!(search.len() > 5, "search's modules are found: {search:?}");
    for module in search {
        let back: Vec<&String> = graph[module]
            .iter()
            .filter(|m| reachable(&graph, m).contains(module))
            .collect();
        assert!(
            back.is_empty(),
            "{module} is in an import cycle through {back:?}: move what both use into a \
             module below them (search::stats holds the shared statistics)"
        );
    }
    assert!(
        graph["search::stats"].is_empty(),
        "search::stats is a leaf: {:?}",
        graph["search::stats"]
    );
}

#[test]
fn no_module_is_in_an_import_cycle() {
    let graph = graph();
    assert!(graph.len() > 100, "every module is found: {}", graph.len());
    let cycles: Vec<String> = graph
        .iter()
        .filter_map(|(module, targets)| {
            let back: Vec<&String> = targets
                .iter()
                .filter(|m| reachable(&graph, m).contains(module))
                .collect();
            (!back.is_empty()).then(|| format!("{module} -> {back:?} -> {module}"))
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "modules in import cycles (move what both use into a module below \
         them, or the data type into the module that owns it):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_model_never_imports_the_view() {
    let graph = graph();
    for model in [
        "app", "update", "document", "reader", "search", "store", "runner",
    ] {
        let view: Vec<String> = reachable(&graph, model)
            .into_iter()
            .filter(|m| m == "ui" || m.starts_with("ui::") || m == "tui")
            .collect();
        assert!(view.is_empty(), "{model} reaches the view: {view:?}");
    }
}

#[test]
fn the_graph_sees_imports_of_every_form() {
    let code = "use super::{index::SearchIndex, stats::{DocStats, char_mask}};\n\
                use crate::document::Document;\nlet x = super::super::script::is_cjk(c);";
    let paths: Vec<String> = named_paths("search::title", code)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert!(
        paths.contains(&"search::index::SearchIndex".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&"search::stats".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"document::Document".to_string()),
        "{paths:?}"
    );
    assert!(paths.contains(&"script::is_cjk".to_string()), "{paths:?}");
}

/// The layers of docs/ARCHITECTURE.md, from the bottom up, by top-level
/// module.
const LAYERS: [&[&str]; 6] = [
    &[
        "script",
        "sanitize",
        "signals",
        "terminal",
        "paths",
        "shared_bytes",
        "theme",
    ],
    &[
        "decode",
        "charset",
        "format",
        "markup",
        "document",
        "wrap",
        "reflow",
        "reader",
        "line_edit",
        "corpus",
        "places",
        "sort",
        "store",
        "search",
        "links",
    ],
    &["storage", "bookmarks", "positions", "layout", "export"],
    &[
        "action",
        "effects",
        "keymap",
        "key_help",
        "note_rows",
        "app",
        "update",
    ],
    &["ui"],
    &[
        "runner", "saver", "worker", "tui", "config", "cli", "commands", "oneshot", "import",
        "show",
    ],
];

#[test]
fn every_module_imports_only_its_layer_or_below() {
    let layer = |module: &str| {
        let top = module.split("::").next().unwrap_or(module);
        LAYERS.iter().position(|layer| layer.contains(&top))
    };
    let mut wrong = Vec::new();
    for (module, targets) in graph() {
        let Some(own) = layer(&module) else {
            wrong.push(format!(
                "{module} is in no layer: add it to LAYERS and docs/ARCHITECTURE.md"
            ));
            continue;
        };
        for target in targets {
            match layer(&target) {
                Some(theirs) if theirs > own => wrong.push(format!(
                    "{module} (layer {own}) imports {target} (layer {theirs})"
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
