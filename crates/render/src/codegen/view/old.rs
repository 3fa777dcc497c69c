//! The codegen view model: what the client templates see. Built once per run from the schema,
//! the validated operations and a language, with every name and type expression already spelled
//! for that language, so templates only lay code out.
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

use super::lang::{go_pascal, is_builtin_scalar, Language, Spec, GO_FILE_SUFFIXES, GO_KEYWORDS};
use super::naming::{camel, is_identifier, pascal, snake, Registry};
use super::operations::{document_text, fragments_used};
use super::scalars::ScalarMap;
use super::shape::{deprecation, FieldShape, ObjectShape, OutKind, OutType, Shape, Shaper};
use apollo_compiler::ast::{OperationType, Type, Value};
use apollo_compiler::executable::Operation;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Past this many possible types, a `__typename` that does not discriminate anything is typed as
/// a plain string rather than a union of literals (`node(id:) { id }` on GitHub: 400 types).
const MAX_TYPENAME_LITERALS: usize = 50;

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
    /// The Go package name.
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
    /// Whether some custom scalar fell back to the JSON value type (Python declares it).
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
    /// The field, its type non-null; `annotation` and `tag` as [`Spec::one_of_field`] spells a
    /// member field.
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

/// What a file refers to, turned into imports at the end.
#[derive(Debug, Default)]
struct Refs {
    schema: BTreeSet<String>,
    fragments: BTreeSet<String>,
    /// (module, name); an empty name imports the module itself.
    std: BTreeSet<(String, String)>,
}

impl Refs {
    fn imports(self, language: Language, in_fragments: bool) -> Vec<Import> {
        let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, name) in self.std {
            let names = imports.entry(module).or_default();
            if !name.is_empty() {
                names.insert(name);
            }
        }
        let (schema, fragments) = match language {
            Language::TypeScript => ("./schema.js", "./fragments.js"),
            Language::Python => (".schema", ".fragments"),
            // One Go package: nothing to import from itself.
            Language::Go => ("", ""),
        };
        if !schema.is_empty() {
            if !self.schema.is_empty() {
                imports.insert(schema.to_owned(), self.schema);
            }
            if !self.fragments.is_empty() && !in_fragments {
                imports.insert(fragments.to_owned(), self.fragments);
            }
        }
        let mut imports: Vec<Import> = imports
            .into_iter()
            .map(|(module, names)| Import {
                module,
                names: names.into_iter().collect(),
            })
            .collect();
        // The standard library first, then the client's own modules.
        imports.sort_by_key(|i| (i.module.starts_with('.'), i.module.clone()));
        imports
    }
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
    let fragment_names: Vec<Name> = {
        let mut names: Vec<Name> = document.fragments.keys().cloned().collect();
        names.sort();
        names
    };

    // Shapes first: they decide which schema types are reachable.
    let fragment_shapes: Vec<(Name, Shape)> = fragment_names
        .iter()
        .filter_map(|name| Some((name.clone(), shaper.fragment(name)?)))
        .collect();
    let operation_shapes: Vec<Shape> = operations
        .iter()
        .map(|op| shaper.selection_set(&op.selection_set))
        .collect();

    let mut reach = Reach::default();
    for (_, shape) in &fragment_shapes {
        reach.shape(shape);
    }
    for shape in &operation_shapes {
        reach.shape(shape);
    }
    for op in &operations {
        for variable in &op.variables {
            reach.input_type(schema, variable.ty.inner_named_type());
        }
    }

    let mut builder = Builder {
        spec,
        schema,
        names: Registry::with_reserved(spec.keywords.iter().chain(spec.reserved).copied()),
        type_names: BTreeMap::new(),
        scalar_targets: BTreeMap::new(),
        warnings: Vec::new(),
        uses_json_value: false,
    };

    // Schema types keep their GraphQL names (Go: exported spelling), claimed in name order.
    let mut schema_types: Vec<&Name> = reach
        .enums
        .iter()
        .chain(&reach.inputs)
        .chain(&reach.scalars)
        .collect();
    schema_types.sort();
    for name in schema_types {
        let wanted = match spec.language {
            Language::Go => pascal(name),
            Language::TypeScript | Language::Python => name.to_string(),
        };
        let claimed = builder.names.claim_escaped(&wanted);
        builder.type_names.insert(name.clone(), claimed);
    }
    let scalars = builder.scalars(&reach.scalars, &options.scalars);
    let enums = builder.enums(&reach.enums);
    let mut schema_refs = Refs::default();
    let inputs = builder.inputs(&reach.inputs, &mut schema_refs);
    for scalar in &scalars {
        builder.target_refs(&scalar.target, &mut schema_refs);
    }
    if spec.language == Language::Python {
        // Scalar targets may name each other or JSONValue; the schema file defines both.
        schema_refs.schema.clear();
        if !enums.is_empty() {
            schema_refs.std.insert(("typing".into(), "Literal".into()));
        }
        if !enums.is_empty() || !scalars.is_empty() {
            schema_refs
                .std
                .insert(("typing".into(), "TypeAlias".into()));
        }
    }
    let schema_imports = schema_refs.imports(spec.language, false);

    // Fragment types, then operations, each claiming its names in order.
    let fragment_type_names: BTreeMap<Name, String> = fragment_names
        .iter()
        .map(|name| {
            let wanted = pascal(name);
            (name.clone(), builder.names.claim(&wanted))
        })
        .collect();
    let mut fragment_refs = Refs::default();
    let mut fragment_decls = Vec::new();
    for (name, shape) in &fragment_shapes {
        let type_name = fragment_type_names[name].clone();
        let doc = vec![format!("The fields of fragment {name}.")];
        let prefix = type_name.clone();
        let first = fragment_decls.len();
        builder.shape_decls(
            shape,
            type_name,
            &prefix,
            doc,
            &fragment_type_names,
            &mut fragment_refs,
            &mut fragment_decls,
        );
        let description = document
            .fragments
            .get(name)
            .and_then(|f| f.description.as_deref())
            .map(|d| spec.description_lines(d))
            .unwrap_or_default();
        if let Some(decl) = fragment_decls.get_mut(first) {
            decl.set_description(description);
        }
    }
    let fragment_sources: BTreeSet<String> = fragment_names
        .iter()
        .filter_map(|n| source_name(document, document.fragments.get(n)?.location()))
        .collect();
    let fragments = FragmentsView {
        header: header(&options.schema_name, fragment_sources.iter()),
        decls: fragment_decls,
        imports: fragment_refs.imports(spec.language, true),
        names: fragment_type_names.values().cloned().collect(),
    };

    let mut files = Registry::for_files(spec.reserved_files.iter().chain(spec.keywords).copied());
    let operations = operations
        .iter()
        .zip(operation_shapes)
        .map(|(op, shape)| {
            builder.operation(
                document,
                op,
                shape,
                &fragment_type_names,
                &mut files,
                &options.schema_name,
            )
        })
        .collect();

    let package = options
        .package
        .clone()
        .map(|p| go_package_name(&p))
        .unwrap_or_else(|| "client".to_owned());
    let view = CodegenView {
        language: spec.language,
        package,
        schema: options.schema_name.clone(),
        header: header(&options.schema_name, std::iter::empty::<&String>()),
        scalars,
        enums,
        inputs,
        schema_imports,
        fragments,
        operations,
        uses_json_value: builder.uses_json_value,
    };
    (view, builder.warnings)
}

