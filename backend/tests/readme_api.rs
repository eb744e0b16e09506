//! The README's API list is complete: every path of the route table (`backend/src/http`) is
//! named there. Path parameters match whatever their names (`{id}` and `{visit_id}` alike).

use std::collections::BTreeSet;
use std::path::Path;

/// `{anything}` becomes `{}`.
fn normalise(path: &str) -> String {
    let mut out = String::new();
    let mut in_parameter = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if in_parameter => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches('/').to_owned()
}

/// The string literals passed to `.route(` in one source file.
fn routes_in(source: &str) -> Vec<String> {
    let mut routes = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find(".route(") {
        rest = rest[start + ".route(".len()..].trim_start();
        if let Some(literal) = rest.strip_prefix('"') {
            if let Some(end) = literal.find('"') {
                routes.push(literal[..end].to_owned());
            }
        }
    }
    routes
}

#[test]
fn every_route_is_in_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../README.md")).expect("README.md");
    let documented: BTreeSet<String> = readme
        .match_indices("/api/")
        .map(|(at, _)| {
            let tail = &readme[at..];
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, '`' | '?' | ',' | ')' | '|'))
                .unwrap_or(tail.len());
            normalise(&tail[..end])
        })
        .collect();
    let mut missing = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(root.join("src/http")).expect("src/http") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if name == "mod" {
            continue; // the route table itself: nesting and the bare `/api/` fallback
        }
        let source = std::fs::read_to_string(&path).expect("a source file");
        let prefix = if name == "auth" { "/api/auth" } else { "/api" };
        for route in routes_in(&source) {
            count += 1;
            let full = normalise(&format!("{prefix}{route}"));
            if !documented.contains(&full) {
                missing.push(full);
            }
        }
    }
    assert!(count > 60, "the route table was read ({count} routes)");
    assert!(
        missing.is_empty(),
        "routes missing from the README's API list: {missing:?}"
    );
}

#[test]
fn parameters_match_whatever_their_names() {
    assert_eq!(normalise("/api/reports/{visit_id}"), "/api/reports/{}");
    assert_eq!(
        normalise("/api/reports/{id}/versions/{number}"),
        "/api/reports/{}/versions/{}"
    );
    assert_eq!(
        routes_in(".route(\"/a\", get(x))\n.route(\n  \"/b/{id}\",\n post(y))"),
        ["/a", "/b/{id}"]
    );
}
