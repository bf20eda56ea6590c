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

/// Every file under `dir`, recursively, repository-relative.
fn files_under(dir: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(path) = pending.pop() {
        for entry in fs::read_dir(&path).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root()).expect("under the root");
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// `docs/` is exactly what the Registry would publish: the rendered pages, nothing
/// else (maintainer notes live in `contributing/`), and every guide template is one.
#[test]
fn docs_hold_only_the_rendered_pages() {
    let mut rendered: Vec<String> = rendered_pages().into_iter().map(|p| p.path).collect();
    rendered.sort();
    assert_eq!(
        files_under("docs"),
        rendered,
        "docs/ must hold the rendered pages only"
    );
    let templates: Vec<String> = files_under("templates/guides");
    let listed: Vec<String> = docs::GUIDES
        .iter()
        .map(|name| docs::guide_paths(name).0)
        .collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(
        templates, listed_sorted,
        "every guide template is in docs::GUIDES"
    );
}

/// The Registry shows the pages away from this repository: a link is an anchor on the
/// page or an absolute URL, never a path into the repository.
#[test]
fn links_work_outside_the_repository() {
    let mut relative = Vec::new();
    for page in rendered_pages() {
        let mut rest = page.text.as_str();
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = &after[..end];
            if !(target.starts_with('#')
                || target.starts_with("https://")
                || target.starts_with("http://"))
            {
                relative.push(format!("{}: ({target})", page.path));
            }
            rest = &after[end..];
        }
    }
    assert!(
        relative.is_empty(),
        "links that break on the Registry: {relative:#?}"
    );
}

/// A Terraform to run `fmt` with: the pinned one the project installs, else one on PATH.
fn terraform() -> Option<std::path::PathBuf> {
    let pinned = root().join(".tools/terraform-1.0.3/terraform");
    if pinned.is_file() {
        return Some(pinned);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("terraform"))
        .find(|candidate| candidate.is_file())
}

/// Every ```terraform block of the pages is as `terraform fmt` writes it (so it parses
/// as HCL too), examples and hand-written guide snippets alike.
#[test]
fn terraform_blocks_are_formatted() {
    let Some(terraform) = terraform() else {
        eprintln!(
            "SKIPPED terraform_blocks_are_formatted: no terraform (run `make install-tools`)"
        );
        return;
    };
    let mut problems = Vec::new();
    for page in rendered_pages() {
        for block in page.text.split("```terraform\n").skip(1) {
            let code = &block[..block.find("```").expect("a closed fence")];
            let mut child = std::process::Command::new(&terraform)
                .args(["fmt", "-no-color", "-"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("terraform starts");
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(code.as_bytes())
                .expect("write the block");
            let out = child.wait_with_output().expect("terraform fmt ends");
            let formatted = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || formatted != code {
                problems.push(format!(
                    "{}:\n{code}\n-- terraform fmt --\n{formatted}{}",
                    page.path,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