/// `Code generated by schemalift codegen from SCHEMA and FILES. DO NOT EDIT.` (the line Go tools
/// recognise as marking generated code).
fn header<'s>(schema: &str, sources: impl Iterator<Item = &'s String>) -> String {
    let sources: Vec<&String> = sources.collect();
    let from = if sources.is_empty() {
        schema.to_owned()
    } else {
        let files: Vec<&str> = sources.iter().map(|s| s.as_str()).collect();
        format!("{schema} and {}", files.join(", "))
    };
    format!("Code generated by schemalift codegen from {from}. DO NOT EDIT.")
}

/// A Go package name from a directory or user choice: lowercase letters and digits.
pub fn go_package_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let cleaned = cleaned.trim_start_matches(|c: char| c.is_ascii_digit());
    if cleaned.is_empty() || GO_KEYWORDS.contains(&cleaned) {
        "client".to_owned()
    } else {
        cleaned.to_owned()
    }
}

fn source_name(
    document: &ExecutableDocument,
    span: Option<apollo_compiler::parser::SourceSpan>,
) -> Option<String> {
    let span = span?;
    let file = document.sources.get(&span.file_id())?;
    Some(file.path().display().to_string())
}

/// The `#` comment lines right above a definition: its documentation.
fn leading_comment(
    document: &ExecutableDocument,
    span: Option<apollo_compiler::parser::SourceSpan>,
) -> Vec<String> {
    let Some(span) = span else { return Vec::new() };
    let Some(file) = document.sources.get(&span.file_id()) else {
        return Vec::new();
    };
    let text = file.source_text();
    let before = text.get(..span.offset()).unwrap_or_default();
    let mut lines: Vec<String> = before
        .lines()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim_start().trim_start_matches('#').trim().to_owned())
        .collect();
    lines.reverse();
    lines
}

