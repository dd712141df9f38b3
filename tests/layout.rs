//! The layout shows the architecture, and this test keeps it so: the harness knows an endpoint,
//! not the server it judges; no file imports one that imports it back; no file does so much
//! that it runs past 600 lines.
//!
//! Imports are read from the source text (`crate::…`, `super::…`, `self::…` paths and a parent's
//! uses of its child modules), resolved to the file of the longest module prefix that exists.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path from the crate root (`["server", "domain", "pipeline"]`); the root is empty.
type ModPath = Vec<String>;

struct SourceFile {
    path: PathBuf,
    /// The text without comments, string literals and in-file test modules.
    code: String,
    /// The whole text, as written.
    text: String,
}

fn sources() -> BTreeMap<ModPath, SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: ModPath = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            if module.is_empty() && path.file_name().is_some_and(|n| n == "main.rs") {
                // The binary is its own crate root; it only calls the library.
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            let code = strip_visibility(&strip_tests(&strip_comments_and_strings(&text)));
            files.insert(module, SourceFile { path, code, text });
        }
    }
    files
}

/// Comments and string literals can mention paths that are no imports.
fn strip_comments_and_strings(text: &str) -> String {
    let re = Regex::new(concat!(
        r#"(?s)//[^\n]*|/\*.*?\*/"#,
        r###"|r##".*?"##|r#".*?"#|r"[^"]*""###,
        r#"|'(?:\\.|[^'\\])'|"(?:\\.|[^"\\])*""#,
    ))
    .unwrap();
    re.replace_all(text, "").into_owned()
}

/// Drops an in-file `#[cfg(test)] mod … { … }` and everything after it (such modules close
/// their file by convention here).
fn strip_tests(code: &str) -> String {
    let re = Regex::new(r"#\[cfg\(test\)\]\s*(?:pub(?:\(\w+\))?\s+)?mod\s+\w+\s*\{").unwrap();
    match re.find(code) {
        Some(m) => code[..m.start()].to_string(),
        None => code.to_string(),
    }
}

/// `pub(super)` and `pub(in crate::x)` say who may see an item, not what the file imports.
fn strip_visibility(code: &str) -> String {
    let re = Regex::new(r"pub\s*\((?:crate|self|super|in [^)]*)\)").unwrap();
    re.replace_all(code, "pub").into_owned()
}

fn is_test_file(module: &ModPath, file: &SourceFile) -> bool {
    module.iter().any(|m| m == "tests" || m == "test_fixture")
        || file.path.file_name().is_some_and(|n| n == "tests.rs")
}

/// The modules a file imports, resolved to files.
fn imports(
    module: &ModPath,
    file: &SourceFile,
    all: &BTreeMap<ModPath, SourceFile>,
) -> BTreeSet<ModPath> {
    let here: ModPath = module.clone();
    // `super` of `a/b.rs` and of `a/b/mod.rs` alike is `a`.
    let resolve = |path: &[&str]| -> Option<ModPath> {
        let (mut base, rest): (ModPath, &[&str]) = match path.first() {
            Some(&"crate") => (Vec::new(), &path[1..]),
            Some(&"self") => (here.clone(), &path[1..]),
            Some(&"super") => {
                let mut base = here.clone();
                let mut rest = path;
                while rest.first() == Some(&"super") {
                    base.pop();
                    rest = &rest[1..];
                }
                (base, rest)
            }
            _ => return None,
        };
        base.extend(rest.iter().map(|s| s.to_string()));
        (0..=base.len())
            .rev()
            .map(|k| base[..k].to_vec())
            .find(|m| all.contains_key(m))
    };
    let mut found = BTreeSet::new();
    let path_re = Regex::new(r"\b(?:crate|super|self)(?:::(?:super|\w+))*").unwrap();
    for m in path_re.find_iter(&file.code) {
        let parts: Vec<&str> = m.as_str().split("::").collect();
        found.extend(resolve(&parts));
    }
    let group_re = Regex::new(r"use\s+((?:crate|super|self)(?:::\w+)*)::\{([^;]*)\};").unwrap();
    for caps in group_re.captures_iter(&file.code) {
        let prefix: Vec<&str> = caps[1].split("::").collect();
        for item in caps[2].split([',', '{', '}']) {
            let item = item.split(" as ").next().unwrap_or("").trim();
            if item.is_empty() {
                continue;
            }
            let mut parts = prefix.clone();
            parts.extend(item.split("::"));
            found.extend(resolve(&parts));
        }
    }
    // A parent uses its children by their bare names.
    for child in all.keys() {
        if child.len() == here.len() + 1 && child.starts_with(&here) {
            let name = child.last().unwrap();
            if name == "tests" {
                continue;
            }
            let re = Regex::new(&format!(r"(?:^|[^:\w]){name}::")).unwrap();
            if re.is_match(&file.code) {
                found.insert(child.clone());
            }
        }
    }
    found.remove(&here);
    found
}

