//! Every change kind, in both directions, with its criticality: each case is a pair of schemas
//! that differ in one way, the change expected from A to B and the one expected from B to A.

use super::diff;
use crate::change::{ChangeKind, Criticality};
use apollo_compiler::Schema;
use ChangeKind::*;

fn schema(sdl: &str) -> Schema {
    let text = format!("type Query {{ q: Int }}\n{sdl}");
    Schema::parse(text, "t.graphql").unwrap_or_else(|e| panic!("{sdl}: {}", e.errors))
}

/// (A, B, forward kind + coordinate, backward kind + coordinate)
type Case = (
    &'static str,
    &'static str,
    (ChangeKind, &'static str),
    (ChangeKind, &'static str),
);

const CASES: &[Case] = &[
    ("", "type T { a: Int }", (TypeAdded, "T"), (TypeRemoved, "T")),
    ("type T { a: Int }", "input T { a: Int }", (TypeKindChanged, "T"), (TypeKindChanged, "T")),
    ("type T { a: Int }", "\"doc\" type T { a: Int }", (DescriptionAdded, "T"), (DescriptionRemoved, "T")),
    ("\"x\" scalar S", "\"y\" scalar S", (DescriptionChanged, "S"), (DescriptionChanged, "S")),
    ("type T { a: Int }", "type T { a: Int b: Int }", (FieldAdded, "T.b"), (FieldRemoved, "T.b")),
    ("type T { a: Int }", "type T { a: Int! }", (FieldTypeNarrowed, "T.a"), (FieldTypeChanged, "T.a")),
    ("type T { a: Int }", "type T { a: [Int] }", (FieldTypeChanged, "T.a"), (FieldTypeChanged, "T.a")),
    ("interface T { a: Int }", "interface T { a: String }", (FieldTypeChanged, "T.a"), (FieldTypeChanged, "T.a")),
    ("type T { a: Int }", "type T { a(x: Int!): Int }", (RequiredArgumentAdded, "T.a(x:)"), (ArgumentRemoved, "T.a(x:)")),
    ("type T { a: Int }", "type T { a(x: Int): Int }", (OptionalArgumentAdded, "T.a(x:)"), (ArgumentRemoved, "T.a(x:)")),
    ("type T { a: Int }", "type T { a(x: Int! = 1): Int }", (ArgumentWithDefaultAdded, "T.a(x:)"), (ArgumentRemoved, "T.a(x:)")),
    ("type T { a: Int }", "type T { a(x: Int = 1): Int }", (ArgumentWithDefaultAdded, "T.a(x:)"), (ArgumentRemoved, "T.a(x:)")),
    ("type T { a(x: Int!): Int }", "type T { a(x: Int): Int }", (ArgumentTypeWidened, "T.a(x:)"), (ArgumentTypeChanged, "T.a(x:)")),
    ("type T { a(x: Int): Int }", "type T { a(x: [Int]): Int }", (ArgumentTypeChanged, "T.a(x:)"), (ArgumentTypeChanged, "T.a(x:)")),
    ("type T { a(x: Int): Int }", "type T { a(x: Int = 1): Int }", (DefaultValueAdded, "T.a(x:)"), (DefaultValueRemoved, "T.a(x:)")),
    ("type T { a(x: Int = 2): Int }", "type T { a(x: Int = 1): Int }", (DefaultValueChanged, "T.a(x:)"), (DefaultValueChanged, "T.a(x:)")),
    ("type T { a(x: Int! = 2): Int }", "type T { a(x: Int!): Int }", (BecameRequired, "T.a(x:)"), (DefaultValueAdded, "T.a(x:)")),
    ("type T { a(\"d\" x: Int): Int }", "type T { a(x: Int): Int }", (DescriptionRemoved, "T.a(x:)"), (DescriptionAdded, "T.a(x:)")),
    ("type T { a(x: Int): Int }", "type T { a(x: Int @deprecated): Int }", (Deprecated, "T.a(x:)"), (Undeprecated, "T.a(x:)")),
    ("type T { a: Int }", "type T { a: Int @deprecated(reason: \"use b\") }", (Deprecated, "T.a"), (Undeprecated, "T.a")),
    ("type T { a: Int @deprecated }", "type T { a: Int @deprecated(reason: \"use b\") }", (DeprecationReasonChanged, "T.a"), (DeprecationReasonChanged, "T.a")),
    ("enum E { A }", "enum E { A B }", (EnumValueAdded, "E.B"), (EnumValueRemoved, "E.B")),
    ("enum E { A B }", "enum E { A B @deprecated }", (Deprecated, "E.B"), (Undeprecated, "E.B")),
    ("enum E { A B }", "enum E { A \"b\" B }", (DescriptionAdded, "E.B"), (DescriptionRemoved, "E.B")),
    ("type A { a: Int } type B { b: Int } union U = A", "type A { a: Int } type B { b: Int } union U = A | B", (UnionMemberAdded, "U"), (UnionMemberRemoved, "U")),
    ("interface I { a: Int } type T { a: Int }", "interface I { a: Int } type T implements I { a: Int }", (InterfaceAdded, "T"), (InterfaceRemoved, "T")),
    ("interface I { a: Int } interface J { a: Int }", "interface I { a: Int } interface J implements I { a: Int }", (InterfaceAdded, "J"), (InterfaceRemoved, "J")),
    ("input I { a: Int }", "input I { a: Int b: Int! }", (RequiredInputFieldAdded, "I.b"), (InputFieldRemoved, "I.b")),
    ("input I { a: Int }", "input I { a: Int b: Int }", (OptionalInputFieldAdded, "I.b"), (InputFieldRemoved, "I.b")),
    ("input I { a: Int }", "input I { a: Int b: Int! = 3 }", (InputFieldWithDefaultAdded, "I.b"), (InputFieldRemoved, "I.b")),
    ("input I { a: Int }", "input I { a: Int b: Int = 3 }", (InputFieldWithDefaultAdded, "I.b"), (InputFieldRemoved, "I.b")),
    ("input I { a: Int! }", "input I { a: Int }", (InputFieldTypeWidened, "I.a"), (InputFieldTypeChanged, "I.a")),
    ("input I { a: Int }", "input I { a: Int = 4 }", (DefaultValueAdded, "I.a"), (DefaultValueRemoved, "I.a")),
    ("input I { a: [Int] = [1] }", "input I { a: [Int] = [1, 2] }", (DefaultValueChanged, "I.a"), (DefaultValueChanged, "I.a")),
    ("input I { a: Int! = 1 }", "input I { a: Int! }", (BecameRequired, "I.a"), (DefaultValueAdded, "I.a")),
    ("input I { a: Int }", "input I { a: Int @deprecated }", (Deprecated, "I.a"), (Undeprecated, "I.a")),
    ("input I { a: Int b: Int }", "input I @oneOf { a: Int b: Int }", (OneOfAdded, "I"), (OneOfRemoved, "I")),
    ("", "directive @d on FIELD", (DirectiveAdded, "@d"), (DirectiveRemoved, "@d")),
    ("directive @d on FIELD", "directive @d on FIELD | QUERY", (DirectiveLocationAdded, "@d"), (DirectiveLocationRemoved, "@d")),
    ("directive @d on FIELD", "directive @d repeatable on FIELD", (DirectiveRepeatableAdded, "@d"), (DirectiveRepeatableRemoved, "@d")),
    ("directive @d on FIELD", "directive @d(x: Int!) on FIELD", (RequiredArgumentAdded, "@d(x:)"), (ArgumentRemoved, "@d(x:)")),
    ("directive @d on FIELD", "directive @d(x: Int) on FIELD", (OptionalArgumentAdded, "@d(x:)"), (ArgumentRemoved, "@d(x:)")),
    ("directive @d on FIELD", "directive @d(x: Int! = 1) on FIELD", (ArgumentWithDefaultAdded, "@d(x:)"), (ArgumentRemoved, "@d(x:)")),
    ("directive @oneOf on OBJECT", "directive @oneOf on INPUT_OBJECT | FIELD_DEFINITION", (BuiltInDirectiveRedefined, "@oneOf"), (BuiltInDirectiveRedefined, "@oneOf")),
    ("directive @d(x: Int) on FIELD", "directive @d(x: String) on FIELD", (ArgumentTypeChanged, "@d(x:)"), (ArgumentTypeChanged, "@d(x:)")),
    ("directive @d(x: Int = 1) on FIELD", "directive @d(x: Int = 2) on FIELD", (DefaultValueChanged, "@d(x:)"), (DefaultValueChanged, "@d(x:)")),
    ("directive @d on FIELD", "\"doc\" directive @d on FIELD", (DescriptionAdded, "@d"), (DescriptionRemoved, "@d")),
    ("directive @d on FIELD", "directive @d @deprecated(reason: \"Use @e.\") on FIELD", (Deprecated, "@d"), (Undeprecated, "@d")),
    ("directive @d on FIELD", "directive @d @deprecated on FIELD", (Deprecated, "@d"), (Undeprecated, "@d")),
    ("directive @d @deprecated on FIELD", "directive @d @deprecated(reason: \"Use @e.\") on FIELD", (DeprecationReasonChanged, "@d"), (DeprecationReasonChanged, "@d")),
    ("directive @d on FIELD extend directive @d @deprecated", "directive @d on FIELD extend directive @d @deprecated(reason: \"Use @e.\")", (DeprecationReasonChanged, "@d"), (DeprecationReasonChanged, "@d")),
    ("directive @since(v: String) on DIRECTIVE_DEFINITION directive @d on FIELD", "directive @since(v: String) on DIRECTIVE_DEFINITION directive @d @since(v: \"1\") on FIELD", (DirectiveUsageAdded, "@d"), (DirectiveUsageRemoved, "@d")),
    ("directive @since(v: String) on DIRECTIVE_DEFINITION directive @d @since(v: \"1\") on FIELD", "directive @since(v: String) on DIRECTIVE_DEFINITION directive @d @since(v: \"2\") on FIELD", (DirectiveUsageChanged, "@d"), (DirectiveUsageChanged, "@d")),
    ("type M { m: Int }", "type M { m: Int } schema { query: Query mutation: M }", (RootTypeAdded, "schema"), (RootTypeRemoved, "schema")),
    ("type Q2 { q: Int } schema { query: Query }", "type Q2 { q: Int } schema { query: Q2 }", (RootTypeChanged, "schema"), (RootTypeChanged, "schema")),
    ("scalar S", "scalar S @specifiedBy(url: \"https://a\")", (SpecifiedByAdded, "S"), (SpecifiedByRemoved, "S")),
    ("scalar S @specifiedBy(url: \"https://a\")", "scalar S @specifiedBy(url: \"https://b\")", (SpecifiedByChanged, "S"), (SpecifiedByChanged, "S")),
    ("directive @tag(name: String) on OBJECT | FIELD_DEFINITION type T { a: Int }", "directive @tag(name: String) on OBJECT | FIELD_DEFINITION type T @tag(name: \"x\") { a: Int }", (DirectiveUsageAdded, "T"), (DirectiveUsageRemoved, "T")),
    ("directive @tag(name: String) on OBJECT | FIELD_DEFINITION type T { a: Int @tag(name: \"x\") }", "directive @tag(name: String) on OBJECT | FIELD_DEFINITION type T { a: Int @tag(name: \"y\") }", (DirectiveUsageChanged, "T.a"), (DirectiveUsageChanged, "T.a")),
    ("schema { query: Query }", "\"the API\" schema { query: Query }", (DescriptionAdded, "schema"), (DescriptionRemoved, "schema")),
];

#[test]
fn every_case_is_found_in_both_directions() {
    for (a, b, (forward, fwd_at), (backward, back_at)) in CASES {
        let (a_schema, b_schema) = (schema(a), schema(b));
        for (from, to, kind, at) in [
            (&a_schema, &b_schema, forward, fwd_at),
            (&b_schema, &a_schema, backward, back_at),
        ] {
            let changes = diff(from, to);
            let found: Vec<_> = changes
                .iter()
                .map(|c| (c.kind, c.coordinate.to_string()))
                .collect();
            assert_eq!(found, vec![(*kind, at.to_string())], "{a:?} -> {b:?}");
            assert_eq!(changes[0].criticality(), kind.criticality());
        }
    }
}

#[test]
fn every_kind_is_covered_by_a_case() {
    let covered: std::collections::HashSet<ChangeKind> = CASES
        .iter()
        .flat_map(|(_, _, (f, _), (b, _))| [*f, *b])
        .collect();
    let missing: Vec<_> = ChangeKind::ALL
        .iter()
        .filter(|k| !covered.contains(k))
        .collect();
    assert!(missing.is_empty(), "kinds without a test case: {missing:?}");
}

#[test]
fn variance_is_asserted_by_criticality() {
    let field = diff(
        &schema("type T { a: String! }"),
        &schema("type T { a: String }"),
    );
    assert_eq!(field[0].criticality(), Criticality::Breaking);
    let arg = diff(
        &schema("type T { a(x: String!): Int }"),
        &schema("type T { a(x: String): Int }"),
    );
    assert_eq!(arg[0].criticality(), Criticality::Safe);
}

#[test]
fn removing_a_deprecated_element_is_still_breaking_and_marked() {
    let changes = diff(
        &schema("type T { a: Int b: Int @deprecated }"),
        &schema("type T { a: Int }"),
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].criticality(), Criticality::Breaking);
    assert!(changes[0].deprecated_before_removal);
    assert!(changes[0]
        .message()
        .ends_with("(deprecated before removal)"));
}

#[test]
fn reordering_is_not_a_change() {
    assert!(diff(
        &schema("enum E { A B } type T { a: Int b(x: Int, y: Int): Int } union U = T | Query"),
        &schema("union U = Query | T type T { b(y: Int, x: Int): Int a: Int } enum E { B A }"),
    )
    .is_empty());
}

#[test]
fn contents_of_added_types_are_not_listed_separately() {
    let changes = diff(&schema(""), &schema("type T { a(x: Int!): Int b: Int }"));
    assert_eq!(changes.len(), 1);
}

#[test]
fn a_directive_deprecation_carries_its_reason() {
    let (plain, deprecated) = (
        schema("directive @old on FIELD"),
        schema("directive @old @deprecated(reason: \"Use @new.\") on FIELD"),
    );
    let changes = diff(&plain, &deprecated);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].new.as_deref(), Some("Use @new."));
    assert_eq!(changes[0].message(), "`@old` was deprecated: Use @new.");
    let changes = diff(&deprecated, &plain);
    assert_eq!(changes[0].old.as_deref(), Some("Use @new."));
    // A bare `@deprecated` has the default reason.
    let changes = diff(&plain, &schema("directive @old @deprecated on FIELD"));
    assert_eq!(changes[0].new.as_deref(), Some("No longer supported"));
}

