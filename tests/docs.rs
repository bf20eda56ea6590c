//! `docs/` is rendered from the provider's own schema (`provider::docs`), its
//! templates (`templates/`) and examples (`examples/`). This test fails when a
//! committed page differs from what they render; with `GAAP_UPDATE_DOCS=1` it writes
//! the pages instead, which is what `make docs` runs.

use std::fs;
use std::path::Path;

use terraform_provider_gaap::provider::docs;

/// Set to `1` to write the rendered pages into `docs/` instead of comparing.
const UPDATE_VAR: &str = "GAAP_UPDATE_DOCS";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rendered_pages() -> Vec<docs::Page> {
    let read = |path: &str| fs::read_to_string(root().join(path)).ok();
    docs::pages(&read).unwrap_or_else(|problem| panic!("the docs do not render: {problem}"))
}

/// Where `committed` and `rendered` first differ, for the failure message.
fn first_difference(committed: &str, rendered: &str) -> String {
    let mut committed_lines = committed.lines();
    let mut rendered_lines = rendered.lines();
    for number in 1.. {
        match (committed_lines.next(), rendered_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return "the files differ only in line endings".into(),
            (a, b) => {
                return format!(
                    "first difference at line {number}:\n  committed: {}\n  rendered:  {}",
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                )
            }
        }
    }
    unreachable!()
}

#[test]
fn committed_docs_match_what_the_schema_renders() {
    let update = std::env::var(UPDATE_VAR).is_ok_and(|value| value == "1");
    let mut problems = Vec::new();
    for page in rendered_pages() {
        let path = root().join(&page.path);
        let committed = fs::read_to_string(&path).ok();
        if committed.as_deref() == Some(page.text.as_str()) {
            continue;
        }
        if update {
            fs::create_dir_all(path.parent().expect("a docs folder")).expect("create docs/");
            fs::write(&path, &page.text).expect("write the page");
            eprintln!("wrote {}", page.path);
            continue;
        }
        problems.push(match committed {
            None => format!("{} is missing", page.path),
            Some(committed) => format!(
                "{} differs from what the provider's schema, templates/ and examples/ render; {}",
                page.path,
                first_difference(&committed, &page.text)
            ),
        });
    }
    assert!(
        problems.is_empty(),
        "{}\n\nRun `make docs` to regenerate docs/ (edit the schema's descriptions, templates/ \
         or examples/, not docs/ itself), then commit the result.",
        problems.join("\n")
    );
}

#[test]
fn every_data_source_page_documents_a_data_source() {
    let rendered: Vec<String> = rendered_pages().into_iter().map(|p| p.path).collect();
    let dir = root().join("docs/data-sources");
    let mut orphans = Vec::new();
    for entry in fs::read_dir(&dir).expect("docs/data-sources/").flatten() {
        let path = format!("docs/data-sources/{}", entry.file_name().to_string_lossy());
        if !rendered.contains(&path) {
            orphans.push(path);
        }
    }
    assert!(
        orphans.is_empty(),
        "these pages document no data source of the provider; delete them: {orphans:?}"
    );
}

#[test]
fn a_difference_is_shown_by_line() {
    assert_eq!(
        first_difference("a\nb\nc\n", "a\nB\nc\n"),
        "first difference at line 2:\n  committed: b\n  rendered:  B"
    );
    assert_eq!(
        first_difference("a\n", "a\nb\n"),
        "first difference at line 2:\n  committed: (end of file)\n  rendered:  b"
    );
}
