//! The introspection query text, built from what the server supports and how deep type
//! references go. With every feature it is the model's full modern query; with none, the June
//! 2018 shape every server answers (graphql-js 14's, deprecated fields and enum values included).

use crate::probe::{Capabilities, Feature};

/// Type-reference levels asked by default: `[[[[T!]!]!]!]!` needs 10, as graphql-js 16.8+.
pub const DEFAULT_DEPTH: usize = 10;

/// The shallowest query a depth-limited server is asked before giving up: `[T!]!` needs 4.
pub const MIN_DEPTH: usize = 4;

/// Build the query. `depth` counts type-reference levels (`kind name` plus `depth - 1` nested
/// `ofType`).
pub fn build(caps: &Capabilities, depth: usize) -> String {
    let has = |feature| caps.has(feature);
    let include_deprecated = |feature| {
        if has(feature) && has(Feature::InputValueDeprecation) {
            "(includeDeprecated: true)"
        } else {
            ""
        }
    };
    let mut q = String::with_capacity(1600);
    q.push_str("query IntrospectionQuery {\n  __schema {\n");
    if has(Feature::SchemaDescription) {
        q.push_str("    description\n");
    }
    q.push_str("    queryType { name kind }\n    mutationType { name kind }\n    subscriptionType { name kind }\n");
    q.push_str("    types { ...FullType }\n    directives");
    if has(Feature::DirectivesIncludeDeprecated) {
        q.push_str("(includeDeprecated: true)");
    }
    q.push_str(" {\n      name\n      description\n");
    if has(Feature::DirectiveIsRepeatable) {
        q.push_str("      isRepeatable\n");
    }
    q.push_str(&format!(
        "      locations\n      args{} {{ ...InputValue }}\n",
        include_deprecated(Feature::DirectiveArgsIncludeDeprecated)
    ));
    if has(Feature::DirectiveDeprecation) {
        q.push_str("      isDeprecated\n      deprecationReason\n");
    }
    q.push_str("    }\n  }\n}\n\n");
    q.push_str("fragment FullType on __Type {\n  kind\n  name\n  description\n");
    if has(Feature::SpecifiedByUrl) {
        q.push_str("  specifiedByURL\n");
    }
    q.push_str(&format!(
        "  fields(includeDeprecated: true) {{\n    name\n    description\n    args{} {{ ...InputValue }}\n    type {{ ...TypeRef }}\n    isDeprecated\n    deprecationReason\n  }}\n",
        include_deprecated(Feature::FieldArgsIncludeDeprecated)
    ));
    q.push_str(&format!(
        "  inputFields{} {{ ...InputValue }}\n",
        include_deprecated(Feature::InputFieldsIncludeDeprecated)
    ));
    q.push_str("  interfaces { ...TypeRef }\n  enumValues(includeDeprecated: true) {\n    name\n    description\n    isDeprecated\n    deprecationReason\n  }\n  possibleTypes { ...TypeRef }\n");
    if has(Feature::OneOf) {
        q.push_str("  isOneOf\n");
    }
    q.push_str("}\n\nfragment InputValue on __InputValue {\n  name\n  description\n  type { ...TypeRef }\n  defaultValue\n");
    if has(Feature::InputValueDeprecation) {
        q.push_str("  isDeprecated\n  deprecationReason\n");
    }
    q.push_str("}\n\nfragment TypeRef on __Type {\n");
    type_ref(&mut q, depth.max(1), 1);
    q.push_str("}\n");
    q
}

fn type_ref(q: &mut String, levels: usize, indent: usize) {
    let pad = "  ".repeat(indent);
    q.push_str(&format!("{pad}kind\n{pad}name\n"));
    if levels > 1 {
        q.push_str(&format!("{pad}ofType {{\n"));
        type_ref(q, levels - 1, indent + 1);
        q.push_str(&format!("{pad}}}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(q: &str) -> String {
        q.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn modern_at_depth_ten_is_the_model_query() {
        assert_eq!(
            normalise(&build(&Capabilities::modern(), DEFAULT_DEPTH)),
            normalise(schemalift_model::introspection::QUERY)
        );
    }

    #[test]
    fn legacy_names_no_newer_field() {
        let q = build(&Capabilities::legacy(), 8);
        for newer in [
            "isRepeatable",
            "specifiedByURL",
            "isOneOf",
            "args(includeDeprecated",
            "inputFields(includeDeprecated",
            "directives(includeDeprecated",
            "isDeprecated\n      deprecationReason",
            "description\n    queryType",
        ] {
            assert!(!q.contains(newer), "{newer} in\n{q}");
        }
        assert_eq!(q.matches("ofType").count(), 7);
        assert!(q.contains("fields(includeDeprecated: true)"));
        assert!(q.contains("enumValues(includeDeprecated: true)"));
    }

    #[test]
    fn every_shape_is_valid_against_a_modern_server() {
        let schema = schemalift_model::load_inputs(vec![schemalift_model::Input {
            name: "s.graphql".into(),
            text: "type Query { a(x: [[Int!]!]): [String!]! }".into(),
        }])
        .unwrap()
        .schema;
        for caps in [Capabilities::modern(), Capabilities::legacy()] {
            for depth in [MIN_DEPTH, 8, DEFAULT_DEPTH, 12] {
                let r = schemalift_model::introspection::execute(
                    &schema,
                    &build(&caps, depth),
                    Default::default(),
                );
                assert!(r.get("errors").is_none(), "{caps} at {depth}: {r}");
            }
        }
    }
}
