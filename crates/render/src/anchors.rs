//! Stable anchors: the HTML ids that fields, arguments, enum values, types and sections carry, so
//! that a link into the docs from elsewhere keeps working when the schema changes around it.
//!
//! An anchor depends only on the names on the path to the element (never on its position, a
//! counter or a hash), and GraphQL names cannot contain `-` or `.`, so the separators below keep
//! every anchor of a page distinct: `field-issues`, `arg-issues-first` and `value-OPEN` on a type's
//! own page; in a single-file document, where every type shares one page, the same local anchor
//! is prefixed with its owner: `Repository.field-issues`. Types, kinds and directives get
//! `type-Repository`, `kind-objects`, `directive-deprecated` there; heading ids that Markdown
//! renderers derive from heading text never contain a `.` and never start like these, so they
//! cannot collide.

/// A field of an object, interface or input object, on its type's page.
pub(crate) fn field(field: &str) -> String {
    format!("field-{field}")
}

/// An argument of a field, on the field's type's page.
pub(crate) fn argument(field: &str, argument: &str) -> String {
    format!("arg-{field}-{argument}")
}

/// An argument of a directive, on the directive's page.
pub(crate) fn directive_argument(argument: &str) -> String {
    format!("arg-{argument}")
}

/// A value of an enum, on the enum's page.
pub(crate) fn enum_value(value: &str) -> String {
    format!("value-{value}")
}

/// A type's section in a single-file document.
pub(crate) fn type_section(name: &str) -> String {
    format!("type-{name}")
}

/// A directive's section in a single-file document.
pub(crate) fn directive_section(name: &str) -> String {
    format!("directive-{name}")
}

/// A kind's section (objects, queries, …) in a single-file document.
pub(crate) fn kind_section(kind: &str) -> String {
    format!("kind-{kind}")
}

/// A page-local anchor made unique across a single-file document by its owner's section anchor
/// (`type-Repository` → `Repository.field-issues`; `directive-skip` → `directive-skip.arg-if`).
pub(crate) fn qualified(owner_section: &str, local: &str) -> String {
    let owner = owner_section.strip_prefix("type-").unwrap_or(owner_section);
    format!("{owner}.{local}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_names() {
        assert_eq!(field("issues"), "field-issues");
        assert_eq!(argument("issues", "first"), "arg-issues-first");
        assert_eq!(enum_value("OPEN"), "value-OPEN");
        assert_eq!(directive_argument("reason"), "arg-reason");
        assert_eq!(
            qualified(&type_section("Repository"), &field("issues")),
            "Repository.field-issues"
        );
        assert_eq!(
            qualified(&directive_section("skip"), &directive_argument("if")),
            "directive-skip.arg-if"
        );
    }

    #[test]
    fn a_field_and_an_argument_cannot_share_an_anchor() {
        // `a_b` with argument `c` against field `a` with argument `b_c`: the hyphen separates.
        assert_ne!(argument("a_b", "c"), argument("a", "b_c"));
        assert_ne!(field("arg"), argument("arg", "x"));
    }
}
