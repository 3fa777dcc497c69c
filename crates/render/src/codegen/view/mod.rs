//! The codegen view model: what the client templates see. Built once per run from the schema,
//! the validated operations and a language, with every name and type expression already spelled
//! for that language (by the fields of its catalogue entry, [`super::lang::Spec`]), so templates
//! only lay code out. No code here names a language.
//!
//! Every declaration is a [`Decl`]: an object (a response object, a variables object or an input
//! object), a union of objects told apart by `__typename`, or a `@oneOf` input object (exactly one
//! of its fields set). Declarations come in reading order, the operation's result type first and
//! nested types after the type that uses them.
//!
//! Two kinds of documentation reach the templates: `doc`, comment lines from schema descriptions
//! and what schemalift says about a declaration, and `description`, the descriptions the
//! operation documents give operations, fragments and variables (September 2025), escaped for
//! where each language puts them (a Python docstring, a TSDoc comment, Go comments).
//!
//! The building is split by concern: `reach` finds the schema types operations use, `schema`
//! declares them, `results` declares the result types of selection sets, `keys` spells the
//! keys of objects, `types` spells type expressions, `imports` collects what each file
//! imports, and `documents` makes the fragments file and the operation files. Names are
//! claimed in one registry, in the order [`build`] asks for them, so output is deterministic.

mod documents;
#[cfg(test)]
mod fixture;
mod imports;
mod keys;
mod reach;
mod results;
mod schema;
mod types;

use super::lang::{Language, Spec};
use super::naming::Registry;
use super::scalars::ScalarMap;
use super::shape::{Shape, Shaper};
use apollo_compiler::executable::Operation;
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the caller chooses.
#[derive(Debug, Clone)]
pub struct Options {
    pub language: Language,
    /// Custom scalar → language type, from flags and schemalift.toml.
    pub scalars: ScalarMap,
    /// How the schema was named on the command line, for the generated-file header.
    pub schema_name: String,
    /// The Go package name (default: from the output directory).
    pub package: Option<String>,
}

/// The whole client, as templates see it.
#[derive(Debug, Serialize)]
pub struct CodegenView {
    pub language: Language,
    /// The package name the files declare, for languages that have one (Go).
    pub package: String,
    /// The schema as named on the command line.
    pub schema: String,
    /// The generated-file header line for files made from the schema alone.
    pub header: String,
    pub scalars: Vec<ScalarView>,
    pub enums: Vec<EnumView>,
    pub inputs: Vec<Decl>,
    /// Imports the schema file needs.
    pub schema_imports: Vec<Import>,
    pub fragments: FragmentsView,
    pub operations: Vec<OperationView>,
    /// Whether some custom scalar fell back to the unknown-scalar type (Python declares it:
    /// `JSONValue`).
    pub uses_json_value: bool,
}

/// A custom scalar and the language type its JSON value has.
#[derive(Debug, Serialize)]
pub struct ScalarView {
    pub graphql: String,
    /// The alias the generated code declares.
    pub name: String,
    pub target: String,
    /// False when nobody mapped it and it fell back to the JSON value type.
    pub mapped: bool,
    pub doc: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EnumView {
    pub graphql: String,
    pub name: String,
    pub doc: Vec<String>,
    pub values: Vec<EnumValueView>,
}

#[derive(Debug, Serialize)]
pub struct EnumValueView {
    /// The value as sent on the wire.
    pub value: String,
    /// The constant's name, for languages that declare one per value (Go).
    pub name: String,
    pub doc: Vec<String>,
    pub deprecated: Option<String>,
}

/// A type declaration.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decl {
    Object(ObjectDecl),
    Union(UnionDecl),
    OneOf(OneOfDecl),
}

impl Decl {
    pub fn name(&self) -> &str {
        match self {
            Decl::Object(o) => &o.name,
            Decl::Union(u) => &u.name,
            Decl::OneOf(o) => &o.name,
        }
    }

