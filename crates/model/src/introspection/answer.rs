//! The answer to the full introspection query ([`super::QUERY`]), serialized straight from the
//! schema.
//!
//! apollo-compiler's executor ([`super::execute`]) gives the same bytes but builds a JSON tree
//! first; this writer is several times faster, which `convert --to json` and the fetch tests'
//! server feel. A test holds the two equal over the whole corpus, so the executor stays the
//! oracle of what a spec-compliant server answers.

use crate::one_of;
use apollo_compiler::ast::{self, Type};
use apollo_compiler::collections::HashMap;
use apollo_compiler::schema::{ExtendedType, Implementers};
use apollo_compiler::{Name, Node, Schema};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// `{"data":{"__schema":…}}` for a schema, as `serde::Serialize`.
pub struct Answer {
    schema: Schema,
    implementers: HashMap<Name, Implementers>,
}

impl Answer {
    pub fn new(schema: &Schema) -> Self {
        Answer {
            schema: one_of::with_introspection_field(schema),
            implementers: schema.implementers_map(),
        }
    }
}

/// The number of type levels the query's `TypeRef` fragment asks for.
const TYPE_REF_DEPTH: usize = 10;

/// Serialize `key: value` pairs of a JSON object, in order.
macro_rules! object {
    ($serializer:expr, { $($key:literal : $value:expr),* $(,)? }) => {{
        let mut map = $serializer.serialize_map(None)?;
        $(map.serialize_entry($key, &$value)?;)*
        map.end()
    }};
}

/// A list serialized lazily from an iterator.
struct List<I>(std::cell::Cell<Option<I>>);

fn list<I: Iterator>(items: I) -> List<I> {
    List(std::cell::Cell::new(Some(items)))
}

impl<I> Serialize for List<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0.take().into_iter().flatten() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "data": SchemaData(self) })
    }
}

struct SchemaData<'a>(&'a Answer);

impl Serialize for SchemaData<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "__schema": IntrospectionSchema(self.0) })
    }
}

struct IntrospectionSchema<'a>(&'a Answer);

impl Serialize for IntrospectionSchema<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let answer = self.0;
        let schema = &answer.schema;
        let definition = &schema.schema_definition;
        let root = |name: &Option<apollo_compiler::schema::ComponentName>| {
            name.as_ref()
                .and_then(|n| schema.types.get(&n.name))
                .map(RootType)
        };
        object!(serializer, {
            "description": definition.description.as_deref(),
            "queryType": root(&definition.query),
            "mutationType": root(&definition.mutation),
            "subscriptionType": root(&definition.subscription),
            "types": list(schema.types.values().map(|ty| FullType { answer, ty })),
            "directives": list(schema.directive_definitions.values().map(|d| Directive { answer, def: d })),
        })
    }
}

struct RootType<'a>(&'a ExtendedType);

impl Serialize for RootType<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "name": self.0.name().as_str(), "kind": kind(self.0) })
    }
}

fn kind(ty: &ExtendedType) -> &'static str {
    match ty {
        ExtendedType::Scalar(_) => "SCALAR",
        ExtendedType::Object(_) => "OBJECT",
        ExtendedType::Interface(_) => "INTERFACE",
        ExtendedType::Union(_) => "UNION",
        ExtendedType::Enum(_) => "ENUM",
        ExtendedType::InputObject(_) => "INPUT_OBJECT",
    }
}

struct FullType<'a> {
    answer: &'a Answer,
    ty: &'a ExtendedType,
}

impl<'a> Serialize for FullType<'a> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, ty) = (self.answer, self.ty);
        let schema = &answer.schema;
        let named = |name: &'a Name| schema.types.get(name).map(NamedRef);
        let (fields, interfaces) = match ty {
            ExtendedType::Object(def) => (Some(&def.fields), Some(&def.implements_interfaces)),
            ExtendedType::Interface(def) => (Some(&def.fields), Some(&def.implements_interfaces)),
            _ => (None, None),
        };
        let field_list =
            fields.map(|fields| list(fields.values().map(move |f| Field { answer, def: f })));
        let interfaces =
            interfaces.map(|names| list(names.iter().filter_map(move |i| named(&i.name))));
        let specified_by = match ty {
            ExtendedType::Scalar(def) => def
                .directives
                .get("specifiedBy")
                .and_then(|d| d.specified_argument_by_name("url"))
                .and_then(|v| v.as_str()),
            _ => None,
        };
        let input_fields = match ty {
            ExtendedType::InputObject(def) => Some(list(
                def.fields
                    .values()
                    .map(move |f| InputValue { answer, def: f }),
            )),
            _ => None,
        };
        let enum_values = match ty {
            ExtendedType::Enum(def) => Some(list(
                def.values.values().map(|v| EnumValue { answer, def: v }),
            )),
            _ => None,
        };
        let possible_types: Option<Box<dyn Iterator<Item = NamedRef<'_>> + '_>> = match ty {
            ExtendedType::Interface(def) => Some(Box::new(
                answer
                    .implementers
                    .get(&def.name)
                    .into_iter()
                    .flat_map(|i| &i.objects)
                    .filter_map(named),
            )),
            ExtendedType::Union(def) => Some(Box::new(
                def.members.iter().filter_map(move |m| named(&m.name)),
            )),
            _ => None,
        };
        let is_one_of = match ty {
            ExtendedType::InputObject(def) => Some(one_of::is_one_of(def)),
            _ => None,
        };
        object!(serializer, {
            "kind": kind(ty),
            "name": ty.name().as_str(),
            "description": ty.description().map(|d| d.as_str()),
            "specifiedByURL": specified_by,
            "fields": field_list,
            "inputFields": input_fields,
            "interfaces": interfaces,
            "enumValues": enum_values,
            "possibleTypes": possible_types.map(list),
            "isOneOf": is_one_of,
        })
    }
}

