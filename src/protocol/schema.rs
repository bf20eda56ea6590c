//! The schema model: what `GetSchema` reports, in a deterministic order.

use super::value::Type;
use std::collections::BTreeMap;

/// Whether a description is plain text or markdown (tfplugin5 `StringKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DescriptionKind {
    #[default]
    Plain,
    Markdown,
}

/// A schema: a version (for state upgrades; always 0 here) and a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub version: i64,
    pub block: Block,
}

/// A configuration block. Attributes and nested blocks are reported in the order given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    pub attributes: Vec<Attribute>,
    pub block_types: Vec<NestedBlock>,
    pub description: String,
    pub description_kind: DescriptionKind,
    pub deprecated: bool,
}

/// One attribute. Exactly one of required, optional, computed, or optional+computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub ty: Type,
    pub description: String,
    pub description_kind: DescriptionKind,
    pub required: bool,
    pub optional: bool,
    pub computed: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    /// The attributes of an object (or of each object of a collection) with their
    /// descriptions. tfplugin5 carries a type for them but no description: the wire
    /// description lists them in a sentence, and the Registry docs give them a nested
    /// section.
    pub nested: Vec<Attribute>,
}

/// How a nested block type nests (tfplugin5 `NestingMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    Single,
    List,
    Set,
    Map,
    Group,
}

/// A nested block type.
#[derive(Debug, Clone, PartialEq)]
pub struct NestedBlock {
    pub type_name: String,
    pub block: Block,
    pub nesting: Nesting,
    pub min_items: i64,
    pub max_items: i64,
}

impl Attribute {
    fn new(name: &str, ty: Type) -> Self {
        Attribute {
            name: name.to_owned(),
            ty,
            description: String::new(),
            description_kind: DescriptionKind::Markdown,
            required: false,
            optional: false,
            computed: false,
            sensitive: false,
            deprecated: false,
            nested: Vec::new(),
        }
    }

    pub fn required(name: &str, ty: Type) -> Self {
        Attribute {
            required: true,
            ..Self::new(name, ty)
        }
    }

    pub fn optional(name: &str, ty: Type) -> Self {
        Attribute {
            optional: true,
            ..Self::new(name, ty)
        }
    }

    pub fn computed(name: &str, ty: Type) -> Self {
        Attribute {
            computed: true,
            ..Self::new(name, ty)
        }
    }

    /// A markdown description (also shown as plain text by clients that want it).
    pub fn description(mut self, text: &str) -> Self {
        self.description = text.to_owned();
        self
    }

    /// The described attributes of its objects (see [`Attribute::nested`]).
    pub fn nested(mut self, attributes: Vec<Attribute>) -> Self {
        self.nested = attributes;
        self
    }

    /// The description Terraform is given: the text, then the nested attributes in a
    /// sentence, since tfplugin5 has no place for their descriptions.
    pub fn wire_description(&self) -> String {
        if self.nested.is_empty() {
            return self.description.clone();
        }
        let each: Vec<String> = self
            .nested
            .iter()
            .map(|a| {
                format!(
                    "`{}` ({})",
                    a.name,
                    a.description.trim().trim_end_matches('.')
                )
            })
            .collect();
        format!("{} Each element has {}.", self.description, each.join("; "))
    }

    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    pub fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }
}

impl Block {
    /// The object type of this block's values: every attribute, and every nested
    /// block type as list/set/map/object per its nesting.
    pub fn value_type(&self) -> Type {
        let mut attrs = BTreeMap::new();
        for a in &self.attributes {
            attrs.insert(a.name.clone(), a.ty.clone());
        }
        for b in &self.block_types {
            let inner = b.block.value_type();
            let ty = match b.nesting {
                Nesting::Single | Nesting::Group => inner,
                Nesting::List => Type::List(Box::new(inner)),
                Nesting::Set => Type::Set(Box::new(inner)),
                Nesting::Map => Type::Map(Box::new(inner)),
            };
            attrs.insert(b.type_name.clone(), ty);
        }
        Type::Object(attrs)
    }
}

impl Schema {
    pub fn value_type(&self) -> Type {
        self.block.value_type()
    }
}

/// Everything `GetSchema` reports for a provider (built from [`super::Provider::schema`]
/// and the data source registry).
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSchemas {
    pub provider: Schema,
    /// Data source schemas by full type name (`<provider type>_<name>`).
    pub data_sources: BTreeMap<String, Schema>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_list_block_becomes_list_of_objects() {
        let block = Block {
            attributes: vec![Attribute::optional("a", Type::String)],
            block_types: vec![NestedBlock {
                type_name: "b".into(),
                block: Block {
                    attributes: vec![Attribute::required("c", Type::Number)],
                    ..Block::default()
                },
                nesting: Nesting::List,
                min_items: 0,
                max_items: 1,
            }],
            ..Block::default()
        };
        assert_eq!(
            block.value_type().to_json().to_string(),
            r#"["object",{"a":"string","b":["list",["object",{"c":"number"}]]}]"#
        );
    }
}
