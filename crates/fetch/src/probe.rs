//! What a server's introspection supports, asked in one request before the real query: the
//! fields of `__Schema`, `__Type`, `__InputValue`, `__Directive` and `__Field`, with the
//! arguments of each. From them, which optional parts of the modern query the server can answer.
//!
//! [`CATALOGUE`] is the one place a feature is spelled: a row says what the query asks for it
//! (the fields and where they go, or the list field it widens), which is also where the probe
//! finds it, the phrases of a server that rejects it, and what a result without it lacks.
//! `query.rs` writes the rows that are on, `graphql.rs` matches their phrases.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// An optional part of the introspection query, newer than the June 2018 spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// `__Schema.description` (October 2021).
    SchemaDescription,
    /// `__Type.specifiedByURL` (October 2021).
    SpecifiedByUrl,
    /// `__Directive.isRepeatable` (October 2021).
    DirectiveIsRepeatable,
    /// `__InputValue.isDeprecated` and `deprecationReason` (September 2025).
    InputValueDeprecation,
    /// `__Field.args(includeDeprecated:)`.
    FieldArgsIncludeDeprecated,
    /// `__Directive.args(includeDeprecated:)`.
    DirectiveArgsIncludeDeprecated,
    /// `__Type.inputFields(includeDeprecated:)`.
    InputFieldsIncludeDeprecated,
    /// `__Type.isOneOf` (September 2025).
    OneOf,
    /// `__Directive.isDeprecated` and `deprecationReason` (September 2026).
    DirectiveDeprecation,
    /// `__Schema.directives(includeDeprecated:)` (September 2026): without it, servers leave
    /// deprecated directives out.
    DirectivesIncludeDeprecated,
}

/// Where in the query a feature's fields go: a selection, and the place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `__schema { … }`, before `queryType`.
    Schema,
    /// A `__Type` (the `FullType` selection), after `description`.
    TypeHead,
    /// A `__Type`, last.
    TypeTail,
    /// A `__Directive`, after `description`.
    DirectiveHead,
    /// A `__Directive`, last.
    DirectiveTail,
    /// An `__InputValue`, last.
    InputValueTail,
}

impl Slot {
    /// The introspection type whose fields go there.
    fn on(self) -> &'static str {
        match self {
            Slot::Schema => "__Schema",
            Slot::TypeHead | Slot::TypeTail => "__Type",
            Slot::DirectiveHead | Slot::DirectiveTail => "__Directive",
            Slot::InputValueTail => "__InputValue",
        }
    }
}

/// A list field of the query that can take `includeDeprecated: true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListField {
    /// `__Schema.directives`.
    SchemaDirectives,
    /// `__Field.args`.
    FieldArgs,
    /// `__Directive.args`.
    DirectiveArgs,
    /// `__Type.inputFields`.
    TypeInputFields,
}

impl ListField {
    /// Type and field.
    fn coordinate(self) -> (&'static str, &'static str) {
        match self {
            ListField::SchemaDirectives => ("__Schema", "directives"),
            ListField::FieldArgs => ("__Field", "args"),
            ListField::DirectiveArgs => ("__Directive", "args"),
            ListField::TypeInputFields => ("__Type", "inputFields"),
        }
    }
}

/// What a feature adds to the query.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Asks {
    /// These fields, at that place.
    Fields(Slot, &'static [&'static str]),
    /// `(includeDeprecated: true)` on the list field, when the other feature named (if any) is
    /// on too: deprecated input values are asked only along with their `isDeprecated`.
    IncludeDeprecated(ListField, Option<Feature>),
}

/// One feature, everything about it: what the query asks for it (and so where the probe finds
/// it), the words of a server that rejects it, and what a result without it lacks.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) feature: Feature,
    pub(crate) asks: Asks,
    /// Lowercase; an error message containing one means the server predates the feature.
    pub(crate) rejected_as: &'static [&'static str],
    /// Named in the warning when the June 2018 query is used instead.
    pub(crate) lost: Option<&'static str>,
}

