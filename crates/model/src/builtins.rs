//! The GraphQL built-ins every schema has, named once: the built-in scalars and directives, the
//! default deprecation reason, and readers of the directives with a meaning of their own
//! (`@deprecated`, `@specifiedBy`, `@oneOf`). apollo-compiler defines them (its
//! `built_in_types.graphql`); this module is how the rest of schemalift talks about them.

use apollo_compiler::ast::DirectiveList;

/// `@deprecated`, on fields, arguments, input fields, enum values and (September 2026) directives.
pub const DEPRECATED: &str = "deprecated";
/// `@specifiedBy(url:)`, on custom scalars.
pub const SPECIFIED_BY: &str = "specifiedBy";
/// `@oneOf`, on input objects (September 2025).
pub const ONE_OF: &str = "oneOf";

/// The reason `@deprecated` gives when none is written. A reason equal to it prints as a bare
/// `@deprecated`, as graphql-js does.
pub const DEFAULT_DEPRECATION_REASON: &str = "No longer supported";

/// The scalars every schema has; servers may or may not list them.
pub const SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

/// The directives the specification defines, which printed schemas leave out (graphql-js
/// `isSpecifiedDirective` compares names too).
pub const DIRECTIVES: [&str; 5] = ["skip", "include", DEPRECATED, SPECIFIED_BY, ONE_OF];

/// Directives whose meaning schemalift shows in its own way (a deprecation notice, a
/// `specifiedBy` link, a one-of note) rather than as an applied directive.
pub const WITH_OWN_MEANING: [&str; 3] = [DEPRECATED, SPECIFIED_BY, ONE_OF];

/// The locations every edition gives each built-in directive. Later editions add some
/// (`@deprecated` on arguments, input fields and directive definitions), and a server may list an
/// older edition's variant; a redefinition that lacks one of these, or adds a location the newest
/// edition does not give, no longer means the built-in directive.
pub const CORE_LOCATIONS: [(&str, &[&str]); 5] = [
    ("skip", &["FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"]),
    ("include", &["FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"]),
    (DEPRECATED, &["FIELD_DEFINITION", "ENUM_VALUE"]),
    (SPECIFIED_BY, &["SCALAR"]),
    (ONE_OF, &["INPUT_OBJECT"]),
];

/// The locations every edition gives the built-in directive `name` (empty for other names).
pub fn core_locations(name: &str) -> &'static [&'static str] {
    CORE_LOCATIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, locations)| locations)
}

pub fn is_directive(name: &str) -> bool {
    DIRECTIVES.contains(&name)
}

pub fn is_scalar(name: &str) -> bool {
    SCALARS.contains(&name)
}

/// The deprecation reason when the element is deprecated: the one written, or the default.
pub fn deprecation(directives: &DirectiveList) -> Option<&str> {
    let directive = directives.get(DEPRECATED)?;
    let reason = directive.specified_argument_by_name("reason");
    Some(
        reason
            .and_then(|v| v.as_str())
            .unwrap_or(DEFAULT_DEPRECATION_REASON),
    )
}

/// The `@specifiedBy(url:)` of a scalar.
pub fn specified_by(directives: &DirectiveList) -> Option<&str> {
    let directive = directives.get(SPECIFIED_BY)?;
    directive.specified_argument_by_name("url")?.as_str()
}

pub fn is_one_of(directives: &DirectiveList) -> bool {
    directives.has(ONE_OF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::schema::ExtendedType;
    use apollo_compiler::Schema;

    #[test]
    fn the_names_are_apollo_compilers_built_ins() {
        let schema = Schema::new();
        let mut defined: Vec<&str> = schema
            .directive_definitions
            .keys()
            .map(|n| n.as_str())
            .collect();
        defined.sort_unstable();
        let mut ours = DIRECTIVES.to_vec();
        ours.sort_unstable();
        assert_eq!(defined, ours);
        for scalar in SCALARS {
            assert!(schema.types[scalar].is_built_in(), "{scalar}");
        }
    }

    #[test]
    fn reads_deprecation_and_specified_by() {
        let schema = Schema::parse_and_validate(
            "type Query { a: Int @deprecated b: Int @deprecated(reason: \"use a\") c: Int }\n\
             scalar U @specifiedBy(url: \"https://u\")",
            "s.graphql",
        )
        .unwrap();
        let query = schema.get_object("Query").unwrap();
        assert_eq!(
            deprecation(&query.fields["a"].directives),
            Some(DEFAULT_DEPRECATION_REASON)
        );
        assert_eq!(deprecation(&query.fields["b"].directives), Some("use a"));
        assert_eq!(deprecation(&query.fields["c"].directives), None);
        let ExtendedType::Scalar(u) = &schema.types["U"] else {
            panic!()
        };
        assert_eq!(specified_by(&u.directives), Some("https://u"));
    }
}