    fn set_description(&mut self, lines: Vec<String>) {
        match self {
            Decl::Object(o) => o.description = lines,
            Decl::Union(u) => u.description = lines,
            // Input objects come from the schema, not from operation documents.
            Decl::OneOf(_) => {}
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ObjectDecl {
    pub name: String,
    pub doc: Vec<String>,
    /// The fragment's description, for a fragment's type.
    pub description: Vec<String>,
    pub fields: Vec<FieldView>,
    /// Python: every key can be a class attribute, so the class syntax works (else the
    /// functional `TypedDict("Name", {...})` form).
    pub class_syntax: bool,
}

#[derive(Debug, Serialize)]
pub struct UnionDecl {
    pub name: String,
    pub doc: Vec<String>,
    /// The fragment's description, for a fragment's type.
    pub description: Vec<String>,
    pub variants: Vec<VariantView>,
}

/// A `@oneOf` input object: a value sets exactly one of its fields, non-null.
#[derive(Debug, Serialize)]
pub struct OneOfDecl {
    pub name: String,
    pub doc: Vec<String>,
    /// One per field, in schema order.
    pub members: Vec<OneOfMember>,
}

/// One way to give a `@oneOf` input: this field set, every other absent.
#[derive(Debug, Serialize)]
pub struct OneOfMember {
    /// The member's own type, where the language declares one (see
    /// [`super::lang::OneOfStyle::member_types`]); else empty.
    pub name: String,
    /// Python: the member's key can be a class attribute (else the functional TypedDict form).
    pub class_syntax: bool,
    /// The field, its type non-null; `annotation` and `tag` as
    /// [`OneOfStyle::field`](super::lang::OneOfStyle::field) spells a member field.
    pub field: FieldView,
}

#[derive(Debug, Serialize)]
pub struct VariantView {
    /// The variant's object type.
    pub name: String,
    /// Go: the wrapper struct's field holding this variant.
    pub field: String,
    /// The `__typename` values that select it.
    pub typenames: Vec<String>,
}

/// A key of an object: a response key, a variable or an input field.
#[derive(Debug, Serialize)]
pub struct FieldView {
    /// The key in JSON.
    pub json: String,
    /// The key as the language writes it: a TypeScript property (quoted when not an identifier),
    /// a Python key, a Go struct field.
    pub name: String,
    /// The value type.
    pub ty: String,
    /// The full annotation (Python: `NotRequired[...]` when optional; Go: pointer when
    /// optional).
    pub annotation: String,
    /// The key may be absent.
    pub optional: bool,
    /// Go: the struct tag.
    pub tag: String,
    pub doc: Vec<String>,
    /// A variable's description.
    pub description: Vec<String>,
    pub deprecated: Option<String>,
}

/// An import one generated file needs: a module and names from it (Go: a package path).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Import {
    pub module: String,
    pub names: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FragmentsView {
    pub header: String,
    pub decls: Vec<Decl>,
    pub imports: Vec<Import>,
    pub names: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct OperationView {
    /// The operation's GraphQL name.
    pub graphql: String,
    /// `query`, `mutation` or `subscription`.
    pub kind: &'static str,
    /// The file it is generated into, relative to the output directory.
    pub file: String,
    /// The file's module name (the file name without extension).
    pub module: String,
    pub header: String,
    /// The comment lines above the operation in its source file.
    pub doc: Vec<String>,
    /// The operation's description (`"""…"""` before `query`).
    pub description: Vec<String>,
    pub function: String,
    pub document_name: String,
    pub document_literal: String,
    pub variables_type: String,
    pub result_type: String,
    /// Some variable must be given (else the variables argument is optional).
    pub requires_variables: bool,
    /// Whether a request function over HTTP is generated (not for subscriptions).
    pub request: bool,
    pub decls: Vec<Decl>,
    pub imports: Vec<Import>,
    /// Every name the file exports (Python `__all__`, TypeScript re-exports).
    pub exports: Vec<String>,
}

/// A warning for the user (e.g. an unmapped custom scalar).
pub type Warning = String;

/// Build the view for `document` (validated, with `__typename` added where needed).
pub fn build(
    schema: &Schema,
    document: &ExecutableDocument,
    options: &Options,
) -> (CodegenView, Vec<Warning>) {
    let spec = options.language.spec();
    let mut shaper = Shaper::new(schema, document);
    let mut operations: Vec<&Node<Operation>> = document.operations.named.values().collect();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut fragment_names: Vec<Name> = document.fragments.keys().cloned().collect();
    fragment_names.sort();

    // Shapes first: they decide which schema types are reachable.
    let fragment_shapes: Vec<(Name, Shape)> = fragment_names
        .iter()
        .filter_map(|name| Some((name.clone(), shaper.fragment(name)?)))
        .collect();
    let operation_shapes: Vec<Shape> = operations
        .iter()
        .map(|op| shaper.selection_set(&op.selection_set))
        .collect();
    let reach = reach::Reach::of(
        schema,
        fragment_shapes
            .iter()
            .map(|(_, shape)| shape)
            .chain(&operation_shapes),
        &operations,
    );

    let mut builder = Builder {
        spec,
        schema,
        names: Registry::with_reserved(spec.keywords.iter().chain(spec.reserved).copied()),
        type_names: BTreeMap::new(),
        warnings: Vec::new(),
        uses_json_value: false,
    };
    let schema_types = builder.schema_types(&reach, &options.scalars);
    let fragments = builder.fragments(document, &fragment_shapes, &options.schema_name);
    let mut files = Registry::for_files(spec.reserved_files.iter().chain(spec.keywords).copied());
    let operations = operations
        .iter()
        .zip(operation_shapes)
        .map(|(op, shape)| {
            builder.operation(
                document,
                op,
                shape,
                &fragments,
                &mut files,
                &options.schema_name,
            )
        })
        .collect();

    let view = CodegenView {
        language: spec.language,
        package: (spec.naming.package)(options.package.as_deref()),
        schema: options.schema_name.clone(),
        header: documents::header(&options.schema_name, std::iter::empty::<&String>()),
        scalars: schema_types.scalars,
        enums: schema_types.enums,
        inputs: schema_types.inputs,
        schema_imports: schema_types.imports,
        fragments: fragments.view,
        operations,
        uses_json_value: builder.uses_json_value,
    };
    (view, builder.warnings)
}

/// The state of one build: the language, the schema, and the names handed out so far.
struct Builder<'a> {
    spec: &'static Spec,
    schema: &'a Schema,
    /// The one namespace of exported names (TypeScript and Python re-export every module from
    /// the package index; Go has one package).
    names: Registry,
    /// GraphQL schema type → declared name.
    type_names: BTreeMap<Name, String>,
    warnings: Vec<Warning>,
    uses_json_value: bool,
}

impl Builder<'_> {
    /// A schema description as comment lines.
    fn doc(&self, description: Option<&str>) -> Vec<String> {
        description
            .map(|d| self.spec.doc_lines(d))
            .unwrap_or_default()
    }

    /// An operation document's description (of an operation, fragment or variable).
    fn description(&self, description: Option<&str>) -> Vec<String> {
        description
            .map(|d| self.spec.description_lines(d))
            .unwrap_or_default()
    }
}
