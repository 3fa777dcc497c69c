//! The view model: what documentation templates see of a schema, built once from a
//! `Valid<Schema>` and serializable, so templates never touch apollo-compiler types and
//! docs/templates.md can list every variable.
//!
//! Everything a page shows is computed here, in Rust: type strings, link targets, anchors,
//! default values printed as GraphQL, deprecation reasons, implementers, union membership, the
//! "used by" index and the example operation of each root field. Templates only lay it out.
//!
//! Links are relative to the output root (`objects/Repository.md#field-issues`) or, in a
//! single-file document, fragments (`#Repository.field-issues`); the `href` filter makes them
//! relative to the page being rendered.

mod build;
mod example;
pub mod kinds;
pub mod text;

pub use build::{build, Layout};
pub use kinds::{KindSpec, KINDS};

use serde::Serialize;

/// The whole schema as the documentation sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaDoc {
    pub info: SchemaInfo,
    /// Every kind that has at least one entry, in the catalogue order (queries first, directives
    /// last).
    pub kinds: Vec<KindDoc>,
    /// Every named type except the introspection types, sorted by name; root operation types
    /// included (their page is their kind's page).
    pub types: Vec<TypeDoc>,
    /// Every directive definition, built-in ones included, sorted by name.
    pub directives: Vec<DirectiveDoc>,
}

/// What the index page and every page's header need: no per-type detail, so it is cheap to pass
/// to every page.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaInfo {
    /// The schema definition's description (Markdown), if any.
    pub description: Option<String>,
    pub counts: Counts,
    /// The root operation types.
    pub roots: Vec<RootRef>,
    /// Every non-empty kind: id, title, link and count, without the entries.
    pub kinds: Vec<KindSummary>,
    /// The index page's path, e.g. `README.md`.
    pub index: String,
}

/// Totals shown on the index page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Named types, root types and built-in scalars included, introspection types excluded.
    pub types: usize,
    /// Fields of objects and interfaces, root fields included.
    pub fields: usize,
    pub input_fields: usize,
    pub arguments: usize,
    pub enum_values: usize,
    pub directives: usize,
    /// Deprecated fields, arguments, input fields, enum values and directives.
    pub deprecated: usize,
}

impl Counts {
    /// Add another part's totals (types are counted in parallel).
    pub fn add(&mut self, other: &Counts) {
        let Counts {
            types,
            fields,
            input_fields,
            arguments,
            enum_values,
            directives,
            deprecated,
        } = other;
        self.types += types;
        self.fields += fields;
        self.input_fields += input_fields;
        self.arguments += arguments;
        self.enum_values += enum_values;
        self.directives += directives;
        self.deprecated += deprecated;
    }
}

/// A root operation type: `query`, `mutation` or `subscription`, and the object that serves it.
#[derive(Debug, Clone, Serialize)]
pub struct RootRef {
    pub operation: &'static str,
    #[serde(rename = "type")]
    pub type_name: String,
    /// Its kind's page (queries, mutations, subscriptions).
    pub link: String,
}

/// A kind without its entries.
#[derive(Debug, Clone, Serialize)]
pub struct KindSummary {
    /// `queries`, `objects`, `inputs`, …: also the folder and page name.
    pub id: &'static str,
    pub title: &'static str,
    /// One sentence saying what the kind is.
    pub about: &'static str,
    pub count: usize,
    pub link: String,
}

/// A kind and its entries: the types of that kind, or for root kinds the root type's fields.
#[derive(Debug, Clone, Serialize)]
pub struct KindDoc {
    pub id: &'static str,
    pub title: &'static str,
    /// The singular, e.g. `Input object`.
    pub singular: &'static str,
    pub about: &'static str,
    /// The kind's page (multi-file) or section (single-file) and its anchor in a single file.
    pub link: String,
    pub page: String,
    pub anchor: String,
    /// For `queries`, `mutations`, `subscriptions`: the root type's name.
    pub root_type: Option<String>,
    pub entries: Vec<Entry>,
}

/// One line of a kind's list: a type, a directive or a root field.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub name: String,
    pub link: String,
    /// The first paragraph of the description, on one line.
    pub summary: Option<String>,
    /// Whether `deprecation` is set (root fields and, September 2026, directives).
    pub deprecated: bool,
    pub deprecation: Option<Deprecation>,
}