#[test]
fn removing_a_deprecated_directive_is_breaking_and_marked_unlike_a_plain_one() {
    let deprecated = diff(
        &schema("directive @old @deprecated(reason: \"Use @new.\") on FIELD"),
        &schema(""),
    );
    assert_eq!(deprecated.len(), 1);
    assert_eq!(deprecated[0].kind, DirectiveRemoved);
    assert_eq!(deprecated[0].criticality(), Criticality::Breaking);
    assert!(deprecated[0].deprecated_before_removal);
    assert_eq!(
        deprecated[0].message(),
        "Directive `@old` was removed (deprecated before removal)"
    );
    // Deprecated by an extension counts the same.
    let extended = diff(
        &schema("directive @old on FIELD extend directive @old @deprecated"),
        &schema(""),
    );
    assert!(extended[0].deprecated_before_removal);
    let plain = diff(&schema("directive @old on FIELD"), &schema(""));
    assert_eq!(plain.len(), 1);
    assert_eq!(plain[0].kind, DirectiveRemoved);
    assert!(!plain[0].deprecated_before_removal);
    assert_eq!(plain[0].message(), "Directive `@old` was removed");
}

#[test]
fn a_directive_extension_is_part_of_the_definition() {
    let extended = schema("directive @a on FIELD\nextend directive @a @deprecated(reason: \"x\")");
    let inline = schema("directive @a @deprecated(reason: \"x\") on FIELD");
    assert_eq!(diff(&extended, &inline), vec![]);
    assert_eq!(diff(&inline, &extended), vec![]);
    // An extension written before its definition too.
    let before = schema("extend directive @a @deprecated(reason: \"x\")\ndirective @a on FIELD");
    assert_eq!(diff(&before, &inline), vec![]);
    // Dropping the extension undeprecates.
    let changes = diff(&extended, &schema("directive @a on FIELD"));
    let found: Vec<_> = changes
        .iter()
        .map(|c| (c.kind, c.coordinate.to_string(), c.old.as_deref()))
        .collect();
    assert_eq!(found, vec![(Undeprecated, "@a".to_owned(), Some("x"))]);
}

