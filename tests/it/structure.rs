//! The shape of the code, checked: no import circles between the modules of src/, the stages'
//! order visible in their imports, and no function over 80 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each top-level module of src/ and the modules it uses, tests left out.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let uses = graph.entry(module.clone()).or_default();
        uses.extend(crate_paths(code).into_iter().filter(|m| *m != module));
    }
    graph
}

/// The first segment of every `crate::a::...` and `crate::{a, b::c}` in `code`.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    for piece in code.split("crate::").skip(1) {
        match piece.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                out.extend(group.split(',').map(|p| ident(p.trim())).filter(|p| !p.is_empty()));
            }
            None => out.push(ident(piece)),
        }
    }
    out
}

#[test]
fn modules_import_each_other_in_one_direction() {
    let graph = module_graph();
    assert!(graph.len() > 20, "{graph:?}");
    // Depth-first: a module seen again while still open closes a circle.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("import circle: {} -> {m}", path[at..].join(" -> "));
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in g.get(m).into_iter().flatten() {
            visit(next, g, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_stages_import_only_earlier_stages() {
    let graph = module_graph();
    let later = [
        ("load", &["validate", "render", "output", "build", "serve", "check"][..]),
        ("validate", &["render", "output", "build", "serve", "check"][..]),
        ("render", &["load", "validate", "build", "serve", "check"][..]),
        ("output", &["load", "validate", "render", "build", "serve"][..]),
    ];
    for (stage, not) in later {
        let uses = &graph[stage];
        let wrong: Vec<&&str> = not.iter().filter(|m| uses.contains(**m)).collect();
        assert!(wrong.is_empty(), "`{stage}` uses {wrong:?}");
    }
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let signature = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn "]
                .iter()
                .any(|p| body.starts_with(p));
            if !signature || body.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(end) = lines[i + 1..].iter().position(|l| *l == close)
                && end + 2 > 80
            {
                long.push(format!("{}:{} ({} lines)", entry.path().display(), i + 1, end + 2));
            }
        }
    }
    assert!(long.is_empty(), "functions over 80 lines:\n{}", long.join("\n"));
}
