//! Introspection JSON of any era into a schema: 2018 (no `isRepeatable`, no `specifiedByURL`),
//! 2021, and the current draft (deprecated arguments and input fields, `isOneOf`); with or
//! without the `data` wrapper and an `errors` member.
//!
//! The result is turned into an SDL syntax tree and built by apollo-compiler's schema builder, so
//! a schema from JSON is built exactly like one from SDL.

use crate::{one_of, LoadError};
use apollo_compiler::ast::{self, Definition, DirectiveLocation, OperationType, Type};
use apollo_compiler::{Name, Node, Schema};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;

/// The default deprecation reason: printed as a bare `@deprecated`, as graphql-js does.
const DEFAULT_DEPRECATION_REASON: &str = "No longer supported";

/// Scalars every schema has; servers may or may not list them.
const BUILT_IN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

pub fn from_json(text: &str, name: &str) -> Result<Schema, LoadError> {
    let envelope: Envelope = serde_json::from_str(text).map_err(|e| json_error(name, &e))?;
    from_envelope(envelope, name)
}

pub fn from_value(value: &serde_json::Value, name: &str) -> Result<Schema, LoadError> {
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

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Kind {
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    List,
    NonNull,
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
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypeRef {
    kind: Kind,
    name: Option<String>,
    of_type: Option<Box<TypeRef>>,
}

fn from_envelope(envelope: Envelope, name: &str) -> Result<Schema, LoadError> {
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
    let document = Converter::new(name, &schema).document(&schema)?;
    let mut schema = match Schema::builder().add_ast(&document).build() {
        Ok(schema) => schema,
        // Conflicts (e.g. a type listed twice) surface as validation diagnostics on the partial
        // schema, the same as for SDL.
        Err(with_errors) => with_errors.partial,
    };
    one_of::ensure_defined(&mut schema);
    Ok(schema)
}

struct Converter<'a> {
    file: &'a str,
    known_types: HashSet<&'a str>,
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
        known_types.extend(BUILT_IN_SCALARS);
        Converter { file, known_types }
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
            let is_built_in_scalar =
                ty.kind == Kind::Scalar && BUILT_IN_SCALARS.contains(&ty.name.as_str());
            if ty.name.starts_with("__") || is_built_in_scalar {
                continue;
            }
            let at = root.item("types", index, &ty.name);
            document.definitions.push(self.type_definition(&at, ty)?);
        }
        let built_ins = Schema::new();
        for (index, directive) in schema.directives.iter().flatten().enumerate() {
            let at = root.item("directives", index, &directive.name);
            let definition = self.directive_definition(&at, directive)?;
            // Built-in directives are listed by every server; keep only a server's own variant.
            let built_in = match &definition {
                Definition::DirectiveDefinition(def) if def.name == one_of::NAME => {
                    Some(one_of::definition())
                }
                Definition::DirectiveDefinition(def) => {
                    built_ins.directive_definitions.get(&def.name).cloned()
                }
                _ => None,
            };
            if built_in.as_ref() != definition.as_directive_definition() {
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
                    directives.push(directive("specifiedBy", "url", url));
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
                        name: Name::new_static_unchecked(one_of::NAME),
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
        refs.iter()
            .flatten()
            .enumerate()
            .map(|(i, r)| {
                let at = at.item(what, i, r.name.as_deref().unwrap_or("?"));
                match (&r.name, r.kind) {
                    (Some(name), Kind::Object | Kind::Interface) => self.known(&at, name),
                    _ => Err(self.error(&at, "expected a named object or interface type")),
                }
            })
            .collect()
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
        fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let at = at.item("fields", i, &field.name);
                Ok(Node::new(ast::FieldDefinition {
                    description: field.description.as_deref().map(Node::new_str),
                    name: self.name(&at, &field.name)?,
                    arguments: self.input_values(&at, "args", &field.args)?,
                    ty: self.type_ref(&at.member("type"), &field.ty)?,
                    directives: deprecation(field.is_deprecated, &field.deprecation_reason),
                }))
            })
            .collect()
    }

    fn input_values(
        &self,
        at: &At,
        list: &'static str,
        values: &[InputValue],
    ) -> Result<Vec<Node<ast::InputValueDefinition>>, LoadError> {
        values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let at = at.item(list, i, &value.name);
                let default_value = match &value.default_value {
                    Some(literal) => Some(self.literal(&at.member("defaultValue"), literal)?),
                    None => None,
                };
                Ok(Node::new(ast::InputValueDefinition {
                    description: value.description.as_deref().map(Node::new_str),
                    name: self.name(&at, &value.name)?,
                    ty: Node::new(self.type_ref(&at.member("type"), &value.ty)?),
                    default_value,
                    directives: deprecation(value.is_deprecated, &value.deprecation_reason),
                }))
            })
            .collect()
    }

    /// A type reference, unwrapped without recursion so that absurd nesting cannot overflow.
    fn type_ref(&self, at: &At, reference: &TypeRef) -> Result<Type, LoadError> {
        let mut wrappers = Vec::new();
        let mut current = reference;
        while matches!(current.kind, Kind::List | Kind::NonNull) {
            wrappers.push(current.kind);
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
            ty = match (wrapper, ty) {
                (Kind::List, inner) => Type::List(Box::new(inner)),
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

    fn directive_definition(
        &self,
        at: &At,
        directive: &Directive,
    ) -> Result<Definition, LoadError> {
        let locations = directive
            .locations
            .iter()
            .map(|location| {
                LOCATIONS
                    .iter()
                    .copied()
                    .find(|known| known.name() == location)
                    .ok_or_else(|| {
                        self.error(at, format!("unknown directive location `{location}`"))
                    })
            })
            .collect::<Result<_, LoadError>>()?;
        Ok(Definition::DirectiveDefinition(Node::new(
            ast::DirectiveDefinition {
                description: directive.description.as_deref().map(Node::new_str),
                name: self.name(at, &directive.name)?,
                arguments: self.input_values(at, "args", &directive.args)?,
                repeatable: directive.is_repeatable,
                locations,
            },
        )))
    }
}

const LOCATIONS: [DirectiveLocation; 19] = [
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
                name: Name::new_static_unchecked("deprecated"),
                arguments: Vec::new(),
            }))
        }
        (true, Some(reason)) => directives.push(directive("deprecated", "reason", reason)),
    }
    directives
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        from_json(json, "x.json").unwrap_err().to_string()
    }

    #[test]
    fn reads_a_2018_result_without_data_wrapper() {
        let json = r#"{"__schema":{"queryType":{"name":"Query"},"types":[
          {"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[
            {"name":"n","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"3"}],
            "type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"kind":"SCALAR","name":"String"}}},
            "isDeprecated":true,"deprecationReason":"use b"}],"interfaces":[]}],
          "directives":[{"name":"cached","locations":["FIELD_DEFINITION"],"args":[]}]}}"#;
        let schema = from_json(json, "old.json").unwrap();
        let sdl = schema.to_string();
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
        let sdl = crate::sdl::print(&from_json(json, "new.json").unwrap(), false);
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