/// The enums, input objects and custom scalars that operations reach.
#[derive(Default)]
struct Reach {
    enums: BTreeSet<Name>,
    inputs: BTreeSet<Name>,
    scalars: BTreeSet<Name>,
}

impl Reach {
    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Object(object) => self.object(object),
            Shape::Union(union) => {
                for variant in &union.variants {
                    self.object(&variant.object);
                }
            }
        }
    }

    fn object(&mut self, object: &ObjectShape) {
        for field in &object.fields {
            self.out_type(&field.ty);
        }
    }

    fn out_type(&mut self, ty: &OutType) {
        match &ty.kind {
            OutKind::List(inner) => self.out_type(inner),
            OutKind::Scalar(name) => {
                if !is_builtin_scalar(name) {
                    self.scalars.insert(name.clone());
                }
            }
            OutKind::Enum(name) => {
                self.enums.insert(name.clone());
            }
            OutKind::Composite(shape) => self.shape(shape),
            OutKind::Typename(_) | OutKind::Fragment(_) => {}
        }
    }

    /// An input type and, for input objects, everything their fields reach (recursively).
    fn input_type(&mut self, schema: &Schema, name: &Name) {
        match schema.types.get(name) {
            Some(ExtendedType::Enum(_)) => {
                self.enums.insert(name.clone());
            }
            Some(ExtendedType::Scalar(_)) if !is_builtin_scalar(name) => {
                self.scalars.insert(name.clone());
            }
            Some(ExtendedType::InputObject(input)) if self.inputs.insert(name.clone()) => {
                for field in input.fields.values() {
                    self.input_type(schema, field.ty.inner_named_type());
                }
            }
            _ => {}
        }
    }
}

struct Builder<'a> {
    spec: &'static Spec,
    schema: &'a Schema,
    /// The one namespace of exported names (TypeScript and Python re-export every module from
    /// the package index; Go has one package).
    names: Registry,
    /// GraphQL schema type → declared name.
    type_names: BTreeMap<Name, String>,
    /// Custom scalar → its language type (the declared alias is in `type_names`).
    scalar_targets: BTreeMap<Name, String>,
    warnings: Vec<Warning>,
    uses_json_value: bool,
}