/// A named type: everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDoc {
    pub name: String,
    /// The kind id: `objects`, `interfaces`, `unions`, `enums`, `inputs`, `scalars`, or for a root
    /// type `queries`, `mutations`, `subscriptions`.
    pub kind: &'static str,
    /// The kind's singular title, e.g. `Object`.
    pub kind_title: &'static str,
    /// `query`, `mutation` or `subscription` for a root operation type.
    pub root_operation: Option<&'static str>,
    /// The description as written in the schema (Markdown), trailing whitespace removed.
    pub description: Option<String>,
    pub summary: Option<String>,
    /// The type's page, relative to the output root.
    pub page: String,
    pub link: String,
    /// The type's section anchor in a single-file document (`type-Repository`).
    pub anchor: String,
    /// A built-in scalar (`String`, `Int`, …).
    pub built_in: bool,
    /// Objects and interfaces: the fields, in schema order.
    pub fields: Vec<FieldDoc>,
    /// Input objects: the input fields, in schema order.
    pub input_fields: Vec<InputValueDoc>,
    /// Enums: the values, in schema order.
    pub values: Vec<EnumValueDoc>,
    /// Objects and interfaces: the interfaces this type implements.
    pub interfaces: Vec<TypeLink>,
    /// Interfaces: the objects and interfaces that implement it, sorted.
    pub implemented_by: Vec<TypeLink>,
    /// Unions: the member types, in schema order.
    pub members: Vec<TypeLink>,
    /// Objects: the unions this type is a member of, sorted.
    pub member_of: Vec<TypeLink>,
    /// Every field, argument, input field and directive argument whose type names this type,
    /// sorted by coordinate.
    pub used_by: Vec<Usage>,
    /// Scalars: the `@specifiedBy` URL.
    pub specified_by: Option<String>,
    /// Input objects marked `@oneOf`: exactly one field must be given.
    pub one_of: bool,
    /// Other directives applied to the type, printed as GraphQL (`@beta(reason: "…")`).
    /// Introspection JSON carries none, so this is empty for schemas loaded from JSON.
    pub directives: Vec<String>,
}

/// A field of an object or interface type.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDoc {
    pub name: String,
    /// The anchor to put on the field's row or heading.
    pub anchor: String,
    pub link: String,
    /// The schema coordinate, `Repository.issues`.
    pub coordinate: String,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub arguments: Vec<InputValueDoc>,
    pub deprecation: Option<Deprecation>,
    pub directives: Vec<String>,
    /// Root fields only: an example operation that calls the field (GraphQL text).
    pub example: Option<String>,
}

/// An argument, or a field of an input object.
#[derive(Debug, Clone, Serialize)]
pub struct InputValueDoc {
    pub name: String,
    pub anchor: String,
    pub link: String,
    /// `Repository.issues(first:)` for an argument, `CreateStackInput.name` for an input field,
    /// `@deprecated(reason:)` for a directive argument.
    pub coordinate: String,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The default value printed as a GraphQL literal (`20`, `"main"`, `[OPEN]`, `{a: 1}`).
    pub default: Option<String>,
    /// Non-null without a default: the caller must give it.
    pub required: bool,
    pub deprecation: Option<Deprecation>,
    pub directives: Vec<String>,
}

/// A value of an enum.
#[derive(Debug, Clone, Serialize)]
pub struct EnumValueDoc {
    pub name: String,
    pub anchor: String,
    pub link: String,
    pub coordinate: String,
    pub description: Option<String>,
    pub deprecation: Option<Deprecation>,
    pub directives: Vec<String>,
}

/// A directive definition.
#[derive(Debug, Clone, Serialize)]
pub struct DirectiveDoc {
    pub name: String,
    pub description: Option<String>,
    pub summary: Option<String>,
    pub page: String,
    pub link: String,
    pub anchor: String,
    pub arguments: Vec<InputValueDoc>,
    /// Where it may be applied: `FIELD_DEFINITION`, `QUERY`, …
    pub locations: Vec<String>,
    pub repeatable: bool,
    /// Defined by the GraphQL specification (`@skip`, `@include`, `@deprecated`, `@specifiedBy`,
    /// `@oneOf`).
    pub built_in: bool,
    /// `@deprecated` on the definition (September 2026), also when an `extend directive` adds it.
    pub deprecation: Option<Deprecation>,
    /// Other directives applied to the definition (September 2026), printed as GraphQL
    /// (`@since(version: "1.2")`). Introspection JSON carries none.
    pub directives: Vec<String>,
}

/// `@deprecated` on a field, argument, input field, enum value or directive.
#[derive(Debug, Clone, Serialize)]
pub struct Deprecation {
    /// The reason as given, or the specification's default `No longer supported`.
    pub reason: String,
}

/// A type expression, `[Repository!]!`, and the named type inside it.
#[derive(Debug, Clone, Serialize)]
pub struct TypeRef {
    /// The expression as written in GraphQL.
    pub text: String,
    /// The named type (`Repository`).
    pub name: String,
    /// The named type's page or section.
    pub link: String,
    pub non_null: bool,
    pub list: bool,
}

/// A link to a named type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeLink {
    pub name: String,
    pub link: String,
}

/// A place that takes or returns a type.
#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    /// `field`, `argument`, `input field` or `directive argument`.
    pub kind: &'static str,
    /// The schema coordinate: `Repository.owner`, `Query.repository(owner:)`.
    pub coordinate: String,
    /// The element's anchor on its owner's page.
    pub link: String,
    /// The full type expression at that place, `[Label!]`.
    pub type_text: String,
}