#[test]
fn one_of_added_is_breaking_and_removed_is_dangerous_with_a_reason() {
    let (plain, one_of) = (
        schema("input I { a: Int b: Int }"),
        schema("input I @oneOf { a: Int b: Int }"),
    );
    let added = diff(&plain, &one_of);
    assert_eq!(added[0].kind, OneOfAdded);
    assert_eq!(added[0].criticality(), Criticality::Breaking);
    let removed = diff(&one_of, &plain);
    assert_eq!(removed[0].kind, OneOfRemoved);
    assert_eq!(removed[0].criticality(), Criticality::Dangerous);
    assert!(removed[0]
        .reason()
        .is_some_and(|r| r.contains("exactly-one")));
    // @oneOf is not also reported as an applied directive.
    assert_eq!(added.len(), 1);
    assert_eq!(removed.len(), 1);
}

/// Cases from the reference implementations' own suites that schemalift had no case for, with the
/// rating each reference expects and schemalift's (the same, or the documented choice).
mod reference_suites {
    use super::*;

    /// Every change from `a` to `b` as (kind, coordinate, criticality).
    fn changes(a: &str, b: &str) -> Vec<(ChangeKind, String, Criticality)> {
        diff(&schema(a), &schema(b))
            .into_iter()
            .map(|c| (c.kind, c.coordinate.to_string(), c.criticality()))
            .collect()
    }