impl Row {
    /// Where the probe finds the feature: type, field, and argument if any.
    fn probe(&self) -> (&'static str, &'static str, Option<&'static str>) {
        match self.asks {
            Asks::Fields(slot, fields) => (slot.on(), fields[0], None),
            Asks::IncludeDeprecated(list, _) => {
                let (ty, field) = list.coordinate();
                (ty, field, Some("includeDeprecated"))
            }
        }
    }

    /// Whether the feature's fields are asked under these capabilities.
    pub(crate) fn asked(&self, caps: &Capabilities) -> bool {
        caps.has(self.feature)
            && match self.asks {
                Asks::Fields(..) | Asks::IncludeDeprecated(_, None) => true,
                Asks::IncludeDeprecated(_, Some(needs)) => caps.has(needs),
            }
    }
}

/// Rejected as asking for deprecated input values.
const INCLUDE_DEPRECATED: &[&str] = &["includedeprecated"];

/// The catalogue: every feature newer than June 2018, in the order the probe reports them.
pub(crate) const CATALOGUE: [Row; 10] = [
    Row {
        feature: Feature::SchemaDescription,
        asks: Asks::Fields(Slot::Schema, &["description"]),
        // "description" alone is every type's field.
        rejected_as: &["\"description\" on type \"__schema\""],
        lost: None,
    },
    Row {
        feature: Feature::SpecifiedByUrl,
        asks: Asks::Fields(Slot::TypeHead, &["specifiedByURL"]),
        rejected_as: &["specifiedbyurl"],
        lost: Some("@specifiedBy"),
    },
    Row {
        feature: Feature::DirectiveIsRepeatable,
        asks: Asks::Fields(Slot::DirectiveHead, &["isRepeatable"]),
        rejected_as: &["isrepeatable"],
        lost: Some("repeatable directives"),
    },
    Row {
        feature: Feature::InputValueDeprecation,
        asks: Asks::Fields(Slot::InputValueTail, &["isDeprecated", "deprecationReason"]),
        rejected_as: &["__inputvalue", "isdeprecated", "deprecationreason"],
        lost: Some("deprecated arguments"),
    },
    Row {
        feature: Feature::FieldArgsIncludeDeprecated,
        asks: Asks::IncludeDeprecated(ListField::FieldArgs, Some(Feature::InputValueDeprecation)),
        rejected_as: INCLUDE_DEPRECATED,
        lost: None,
    },
    Row {
        feature: Feature::DirectiveArgsIncludeDeprecated,
        asks: Asks::IncludeDeprecated(
            ListField::DirectiveArgs,
            Some(Feature::InputValueDeprecation),
        ),
        rejected_as: INCLUDE_DEPRECATED,
        lost: None,
    },
    Row {
        feature: Feature::InputFieldsIncludeDeprecated,
        asks: Asks::IncludeDeprecated(
            ListField::TypeInputFields,
            Some(Feature::InputValueDeprecation),
        ),
        rejected_as: INCLUDE_DEPRECATED,
        lost: None,
    },
    Row {
        feature: Feature::OneOf,
        asks: Asks::Fields(Slot::TypeTail, &["isOneOf"]),
        rejected_as: &["isoneof"],
        lost: Some("@oneOf"),
    },
    Row {
        feature: Feature::DirectiveDeprecation,
        asks: Asks::Fields(Slot::DirectiveTail, &["isDeprecated", "deprecationReason"]),
        rejected_as: &["isdeprecated", "deprecationreason"],
        lost: Some("deprecated directives"),
    },
    Row {
        feature: Feature::DirectivesIncludeDeprecated,
        asks: Asks::IncludeDeprecated(ListField::SchemaDirectives, None),
        rejected_as: INCLUDE_DEPRECATED,
        lost: None,
    },
];

/// Whether an error message (lowercased) names a field or argument of some feature: the
/// server predates it.
pub(crate) fn rejects_a_feature(message: &str) -> bool {
    CATALOGUE
        .iter()
        .flat_map(|row| row.rejected_as)
        .any(|phrase| message.contains(phrase))
}

