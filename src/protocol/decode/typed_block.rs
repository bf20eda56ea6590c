//! [`TypedBlock`]: a block's attributes decoded into a struct of [`Attr`] fields, and
//! [`typed_block!`], which declares that struct from the block's attribute table so
//! that the fields, their decoding and their redaction cannot drift from the table.
//!
//! [`Attr`]: super::Attr

use crate::protocol::{AttributePath, Diagnostics, Value};

use super::{AttrDef, Decoded, ObjectDecoder};

/// A nested block of a table's block: a list block of at most one element.
#[derive(Debug, Clone, Copy)]
pub struct BlockDef {
    pub name: &'static str,
    /// What it does, in markdown.
    pub text: &'static str,
    pub attributes: &'static [AttrDef],
}

/// A block decoded into typed fields; implemented by [`typed_block!`].
pub trait TypedBlock: Sized {
    /// The block's attribute table, in schema order (computed attributes included).
    const ATTRIBUTES: &'static [AttrDef];

    /// Decodes each field by its table entry, reporting invalid values.
    fn decode_fields(d: &mut ObjectDecoder<'_>) -> Self;

    /// Decodes a whole configuration: one error per invalid attribute, on its path.
    /// Null and unknown values are not errors.
    fn decode(config: &Value) -> Decoded<Self> {
        Self::decode_with(config, |_, _, _| {})
    }

    /// Like [`TypedBlock::decode`], then `rules` that span attributes (conflicts,
    /// deprecation warnings) add their diagnostics.
    fn decode_with(
        config: &Value,
        rules: impl FnOnce(&Self, &Value, &mut Diagnostics),
    ) -> Decoded<Self> {
        let mut diags = Diagnostics::new();
        let mut d = ObjectDecoder::new(config, AttributePath::default(), &mut diags);
        let decoded = Self::decode_fields(&mut d);
        rules(&decoded, config, &mut diags);
        Decoded::new(decoded, diags)
    }
}

/// Declares a block's typed struct from its attribute table:
///
/// ```ignore
/// typed_block! {
///     /// The arguments, typed.
///     pub struct Arguments in TABLE {
///         dest_region: String = DEST_REGION,
///     }
///     blocks { assume_role: AssumeRole = ASSUME_ROLE_BLOCK }
/// }
/// ```
///
/// Each field is an `Attr<T>` decoded by its entry's validators (nested blocks: the
/// first element of the list block). Debug output hides the entries marked
/// `redacted`. At compile time, each field must carry its entry's name and each
/// entry must be in the table.
macro_rules! typed_block {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $table:path {
            $( $field:ident : $ty:ty = $def:path ),* $(,)?
        }
        $( blocks {
            $( $bfield:ident : $bty:ty = $bdef:path ),* $(,)?
        } )?
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq)]
        $vis struct $name {
            $( pub $field: $crate::protocol::decode::Attr<$ty>, )*
            $($( pub $bfield: $crate::protocol::decode::Attr<$bty>, )*)?
        }

        impl $crate::protocol::decode::TypedBlock for $name {
            const ATTRIBUTES: &'static [$crate::protocol::decode::AttrDef] = $table;

            fn decode_fields(d: &mut $crate::protocol::decode::ObjectDecoder<'_>) -> Self {
                $name {
                    $( $field: d.attr(&$def), )*
                    $($( $bfield: d.first_block(&$bdef), )*)?
                }
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $(
                    if $def.redacted {
                        s.field(stringify!($field), &self.$field.redacted());
                    } else {
                        s.field(stringify!($field), &self.$field);
                    }
                )*
                $($( s.field(stringify!($bfield), &self.$bfield); )*)?
                s.finish()
            }
        }

        const _: () = {
            use $crate::protocol::decode::{has_attribute, same_name};
            $(
                assert!(
                    same_name($def.name, stringify!($field)),
                    concat!("field ", stringify!($field), " is not named like its entry")
                );
                assert!(
                    has_attribute($table, $def.name),
                    concat!("entry of ", stringify!($field), " is not in the table")
                );
            )*
            $($(
                assert!(
                    same_name($bdef.name, stringify!($bfield)),
                    concat!("block ", stringify!($bfield), " is not named like its entry")
                );
            )*)?
        };
    };
}

pub(crate) use typed_block;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::{Attr, Kind};
    use crate::protocol::test_values::{n, obj, s};
    use crate::protocol::validator::test_checks::AtLeast;

    const COUNT: AttrDef = AttrDef::optional("count", Kind::Number).checks(&[&AtLeast(1)]);
    const TOKEN: AttrDef = AttrDef::optional("token", Kind::String).sensitive();
    const INNER: &[AttrDef] = &[COUNT];
    const INNER_BLOCK: BlockDef = BlockDef {
        name: "inner",
        text: "A nested block.",
        attributes: INNER,
    };
    const TABLE: &[AttrDef] = &[COUNT, TOKEN, AttrDef::computed("id", Kind::String)];

    typed_block! {
        struct Inner in INNER {
            count: u64 = COUNT,
        }
    }

    typed_block! {
        struct Outer in TABLE {
            count: u64 = COUNT,
            token: String = TOKEN,
        }
        blocks { inner: Inner = INNER_BLOCK }
    }

    #[test]
    fn fields_decode_by_their_entries() {
        let config = obj(&[
            ("count", n("2")),
            ("token", s("hush-42")),
            ("inner", Value::List(vec![obj(&[("count", n("0"))])])),
        ]);
        let decoded = Outer::decode(&config);
        let details: Vec<String> = decoded
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.attribute.as_ref().unwrap(), d.detail))
            .collect();
        assert_eq!(
            details,
            ["inner[0].count: Attribute inner[0].count value must be a whole number at least 1, got: 0"]
        );
        let fine = Outer::decode(&obj(&[("count", n("2")), ("token", s("hush-42"))]))
            .value
            .expect("valid");
        assert_eq!(fine.count, Attr::Known(2));
        assert_eq!(fine.inner, Attr::Null);
        let debug = format!("{fine:?}");
        assert!(
            !debug.contains("hush-42") && debug.contains("count: Known(2)"),
            "{debug}"
        );
        assert_eq!(Outer::ATTRIBUTES.len(), 3);
    }

    #[test]
    fn rules_see_the_decoded_value_and_the_raw_config() {
        let decoded = Outer::decode_with(&obj(&[("count", n("5"))]), |outer, raw, diags| {
            assert_eq!(outer.count, Attr::Known(5));
            assert!(raw.attr("count").is_some());
            diags.add_error("Rule", "a rule ran");
        });
        assert!(decoded.value.is_none() && decoded.diagnostics.has_errors());
        let unknown = Outer::decode(&obj(&[("inner", Value::Unknown)]));
        assert_eq!(unknown.value.expect("valid").inner, Attr::Unknown);
    }
}