    /// graphql-inspector `argument.test.ts`, "added non-nullable with default value": dangerous.
    #[test]
    fn non_null_argument_added_with_a_default_is_dangerous() {
        assert_eq!(
            changes(
                "type T { a: String }",
                "type T { a(b: Boolean! = true): String }"
            ),
            vec![(
                ArgumentWithDefaultAdded,
                "T.a(b:)".into(),
                Criticality::Dangerous
            )]
        );
    }

    /// graphql-inspector `input.test.ts`, "added with a default value": dangerous.
    #[test]
    fn non_null_input_field_added_with_a_default_is_dangerous() {
        assert_eq!(
            changes(
                "input Foo { a: String! }",
                "input Foo { a: String! b: String! = \"B\" }"
            ),
            vec![(
                InputFieldWithDefaultAdded,
                "Foo.b".into(),
                Criticality::Dangerous
            )]
        );
    }

    /// graphql-inspector `input.test.ts`, "added": a non-null field is breaking, a nullable one
    /// safe (graphql-js's "should detect if an optional field was added to an input" rates it
    /// dangerous; the catalogue row says so).
    #[test]
    fn input_fields_added_without_a_default() {
        assert_eq!(
            changes(
                "input Foo { a: String! b: String! }",
                "input Foo { a: String! b: String! c: String! d: String }"
            ),
            vec![
                (
                    RequiredInputFieldAdded,
                    "Foo.c".into(),
                    Criticality::Breaking
                ),
                (OptionalInputFieldAdded, "Foo.d".into(), Criticality::Safe),
            ]
        );
        let peers = OptionalInputFieldAdded.spec().peers.unwrap();
        assert!(peers.contains("graphql-js"), "{peers}");
    }

