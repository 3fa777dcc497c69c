//! Introspection JSON of any era into a schema: 2018 (no `isRepeatable`, no `specifiedByURL`),
//! 2021, September 2025 (deprecated arguments and input fields, `isOneOf`) and September 2026
//! (deprecated directives, `DIRECTIVE_DEFINITION`); with or without the `data` wrapper and an
//! `errors` member.
//!
//! The result is turned into an SDL syntax tree and built by apollo-compiler's schema builder, so
//! a schema from JSON is built exactly like one from SDL.
//!
//! An answer from a newer server never aborts a load: fields we did not ask for are ignored, and
//! a type kind or directive location we do not know is dropped, with what depended on it, and
//! named in one [`Converted::warnings`] entry per unknown value.

use crate::builtins::{self, DEFAULT_DEPRECATION_REASON};
use crate::LoadError;
use apollo_compiler::ast::{self, Definition, DirectiveLocation, OperationType, Type};
use apollo_compiler::collections::{IndexMap, IndexSet};
use apollo_compiler::{Name, Node, Schema};
use serde::{Deserialize, Deserializer};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// A schema read from introspection JSON, with what of the answer could not be represented.
#[derive(Debug)]
pub struct Converted {
    pub schema: Schema,
    /// One line per value schemalift does not know (a type kind, a directive location), naming
    /// where it was and what was dropped with it.
    pub warnings: Vec<String>,
}

pub fn from_json(text: &str, name: &str) -> Result<Converted, LoadError> {
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| json_error(name, &e))?;
    from_envelope(envelope, name)
}

pub fn from_value(value: &serde_json::Value, name: &str) -> Result<Converted, LoadError> {
    let envelope = Envelope::deserialize(value).map_err(|e| json_error(name, &e))?;
    from_envelope(envelope, name)
}

