//! [`AttrDef`]: one attribute, described once. A block is a table of them (a
//! `const` slice, in schema order), and everything about the attribute comes from its
//! entry: the schema Terraform is given and its description, the validators that
//! decoding runs, the environment variable that stands in for it, whether it is
//! secret, and what it defaults to. terraform-plugin-framework keeps validators on
//! the attribute the same way.

use crate::protocol::validator::{describe_all, Checks};
use crate::protocol::{Attribute, Type};

/// How an attribute is set (tfplugin5's required, optional and computed flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Required,
    Optional,
    Computed,
}

/// An attribute's type, in a form a `const` table can hold (the protocol's [`Type`]
/// boxes its element types).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    String,
    Number,
    Bool,
    StringList,
    StringSet,
    NumberList,
    /// A list of objects whose attributes are the nested table.
    ObjectList(&'static [AttrDef]),
}

impl Kind {
    /// The protocol type.
    pub fn ty(self) -> Type {
        match self {
            Kind::String => Type::String,
            Kind::Number => Type::Number,
            Kind::Bool => Type::Bool,
            Kind::StringList => Type::List(Box::new(Type::String)),
            Kind::StringSet => Type::Set(Box::new(Type::String)),
            Kind::NumberList => Type::List(Box::new(Type::Number)),
            Kind::ObjectList(attributes) => Type::List(Box::new(object_type(attributes))),
        }
    }
}

/// The object type whose attributes are `attributes`.
pub fn object_type(attributes: &[AttrDef]) -> Type {
    Type::Object(
        attributes
            .iter()
            .map(|a| (a.name.to_owned(), a.kind.ty()))
            .collect(),
    )
}

/// One attribute of a block. Built with `const` methods:
/// `AttrDef::optional("region", Kind::String).env("EXAMPLE_REGION").text("...")`.
#[derive(Debug, Clone, Copy)]
pub struct AttrDef {
    pub name: &'static str,
    pub kind: Kind,
    pub mode: Mode,
    /// Validators, run on configured values and on the environment variable's.
    pub checks: Checks,
    /// The environment variable used when the configuration leaves it unset.
    pub env: Option<&'static str>,
    /// Whether the configuration or the environment variable must give it (said in
    /// the description; `Configure` enforces it).
    pub env_required: bool,
    /// What it does, in markdown, without the validators' words, default or
    /// environment variable (those are added from the other fields).
    pub text: &'static str,
    /// The default, as markdown (`` `10` ``).
    pub default: Option<&'static str>,
    /// Hidden by Terraform in plans and output.
    pub sensitive: bool,
    /// Hidden in the provider's own Debug output and logs (every sensitive
    /// attribute, and a few that Terraform may show but logs should not keep).
    pub redacted: bool,
    pub deprecated: bool,
}

impl AttrDef {
    const fn new(name: &'static str, kind: Kind, mode: Mode) -> Self {
        AttrDef {
            name,
            kind,
            mode,
            checks: &[],
            env: None,
            env_required: false,
            text: "",
            default: None,
            sensitive: false,
            redacted: false,
            deprecated: false,
        }
    }

    pub const fn required(name: &'static str, kind: Kind) -> Self {
        Self::new(name, kind, Mode::Required)
    }

    pub const fn optional(name: &'static str, kind: Kind) -> Self {
        Self::new(name, kind, Mode::Optional)
    }

    pub const fn computed(name: &'static str, kind: Kind) -> Self {
        Self::new(name, kind, Mode::Computed)
    }

    pub const fn checks(mut self, checks: Checks) -> Self {
        self.checks = checks;
        self
    }

    pub const fn env(mut self, var: &'static str) -> Self {
        self.env = Some(var);
        self
    }

    /// Set here or in the environment variable (checked in `Configure`).
    pub const fn env_required(mut self, var: &'static str) -> Self {
        self.env = Some(var);
        self.env_required = true;
        self
    }

    pub const fn text(mut self, text: &'static str) -> Self {
        self.text = text;
        self
    }

    pub const fn default(mut self, markdown: &'static str) -> Self {
        self.default = Some(markdown);
        self
    }