/// What a result of the June 2018 query lacks: "@specifiedBy, repeatable directives, … and
/// deprecated directives".
pub(crate) fn lost_without_features() -> String {
    let lost: Vec<&str> = CATALOGUE.iter().filter_map(|row| row.lost).collect();
    match lost.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The introspection types the probe asks about, and the alias each answers under.
const PROBED: [(&str, &str); 5] = [
    ("schema", "__Schema"),
    ("type", "__Type"),
    ("inputValue", "__InputValue"),
    ("directive", "__Directive"),
    ("field", "__Field"),
];

/// The probe query: every field (and its arguments) of the introspection types.
pub(crate) fn query() -> String {
    let mut query = String::from("query SchemaliftCapabilities {");
    for (alias, name) in PROBED {
        query.push_str(&format!(
            " {alias}: __type(name: \"{name}\") {{ fields(includeDeprecated: true) {{ name args {{ name }} }} }}"
        ));
    }
    query.push_str(" }");
    query
}

/// The optional introspection features a server supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    features: BTreeSet<Feature>,
}

impl Capabilities {
    /// Everything: what to ask a server that could not be probed.
    pub fn modern() -> Capabilities {
        Capabilities {
            features: CATALOGUE.iter().map(|row| row.feature).collect(),
        }
    }

    /// Nothing newer than June 2018 (`--legacy`, and the fallback).
    pub fn legacy() -> Capabilities {
        Capabilities {
            features: BTreeSet::new(),
        }
    }

    /// Exactly these features.
    #[cfg(test)]
    pub(crate) fn of(features: impl IntoIterator<Item = Feature>) -> Capabilities {
        Capabilities {
            features: features.into_iter().collect(),
        }
    }

    pub fn has(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }

    pub fn is_legacy(&self) -> bool {
        self.features.is_empty()
    }