fn json_error(name: &str, e: &serde_json::Error) -> LoadError {
    if e.is_data() {
        // Valid JSON of the wrong shape.
        return LoadError::NotIntrospection {
            name: name.to_owned(),
            message: format!("{e}"),
        };
    }
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    LoadError::Json {
        name: name.to_owned(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

#[derive(Deserialize)]
struct Envelope {
    data: Option<Data>,
    errors: Option<Vec<GraphQLError>>,
    #[serde(rename = "__schema")]
    schema: Option<IntrospectionSchema>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "__schema")]
    schema: Option<IntrospectionSchema>,
}

#[derive(Deserialize)]
struct GraphQLError {
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IntrospectionSchema {
    description: Option<String>,
    query_type: Option<NamedRef>,
    mutation_type: Option<NamedRef>,
    subscription_type: Option<NamedRef>,
    types: Vec<FullType>,
    directives: Option<Vec<Directive>>,
}

#[derive(Deserialize)]
struct NamedRef {
    name: String,
}

#[derive(Clone, PartialEq, Eq, Debug)]
enum Kind {
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    List,
    NonNull,
    /// A kind from a newer edition than ours.
    Unknown(Box<str>),
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a __TypeKind name")
            }
            fn visit_str<E>(self, kind: &str) -> Result<Kind, E> {
                Ok(match kind {
                    "SCALAR" => Kind::Scalar,
                    "OBJECT" => Kind::Object,
                    "INTERFACE" => Kind::Interface,
                    "UNION" => Kind::Union,
                    "ENUM" => Kind::Enum,
                    "INPUT_OBJECT" => Kind::InputObject,
                    "LIST" => Kind::List,
                    "NON_NULL" => Kind::NonNull,
                    other => Kind::Unknown(other.into()),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FullType {
    kind: Kind,
    name: String,
    description: Option<String>,
    #[serde(rename = "specifiedByURL", alias = "specifiedByUrl")]
    specified_by_url: Option<String>,
    fields: Option<Vec<Field>>,
    input_fields: Option<Vec<InputValue>>,
    interfaces: Option<Vec<TypeRef>>,
    enum_values: Option<Vec<EnumValue>>,
    possible_types: Option<Vec<TypeRef>>,
    is_one_of: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Field {
    name: String,
    description: Option<String>,
    #[serde(default)]
    args: Vec<InputValue>,
    #[serde(rename = "type")]
    ty: TypeRef,
    #[serde(default)]
    is_deprecated: bool,
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InputValue {
    name: String,
    description: Option<String>,
    #[serde(rename = "type")]
    ty: TypeRef,
    default_value: Option<String>,
    #[serde(default)]
    is_deprecated: bool,
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnumValue {
    name: String,
    description: Option<String>,
    #[serde(default)]
    is_deprecated: bool,
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Directive {
    name: String,
    description: Option<String>,
    locations: Vec<String>,
    #[serde(default)]
    args: Vec<InputValue>,
    #[serde(default)]
    is_repeatable: bool,
    #[serde(default)]
    is_deprecated: bool,
    deprecation_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypeRef {
    kind: Kind,
    name: Option<String>,
    of_type: Option<Box<TypeRef>>,
}

fn from_envelope(envelope: Envelope, name: &str) -> Result<Converted, LoadError> {
    let schema = envelope
        .schema
        .or(envelope.data.and_then(|data| data.schema));
    let Some(schema) = schema else {
        let messages: Vec<String> = envelope
            .errors
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| e.message)
            .collect();
        let message = if messages.is_empty() {
            "no `__schema` (expected {\"data\":{\"__schema\":…}} or {\"__schema\":…})".to_owned()
        } else {
            format!("no `__schema`; the server said: {}", messages.join("; "))
        };
        return Err(LoadError::NotIntrospection {
            name: name.to_owned(),
            message,
        });
    };
    let converter = Converter::new(name, &schema);
    let document = converter.document(&schema)?;
    let schema = match Schema::builder().add_ast(&document).build() {
        Ok(schema) => schema,
        // Conflicts (e.g. a type listed twice) surface as validation diagnostics on the partial
        // schema, the same as for SDL.
        Err(with_errors) => with_errors.partial,
    };
    Ok(Converted {
        schema,
        warnings: converter.warnings(),
    })
}

struct Converter<'a> {
    file: &'a str,
    known_types: HashSet<&'a str>,
    /// Types of a kind we do not know, by name, with that kind: dropped, and so is every field,
    /// argument or input field whose type they are.
    unknown_kinds: IndexMap<&'a str, &'a str>,
    /// What was dropped, by the unknown value that caused it (`type kind `VECTOR``).
    dropped: RefCell<IndexMap<String, Vec<String>>>,
}

/// Where in the JSON a value sits, e.g. `__schema.types[3] (Query).fields[1] (viewer).type`.
/// Built on the stack as the converter descends and formatted only when an error names it: a
/// large schema has tens of thousands of fields and arguments, and none of them needs a string
/// unless something is wrong.
#[derive(Clone, Copy)]
enum At<'a> {
    /// `__schema`, or a member of it such as `__schema.queryType`.
    Schema(&'static str),
    /// `parent.list[index] (name)`.
    Item {
        parent: &'a At<'a>,
        list: &'static str,
        index: usize,
        name: &'a str,
    },
    /// `parent.member`.
    Member {
        parent: &'a At<'a>,
        member: &'static str,
    },
}

impl<'a> At<'a> {
    fn item(&'a self, list: &'static str, index: usize, name: &'a str) -> At<'a> {
        At::Item {
            parent: self,
            list,
            index,
            name,
        }
    }

    fn member(&'a self, member: &'static str) -> At<'a> {
        At::Member {
            parent: self,
            member,
        }
    }

    /// The schema coordinate of the item this place is in: `Type.field`, `Type.field(arg:)`,
    /// `Input.field`, `@directive(arg:)`.
    fn coordinate(&self) -> String {
        match *self {
            At::Schema(_) => String::new(),
            At::Member { parent, .. } => parent.coordinate(),
            At::Item {
                parent, list, name, ..
            } => {
                let parent = parent.coordinate();
                match list {
                    "types" => name.to_owned(),
                    "directives" => format!("@{name}"),
                    "args" => format!("{parent}({name}:)"),
                    _ => format!("{parent}.{name}"),
                }
            }
        }
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Schema(place) => f.write_str(place),
            At::Item {
                parent,
                list,
                index,
                name,
            } => {
                let sigil = if *list == "directives" { "@" } else { "" };
                write!(f, "{parent}.{list}[{index}] ({sigil}{name})")
            }
            At::Member { parent, member } => write!(f, "{parent}.{member}"),
        }
    }
}

impl<'a> Converter<'a> {
    fn new(file: &'a str, schema: &'a IntrospectionSchema) -> Self {
        let mut known_types: HashSet<&str> = schema.types.iter().map(|t| t.name.as_str()).collect();
        known_types.extend(builtins::SCALARS);
        let unknown_kinds = (schema.types.iter())
            .filter_map(|t| match &t.kind {
                Kind::Unknown(kind) => Some((t.name.as_str(), &**kind)),
                _ => None,
            })
            .collect();
        Converter {
            file,
            known_types,
            unknown_kinds,
            dropped: Default::default(),
        }
    }

    /// Record that `what` was dropped because of `cause`, a value we do not know.
    fn drop(&self, cause: String, what: String) {
        self.dropped
            .borrow_mut()
            .entry(cause)
            .or_default()
            .push(what);
    }

    /// One line per unknown value: where it was and what went with it.
    fn warnings(&self) -> Vec<String> {
        const NAMED: usize = 5;
        let file = self.file;
        (self.dropped.borrow().iter())
            .map(|(cause, places)| {
                let mut list = places[..places.len().min(NAMED)].join(", ");
                if places.len() > NAMED {
                    list += &format!(" and {} more", places.len() - NAMED);
                }
                format!("{file}: {cause} is newer than this schemalift knows: dropped {list}")
            })
            .collect()
    }

    /// The unknown kind of the named type a reference ends in, if we dropped that type.
    fn unknown_kind_of(&self, reference: &TypeRef) -> Option<&'a str> {
        let mut current = reference;
        while let Some(inner) = current.of_type.as_deref() {
            current = inner;
        }
        self.unknown_kinds.get(current.name.as_deref()?).copied()
    }

    fn error(&self, at: &At, message: impl Into<String>) -> LoadError {
        LoadError::Introspection {
            name: self.file.to_owned(),
            path: at.to_string(),
            message: message.into(),
        }
    }

    fn name(&self, at: &At, name: &str) -> Result<Name, LoadError> {
        Name::new(name).map_err(|_| self.error(at, format!("`{name}` is not a valid GraphQL name")))
    }

    fn document(&self, schema: &IntrospectionSchema) -> Result<ast::Document, LoadError> {
        let mut document = ast::Document::new();
        let mut root_operations = Vec::new();
        for (operation, root, at) in [
            (
                OperationType::Query,
                &schema.query_type,
                At::Schema("__schema.queryType"),
            ),
            (
                OperationType::Mutation,
                &schema.mutation_type,
                At::Schema("__schema.mutationType"),
            ),
            (
                OperationType::Subscription,
                &schema.subscription_type,
                At::Schema("__schema.subscriptionType"),
            ),
        ] {
            if let Some(root) = root {
                root_operations.push(Node::new((operation, self.name(&at, &root.name)?)));
            }
        }
        if root_operations.is_empty() {
            return Err(self.error(
                &At::Schema("__schema.queryType"),
                "missing: a schema needs a query type",
            ));
        }
        document
            .definitions
            .push(Definition::SchemaDefinition(Node::new(
                ast::SchemaDefinition {
                    description: schema.description.as_deref().map(Node::new_str),
                    directives: Default::default(),
                    root_operations,
                },
            )));
        let root = At::Schema("__schema");
        for (index, ty) in schema.types.iter().enumerate() {
            let is_built_in_scalar = ty.kind == Kind::Scalar && builtins::is_scalar(&ty.name);
            if ty.name.starts_with("__") || is_built_in_scalar {
                continue;
            }
            let at = root.item("types", index, &ty.name);
            if let Kind::Unknown(kind) = &ty.kind {
                self.drop(
                    format!("type kind `{kind}`"),
                    format!("the type `{}` ({at})", ty.name),
                );
                continue;
            }
            document.definitions.push(self.type_definition(&at, ty)?);
        }
        let built_ins = Schema::new();
        for (index, directive) in schema.directives.iter().flatten().enumerate() {
            let at = root.item("directives", index, &directive.name);
            let Some(definition) = self.directive_definition(&at, directive)? else {
                continue;
            };
            // Every server lists the built-in directives; keep only a server's own variant (an
            // older edition's `@deprecated`, say), so the answer round-trips. SDL output leaves
            // built-ins out by name either way, as graphql-js `printSchema` does.
            let built_in = (definition.as_directive_definition())
                .and_then(|def| built_ins.directive_definitions.get(&def.name));
            if built_in != definition.as_directive_definition() {
                document.definitions.push(definition);
            }
        }
        Ok(document)
    }

    fn type_definition(&self, at: &At, ty: &FullType) -> Result<Definition, LoadError> {
        let name = self.name(at, &ty.name)?;
        let description = ty.description.as_deref().map(Node::new_str);
        Ok(match ty.kind {
            Kind::Scalar => {
                let mut directives = ast::DirectiveList::new();
                if let Some(url) = &ty.specified_by_url {
                    directives.push(directive(builtins::SPECIFIED_BY, "url", url));
                }
                Definition::ScalarTypeDefinition(Node::new(ast::ScalarTypeDefinition {
                    description,
                    name,
                    directives,
                }))
            }
            Kind::Object => {
                Definition::ObjectTypeDefinition(Node::new(ast::ObjectTypeDefinition {
                    description,
                    name,
                    implements_interfaces: self.names(at, "interfaces", &ty.interfaces)?,
                    directives: Default::default(),
                    fields: self.fields(at, self.required(at, ty, &ty.fields, "fields")?)?,
                }))
            }
            Kind::Interface => {
                Definition::InterfaceTypeDefinition(Node::new(ast::InterfaceTypeDefinition {
                    description,
                    name,
                    implements_interfaces: self.names(at, "interfaces", &ty.interfaces)?,
                    directives: Default::default(),
                    fields: self.fields(at, self.required(at, ty, &ty.fields, "fields")?)?,
                }))
            }
            Kind::Union => Definition::UnionTypeDefinition(Node::new(ast::UnionTypeDefinition {
                description,
                name,
                directives: Default::default(),
                members: self.names(at, "possibleTypes", &ty.possible_types)?,
            })),
            Kind::Enum => Definition::EnumTypeDefinition(Node::new(ast::EnumTypeDefinition {
                description,
                name,
                directives: Default::default(),
                values: self
                    .required(at, ty, &ty.enum_values, "enumValues")?
                    .iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let at = at.item("enumValues", i, &value.name);
                        Ok(Node::new(ast::EnumValueDefinition {
                            description: value.description.as_deref().map(Node::new_str),
                            value: self.name(&at, &value.name)?,
                            directives: deprecation(value.is_deprecated, &value.deprecation_reason),
                        }))
                    })
                    .collect::<Result<_, LoadError>>()?,
            })),
            Kind::InputObject => {
                let mut directives = ast::DirectiveList::new();
                if ty.is_one_of == Some(true) {
                    directives.push(Node::new(ast::Directive {
                        name: Name::new_static_unchecked(builtins::ONE_OF),
                        arguments: Vec::new(),
                    }));
                }
                let fields = self.required(at, ty, &ty.input_fields, "inputFields")?;
                Definition::InputObjectTypeDefinition(Node::new(ast::InputObjectTypeDefinition {
                    description,
                    name,
                    directives,
                    fields: self.input_values(at, "inputFields", fields)?,
                }))
            }
            Kind::List | Kind::NonNull => {
                return Err(self.error(at, "a wrapping type (LIST or NON_NULL) in `types`"))
            }
            Kind::Unknown(_) => unreachable!("types of unknown kinds are dropped before"),
        })
    }

    fn required<'t, T>(
        &self,
        at: &At,
        ty: &FullType,
        list: &'t Option<Vec<T>>,
        what: &str,
    ) -> Result<&'t Vec<T>, LoadError> {
        list.as_ref()
            .ok_or_else(|| self.error(at, format!("a {:?} type without `{what}`", ty.kind)))
    }

    fn names(
        &self,
        at: &At,
        what: &'static str,
        refs: &Option<Vec<TypeRef>>,
    ) -> Result<Vec<Name>, LoadError> {
        let mut names = Vec::new();
        for (i, r) in refs.iter().flatten().enumerate() {
            let at = at.item(what, i, r.name.as_deref().unwrap_or("?"));
            match (&r.name, &r.kind) {
                (Some(name), Kind::Object | Kind::Interface) => names.push(self.known(&at, name)?),
                (Some(name), _) if self.unknown_kinds.contains_key(name.as_str()) => {
                    let kind = self.unknown_kinds[name.as_str()];
                    self.drop(format!("type kind `{kind}`"), format!("`{name}` from {at}"));
                }
                _ => return Err(self.error(&at, "expected a named object or interface type")),
            }
        }
        Ok(names)
    }

    fn known(&self, at: &At, name: &str) -> Result<Name, LoadError> {
        if !self.known_types.contains(name) {
            return Err(self.error(
                at,
                format!("unknown type `{name}`: it is not in `__schema.types`"),
            ));
        }
        self.name(at, name)
    }

    fn fields(
        &self,
        at: &At,
        fields: &[Field],
    ) -> Result<Vec<Node<ast::FieldDefinition>>, LoadError> {
        let mut definitions = Vec::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            let at = at.item("fields", i, &field.name);
            let Some(ty) = self.representable_type(&at, &field.ty)? else {
                continue;
            };
            let arguments = self.input_values(&at, "args", &field.args)?;
            // A field whose required argument was dropped cannot be called as we would show it.
            let dropped_required = (field.args.iter())
                .filter(|arg| arg.ty.kind == Kind::NonNull && arg.default_value.is_none())
                .find(|arg| !arguments.iter().any(|a| a.name == arg.name.as_str()));
            if let Some(arg) = dropped_required {
                let kind = self.unknown_kind_of(&arg.ty).unwrap_or("?");
                let what = format!("`{}`, which requires it", at.coordinate());
                self.drop(format!("type kind `{kind}`"), what);
                continue;
            }
            definitions.push(Node::new(ast::FieldDefinition {
                description: field.description.as_deref().map(Node::new_str),
                name: self.name(&at, &field.name)?,
                arguments,
                ty,
                directives: deprecation(field.is_deprecated, &field.deprecation_reason),
            }));
        }
        Ok(definitions)
    }

    fn input_values(
        &self,
        at: &At,
        list: &'static str,
        values: &[InputValue],
    ) -> Result<Vec<Node<ast::InputValueDefinition>>, LoadError> {
        let mut definitions = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let at = at.item(list, i, &value.name);
            let Some(ty) = self.representable_type(&at, &value.ty)? else {
                continue;
            };
            let default_value = match &value.default_value {
                Some(literal) => Some(self.literal(&at.member("defaultValue"), literal)?),
                None => None,
            };
            definitions.push(Node::new(ast::InputValueDefinition {
                description: value.description.as_deref().map(Node::new_str),
                name: self.name(&at, &value.name)?,
                ty: Node::new(ty),
                default_value,
                directives: deprecation(value.is_deprecated, &value.deprecation_reason),
            }));
        }
        Ok(definitions)
    }

    /// The type of the element at `at`, or `None` (recorded as dropped) when it is, or wraps, a
    /// type of a kind we do not know.
    fn representable_type(&self, at: &At, reference: &TypeRef) -> Result<Option<Type>, LoadError> {
        let unknown = self
            .unknown_kind_of(reference)
            .map(str::to_owned)
            .or_else(|| {
                let mut current = Some(reference);
                std::iter::from_fn(|| {
                    let this = current?;
                    current = this.of_type.as_deref();
                    Some(this)
                })
                .find_map(|r| match &r.kind {
                    Kind::Unknown(kind) if r.name.is_none() => Some(kind.to_string()),
                    _ => None,
                })
            });
        if let Some(kind) = unknown {
            self.drop(
                format!("type kind `{kind}`"),
                format!("`{}`", at.coordinate()),
            );
            return Ok(None);
        }
        self.type_ref(&at.member("type"), reference).map(Some)
    }

    /// A type reference, unwrapped without recursion so that absurd nesting cannot overflow.
    fn type_ref(&self, at: &At, reference: &TypeRef) -> Result<Type, LoadError> {
        let mut wrappers = Vec::new();
        let mut current = reference;
        while matches!(current.kind, Kind::List | Kind::NonNull) {
            wrappers.push(&current.kind);
            current = current
                .of_type
                .as_deref()
                .ok_or_else(|| LoadError::TooShallow {
                    name: self.file.to_owned(),
                    coordinate: at.coordinate(),
                })?;
        }
        let name = current
            .name
            .as_deref()
            .ok_or_else(|| self.error(at, "named type without a name"))?;
        let mut ty = Type::Named(self.known(at, name)?);
        for wrapper in wrappers.into_iter().rev() {
            ty = match (*wrapper == Kind::List, ty) {
                (true, inner) => Type::List(Box::new(inner)),
                (_, inner @ (Type::NonNullNamed(_) | Type::NonNullList(_))) => {
                    return Err(self.error(at, format!("NON_NULL of a non-null type `{inner}`")))
                }
                (_, inner) => inner.non_null(),
            };
        }
        Ok(ty)
    }

    /// A default value is GraphQL literal text; parse it as the default of a one-field input.
    fn literal(&self, at: &At, literal: &str) -> Result<Node<ast::Value>, LoadError> {
        let invalid = || self.error(at, format!("`{literal}` is not a GraphQL value"));
        let document =
            ast::Document::parse(format!("input D {{ f: Int = {literal} }}"), "defaultValue")
                .map_err(|_| invalid())?;
        match document.definitions.as_slice() {
            [Definition::InputObjectTypeDefinition(input)] if input.fields.len() == 1 => {
                input.fields[0].default_value.clone().ok_or_else(invalid)
            }
            _ => Err(invalid()),
        }
    }

    /// A directive definition, without the locations we do not know; `None` when none is left.
    fn directive_definition(
        &self,
        at: &At,
        directive: &Directive,
    ) -> Result<Option<Definition>, LoadError> {
        let known = |location: &String| LOCATIONS.iter().find(|l| l.name() == location).copied();
        let locations: IndexSet<_> = directive.locations.iter().filter_map(known).collect();
        for location in directive.locations.iter().filter(|l| known(l).is_none()) {
            let what = if locations.is_empty() {
                format!(
                    "the directive `@{}` ({at}), its only kind of location",
                    directive.name
                )
            } else {
                format!("it from `@{}` ({at})", directive.name)
            };
            self.drop(format!("directive location `{location}`"), what);
        }
        if locations.is_empty() {
            return Ok(None);
        }
        Ok(Some(Definition::DirectiveDefinition(Node::new(
            ast::DirectiveDefinition {
                description: directive.description.as_deref().map(Node::new_str),
                name: self.name(at, &directive.name)?,
                arguments: self.input_values(at, "args", &directive.args)?,
                repeatable: directive.is_repeatable,
                locations,
                directives: deprecation(directive.is_deprecated, &directive.deprecation_reason),
            },
        ))))
    }
}

