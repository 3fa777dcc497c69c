//! Editions of the GraphQL specification, and the catalogue of validation rules newer than
//! October 2021: which edition brought each one, what it says, and how to tell its diagnostics.
//!
//! apollo-compiler validates by the newest edition it knows and has no switch for older ones. So
//! a schema is validated once, and each diagnostic is classified here: `validate --spec 2021`
//! leaves out what only newer rules report, every report names the edition that introduced the
//! rule, and commands that read rather than judge (diff, docs, codegen) go on, with warnings,
//! through a schema that breaks only newer rules — as GitHub's published schemas do.

use apollo_compiler::diagnostic::{Diagnostic, ToCliReport};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::validation::{DiagnosticData, DiagnosticList};
use apollo_compiler::{Name, Schema};
use std::collections::HashSet;
use std::fmt;

/// An edition of the GraphQL specification, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub enum Edition {
    October2021,
    September2025,
    #[default]
    September2026,
}

impl Edition {
    pub const ALL: [Edition; 3] = [
        Edition::October2021,
        Edition::September2025,
        Edition::September2026,
    ];

    /// The year `--spec` takes.
    pub fn year(self) -> u16 {
        match self {
            Edition::October2021 => 2021,
            Edition::September2025 => 2025,
            Edition::September2026 => 2026,
        }
    }

    pub fn from_year(year: &str) -> Option<Edition> {
        Edition::ALL
            .into_iter()
            .find(|e| e.year().to_string() == year)
    }

    /// `September 2025`.
    pub fn title(self) -> &'static str {
        match self {
            Edition::October2021 => "October 2021",
            Edition::September2025 => "September 2025",
            Edition::September2026 => "September 2026",
        }
    }

    pub fn url(self) -> String {
        format!(
            "https://spec.graphql.org/{}/",
            self.title().replace(' ', "")
        )
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A validation rule that October 2021 did not have.
#[derive(Debug, PartialEq, Eq)]
pub struct NewerRule {
    /// A stable name: apollo-compiler's for the rules it names, ours for the two it reports under
    /// an older rule's name.
    pub name: &'static str,
    pub edition: Edition,
    /// What the rule asks, in one line.
    pub summary: &'static str,
    /// The specification change that brought it.
    pub source: &'static str,
}

impl fmt::Display for NewerRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rule {} ({}), introduced by the {} edition ({}); `--spec {}` does not apply it",
            self.name,
            self.summary,
            self.edition,
            self.source,
            Edition::October2021.year()
        )
    }
}

/// A default value that is wrong for its type: apollo-compiler reports it under the name of the
/// value rule, which older editions applied to operations only.
const DEFAULT_VALUE: &NewerRule = &NewerRule {
    name: "DefaultValueOfCorrectType",
    edition: Edition::September2025,
    summary: "a default value must be valid for the type of its argument or input field",
    source: "graphql-spec#793",
};

/// An input object cycle that only `@oneOf` makes unbreakable: apollo-compiler reports it under
/// the October 2021 rule's name.
const ONE_OF_CYCLE: &NewerRule = &NewerRule {
    name: "InputObjectHasUnbreakableCycle",
    edition: Edition::September2026,
    summary: "an input object must not lead into a cycle no value can break, @oneOf included",
    source: "graphql-spec#1211",
};

/// The rules apollo-compiler names that October 2021 did not have.
pub const NEWER_RULES: [NewerRule; 6] = [
    NewerRule {
        name: "DeprecatedImplementationField",
        edition: Edition::September2025,
        summary: "a field must not be deprecated when the interface field it implements is not",
        source: "RFC graphql-spec#1053",
    },
    NewerRule {
        name: "DeprecatedRequiredInputValue",
        edition: Edition::September2025,
        summary: "a required argument or input field must not be deprecated",
        source: "graphql-spec#805",
    },
    NewerRule {
        name: "OneOfInputObjectFieldNonNull",
        edition: Edition::September2025,
        summary: "every field of a @oneOf input object must be nullable",
        source: "graphql-spec#825",
    },
    NewerRule {
        name: "UnsupportedDefault",
        edition: Edition::September2025,
        summary: "no field of a @oneOf input object may have a default value",
        source: "graphql-spec#825",
    },
    NewerRule {
        name: "OneOfDirectiveOnExtension",
        edition: Edition::September2025,
        summary: "@oneOf belongs on the input object's definition, not an extension",
        source: "graphql-spec#825",
    },
    NewerRule {
        name: "DuplicateRootOperationType",
        edition: Edition::September2025,
        summary: "the query, mutation and subscription root types must be different types",
        source: "graphql-spec#1071",
    },
];

/// Every rule newer than October 2021, for documentation and `--help`.
pub fn newer_rules() -> impl Iterator<Item = &'static NewerRule> {
    NEWER_RULES.iter().chain([DEFAULT_VALUE, ONE_OF_CYCLE])
}

