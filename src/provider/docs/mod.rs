//! The Terraform Registry docs (`docs/`), rendered from the provider's own schema so
//! they cannot drift from it: `make docs` writes them and `tests/docs.rs` fails when
//! the committed ones differ.
//!
//! The layout and format are tfplugindocs's (hashicorp/terraform-plugin-docs): one page
//! per provider (`docs/index.md`) and per data source
//! (`docs/data-sources/<name without "gaap_">.md`), each from its template
//! (`templates/index.md.tmpl`, `templates/data-sources/<name>.md.tmpl`, else the
//! tfplugindocs default) and its example (`examples/provider/provider.tf`,
//! `examples/data-sources/<full name>/data-source.tf`). Templates take the placeholders
//! listed in [`PLACEHOLDERS`]; the schema part comes from the framework's
//! [`schema_md`].
//!
//! Only tests and `make docs` call this; the provider binary never does, so the linker
//! leaves it out.

pub mod template;

use crate::protocol::{schema_md, Schema};

use super::gaap_provider::provider_schemas;

/// The provider's type name, as in `provider "gaap"` and the Registry address.
pub const PROVIDER_TYPE: &str = "gaap";

/// The placeholders a template may use (tfplugindocs's names, pipelines included), and
/// what each becomes.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    (
        ".Name",
        "the data source's full type name, or the provider's name",
    ),
    (".Type", "`Data Source` or `Provider`"),
    (".ProviderName", "the provider's name (`gaap`)"),
    (".ProviderShortName", "the provider's name (`gaap`)"),
    (
        ".Description",
        "the schema's description (markdown), trimmed",
    ),
    (".Description | trimspace", "the same"),
    (
        ".Description | plainmarkdown | trimspace | prefixlines \"  \"",
        "the description as plain text, each line indented by two spaces (front matter)",
    ),
    (
        ".SchemaMarkdown",
        "`## Schema` and the argument lists, as tfplugindocs renders them",
    ),
    (".SchemaMarkdown | trimspace", "the same, trimmed"),
    (".ExampleFile", "the example's path"),
    ("tffile .ExampleFile", "the example in a ```terraform fence"),
    (".Example", "the same"),
];

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Provider,
    DataSource,
}

impl Kind {
    /// tfplugindocs's `.Type`.
    pub fn type_label(self) -> &'static str {
        match self {
            Kind::Provider => "Provider",
            Kind::DataSource => "Data Source",
        }
    }
}

/// A file a page is made from: its repository-relative path and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// Everything one page is rendered from.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    pub kind: Kind,
    /// The data source's full type name, or the provider's name.
    pub name: &'a str,
    pub provider: &'a str,
    pub schema: &'a Schema,
    pub example: Option<SourceFile<'a>>,
    /// The page's template; the tfplugindocs default when there is none.
    pub template: Option<SourceFile<'a>>,
}

/// The page's markdown, or what is wrong with its template.
pub fn render_page(input: &PageInput<'_>) -> Result<String, String> {
    let default_template;
    let (template_path, template) = match input.template {
        Some(file) => (file.path, file.text),
        None => {
            default_template = default_template_for(input.kind, input.example.is_some());
            ("the default template", default_template.as_str())
        }
    };
    let description = input.schema.block.description.trim();
    let plain_description =
        template::prefix_lines(template::plain_markdown(description).trim(), "  ");
    let schema_markdown = format!(
        "{}\n{}",
        schema_md::SCHEMA_COMMENT,
        schema_md::render(input.schema)
    );
    let example_path = input.example.map(|e| e.path).unwrap_or_default();
    let example = input
        .example
        .map(|e| template::terraform_fence(e.text))
        .unwrap_or_default();
    let mut values: Vec<(&str, &str)> = vec![
        (".Name", input.name),
        (".Type", input.kind.type_label()),
        (".ProviderName", input.provider),
        (".ProviderShortName", input.provider),
        (".Description", description),
        (".Description | trimspace", description),
        (
            ".Description | plainmarkdown | trimspace | prefixlines \"  \"",
            &plain_description,
        ),
        (".SchemaMarkdown", &schema_markdown),
        (".SchemaMarkdown | trimspace", schema_markdown.trim()),
    ];
    if input.example.is_some() {
        values.extend([
            (".ExampleFile", example_path),
            ("tffile .ExampleFile", example.as_str()),
            (".Example", example.as_str()),
        ]);
    } else if template.contains("ExampleFile") || template.contains(".Example ") {
        return Err(format!(
            "{template_path}: the page has no example file, so it cannot be shown"
        ));
    }
    debug_assert!(values
        .iter()
        .all(|(name, _)| PLACEHOLDERS.iter().any(|(listed, _)| listed == name)));
    let page = template::substitute(template, &values)
        .map_err(|problem| format!("{template_path}: {problem}"))?;
    Ok(format!("{}\n", page.trim_end()))
}