impl Builder<'_> {
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

    fn scalars(&mut self, reached: &BTreeSet<Name>, mapping: &ScalarMap) -> Vec<ScalarView> {
        let mut views = Vec::new();
        for name in reached {
            let (target, mapped) = match mapping.get(name.as_str()) {
                Some(target) => (target.clone(), true),
                None => {
                    self.warnings.push(format!(
                        "custom scalar {name} has no {} type; using {} (map it with --scalar {name}=TYPE or [codegen.scalars] in schemalift.toml)",
                        self.spec.name, self.spec.unknown_scalar
                    ));
                    if self.spec.language == Language::Python {
                        self.uses_json_value = true;
                    }
                    (self.spec.unknown_scalar.to_owned(), false)
                }
            };
            self.scalar_targets.insert(name.clone(), target.clone());
            let description = self
                .schema
                .types
                .get(name)
                .and_then(|t| t.description())
                .map(|d| d.to_string());
            views.push(ScalarView {
                graphql: name.to_string(),
                name: self.type_names[name].clone(),
                target,
                mapped,
                doc: self.doc(description.as_deref()),
            });
        }
        views
    }

    /// Imports a scalar's target type needs: `time.Time` imports `time` in Go, `json.RawMessage`
    /// imports `encoding/json`; `datetime.datetime` imports `datetime` in Python.
    fn target_refs(&self, target: &str, refs: &mut Refs) {
        let bare = target.trim_start_matches(['*', '[', ']']);
        match self.spec.language {
            Language::Go => {
                if bare == "json.RawMessage" {
                    refs.std.insert(("encoding/json".into(), String::new()));
                } else if let Some((path, _)) = bare.rsplit_once('.') {
                    refs.std.insert((path.to_owned(), String::new()));
                }
            }
            Language::Python => {
                if !bare.contains('[') {
                    if let Some((module, _)) = bare.rsplit_once('.') {
                        refs.std.insert((module.to_owned(), String::new()));
                    }
                }
            }
            Language::TypeScript => {}
        }
    }

    fn enums(&mut self, reached: &BTreeSet<Name>) -> Vec<EnumView> {
        let mut views = Vec::new();
        for name in reached {
            let Some(ExtendedType::Enum(def)) = self.schema.types.get(name) else {
                continue;
            };
            let type_name = self.type_names[name].clone();
            let values = def
                .values
                .values()
                .map(|value| {
                    let constant = match self.spec.language {
                        Language::Go => self
                            .names
                            .claim(&format!("{type_name}{}", go_pascal(&value.value))),
                        Language::TypeScript | Language::Python => value.value.to_string(),
                    };
                    EnumValueView {
                        value: value.value.to_string(),
                        name: constant,
                        doc: self.doc(value.description.as_deref()),
                        deprecated: deprecation(&value.directives),
                    }
                })
                .collect();
            views.push(EnumView {
                graphql: name.to_string(),
                name: type_name,
                doc: self.doc(def.description.as_deref()),
                values,
            });
        }
        views
    }

    fn inputs(&mut self, reached: &BTreeSet<Name>, refs: &mut Refs) -> Vec<Decl> {
        let mut decls = Vec::new();
        for name in reached {
            let Some(ExtendedType::InputObject(def)) = self.schema.types.get(name) else {
                continue;
            };
            if def.is_one_of() {
                decls.push(self.one_of(name, def, refs));
                continue;
            }
            let mut keys = self.field_registry();
            let fields = def
                .fields
                .values()
                .map(|field| {
                    let optional = !field.ty.is_non_null() || field.default_value.is_some();
                    let ty = self.input_expr(&field.ty, refs);
                    let mut doc = self.doc(field.description.as_deref());
                    if let Some(default) = &field.default_value {
                        doc.push(format!("Default: {}", default_text(default)));
                    }
                    self.field_view(
                        &field.name,
                        ty,
                        optional,
                        doc,
                        deprecation(&field.directives),
                        &mut keys,
                        refs,
                    )
                })
                .collect::<Vec<_>>();
            decls.push(Decl::Object(ObjectDecl {
                name: self.type_names[name].clone(),
                doc: self.doc(def.description.as_deref()),
                description: Vec::new(),
                class_syntax: self.class_syntax(&fields),
                fields,
            }));
        }
        if !decls.is_empty() {
            self.std_object(refs);
        }
        decls
    }

    /// A `@oneOf` input object: one member per field, each the field made non-null and
    /// required, spelled as the language's [`super::lang::OneOfStyle`] says.
    fn one_of(
        &mut self,
        name: &Name,
        def: &apollo_compiler::schema::InputObjectType,
        refs: &mut Refs,
    ) -> Decl {
        let type_name = self.type_names[name].clone();
        let style = &self.spec.one_of;
        for (module, import) in style.imports {
            refs.std
                .insert(((*module).to_owned(), (*import).to_owned()));
        }
        let mut keys = Registry::with_reserved(style.methods.iter().copied());
        let members = def
            .fields
            .values()
            .map(|field| {
                // Validation makes every field of a oneOf input nullable and without a default:
                // each member gives one of them, non-null.
                let ty = self.input_expr(&non_null(&field.ty), refs);
                let doc = self.doc(field.description.as_deref());
                let mut view = self.field_view(
                    &field.name,
                    ty,
                    false,
                    doc,
                    deprecation(&field.directives),
                    &mut keys,
                    refs,
                );
                (view.annotation, view.tag) = self.spec.one_of_field(&field.name, &view.ty);
                let member_name = if style.member_types {
                    self.names
                        .claim(&format!("{type_name}{}", pascal(&field.name)))
                } else {
                    String::new()
                };
                OneOfMember {
                    name: member_name,
                    class_syntax: self.class_syntax(std::slice::from_ref(&view)),
                    field: view,
                }
            })
            .collect();
        let mut doc = self.doc(def.description.as_deref());
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "{type_name} is a @oneOf input: exactly one of its fields must be given."
        ));
        Decl::OneOf(OneOfDecl {
            name: type_name,
            doc,
            members,
        })
    }

    /// A registry of key names within one object (Go struct fields).
    fn field_registry(&self) -> Registry {
        Registry::default()
    }

    /// A registry of variant field names within a Go union wrapper, which has a `Typename` field
    /// and JSON methods of its own.
    fn variant_registry(&self) -> Registry {
        Registry::with_reserved(["Typename", "UnmarshalJSON", "MarshalJSON"])
    }

    fn std_object(&self, refs: &mut Refs) {
        if self.spec.language == Language::Python {
            refs.std.insert(("typing".into(), "TypedDict".into()));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn field_view(
        &self,
        json: &str,
        ty: String,
        optional: bool,
        doc: Vec<String>,
        deprecated: Option<String>,
        keys: &mut Registry,
        refs: &mut Refs,
    ) -> FieldView {
        let (name, annotation, tag) = match self.spec.language {
            Language::TypeScript => {
                let name = if is_identifier(json) {
                    json.to_owned()
                } else {
                    serde_json::to_string(json).unwrap_or_default()
                };
                (name, ty.clone(), String::new())
            }
            Language::Python => {
                let annotation = if optional {
                    refs.std.insert(("typing".into(), "NotRequired".into()));
                    format!("NotRequired[{ty}]")
                } else {
                    ty.clone()
                };
                (json.to_owned(), annotation, String::new())
            }
            Language::Go => {
                let wanted = match go_pascal(json) {
                    p if p.is_empty() => "Field".to_owned(),
                    p if p.starts_with(|c: char| c.is_ascii_digit()) => format!("F{p}"),
                    p => p,
                };
                let name = keys.claim(&wanted);
                let annotation = if optional {
                    self.spec.nullable(&ty)
                } else {
                    ty.clone()
                };
                let tag = if optional {
                    format!("`json:\"{json},omitempty\"`")
                } else {
                    format!("`json:\"{json}\"`")
                };
                (name, annotation, tag)
            }
        };
        FieldView {
            json: json.to_owned(),
            name,
            ty,
            annotation,
            optional,
            tag,
            doc,
            description: Vec::new(),
            deprecated,
        }
    }

    /// Python's class syntax needs every key to be a plain attribute name.
    fn class_syntax(&self, fields: &[FieldView]) -> bool {
        fields.iter().all(|f| {
            is_identifier(&f.json)
                && !f.json.starts_with("__")
                && !self.spec.keywords.contains(&f.json.as_str())
        })
    }

    fn named_input(&self, name: &Name, refs: &mut Refs) -> String {
        if let Some(builtin) = self.spec.builtin_scalar(name) {
            return builtin.to_owned();
        }
        match self.type_names.get(name) {
            Some(declared) => {
                refs.schema.insert(declared.clone());
                declared.clone()
            }
            None => self.spec.unknown_scalar.to_owned(),
        }
    }

    /// The language type of an input type (variables, input fields).
    fn input_expr(&self, ty: &Type, refs: &mut Refs) -> String {
        match ty {
            Type::Named(name) => self.spec.nullable(&self.named_input(name, refs)),
            Type::NonNullNamed(name) => self.named_input(name, refs),
            Type::List(inner) => self
                .spec
                .nullable(&self.spec.list(&self.input_expr(inner, refs))),
            Type::NonNullList(inner) => self.spec.list(&self.input_expr(inner, refs)),
        }
    }

    /// The declarations for a shape named `name`, in reading order, appended to `decls`.
    #[allow(clippy::too_many_arguments)]
    fn shape_decls(
        &mut self,
        shape: &Shape,
        name: String,
        prefix: &str,
        doc: Vec<String>,
        fragments: &BTreeMap<Name, String>,
        refs: &mut Refs,
        decls: &mut Vec<Decl>,
    ) {
        match shape {
            Shape::Object(object) => {
                self.object_decls(object, name, prefix, doc, false, fragments, refs, decls)
            }
            Shape::Union(union) => {
                let mut fields = self.variant_registry();
                let variants: Vec<(VariantView, &ObjectShape)> = union
                    .variants
                    .iter()
                    .map(|variant| {
                        let variant_name = self
                            .names
                            .claim(&format!("{name}{}", pascal(&variant.label)));
                        let view = VariantView {
                            field: fields.claim(&pascal(&variant.label)),
                            name: variant_name,
                            typenames: variant
                                .object
                                .typenames
                                .iter()
                                .map(|t| t.to_string())
                                .collect(),
                        };
                        (view, &variant.object)
                    })
                    .collect();
                match self.spec.language {
                    Language::Python => {
                        refs.std.insert(("typing".into(), "TypeAlias".into()));
                    }
                    Language::Go => {
                        refs.std.insert(("encoding/json".into(), String::new()));
                    }
                    Language::TypeScript => {}
                }
                let index = decls.len();
                decls.push(Decl::Union(UnionDecl {
                    name: name.clone(),
                    doc,
                    description: Vec::new(),
                    variants: Vec::new(),
                }));
                let mut views = Vec::new();
                for (view, object) in variants {
                    let variant_doc = vec![format!(
                        "{name} when __typename is {}.",
                        view.typenames.join(" or ")
                    )];
                    let prefix = view.name.clone();
                    self.object_decls(
                        object,
                        view.name.clone(),
                        &prefix,
                        variant_doc,
                        true,
                        fragments,
                        refs,
                        decls,
                    );
                    views.push(view);
                }
                if let Some(Decl::Union(union)) = decls.get_mut(index) {
                    union.variants = views;
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn object_decls(
        &mut self,
        object: &ObjectShape,
        name: String,
        prefix: &str,
        doc: Vec<String>,
        discriminates: bool,
        fragments: &BTreeMap<Name, String>,
        refs: &mut Refs,
        decls: &mut Vec<Decl>,
    ) {
        self.std_object(refs);
        let index = decls.len();
        decls.push(Decl::Object(ObjectDecl {
            name: name.clone(),
            doc,
            description: Vec::new(),
            fields: Vec::new(),
            class_syntax: true,
        }));
        let mut keys = self.field_registry();
        let mut fields = Vec::new();
        for field in &object.fields {
            let child = format!("{prefix}{}", pascal(&field.key));
            let ty = self.out_expr(&field.ty, &child, discriminates, fragments, refs, decls);
            fields.push(self.result_field(field, ty, &mut keys, refs));
        }
        let class_syntax = self.class_syntax(&fields);
        if let Some(Decl::Object(decl)) = decls.get_mut(index) {
            decl.fields = fields;
            decl.class_syntax = class_syntax;
        }
    }

    fn result_field(
        &self,
        field: &FieldShape,
        ty: String,
        keys: &mut Registry,
        refs: &mut Refs,
    ) -> FieldView {
        let doc = self.doc(field.description.as_deref());
        self.field_view(
            &field.key,
            ty,
            field.conditional,
            doc,
            field.deprecation.clone(),
            keys,
            refs,
        )
    }

    /// The language type of a response value; composite values declare their types (named
    /// `child`) into `decls`.
    fn out_expr(
        &mut self,
        ty: &OutType,
        child: &str,
        discriminates: bool,
        fragments: &BTreeMap<Name, String>,
        refs: &mut Refs,
        decls: &mut Vec<Decl>,
    ) -> String {
        let inner = match &ty.kind {
            OutKind::List(item) => {
                let item = self.out_expr(item, child, discriminates, fragments, refs, decls);
                self.spec.list(&item)
            }
            OutKind::Scalar(name) | OutKind::Enum(name) => self.named_output(name, refs),
            OutKind::Typename(names) => {
                let names: Vec<String> = if discriminates || names.len() <= MAX_TYPENAME_LITERALS {
                    names.iter().map(|n| n.to_string()).collect()
                } else {
                    Vec::new()
                };
                if self.spec.language == Language::Python && !names.is_empty() {
                    refs.std.insert(("typing".into(), "Literal".into()));
                }
                self.spec.typename(&names)
            }
            OutKind::Fragment(name) => {
                let declared = fragments.get(name).cloned().unwrap_or_else(|| pascal(name));
                refs.fragments.insert(declared.clone());
                declared
            }
            OutKind::Composite(shape) => {
                let name = self.names.claim(child);
                self.shape_decls(
                    shape,
                    name.clone(),
                    &name,
                    Vec::new(),
                    fragments,
                    refs,
                    decls,
                );
                name
            }
        };
        if ty.nullable {
            self.spec.nullable(&inner)
        } else {
            inner
        }
    }

    fn named_output(&self, name: &Name, refs: &mut Refs) -> String {
        self.named_input(name, refs)
    }

    fn operation(
        &mut self,
        document: &ExecutableDocument,
        op: &Node<Operation>,
        shape: Shape,
        fragments: &BTreeMap<Name, String>,
        files: &mut Registry,
        schema_name: &str,
    ) -> OperationView {
        let graphql = op.name.as_ref().map(|n| n.to_string()).unwrap_or_default();
        let base = pascal(&graphql);
        let mut refs = Refs::default();
        let request = op.operation_type != OperationType::Subscription;

        let result_type = self.names.claim(&format!("{base}Result"));
        let variables_type = self.names.claim(&format!("{base}Variables"));
        let (function, document_name) = match self.spec.language {
            Language::TypeScript => (
                self.names.claim_escaped(&camel(&graphql)),
                self.names.claim(&format!("{base}Document")),
            ),
            Language::Python => (
                self.names.claim_escaped(&snake(&graphql)),
                self.names
                    .claim(&format!("{}_DOCUMENT", snake(&graphql).to_uppercase())),
            ),
            Language::Go => (
                self.names.claim(&base),
                self.names.claim(&format!("{base}Document")),
            ),
        };

        let mut decls = Vec::new();
        let doc = vec![format!(
            "The data {} {graphql} returns.",
            match op.operation_type {
                OperationType::Query => "query",
                OperationType::Mutation => "mutation",
                OperationType::Subscription => "subscription",
            }
        )];
        self.shape_decls(
            &shape,
            result_type.clone(),
            &base,
            doc,
            fragments,
            &mut refs,
            &mut decls,
        );

        let mut keys = self.field_registry();
        let variables: Vec<FieldView> = op
            .variables
            .iter()
            .map(|variable| {
                let optional = !variable.ty.is_non_null() || variable.default_value.is_some();
                let ty = self.input_expr(&variable.ty, &mut refs);
                let doc = variable
                    .default_value
                    .as_ref()
                    .map(|d| vec![format!("Default: {}", default_text(d))])
                    .unwrap_or_default();
                let mut view = self.field_view(
                    &variable.name,
                    ty,
                    optional,
                    doc,
                    None,
                    &mut keys,
                    &mut refs,
                );
                view.description = self.description(variable.description.as_deref());
                view
            })
            .collect();
        let requires_variables = variables.iter().any(|v| !v.optional);
        decls.insert(
            0,
            Decl::Object(ObjectDecl {
                name: variables_type.clone(),
                doc: vec![format!("The variables of {graphql}.")],
                description: Vec::new(),
                class_syntax: self.class_syntax(&variables),
                fields: variables,
            }),
        );
        self.std_object(&mut refs);
        if request {
            match self.spec.language {
                Language::Python => {
                    refs.std.insert(("typing".into(), "cast".into()));
                }
                Language::Go => {
                    refs.std.insert(("context".into(), String::new()));
                }
                Language::TypeScript => {}
            }
        }

        let stem = match self.spec.language {
            Language::TypeScript => base.clone(),
            Language::Python => snake(&graphql),
            Language::Go => {
                let stem = snake(&graphql);
                let last = stem.rsplit('_').next().unwrap_or_default();
                if stem.contains('_') && GO_FILE_SUFFIXES.contains(&last) {
                    format!("{stem}_op")
                } else {
                    stem
                }
            }
        };
        let module = files.claim(&stem);
        let file = format!("{module}.{}", self.spec.extension);

        let mut sources: Vec<String> = source_name(document, op.location()).into_iter().collect();
        let fragment_sources: BTreeSet<String> = fragments_used(document, &op.selection_set)
            .iter()
            .filter_map(|n| source_name(document, document.fragments.get(n)?.location()))
            .filter(|s| !sources.contains(s))
            .collect();
        sources.extend(fragment_sources);

        let text = document_text(document, op);
        let mut exports = vec![document_name.clone()];
        exports.extend(decls.iter().map(|d| d.name().to_owned()));
        if request {
            exports.push(function.clone());
        }
        exports.sort();
        OperationView {
            kind: match op.operation_type {
                OperationType::Query => "query",
                OperationType::Mutation => "mutation",
                OperationType::Subscription => "subscription",
            },
            file,
            module,
            header: header(schema_name, sources.iter()),
            doc: leading_comment(document, op.location())
                .iter()
                .flat_map(|l| self.spec.doc_lines(l))
                .collect(),
            description: self.description(op.description.as_deref()),
            function,
            document_name,
            document_literal: self.spec.string_literal(&text),
            variables_type,
            result_type,
            requires_variables,
            request,
            decls,
            imports: refs.imports(self.spec.language, false),
            exports,
            graphql,
        }
    }
}

/// `ty` made non-null (a nullable list stays a list of the same items).
fn non_null(ty: &Type) -> Type {
    match ty {
        Type::Named(name) => Type::NonNullNamed(name.clone()),
        Type::List(inner) => Type::NonNullList(inner.clone()),
        Type::NonNullNamed(_) | Type::NonNullList(_) => ty.clone(),
    }
}

/// A default value as GraphQL writes it, on one line.
fn default_text(value: &Node<Value>) -> String {
    Value::serialize(value).no_indent().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::operations::{parse_and_validate, with_typenames, OperationSource};
    use apollo_compiler::validation::Valid;

    const SDL: &str = r#"
        type Query { stack(by: StackBy!): Stack, node(id: ID!): Node, find(key: StackById): Stack }
        interface Node { id: ID! }
        type Stack implements Node { id: ID! name: String! }
        "Find a stack."
        input StackBy @oneOf {
          id: ID
          "The slug."
          slug: String
          validate: [String!] @deprecated(reason: "Gone.")
        }
        "A schema type whose name a member of StackBy would take."
        scalar StackById
    "#;

    const OPERATIONS: &str = r#"
        """
        Fetch a stack.
        Ends a comment */ and a docstring \""".
        """
        query Stack("The key." $by: StackBy!, $n: ID!, $k: StackById) {
          stack(by: $by) { ...Summary }
          node(id: $n) {}
          find(key: $k) { id }
        }
        "What a stack shows."
        fragment Summary on Stack { id name }
    "#;

    fn view(language: Language) -> CodegenView {
        let schema: Valid<Schema> = Schema::parse_and_validate(SDL, "s.graphql").expect("schema");
        let document = parse_and_validate(
            &schema,
            &[OperationSource {
                name: "ops.graphql".into(),
                text: OPERATIONS.into(),
            }],
        )
        .expect("valid operations");
        let document = with_typenames(&schema, &document);
        let options = Options {
            language,
            scalars: Default::default(),
            schema_name: "s.graphql".into(),
            package: None,
        };
        build(&schema, &document, &options).0
    }

    fn one_of(view: &CodegenView) -> &OneOfDecl {
        view.inputs
            .iter()
            .find_map(|d| match d {
                Decl::OneOf(o) => Some(o),
                _ => None,
            })
            .expect("StackBy is a oneOf declaration")
    }

    fn object<'v>(decls: &'v [Decl], name: &str) -> &'v ObjectDecl {
        decls
            .iter()
            .find_map(|d| match d {
                Decl::Object(o) if o.name == name => Some(o),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no object {name}"))
    }

    #[test]
    fn one_of_members_are_required_and_non_null_in_every_language() {
        for language in Language::ALL {
            let view = view(language);
            let decl = one_of(&view);
            let keys: Vec<&str> = decl.members.iter().map(|m| m.field.json.as_str()).collect();
            assert_eq!(keys, ["id", "slug", "validate"], "{language}");
            assert!(decl.members.iter().all(|m| !m.field.optional));
            assert_eq!(decl.members[1].field.doc, ["The slug."]);
            assert_eq!(decl.members[2].field.deprecated.as_deref(), Some("Gone."));
            assert_eq!(
                decl.doc.last().map(String::as_str),
                Some("StackBy is a @oneOf input: exactly one of its fields must be given.")
            );
        }
        let ts = view(Language::TypeScript);
        let annotations: Vec<&str> = one_of(&ts)
            .members
            .iter()
            .map(|m| m.field.annotation.as_str())
            .collect();
        assert_eq!(annotations, ["string", "string", "Array<string>"]);
        assert!(one_of(&ts).members.iter().all(|m| m.name.is_empty()));
    }

    #[test]
    fn python_one_of_members_claim_names_through_the_registry() {
        let view = view(Language::Python);
        let names: Vec<&str> = one_of(&view)
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        // The schema's own StackById keeps its name; the member steps aside.
        assert_eq!(names, ["StackById2", "StackBySlug", "StackByValidate"]);
        assert!(view.scalars.iter().any(|s| s.name == "StackById"));
        assert_eq!(one_of(&view).members[0].field.annotation, "str");
        assert!(view
            .schema_imports
            .iter()
            .any(|i| i.module == "typing" && i.names.contains(&"TypeAlias".to_owned())));
    }

    #[test]
    fn go_one_of_fields_are_pointers_that_avoid_the_method_names() {
        let view = view(Language::Go);
        let decl = one_of(&view);
        let fields: Vec<(&str, &str, &str)> = decl
            .members
            .iter()
            .map(|m| {
                (
                    m.field.name.as_str(),
                    m.field.annotation.as_str(),
                    m.field.tag.as_str(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("ID", "*string", "`json:\"id,omitempty\"`"),
                ("Slug", "*string", "`json:\"slug,omitempty\"`"),
                // `Validate` is the method's name.
                ("Validate2", "*[]string", "`json:\"validate,omitempty\"`"),
            ]
        );
        let modules: Vec<&str> = view
            .schema_imports
            .iter()
            .map(|i| i.module.as_str())
            .collect();
        assert_eq!(modules, ["encoding/json", "fmt"]);
    }

    #[test]
    fn descriptions_of_operations_fragments_and_variables_reach_the_view_escaped() {
        let ts = view(Language::TypeScript);
        let operation = &ts.operations[0];
        assert_eq!(
            operation.description,
            [
                "Fetch a stack.",
                "Ends a comment *\\/ and a docstring \"\"\"."
            ]
        );
        let variables = object(&operation.decls, "StackVariables");
        assert_eq!(variables.fields[0].description, ["The key."]);
        assert!(variables.fields[1].description.is_empty());
        let summary = object(&ts.fragments.decls, "Summary");
        assert_eq!(summary.description, ["What a stack shows."]);
        assert_eq!(summary.doc, ["The fields of fragment Summary."]);
        // The text sent has none of them.
        assert!(!operation.document_literal.contains("Fetch"));
        assert!(!operation.document_literal.contains("The key."));
        assert!(!operation.document_literal.contains("What a stack"));

        let py = view(Language::Python);
        assert_eq!(
            py.operations[0].description[1],
            "Ends a comment */ and a docstring \\\"\\\"\\\"."
        );
    }

    #[test]
    fn an_empty_selection_declares_an_object_without_fields() {
        for language in Language::ALL {
            let view = view(language);
            let operation = &view.operations[0];
            let node = object(&operation.decls, "StackNode");
            assert!(node.fields.is_empty(), "{language}");
            assert!(operation.document_literal.contains("node(id: $n) {}"));
        }
    }
}