/// Every location of the September 2026 edition, as `__DirectiveLocation` names them.
const LOCATIONS: [DirectiveLocation; 20] = [
    DirectiveLocation::Query,
    DirectiveLocation::Mutation,
    DirectiveLocation::Subscription,
    DirectiveLocation::Field,
    DirectiveLocation::FragmentDefinition,
    DirectiveLocation::FragmentSpread,
    DirectiveLocation::InlineFragment,
    DirectiveLocation::VariableDefinition,
    DirectiveLocation::Schema,
    DirectiveLocation::Scalar,
    DirectiveLocation::Object,
    DirectiveLocation::FieldDefinition,
    DirectiveLocation::ArgumentDefinition,
    DirectiveLocation::Interface,
    DirectiveLocation::Union,
    DirectiveLocation::Enum,
    DirectiveLocation::EnumValue,
    DirectiveLocation::InputObject,
    DirectiveLocation::InputFieldDefinition,
    DirectiveLocation::DirectiveDefinition,
];

fn directive(name: &'static str, argument: &'static str, value: &str) -> Node<ast::Directive> {
    Node::new(ast::Directive {
        name: Name::new_static_unchecked(name),
        arguments: vec![Node::new(ast::Argument {
            name: Name::new_static_unchecked(argument),
            value: Node::new(ast::Value::String(value.to_owned())),
        })],
    })
}