    /// Read the probe's `data`. `None` when any probed type is missing: some servers hide
    /// introspection types from `__type` (WunderGraph Cosmo returns null for `__InputValue`),
    /// and guessing would silently drop what they do support.
    pub fn from_probe(data: &Value) -> Option<Capabilities> {
        let mut fields: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        for (alias, name) in PROBED {
            for field in data.get(alias)?.get("fields")?.as_array()? {
                let args = field
                    .get("args")
                    .and_then(Value::as_array)
                    .map(|args| {
                        args.iter()
                            .filter_map(|a| a.get("name")?.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                fields.push((name, field.get("name")?.as_str()?, args));
            }
        }
        let features = CATALOGUE
            .iter()
            .filter(|row| {
                let (ty, field, arg) = row.probe();
                fields.iter().any(|(t, f, args)| {
                    *t == ty && *f == field && arg.is_none_or(|arg| args.contains(&arg))
                })
            })
            .map(|row| row.feature)
            .collect();
        Some(Capabilities { features })
    }
}

impl fmt::Display for Capabilities {
    /// The features as introspection coordinates, or "June 2018 only".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_legacy() {
            return f.write_str("June 2018 introspection only");
        }
        let names: Vec<String> = CATALOGUE
            .iter()
            .filter(|row| self.has(row.feature))
            .map(|row| match row.probe() {
                (ty, field, Some(arg)) => format!("{ty}.{field}({arg}:)"),
                (ty, field, None) => format!("{ty}.{field}"),
            })
            .collect();
        f.write_str(&names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(names: &[&str]) -> Value {
        json!({ "fields": names.iter().map(|n| {
            let (name, args) = n.split_once('(').map(|(n, a)| (n, vec![a.trim_end_matches(')')])).unwrap_or((n, vec![]));
            json!({ "name": name, "args": args.iter().map(|a| json!({"name": a})).collect::<Vec<_>>() })
        }).collect::<Vec<_>>() })
    }

    #[test]
    fn a_2018_server() {
        let data = json!({
            "schema": fields(&["types", "queryType", "directives"]),
            "type": fields(&["kind", "name", "fields(includeDeprecated)", "inputFields", "enumValues(includeDeprecated)"]),
            "inputValue": fields(&["name", "type", "defaultValue"]),
            "directive": fields(&["name", "locations", "args"]),
            "field": fields(&["name", "args", "isDeprecated"]),
        });
        let caps = Capabilities::from_probe(&data).unwrap();
        assert!(caps.is_legacy(), "{caps}");
    }

    #[test]
    fn a_2021_server_with_one_of() {
        let data = json!({
            "schema": fields(&["description", "types"]),
            "type": fields(&["specifiedByURL", "isOneOf", "inputFields"]),
            "inputValue": fields(&["name"]),
            "directive": fields(&["isRepeatable", "args"]),
            "field": fields(&["args"]),
        });
        let caps = Capabilities::from_probe(&data).unwrap();
        assert_eq!(
            caps.to_string(),
            "__Schema.description, __Type.specifiedByURL, __Directive.isRepeatable, __Type.isOneOf"
        );
    }

    /// The phrases by which servers reject newer fields, as `graphql.rs` listed them before
    /// they moved into the rows.
    #[test]
    fn the_rows_hold_every_rejection_phrase() {
        let phrases: BTreeSet<&str> = CATALOGUE
            .iter()
            .flat_map(|row| row.rejected_as.iter().copied())
            .collect();
        let before: BTreeSet<&str> = [
            "__inputvalue",
            "includedeprecated",
            "isdeprecated",
            "deprecationreason",
            "isrepeatable",
            "specifiedbyurl",
            "isoneof",
            "\"description\" on type \"__schema\"",
        ]
        .into();
        assert_eq!(phrases, before);
        assert!(rejects_a_feature(
            "cannot query field \"isoneof\" on type \"__type\"."
        ));
        assert!(!rejects_a_feature(
            "cannot query field \"description\" on type \"query\"."
        ));
        assert_eq!(
            lost_without_features(),
            "@specifiedBy, repeatable directives, deprecated arguments, @oneOf and deprecated directives"
        );
    }

    /// Each row's probe coordinate is the first field it asks, or the list field it widens.
    #[test]
    fn probe_coordinates_come_from_what_the_rows_ask() {
        let coordinates: Vec<String> = CATALOGUE
            .iter()
            .map(|row| format!("{:?}", row.probe()))
            .collect();
        assert_eq!(
            coordinates,
            [
                r#"("__Schema", "description", None)"#,
                r#"("__Type", "specifiedByURL", None)"#,
                r#"("__Directive", "isRepeatable", None)"#,
                r#"("__InputValue", "isDeprecated", None)"#,
                r#"("__Field", "args", Some("includeDeprecated"))"#,
                r#"("__Directive", "args", Some("includeDeprecated"))"#,
                r#"("__Type", "inputFields", Some("includeDeprecated"))"#,
                r#"("__Type", "isOneOf", None)"#,
                r#"("__Directive", "isDeprecated", None)"#,
                r#"("__Schema", "directives", Some("includeDeprecated"))"#,
            ]
        );
    }

    #[test]
    fn hidden_types_mean_unknown() {
        let data = json!({ "schema": fields(&[]), "type": fields(&[]), "inputValue": null, "directive": fields(&[]), "field": fields(&[]) });
        assert_eq!(Capabilities::from_probe(&data), None);
    }

    #[test]
    fn the_model_executor_supports_everything() {
        let schema = schemalift_model::load_inputs(vec![schemalift_model::Input {
            name: "s.graphql".into(),
            text: "type Query { a: Int }".into(),
        }])
        .unwrap()
        .schema;
        let response =
            schemalift_model::introspection::execute(&schema, &query(), Default::default());
        assert!(response.get("errors").is_none(), "{response}");
        assert_eq!(
            Capabilities::from_probe(&response["data"]),
            Some(Capabilities::modern())
        );
    }
}