/// tfplugindocs's default provider and data source templates (its front matter comment
/// names what generates the page here).
fn default_template_for(kind: Kind, has_example: bool) -> String {
    let (page_title, subcategory, heading) = match kind {
        Kind::Provider => (
            "{{ .ProviderShortName }} Provider",
            "",
            "{{ .ProviderShortName }} Provider",
        ),
        Kind::DataSource => (
            "{{ .Name }} {{ .Type }} - {{ .ProviderName }}",
            "subcategory: \"\"\n",
            "{{ .Name }} ({{ .Type }})",
        ),
    };
    let example = if has_example {
        "## Example Usage\n\n{{ tffile .ExampleFile }}\n\n"
    } else {
        ""
    };
    format!(
        "---\n# generated by make docs\npage_title: \"{page_title}\"\n{subcategory}description: |-\n\
         {{{{ .Description | plainmarkdown | trimspace | prefixlines \"  \" }}}}\n---\n\n\
         # {heading}\n\n{{{{ .Description | trimspace }}}}\n\n{example}\
         {{{{ .SchemaMarkdown | trimspace }}}}\n"
    )
}

/// One rendered page: where it goes (repository-relative) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub text: String,
}

/// Where each page's sources are, and where it goes.
struct PagePaths {
    output: String,
    template: String,
    example: String,
}

fn provider_paths() -> PagePaths {
    PagePaths {
        output: "docs/index.md".into(),
        template: "templates/index.md.tmpl".into(),
        example: "examples/provider/provider.tf".into(),
    }
}

fn data_source_paths(type_name: &str) -> PagePaths {
    let short = type_name
        .strip_prefix(PROVIDER_TYPE)
        .and_then(|rest| rest.strip_prefix('_'))
        .unwrap_or(type_name);
    PagePaths {
        output: format!("docs/data-sources/{short}.md"),
        template: format!("templates/data-sources/{short}.md.tmpl"),
        example: format!("examples/data-sources/{type_name}/data-source.tf"),
    }
}

/// The Registry guides, each `templates/guides/<name>.md.tmpl` rendered to
/// `docs/guides/<name>.md`, in this order.
pub const GUIDES: &[&str] = &[
    "plan-time-validation",
    "testing-modules",
    "migrating-from-the-official-provider",
    "cam-policy",
    "installing",
];

/// A guide's template and page.
pub fn guide_paths(name: &str) -> (String, String) {
    (
        format!("templates/guides/{name}.md.tmpl"),
        format!("docs/guides/{name}.md"),
    )
}

/// A guide, as tfplugindocs renders one: its template with the provider's names and
/// `{{ tffile "path" }}` replaced by that (tested) file in a ```terraform fence.
pub fn render_guide(
    template_path: &str,
    template: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut files = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{ tffile \"") {
        let after = &rest[start + "{{ tffile \"".len()..];
        let Some(end) = after.find('"') else { break };
        let path = &after[..end];
        let text = read(path).ok_or_else(|| {
            format!("{template_path}: `tffile` names {path}, which does not exist")
        })?;
        files.push((
            format!("tffile \"{path}\""),
            template::terraform_fence(&text),
        ));
        rest = &after[end..];
    }
    let mut values: Vec<(&str, &str)> = vec![
        (".ProviderName", PROVIDER_TYPE),
        (".ProviderShortName", PROVIDER_TYPE),
    ];
    values.extend(
        files
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    );
    let page = template::substitute(template, &values)
        .map_err(|problem| format!("{template_path}: {problem}"))?;
    Ok(format!("{}\n", page.trim_end()))
}

