//! The introspection query text, built from what the server supports and how deep type
//! references go. With every feature it is the model's full modern query; with none, the June
//! 2018 shape every server answers (graphql-js 14's, deprecated fields and enum values included).
//! No feature is named here: each row of [`crate::probe::CATALOGUE`] tags the fields it adds
//! with their place ([`Slot`]) or the list field it widens ([`ListField`]), as cynic's query
//! tags each field with the spec version that added it, and the query writes the rows that are
//! on.

use crate::probe::{Asks, Capabilities, ListField, Slot, CATALOGUE};

/// Type-reference levels asked by default: `[[[[T!]!]!]!]!` needs 10, as graphql-js 16.8+.
pub const DEFAULT_DEPTH: usize = 10;

/// The shallowest query a depth-limited server is asked before giving up: `[T!]!` needs 4.
pub const MIN_DEPTH: usize = 4;

/// How the query spells its repeated selections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `...FullType`, `...InputValue`, `...TypeRef`: the usual, compact query.
    Fragments,
    /// Every selection written out where it is used. Depth limits that count each fragment
    /// spread as levels (GraphQL Armor's max-depth counts two per spread) refuse the fragment
    /// query at any type-reference depth; the same selections inline are only as deep as they
    /// look.
    Inline,
}

/// Build the query. `depth` counts type-reference levels (`kind name` plus `depth - 1` nested
/// `ofType`).
pub fn build(caps: &Capabilities, depth: usize) -> String {
    build_shaped(caps, depth, Shape::Fragments)
}

/// [`build`] in the given shape.
pub fn build_shaped(caps: &Capabilities, depth: usize, shape: Shape) -> String {
    let parts = Parts {
        caps,
        depth: depth.max(1),
        shape,
    };
    let mut q = String::with_capacity(1600);
    q.push_str("query IntrospectionQuery {\n  __schema {\n");
    parts.fields(&mut q, Slot::Schema, 2);
    q.push_str("    queryType { name kind }\n    mutationType { name kind }\n    subscriptionType { name kind }\n");
    q.push_str("    types ");
    parts.spread(&mut q, "FullType", 2, Selection::FullType);
    q.push_str(&format!(
        "    directives{} {{\n      name\n      description\n",
        parts.include_deprecated(ListField::SchemaDirectives)
    ));
    parts.fields(&mut q, Slot::DirectiveHead, 3);
    q.push_str(&format!(
        "      locations\n      args{} ",
        parts.include_deprecated(ListField::DirectiveArgs)
    ));
    parts.spread(&mut q, "InputValue", 3, Selection::InputValue);
    parts.fields(&mut q, Slot::DirectiveTail, 3);
    q.push_str("    }\n  }\n}\n");
    if shape == Shape::Fragments {
        for (name, on, body) in [
            ("FullType", "__Type", Selection::FullType),
            ("InputValue", "__InputValue", Selection::InputValue),
            ("TypeRef", "__Type", Selection::TypeRef),
        ] {
            q.push_str(&format!("\nfragment {name} on {on} {{\n"));
            parts.write(body, &mut q, 1);
            q.push_str("}\n");
        }
    }
    q
}

/// The query of one type's member type references, for filling in what a shallow query cut
/// short: `__type(name:)` with its fields and their arguments, its input fields, each with a
/// type reference `depth` levels deep, written inline (it exists for depth-limited servers).
pub(crate) fn type_refs_of(caps: &Capabilities, name: &str, depth: usize) -> String {
    let parts = Parts {
        caps,
        depth: depth.max(1),
        shape: Shape::Inline,
    };
    let mut q = String::from("query SchemaliftTypeRefs {\n  __type(name: ");
    q.push_str(&serde_json::Value::String(name.to_owned()).to_string());
    q.push_str(&format!(
        ") {{\n    fields(includeDeprecated: true) {{\n      name\n      args{} {{\n        name\n        type ",
        parts.include_deprecated(ListField::FieldArgs)
    ));
    parts.spread(&mut q, "TypeRef", 4, Selection::TypeRef);
    q.push_str("      }\n      type ");
    parts.spread(&mut q, "TypeRef", 3, Selection::TypeRef);
    q.push_str(&format!(
        "    }}\n    inputFields{} {{\n      name\n      type ",
        parts.include_deprecated(ListField::TypeInputFields)
    ));
    parts.spread(&mut q, "TypeRef", 3, Selection::TypeRef);
    q.push_str("    }\n  }\n}\n");
    q
}

/// The selections a query repeats: a fragment each in the usual shape.
#[derive(Clone, Copy)]
enum Selection {
    FullType,
    InputValue,
    TypeRef,
}

/// What one query asks, and how it writes the selections it repeats.
struct Parts<'a> {
    caps: &'a Capabilities,
    depth: usize,
    shape: Shape,
}