    pub const fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self.redacted = true;
        self
    }

    pub const fn redacted(mut self) -> Self {
        self.redacted = true;
        self
    }

    pub const fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// Whether the user sets it (required or optional).
    pub const fn is_argument(&self) -> bool {
        !matches!(self.mode, Mode::Computed)
    }

    /// The checks in words ("" when there are none).
    pub fn requirement(&self) -> String {
        describe_all(self.checks)
    }

    /// The full description: the text, the checks as a sentence ("...; the value
    /// must be ..."), the default and the environment variable. The attributes of an
    /// object list are the schema attribute's [`Attribute::nested`].
    pub fn description(&self) -> String {
        let mut out = if self.checks.is_empty() {
            self.text.to_owned()
        } else {
            format!(
                "{}; the {}.",
                self.text.trim_end_matches('.'),
                self.requirement()
            )
        };
        if let Some(default) = self.default {
            out.push_str(&format!(" Defaults to {default}."));
        }
        match (self.env, self.env_required) {
            (Some(var), true) => out.push_str(&format!(
                " Required here or in the `{var}` environment variable."
            )),
            (Some(var), false) => out.push_str(&format!(
                " Can also be set with the `{var}` environment variable."
            )),
            (None, _) => {}
        }
        out
    }

    /// The schema attribute Terraform is given.
    pub fn schema_attribute(&self) -> Attribute {
        let ty = self.kind.ty();
        let mut attribute = match self.mode {
            Mode::Required => Attribute::required(self.name, ty),
            Mode::Optional => Attribute::optional(self.name, ty),
            Mode::Computed => Attribute::computed(self.name, ty),
        };
        if self.sensitive {
            attribute = attribute.sensitive();
        }
        if self.deprecated {
            attribute = attribute.deprecated();
        }
        if let Kind::ObjectList(attributes) = self.kind {
            attribute = attribute.nested(schema_attributes(attributes));
        }
        attribute.description(&self.description())
    }
}

/// The schema attributes of a table, in its order.
pub fn schema_attributes(table: &[AttrDef]) -> Vec<Attribute> {
    table.iter().map(AttrDef::schema_attribute).collect()
}

/// The names of a table's arguments (what a user sets), in its order.
pub fn argument_names(table: &[AttrDef]) -> impl Iterator<Item = &'static str> + '_ {
    table.iter().filter(|a| a.is_argument()).map(|a| a.name)
}

/// `const` string equality, for the compile-time checks of [`typed_block!`].
///
/// [`typed_block!`]: crate::protocol::decode::typed_block
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `table` has an attribute named `name` (a `const` check).
pub const fn has_attribute(table: &[AttrDef], name: &str) -> bool {
    let mut i = 0;
    while i < table.len() {
        if same_name(table[i].name, name) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::validator::test_checks::AtLeast;

    #[test]
    fn descriptions_join_text_checks_default_and_environment() {
        const COUNT: AttrDef = AttrDef::optional("n", Kind::Number)
            .checks(&[&AtLeast(1)])
            .text("Count.");
        assert_eq!(
            COUNT.description(),
            "Count; the value must be a whole number at least 1."
        );
        let plain = AttrDef::optional("n", Kind::Number).text("Count.");
        assert_eq!(plain.description(), "Count.");
        let full = COUNT.default("`3`").env("N_VAR");
        assert_eq!(
            full.description(),
            "Count; the value must be a whole number at least 1. Defaults to `3`. Can also \
             be set with the `N_VAR` environment variable."
        );
        let must = plain.env_required("N_VAR");
        assert!(must
            .description()
            .ends_with("Required here or in the `N_VAR` environment variable."));
    }

    #[test]
    fn schema_attributes_carry_mode_type_and_flags() {
        const NESTED: &[AttrDef] = &[AttrDef::computed("x", Kind::Number).text("An x.")];
        const TABLE: &[AttrDef] = &[
            AttrDef::required("a", Kind::String),
            AttrDef::optional("b", Kind::StringSet).sensitive(),
            AttrDef::optional("c", Kind::Bool).deprecated().redacted(),
            AttrDef::computed("d", Kind::ObjectList(NESTED)),
        ];
        let attrs = schema_attributes(TABLE);
        let flags: Vec<_> = attrs
            .iter()
            .map(|a| {
                (
                    a.required,
                    a.optional,
                    a.computed,
                    a.sensitive,
                    a.deprecated,
                )
            })
            .collect();
        assert_eq!(
            flags,
            [
                (true, false, false, false, false),
                (false, true, false, true, false),
                (false, true, false, false, true),
                (false, false, true, false, false),
            ]
        );
        assert_eq!(attrs[1].ty, Type::Set(Box::new(Type::String)));
        assert_eq!(
            attrs[3].ty,
            Type::List(Box::new(Type::Object(
                [("x".to_owned(), Type::Number)].into_iter().collect()
            )))
        );
        assert!(TABLE[1].redacted && TABLE[2].redacted && !TABLE[0].redacted);
        assert_eq!(attrs[3].description, "");
        assert_eq!(attrs[3].nested[0].description, "An x.");
        assert_eq!(attrs[3].wire_description(), " Each element has `x` (An x).");
        assert_eq!(argument_names(TABLE).collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn names_compare_in_const_code() {
        const TABLE: &[AttrDef] = &[AttrDef::required("abc", Kind::String)];
        assert!(same_name("abc", "abc"));
        assert!(!same_name("abc", "abd") && !same_name("abc", "ab"));
        assert!(has_attribute(TABLE, "abc") && !has_attribute(TABLE, "ab"));
    }
}