/// Every page of the provider's docs, its templates and examples read through `read`
/// (a repository-relative path to the file's text, `None` when there is no such file).
pub fn pages(read: &dyn Fn(&str) -> Option<String>) -> Result<Vec<Page>, String> {
    let schemas = provider_schemas();
    let mut inputs = vec![(
        Kind::Provider,
        PROVIDER_TYPE.to_owned(),
        schemas.provider,
        provider_paths(),
    )];
    for (name, schema) in schemas.data_sources {
        let paths = data_source_paths(&name);
        inputs.push((Kind::DataSource, name, schema, paths));
    }
    let mut pages = Vec::new();
    for (kind, name, schema, paths) in &inputs {
        let template = read(&paths.template);
        let example = read(&paths.example);
        let text = render_page(&PageInput {
            kind: *kind,
            name,
            provider: PROVIDER_TYPE,
            schema,
            example: example.as_deref().map(|text| SourceFile {
                path: &paths.example,
                text,
            }),
            template: template.as_deref().map(|text| SourceFile {
                path: &paths.template,
                text,
            }),
        })?;
        pages.push(Page {
            path: paths.output.clone(),
            text,
        });
    }
    for name in GUIDES {
        let (template_path, output) = guide_paths(name);
        let template = read(&template_path)
            .ok_or_else(|| format!("the guide {name} has no template {template_path}"))?;
        pages.push(Page {
            path: output,
            text: render_guide(&template_path, &template, read)?,
        });
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Attribute, Block, Type};

    fn schema() -> Schema {
        Schema {
            version: 0,
            block: Block {
                attributes: vec![Attribute::required("size", Type::Number).description("Size.")],
                description: "Checks `size`.\n".into(),
                ..Block::default()
            },
        }
    }

    fn input<'a>(schema: &'a Schema, template: Option<&'a str>) -> PageInput<'a> {
        PageInput {
            kind: Kind::DataSource,
            name: "demo_check",
            provider: "demo",
            schema,
            example: Some(SourceFile {
                path: "examples/data-sources/demo_check/data-source.tf",
                text: "data \"demo_check\" \"x\" {\n  size = 1\n}\n",
            }),
            template: template.map(|text| SourceFile {
                path: "templates/data-sources/check.md.tmpl",
                text,
            }),
        }
    }

    #[test]
    fn without_a_template_the_page_is_tfplugindocs_default() {
        let schema = schema();
        let expected = "\
---
# generated by make docs
page_title: \"demo_check Data Source - demo\"
subcategory: \"\"
description: |-
  Checks size.
---

# demo_check (Data Source)

Checks `size`.

## Example Usage

```terraform
data \"demo_check\" \"x\" {
  size = 1
}
```

<!-- schema generated by make docs -->
## Schema

### Required

- `size` (Number) Size.
";
        assert_eq!(render_page(&input(&schema, None)), Ok(expected.to_owned()));
    }

    #[test]
    fn a_template_places_the_parts_and_keeps_its_prose() {
        let schema = schema();
        let template = "# {{ .Name }}\n\n{{ .Description }}\n\n{{ .Example }}\n\n\
                        {{ .SchemaMarkdown | trimspace }}\n\n## More\n\nProse.\n\n";
        let page = render_page(&input(&schema, Some(template))).expect("renders");
        assert!(page.starts_with("# demo_check\n\nChecks `size`.\n\n```terraform\n"));
        assert!(page.ends_with("- `size` (Number) Size.\n\n## More\n\nProse.\n"));
    }

    #[test]
    fn template_mistakes_name_the_template() {
        let schema = schema();
        let err = render_page(&input(&schema, Some("{{ .Nmae }}"))).unwrap_err();
        assert!(
            err.starts_with("templates/data-sources/check.md.tmpl: unknown placeholder"),
            "{err}"
        );
        let mut no_example = input(&schema, Some("{{ tffile .ExampleFile }}"));
        no_example.example = None;
        assert!(render_page(&no_example)
            .unwrap_err()
            .contains("no example file"));
    }

    #[test]
    fn every_listed_placeholder_has_a_value() {
        let schema = schema();
        for (name, _) in PLACEHOLDERS {
            let template = format!("{{{{ {name} }}}}");
            assert!(
                render_page(&input(&schema, Some(&template))).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn guides_take_the_provider_name_and_tested_files() {
        let read = |path: &str| (path == "examples/x/main.tf").then(|| "a = 1\n".to_owned());
        let page = render_guide(
            "templates/guides/g.md.tmpl",
            "# Using {{ .ProviderName }}\n\n{{ tffile \"examples/x/main.tf\" }}\n",
            &read,
        )
        .expect("renders");
        assert_eq!(page, "# Using gaap\n\n```terraform\na = 1\n```\n");
        let missing = render_guide("t", "{{ tffile \"examples/none.tf\" }}", &read).unwrap_err();
        assert!(missing.contains("examples/none.tf"), "{missing}");
        let typo = render_guide("t", "{{ .ProviderNmae }}", &read).unwrap_err();
        assert!(typo.starts_with("t: unknown placeholder"), "{typo}");
    }

    #[test]
    fn every_page_of_the_provider_has_its_place() {
        let read = |path: &str| {
            path.starts_with("templates/guides/")
                .then(|| "# A guide\n".to_owned())
        };
        let pages = pages(&read).expect("default templates render");
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "docs/index.md",
                "docs/data-sources/access_regions.md",
                "docs/data-sources/dest_regions.md",
                "docs/data-sources/proxy_create_check.md",
                "docs/data-sources/proxy_price.md",
                "docs/guides/plan-time-validation.md",
                "docs/guides/testing-modules.md",
                "docs/guides/migrating-from-the-official-provider.md",
                "docs/guides/cam-policy.md",
                "docs/guides/installing.md",
            ]
        );
        assert!(pages[0].text.contains("\n# gaap Provider\n"));
        assert!(pages[3]
            .text
            .contains("\n# gaap_proxy_create_check (Data Source)\n"));
    }
}