impl Parts<'_> {
    /// `(includeDeprecated: true)` when a row that widens `list` is asked.
    fn include_deprecated(&self, list: ListField) -> &'static str {
        let widened = CATALOGUE.iter().any(|row| {
            matches!(row.asks, Asks::IncludeDeprecated(l, _) if l == list) && row.asked(self.caps)
        });
        if widened {
            "(includeDeprecated: true)"
        } else {
            ""
        }
    }

    /// The fields of the rows asked at `slot`, one a line at `indent`.
    fn fields(&self, q: &mut String, slot: Slot, indent: usize) {
        let pad = "  ".repeat(indent);
        for row in CATALOGUE.iter().filter(|row| row.asked(self.caps)) {
            if let Asks::Fields(at, fields) = row.asks {
                if at == slot {
                    for field in fields {
                        q.push_str(&format!("{pad}{field}\n"));
                    }
                }
            }
        }
    }

    /// A selection set at `indent` (the field it follows is already written): `{ ...Name }`, or
    /// the fragment's body written out.
    fn spread(&self, q: &mut String, fragment: &str, indent: usize, body: Selection) {
        match self.shape {
            Shape::Fragments => q.push_str(&format!("{{ ...{fragment} }}\n")),
            Shape::Inline => {
                q.push_str("{\n");
                self.write(body, q, indent + 1);
                q.push_str(&format!("{}}}\n", "  ".repeat(indent)));
            }
        }
    }

    fn write(&self, selection: Selection, q: &mut String, indent: usize) {
        match selection {
            Selection::FullType => self.full_type(q, indent),
            Selection::InputValue => self.input_value(q, indent),
            Selection::TypeRef => type_ref(q, self.depth, indent),
        }
    }

    fn full_type(&self, q: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        q.push_str(&format!("{pad}kind\n{pad}name\n{pad}description\n"));
        self.fields(q, Slot::TypeHead, indent);
        q.push_str(&format!(
            "{pad}fields(includeDeprecated: true) {{\n{pad}  name\n{pad}  description\n{pad}  args{} ",
            self.include_deprecated(ListField::FieldArgs)
        ));
        self.spread(q, "InputValue", indent + 1, Selection::InputValue);
        q.push_str(&format!("{pad}  type "));
        self.spread(q, "TypeRef", indent + 1, Selection::TypeRef);
        q.push_str(&format!(
            "{pad}  isDeprecated\n{pad}  deprecationReason\n{pad}}}\n{pad}inputFields{} ",
            self.include_deprecated(ListField::TypeInputFields)
        ));
        self.spread(q, "InputValue", indent, Selection::InputValue);
        q.push_str(&format!("{pad}interfaces "));
        self.spread(q, "TypeRef", indent, Selection::TypeRef);
        q.push_str(&format!(
            "{pad}enumValues(includeDeprecated: true) {{\n{pad}  name\n{pad}  description\n{pad}  isDeprecated\n{pad}  deprecationReason\n{pad}}}\n{pad}possibleTypes "
        ));
        self.spread(q, "TypeRef", indent, Selection::TypeRef);
        self.fields(q, Slot::TypeTail, indent);
    }

    fn input_value(&self, q: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        q.push_str(&format!("{pad}name\n{pad}description\n{pad}type "));
        self.spread(q, "TypeRef", indent, Selection::TypeRef);
        q.push_str(&format!("{pad}defaultValue\n"));
        self.fields(q, Slot::InputValueTail, indent);
    }
}