/// For each diagnostic of `list`, in order, the newer rule that reported it, if any.
pub fn classify(schema: &Schema, list: &DiagnosticList) -> Vec<Option<&'static NewerRule>> {
    if list.is_empty() {
        return Vec::new();
    }
    let mut defaults = None;
    list.iter()
        .map(|diagnostic| {
            let name = diagnostic.error.unstable_error_name()?;
            if let Some(rule) = NEWER_RULES.iter().find(|rule| rule.name == name) {
                return Some(rule);
            }
            if name == "RecursiveInputObjectDefinition" {
                let input = quoted_name(&diagnostic)?;
                return (!has_2021_cycle(schema, &input)).then_some(ONE_OF_CYCLE);
            }
            let span = diagnostic.error.location()?;
            let defaults = defaults.get_or_insert_with(|| default_value_spans(schema));
            defaults
                .iter()
                .any(|d| {
                    d.file_id() == span.file_id()
                        && d.offset() <= span.offset()
                        && span.end_offset() <= d.end_offset()
                })
                .then_some(DEFAULT_VALUE)
        })
        .collect()
}

/// The first name in backquotes of a diagnostic's message.
fn quoted_name(diagnostic: &Diagnostic<'_, DiagnosticData>) -> Option<Name> {
    let message = diagnostic.error.to_string();
    let name = message.split('`').nth(1)?;
    Name::new(name).ok()
}

/// Whether `input` is on a cycle of non-null, non-list input fields: the October 2021 rule, which
/// knows nothing of `@oneOf`.
fn has_2021_cycle(schema: &Schema, input: &Name) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![input.clone()];
    while let Some(name) = stack.pop() {
        let Some(ty) = schema.get_input_object(&name) else {
            continue;
        };
        for field in ty.fields.values() {
            if let apollo_compiler::ast::Type::NonNullNamed(next) = &*field.ty {
                if next == input {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
    }
    false
}

/// Where every default value of the schema is written.
fn default_value_spans(schema: &Schema) -> Vec<SourceSpan> {
    let arguments = schema.types.values().flat_map(|ty| {
        let fields: Box<dyn Iterator<Item = _>> = match ty {
            ExtendedType::Object(o) => Box::new(o.fields.values()),
            ExtendedType::Interface(i) => Box::new(i.fields.values()),
            _ => Box::new(std::iter::empty()),
        };
        fields.flat_map(|f| f.arguments.iter())
    });
    let input_fields = schema.types.values().flat_map(|ty| match ty {
        ExtendedType::InputObject(input) => Some(input.fields.values()),
        _ => None,
    });
    let directive_arguments = schema
        .directive_definitions
        .values()
        .flat_map(|d| d.arguments.iter());
    arguments
        .chain(input_fields.flatten())
        .chain(directive_arguments)
        .filter_map(|value| value.default_value.as_ref()?.location())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_inputs, Input};

    fn rules(sdl: &str) -> Vec<Option<&'static str>> {
        let loaded = load_inputs(vec![Input {
            name: "e.graphql".into(),
            text: sdl.into(),
        }])
        .unwrap();
        loaded
            .newer_rules
            .iter()
            .map(|r| r.map(|r| r.name))
            .collect()
    }

    #[test]
    fn years_and_titles() {
        assert_eq!(Edition::from_year("2025"), Some(Edition::September2025));
        assert_eq!(Edition::from_year("2018"), None);
        assert_eq!(
            Edition::September2026.url(),
            "https://spec.graphql.org/September2026/"
        );
        assert!(Edition::October2021 < Edition::September2025);
    }

    #[test]
    fn a_deprecated_implementation_is_a_2025_rule() {
        let sdl = "interface Node { id: ID }\ntype Query implements Node { id: ID @deprecated }";
        assert_eq!(rules(sdl), [Some("DeprecatedImplementationField")]);
    }

    #[test]
    fn a_wrong_default_is_a_2025_rule_but_a_wrong_applied_argument_is_not() {
        assert_eq!(
            rules("type Query { a(n: Int = \"x\"): Int }"),
            [Some("DefaultValueOfCorrectType")]
        );
        assert_eq!(
            rules("directive @d(n: Int) on FIELD_DEFINITION\ntype Query { a: Int @d(n: \"x\") }"),
            [None]
        );
    }

    #[test]
    fn cycles_through_one_of_are_2026_and_plain_cycles_2021() {
        let plain = "type Query { a(i: A): Int }\ninput A { b: B! }\ninput B { a: A! }";
        assert!(
            rules(plain).iter().all(Option::is_none),
            "{:?}",
            rules(plain)
        );
        let one_of =
            "type Query { a(i: A): Int }\ninput A @oneOf { b: B }\ninput B @oneOf { a: A }";
        let found = rules(one_of);
        assert!(!found.is_empty());
        assert!(
            found
                .iter()
                .all(|r| *r == Some("InputObjectHasUnbreakableCycle")),
            "{found:?}"
        );
    }

    #[test]
    fn duplicate_root_types_are_a_2025_rule() {
        let sdl = "schema { query: Q mutation: Q }\ntype Q { a: Int }";
        assert_eq!(rules(sdl), [Some("DuplicateRootOperationType")]);
    }
}
