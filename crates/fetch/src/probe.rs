//! What a server's introspection supports, asked in one request before the real query: the
//! fields of `__Schema`, `__Type`, `__InputValue`, `__Directive` and `__Field`, with the
//! arguments of each. From them, which optional parts of the modern query the server can answer.

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

/// Where each feature shows in the introspection schema: type, field, and argument if any.
const CATALOGUE: [(Feature, &str, &str, Option<&str>); 10] = [
    (Feature::SchemaDescription, "__Schema", "description", None),
    (Feature::SpecifiedByUrl, "__Type", "specifiedByURL", None),
    (
        Feature::DirectiveIsRepeatable,
        "__Directive",
        "isRepeatable",
        None,
    ),
    (
        Feature::InputValueDeprecation,
        "__InputValue",
        "isDeprecated",
        None,
    ),
    (
        Feature::FieldArgsIncludeDeprecated,
        "__Field",
        "args",
        Some("includeDeprecated"),
    ),
    (
        Feature::DirectiveArgsIncludeDeprecated,
        "__Directive",
        "args",
        Some("includeDeprecated"),
    ),
    (
        Feature::InputFieldsIncludeDeprecated,
        "__Type",
        "inputFields",
        Some("includeDeprecated"),
    ),
    (Feature::OneOf, "__Type", "isOneOf", None),
    (
        Feature::DirectiveDeprecation,
        "__Directive",
        "isDeprecated",
        None,
    ),
    (
        Feature::DirectivesIncludeDeprecated,
        "__Schema",
        "directives",
        Some("includeDeprecated"),
    ),
];

/// The introspection types the probe asks about, and the alias each answers under.
const PROBED: [(&str, &str); 5] = [
    ("schema", "__Schema"),
    ("type", "__Type"),
    ("inputValue", "__InputValue"),
    ("directive", "__Directive"),
    ("field", "__Field"),
];

/// The probe query: every field (and its arguments) of the introspection types.
pub fn query() -> String {
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
            features: CATALOGUE.iter().map(|(f, ..)| *f).collect(),
        }
    }

    /// Nothing newer than June 2018 (`--legacy`, and the fallback).
    pub fn legacy() -> Capabilities {
        Capabilities {
            features: BTreeSet::new(),
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
            .filter(|(_, ty, field, arg)| {
                fields.iter().any(|(t, f, args)| {
                    t == ty && f == field && arg.is_none_or(|arg| args.contains(&arg))
                })
            })
            .map(|(feature, ..)| *feature)
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
            .filter(|(feature, ..)| self.has(*feature))
            .map(|(_, ty, field, arg)| match arg {
                Some(arg) => format!("{ty}.{field}({arg}:)"),
                None => format!("{ty}.{field}"),
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