    /// graphql-js 16 `findBreakingChanges-test.ts`, "should detect if an optional directive
    /// argument was added": only the required one breaks; the non-null one with a default is
    /// not breaking there, and dangerous here, as for a field argument.
    #[test]
    fn directive_arguments_added() {
        assert_eq!(
            changes(
                "directive @DirectiveName on FIELD_DEFINITION",
                "directive @DirectiveName(newRequiredArg: String! newOptionalArg1: Int \
                 newOptionalArg2: Int! = 0) on FIELD_DEFINITION"
            ),
            vec![
                (
                    OptionalArgumentAdded,
                    "@DirectiveName(newOptionalArg1:)".into(),
                    Criticality::Safe
                ),
                (
                    ArgumentWithDefaultAdded,
                    "@DirectiveName(newOptionalArg2:)".into(),
                    Criticality::Dangerous
                ),
                (
                    RequiredArgumentAdded,
                    "@DirectiveName(newRequiredArg:)".into(),
                    Criticality::Breaking
                ),
            ]
        );
    }

    /// graphql-js 16 `findBreakingChanges-test.ts`, "should detect if an optional field argument
    /// was added" (dangerous there, and in graphql-js 17 and graphql-inspector): safe by
    /// schemalift's choice, which the catalogue row (and so the JSON) states.
    #[test]
    fn optional_field_argument_added_is_safe_and_says_the_references_differ() {
        assert_eq!(
            changes(
                "type Type1 { field1(arg1: String): String }",
                "type Type1 { field1(arg1: String, arg2: String): String }"
            ),
            vec![(
                OptionalArgumentAdded,
                "Type1.field1(arg2:)".into(),
                Criticality::Safe
            )]
        );
        let peers = OptionalArgumentAdded.spec().peers.unwrap();
        assert!(peers.contains("dangerous"), "{peers}");
        assert!(peers.contains("directive"), "{peers}");
    }