/// `kind name` and `levels - 1` nested `ofType`.
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

    /// The query text as it was before the catalogue wrote it: every feature and none, in
    /// each shape.
    #[test]
    fn full_and_empty_capabilities_ask_what_they_always_asked() {
        for (caps, fragments, inline, type_refs) in [
            (
                Capabilities::modern(),
                include_str!("../fixtures/queries/modern-fragments-10.graphql"),
                include_str!("../fixtures/queries/modern-inline-5.graphql"),
                include_str!("../fixtures/queries/modern-type-refs-4.graphql"),
            ),
            (
                Capabilities::legacy(),
                include_str!("../fixtures/queries/legacy-fragments-10.graphql"),
                include_str!("../fixtures/queries/legacy-inline-5.graphql"),
                include_str!("../fixtures/queries/legacy-type-refs-4.graphql"),
            ),
        ] {
            assert_eq!(build(&caps, 10), fragments, "{caps}");
            assert_eq!(build_shaped(&caps, 5, Shape::Inline), inline, "{caps}");
            assert_eq!(type_refs_of(&caps, "Query", 4), type_refs, "{caps}");
        }
    }

    /// A feature's fields are in the query exactly when it is on: with every other feature on,
    /// turning it off takes away its fields (or its `includeDeprecated`) and nothing else.
    #[test]
    fn each_feature_asks_its_fields_only_when_it_is_on() {
        use crate::probe::Feature;
        let all: Vec<Feature> = CATALOGUE.iter().map(|row| row.feature).collect();
        let lines = |q: &str| -> Vec<String> { q.lines().map(str::to_owned).collect() };
        for row in &CATALOGUE {
            let on = Capabilities::of(all.iter().copied());
            let off = Capabilities::of(all.iter().copied().filter(|f| *f != row.feature));
            for shape in [Shape::Fragments, Shape::Inline] {
                let (with, without) = (build_shaped(&on, 3, shape), build_shaped(&off, 3, shape));
                match row.asks {
                    Asks::Fields(_, fields) => {
                        // The lines only `with` has are the row's fields, each the same number
                        // of times (deprecated input values go with `isDeprecated`, so the
                        // arguments are left out of the comparison).
                        let plain = |q: &str| lines(&q.replace("(includeDeprecated: true)", ""));
                        let mut extra = plain(&with);
                        for line in plain(&without) {
                            let at = extra.iter().position(|l| *l == line).unwrap();
                            extra.remove(at);
                        }
                        assert!(!extra.is_empty(), "{:?}", row.feature);
                        let names: Vec<&str> = extra.iter().map(|l| l.trim()).collect();
                        for name in &names {
                            assert!(fields.contains(name), "{:?}: {name}", row.feature);
                        }
                        for field in fields {
                            assert_eq!(
                                names.iter().filter(|n| *n == field).count() * fields.len(),
                                names.len(),
                                "{:?}",
                                row.feature
                            );
                        }
                    }
                    Asks::IncludeDeprecated(..) => {
                        // The same text, one `(includeDeprecated: true)` fewer per use of the
                        // list field.
                        assert!(with.len() > without.len(), "{:?}", row.feature);
                        assert_eq!(
                            with.replace("(includeDeprecated: true)", ""),
                            without.replace("(includeDeprecated: true)", ""),
                            "{:?}",
                            row.feature
                        );
                    }
                }
            }
            // Alone, a feature adds only its own text to the June 2018 query.
            let alone = build(&Capabilities::of([row.feature]), 3);
            let legacy = build(&Capabilities::legacy(), 3);
            match row.asks {
                Asks::Fields(_, fields) => {
                    for field in fields {
                        assert!(
                            alone.matches(field).count() > legacy.matches(field).count(),
                            "{:?}",
                            row.feature
                        );
                    }
                }
                // Deprecated input values come only with their `isDeprecated`.
                Asks::IncludeDeprecated(_, Some(_)) => assert_eq!(alone, legacy),
                Asks::IncludeDeprecated(_, None) => assert_ne!(alone, legacy),
            }
        }
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
            for depth in [1, MIN_DEPTH, 8, DEFAULT_DEPTH, 12] {
                let answer = |query: &str| {
                    let r = schemalift_model::introspection::execute(
                        &schema,
                        query,
                        Default::default(),
                    );
                    assert!(r.get("errors").is_none(), "{caps} at {depth}: {r}\n{query}");
                    r
                };
                let fragments = answer(&build(&caps, depth));
                let inline = answer(&build_shaped(&caps, depth, Shape::Inline));
                assert_eq!(fragments, inline, "{caps} at {depth}: the same answer");
                answer(&type_refs_of(&caps, "Query", depth));
            }
        }
    }

    /// The deepest field of a query, counting each selection set one level and each fragment
    /// spread two more, as GraphQL Armor's max-depth does with `ignoreIntrospection: false`.
    fn armor_depth(query: &str) -> usize {
        use apollo_compiler::ast::{Definition, Document, Selection};
        let document = Document::parse(query, "q").expect("the query parses");
        let fragment = |name: &str| {
            document.definitions.iter().find_map(|d| match d {
                Definition::FragmentDefinition(f) if f.name == name => {
                    Some(f.selection_set.clone())
                }
                _ => None,
            })
        };
        fn depth(set: &[Selection], fragment: &dyn Fn(&str) -> Option<Vec<Selection>>) -> usize {
            set.iter()
                .map(|s| match s {
                    Selection::Field(f) => {
                        1 + f
                            .selection_set
                            .as_deref()
                            .map_or(0, |set| depth(set, fragment))
                    }
                    Selection::FragmentSpread(spread) => {
                        2 + depth(&fragment(&spread.fragment_name).unwrap(), fragment)
                    }
                    Selection::InlineFragment(i) => depth(&i.selection_set, fragment),
                })
                .max()
                .unwrap_or(0)
        }
        document
            .definitions
            .iter()
            .filter_map(|d| match d {
                Definition::OperationDefinition(op) => Some(depth(&op.selection_set, &fragment)),
                _ => None,
            })
            .max()
            .unwrap()
    }

    /// The fragment query is 15 deep to Armor at 4 type-reference levels as at 10, so no
    /// lower `--depth` passes a limit of 10; inline, 5 levels are 10 deep and pass, and a
    /// one-type query lets 6 levels through the same limit.
    #[test]
    fn inline_queries_are_only_as_deep_as_they_look() {
        let caps = Capabilities::modern();
        assert!(armor_depth(&build(&caps, 4)) > 10);
        assert_eq!(armor_depth(&build_shaped(&caps, 5, Shape::Inline)), 10);
        assert_eq!(armor_depth(&build_shaped(&caps, 6, Shape::Inline)), 11);
        assert_eq!(armor_depth(&type_refs_of(&caps, "Query", 6)), 10);
        assert!(!build_shaped(&caps, 10, Shape::Inline).contains("..."));
        assert!(type_refs_of(&caps, "A\"B", 3).contains(r#"__type(name: "A\"B")"#));
    }
}