fn name(m: &ModPath) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("/")
    }
}

#[test]
fn the_harness_imports_neither_the_server_nor_the_command_line() {
    let all = sources();
    let re = Regex::new(r"crate::(?:server|cli|self_check)\b").unwrap();
    let offenders: Vec<String> = all
        .iter()
        .filter(|(m, _)| m.first().is_some_and(|s| s == "harness"))
        .filter(|(_, f)| re.is_match(&f.code))
        .map(|(m, _)| name(m))
        .collect();
    assert!(
        offenders.is_empty(),
        "the harness must know an endpoint only: {offenders:?} import the server or the CLI"
    );
}

#[test]
fn no_source_file_runs_past_600_lines() {
    let all = sources();
    let long: Vec<String> = all
        .iter()
        .filter(|(m, f)| !is_test_file(m, f))
        .map(|(m, f)| (name(m), f.code.lines().count()))
        .filter(|(_, n)| *n > 600)
        .map(|(m, n)| format!("{m}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "files over 600 lines (tests aside): {long:?}"
    );
}

/// A child may use what its parent defines for its children on purpose, when the parent's
/// `//!` doc says so with these words; any other way back up is a circle.
const FOR_CHILDREN: &str = "for its children";

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let all = sources();
    let mut edges: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (m, f) in &all {
        if is_test_file(m, f) {
            continue;
        }
        let mut to = imports(m, f, &all);
        to.retain(|t| {
            let up_to_parent = t.len() < m.len() && m.starts_with(t);
            let documented = all[t]
                .text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .any(|l| l.contains(FOR_CHILDREN));
            !(up_to_parent && documented) && all.get(t).is_some_and(|tf| !is_test_file(t, tf))
        });
        edges.insert(m.clone(), to);
    }
    let cycles = strongly_connected(&edges);
    let shown: Vec<Vec<String>> = cycles
        .iter()
        .map(|c| c.iter().map(name).collect())
        .collect();
    assert!(shown.is_empty(), "import circles: {shown:?}");
}

/// Tarjan's algorithm; returns the components of more than one file.
fn strongly_connected(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: BTreeMap<&'a ModPath, usize>,
        low: BTreeMap<&'a ModPath, usize>,
        stack: Vec<&'a ModPath>,
        on_stack: BTreeSet<&'a ModPath>,
        found: Vec<Vec<ModPath>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a ModPath) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                let Some((w, _)) = self.edges.get_key_value(w) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn the_import_reader_finds_a_circle_and_a_parent_import() {
    // The checks above are only as good as the reader: it must see both kinds of way back.
    let a: ModPath = vec!["a".into()];
    let b: ModPath = vec!["a".into(), "b".into()];
    let c: ModPath = vec!["c".into()];
    let mut all = BTreeMap::new();
    let file = |code: &str| SourceFile {
        path: PathBuf::from("x.rs"),
        code: code.into(),
        text: code.into(),
    };
    all.insert(
        a.clone(),
        file("mod b; pub use b::Thing; fn f() { crate::c::g(); }"),
    );
    all.insert(b.clone(), file("use super::Error;"));
    all.insert(c.clone(), file("use crate::a::{b::Thing, Other};"));
    assert_eq!(imports(&b, &all[&b], &all), BTreeSet::from([a.clone()]));
    assert_eq!(
        imports(&a, &all[&a], &all),
        BTreeSet::from([b.clone(), c.clone()])
    );
    assert_eq!(
        imports(&c, &all[&c], &all),
        BTreeSet::from([a.clone(), b.clone()])
    );
    let edges: BTreeMap<ModPath, BTreeSet<ModPath>> = all
        .keys()
        .map(|m| (m.clone(), imports(m, &all[m], &all)))
        .collect();
    assert_eq!(strongly_connected(&edges), vec![vec![a, b, c]]);
    assert_eq!(
        strip_tests("fn f() {}\n#[cfg(test)]\nmod tests {\n use super::*; }"),
        "fn f() {}\n"
    );
    assert_eq!(strip_visibility("pub(super) fn f"), "pub fn f");
    assert_eq!(
        strip_comments_and_strings("let s = \"crate::x\"; // super::y\nz"),
        "let s = ; \nz"
    );
}