struct NamedRef<'a>(&'a ExtendedType);

impl Serialize for NamedRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "kind": kind(self.0), "name": self.0.name().as_str(), "ofType": None::<()> })
    }
}

struct Field<'a> {
    answer: &'a Answer,
    def: &'a ast::FieldDefinition,
}

impl Serialize for Field<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, def) = (self.answer, self.def);
        object!(serializer, {
            "name": def.name.as_str(),
            "description": def.description.as_deref(),
            "args": list(def.arguments.iter().map(|a| InputValue { answer, def: a })),
            "type": TypeRef { answer, ty: &def.ty, depth: 1 },
            "isDeprecated": def.directives.has("deprecated"),
            "deprecationReason": deprecation_reason(&answer.schema, &def.directives),
        })
    }
}

struct InputValue<'a> {
    answer: &'a Answer,
    def: &'a Node<ast::InputValueDefinition>,
}

impl Serialize for InputValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, def) = (self.answer, self.def);
        object!(serializer, {
            "name": def.name.as_str(),
            "description": def.description.as_deref(),
            "type": TypeRef { answer, ty: &def.ty, depth: 1 },
            "defaultValue": def.default_value.as_ref().map(|v| ast::Value::serialize(v).no_indent().to_string()),
            "isDeprecated": def.directives.has("deprecated"),
            "deprecationReason": deprecation_reason(&answer.schema, &def.directives),
        })
    }
}

struct EnumValue<'a> {
    answer: &'a Answer,
    def: &'a ast::EnumValueDefinition,
}

impl Serialize for EnumValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let def = self.def;
        object!(serializer, {
            "name": def.value.as_str(),
            "description": def.description.as_deref(),
            "isDeprecated": def.directives.has("deprecated"),
            "deprecationReason": deprecation_reason(&self.answer.schema, &def.directives),
        })
    }
}

struct Directive<'a> {
    answer: &'a Answer,
    def: &'a ast::DirectiveDefinition,
}

impl Serialize for Directive<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, def) = (self.answer, self.def);
        object!(serializer, {
            "name": def.name.as_str(),
            "description": def.description.as_deref(),
            "isRepeatable": def.repeatable,
            "locations": list(def.locations.iter().map(|l| l.name())),
            "args": list(def.arguments.iter().map(|a| InputValue { answer, def: a })),
        })
    }
}

/// A type reference, as deep as the query's `TypeRef` fragment asks.
struct TypeRef<'a> {
    answer: &'a Answer,
    ty: &'a Type,
    depth: usize,
}

impl Serialize for TypeRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, depth) = (self.answer, self.depth);
        let of_type = |ty| {
            (depth < TYPE_REF_DEPTH).then_some(TypeRef {
                answer,
                ty,
                depth: depth + 1,
            })
        };
        let mut map = serializer.serialize_map(None)?;
        match self.ty {
            Type::NonNullNamed(_) | Type::NonNullList(_) => {
                map.serialize_entry("kind", "NON_NULL")?;
                map.serialize_entry("name", &None::<()>)?;
                let nullable = self.ty.clone().nullable();
                if depth < TYPE_REF_DEPTH {
                    map.serialize_entry(
                        "ofType",
                        &TypeRef {
                            answer,
                            ty: &nullable,
                            depth: depth + 1,
                        },
                    )?;
                }
            }
            Type::List(inner) => {
                map.serialize_entry("kind", "LIST")?;
                map.serialize_entry("name", &None::<()>)?;
                if let Some(inner) = of_type(inner) {
                    map.serialize_entry("ofType", &inner)?;
                }
            }
            Type::Named(name) => {
                let kind = answer.schema.types.get(name).map(kind);
                map.serialize_entry("kind", &kind)?;
                map.serialize_entry("name", name.as_str())?;
                if depth < TYPE_REF_DEPTH {
                    map.serialize_entry("ofType", &None::<()>)?;
                }
            }
        }
        map.end()
    }
}

fn deprecation_reason<'a>(
    schema: &'a Schema,
    directives: &'a ast::DirectiveList,
) -> Option<&'a str> {
    directives
        .get("deprecated")
        .and_then(|d| d.argument_by_name("reason", schema).ok())
        .and_then(|v| v.as_str())
}