fn deprecation(is_deprecated: bool, reason: &Option<String>) -> ast::DirectiveList {
    let mut directives = ast::DirectiveList::new();
    match (is_deprecated, reason.as_deref()) {
        (false, _) => {}
        (true, None | Some(DEFAULT_DEPRECATION_REASON)) => {
            directives.push(Node::new(ast::Directive {
                name: Name::new_static_unchecked(builtins::DEPRECATED),
                arguments: Vec::new(),
            }))
        }
        (true, Some(reason)) => directives.push(directive(builtins::DEPRECATED, "reason", reason)),
    }
    directives
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        from_json(json, "x.json").unwrap_err().to_string()
    }

    /// A schema with a query type named `Query` and these extra types and directives.
    fn answer(types: &str, directives: &str) -> String {
        format!(
            r#"{{"data":{{"__schema":{{"queryType":{{"name":"Query"}},"types":[{types}],"directives":[{directives}]}}}}}}"#
        )
    }

    #[test]
    fn reads_deprecated_directives_and_the_directive_definition_location() {
        let json = answer(
            r#"{"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[],"type":{"kind":"SCALAR","name":"Int"}}],"interfaces":[]}"#,
            r#"{"name":"old","locations":["FIELD","DIRECTIVE_DEFINITION"],"args":[],"isRepeatable":false,"isDeprecated":true,"deprecationReason":"Use @new."},
               {"name":"older","locations":["FIELD"],"args":[],"isDeprecated":true,"deprecationReason":"No longer supported"},
               {"name":"deprecated","locations":["FIELD_DEFINITION","ENUM_VALUE"],"args":[{"name":"reason","type":{"kind":"SCALAR","name":"String"},"defaultValue":"\"No longer supported\""}]}"#,
        );
        let converted = from_json(&json, "new.json").unwrap();
        assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
        let sdl = crate::sdl::print(&converted.schema, false);
        assert!(
            sdl.contains(
                "directive @old @deprecated(reason: \"Use @new.\") on FIELD | DIRECTIVE_DEFINITION"
            ),
            "{sdl}"
        );
        assert!(
            sdl.contains("directive @older @deprecated on FIELD"),
            "{sdl}"
        );
        // A server's own variant of a built-in (graphql-js 16.13's @deprecated) is not printed.
        assert!(!sdl.contains("directive @deprecated"), "{sdl}");
    }

    #[test]
    fn a_newer_servers_unknown_values_are_dropped_with_one_warning_each() {
        let json = answer(
            r#"{"kind":"OBJECT","name":"Query","interfaces":[],"fields":[
                 {"name":"a","args":[],"type":{"kind":"SCALAR","name":"Int"},"futureField":1},
                 {"name":"near","args":[{"name":"to","type":{"kind":"NON_NULL","ofType":{"kind":"VECTOR","name":"Embedding"}}}],"type":{"kind":"SCALAR","name":"Int"}},
                 {"name":"embedding","args":[],"type":{"kind":"VECTOR","name":"Embedding"}},
                 {"name":"set","args":[],"type":{"kind":"SET","name":null,"ofType":{"kind":"SCALAR","name":"Int"}}}]},
               {"kind":"VECTOR","name":"Embedding","dimensions":3}"#,
            r#"{"name":"tag","locations":["FIELD","QUANTUM_FIELD"],"args":[],"isRepeatable":true},
               {"name":"gone","locations":["QUANTUM_FIELD"],"args":[]}"#,
        );
        let converted = from_json(&json, "future.json").unwrap();
        let sdl = crate::sdl::print(&converted.schema, false);
        assert_eq!(
            sdl,
            "directive @tag repeatable on FIELD\n\ntype Query {\n  a: Int\n}\n"
        );
        assert_eq!(
            converted.warnings,
            [
                "future.json: type kind `VECTOR` is newer than this schemalift knows: dropped `Query.near(to:)`, `Query.near`, which requires it, `Query.embedding`, the type `Embedding` (__schema.types[1] (Embedding))",
                "future.json: type kind `SET` is newer than this schemalift knows: dropped `Query.set`",
                "future.json: directive location `QUANTUM_FIELD` is newer than this schemalift knows: dropped it from `@tag` (__schema.directives[0] (@tag)), the directive `@gone` (__schema.directives[1] (@gone)), its only kind of location",
            ]
        );
    }

    #[test]
    fn reads_a_2018_result_without_data_wrapper() {
        let json = r#"{"__schema":{"queryType":{"name":"Query"},"types":[
          {"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[
            {"name":"n","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"3"}],
            "type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"SCALAR","name":"String"}}},
            "isDeprecated":true,"deprecationReason":"use b"}],"interfaces":[]}],
          "directives":[{"name":"cached","locations":["FIELD_DEFINITION"],"args":[]}]}}"#;
        let converted = from_json(json, "old.json").unwrap();
        assert!(converted.warnings.is_empty());
        let sdl = converted.schema.to_string();
        assert!(
            sdl.contains("a(n: Int = 3): [String]! @deprecated(reason: \"use b\")"),
            "{sdl}"
        );
        assert!(
            sdl.contains("directive @cached on FIELD_DEFINITION"),
            "{sdl}"
        );
    }

    #[test]
    fn keeps_specified_by_and_one_of() {
        let json = r#"{"__schema":{"queryType":{"name":"Query"},"types":[
          {"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[{"name":"by","type":{"kind":"INPUT_OBJECT","name":"By"}}],
            "type":{"kind":"SCALAR","name":"JSON"}}],"interfaces":[]},
          {"kind":"SCALAR","name":"JSON","specifiedByURL":"https://www.rfc-editor.org/rfc/rfc8259"},
          {"kind":"INPUT_OBJECT","name":"By","isOneOf":true,"inputFields":[{"name":"id","type":{"kind":"SCALAR","name":"ID"}}]}]}}"#;
        let sdl = crate::sdl::print(&from_json(json, "new.json").unwrap().schema, false);
        assert!(
            sdl.contains(
                "scalar JSON @specifiedBy(url: \"https://www.rfc-editor.org/rfc/rfc8259\")"
            ),
            "{sdl}"
        );
        assert!(sdl.contains("input By @oneOf {"), "{sdl}");
    }

    #[test]
    fn errors_name_the_place() {
        assert_eq!(
            err("{\"data\": nul}"),
            "x.json:1:13: invalid JSON: expected ident"
        );
        assert!(err("[1, 2]").starts_with("x.json: not an introspection result"));
        assert_eq!(
            err(r#"{"data":null,"errors":[{"message":"introspection is disabled"}]}"#),
            "x.json: not an introspection result: no `__schema`; the server said: introspection is disabled"
        );
        let unknown = r#"{"__schema":{"queryType":{"name":"Query"},"types":[
          {"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[],"type":{"kind":"OBJECT","name":"Nope"}}],"interfaces":[]}]}}"#;
        assert_eq!(
            err(unknown),
            "x.json: __schema.types[0] (Query).fields[0] (a).type: unknown type `Nope`: it is not in `__schema.types`"
        );
    }

    #[test]
    fn a_cut_type_reference_names_its_coordinate() {
        let cut = r#"{"kind":"NON_NULL","ofType":{"kind":"LIST","name":null,"ofType":null}}"#;
        let fine = r#"{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"Int"}}"#;
        let query = |fields: &str| {
            format!(
                r#"{{"__schema":{{"queryType":{{"name":"Query"}},"types":[{{"kind":"OBJECT","name":"Query","interfaces":[],"fields":[{fields}]}},
                {{"kind":"INPUT_OBJECT","name":"In","inputFields":[{{"name":"x","type":{fine}}}]}}]}}}}"#
            )
        };
        let coordinate = |json: String| match from_json(&json, "x.json") {
            Err(LoadError::TooShallow { coordinate, .. }) => coordinate,
            other => panic!("{:?}", other.map(|_| ())),
        };
        let arg = format!(
            r#"{{"name":"ok","type":{fine},"args":[]}},{{"name":"grid","type":{fine},"args":[{{"name":"cells","type":{cut}}}]}}"#
        );
        assert_eq!(coordinate(query(&arg)), "Query.grid(cells:)");
        let field = format!(r#"{{"name":"rows","type":{cut},"args":[]}}"#);
        assert_eq!(coordinate(query(&field)), "Query.rows");
        let input = query(&format!(r#"{{"name":"ok","type":{fine},"args":[]}}"#)).replace(
            r#""name":"x","type":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"Int"}}"#,
            &format!(r#""name":"x","type":{cut}"#),
        );
        assert_eq!(coordinate(input), "In.x");
        assert!(err(&query(&field)).starts_with("x.json: the type of Query.rows is cut short"));
    }

    #[test]
    fn absurd_nesting_is_an_error_not_a_crash() {
        let mut ty = r#"{"kind":"SCALAR","name":"Int"}"#.to_owned();
        for _ in 0..200 {
            ty = format!(r#"{{"kind":"LIST","ofType":{ty}}}"#);
        }
        let json = format!(
            r#"{{"__schema":{{"queryType":{{"name":"Query"}},"types":[{{"kind":"OBJECT","name":"Query","fields":[{{"name":"a","args":[],"type":{ty}}}],"interfaces":[]}}]}}}}"#
        );
        assert!(
            err(&json).contains("recursion limit exceeded"),
            "{}",
            err(&json)
        );
    }
}