    /// graphql-js 16 `findBreakingChanges-test.ts`, "should detect locations removed from a
    /// directive" and "should detect if a directive was implicitly removed": graphql-js compares
    /// the specified directives too, so a redefinition of one on other locations is reported.
    #[test]
    fn built_in_directive_redefined_on_wrong_locations_is_breaking() {
        let redefined = changes(
            "",
            "directive @deprecated(reason: String = \"No longer supported\") on OBJECT",
        );
        assert_eq!(
            redefined,
            vec![(
                BuiltInDirectiveRedefined,
                "@deprecated".into(),
                Criticality::Breaking
            )]
        );
        let change = &diff(&schema(""), &schema("directive @oneOf on FIELD_DEFINITION"))[0];
        assert_eq!(change.old.as_deref(), Some("INPUT_OBJECT"));
        assert_eq!(change.new.as_deref(), Some("FIELD_DEFINITION"));
        // An older edition's variant, a restatement, or the same redefinition on both sides is not
        // a change.
        for (a, b) in [
            ("", "directive @deprecated(reason: String = \"No longer supported\") on FIELD_DEFINITION | ENUM_VALUE"),
            ("", "directive @oneOf on INPUT_OBJECT"),
            ("directive @oneOf on OBJECT", "directive @oneOf on OBJECT"),
        ] {
            assert_eq!(changes(a, b), vec![], "{a:?} -> {b:?}");
        }
    }
}
