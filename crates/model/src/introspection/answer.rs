//! The answer to the full introspection query ([`super::QUERY`]), serialized straight from the
//! schema.
//!
//! apollo-compiler's executor ([`super::execute`]) gives the same bytes but builds a JSON tree
//! first; this writer is several times faster, which `convert --to json` and the fetch tests'
//! server feel. A test holds the two equal over the whole corpus, so the executor stays the
//! oracle of what a spec-compliant server answers.

use crate::builtins;
use apollo_compiler::ast::{self, Type};
use apollo_compiler::collections::HashMap;
use apollo_compiler::schema::{ExtendedType, Implementers};
use apollo_compiler::{Name, Node, Schema};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// `{"data":{"__schema":…}}` for a schema, as `serde::Serialize`.
pub struct Answer<'s> {
    schema: &'s Schema,
    implementers: HashMap<Name, Implementers>,
}

impl<'s> Answer<'s> {
    pub fn new(schema: &'s Schema) -> Self {
        Answer {
            schema,
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

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "data": SchemaData(self) })
    }
}

struct SchemaData<'a>(&'a Answer<'a>);

impl Serialize for SchemaData<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object!(serializer, { "__schema": IntrospectionSchema(self.0) })
    }
}

struct IntrospectionSchema<'a>(&'a Answer<'a>);

impl Serialize for IntrospectionSchema<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let answer = self.0;
        let schema = answer.schema;
        let definition = &schema.schema_definition;
        let root = |name: &Option<Node<Name>>| {
            name.as_ref()
                .and_then(|n| schema.types.get(n.as_str()))
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
    answer: &'a Answer<'a>,
    ty: &'a ExtendedType,
}

impl<'a> Serialize for FullType<'a> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (answer, ty) = (self.answer, self.ty);
        let schema = answer.schema;
        let named = |name: &'a Name| schema.types.get(name).map(NamedRef);
        let (fields, interfaces) = match ty {
            ExtendedType::Object(def) => (Some(&def.fields), Some(&def.implements_interfaces)),
            ExtendedType::Interface(def) => (Some(&def.fields), Some(&def.implements_interfaces)),
            _ => (None, None),
        };
        let field_list =
            fields.map(|fields| list(fields.values().map(move |f| Field { answer, def: f })));
        let interfaces = interfaces.map(|names| list(names.iter().filter_map(move |i| named(i))));
        let specified_by = match ty {
            ExtendedType::Scalar(def) => builtins::specified_by(&def.directives),
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
            ExtendedType::Enum(def) => {
                Some(list(def.values.values().map(|v| EnumValue { def: v })))
            }
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
            ExtendedType::Union(def) => {
                Some(Box::new(def.members.iter().filter_map(move |m| named(m))))
            }
            _ => None,
        };
        // `Boolean`, and null for every kind but input objects (September 2025, §4.2.1).
        let is_one_of = match ty {
            ExtendedType::InputObject(def) => Some(def.is_one_of()),
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
    answer: &'a Answer<'a>,
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
            "isDeprecated": def.directives.has(builtins::DEPRECATED),
            "deprecationReason": builtins::deprecation(&def.directives),
        })
    }
}

struct InputValue<'a> {
    answer: &'a Answer<'a>,
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
            "isDeprecated": def.directives.has(builtins::DEPRECATED),
            "deprecationReason": builtins::deprecation(&def.directives),
        })
    }
}

struct EnumValue<'a> {
    def: &'a ast::EnumValueDefinition,
}

impl Serialize for EnumValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let def = self.def;
        object!(serializer, {
            "name": def.value.as_str(),
            "description": def.description.as_deref(),
            "isDeprecated": def.directives.has(builtins::DEPRECATED),
            "deprecationReason": builtins::deprecation(&def.directives),
        })
    }
}

struct Directive<'a> {
    answer: &'a Answer<'a>,
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
            "isDeprecated": def.directives.has(builtins::DEPRECATED),
            "deprecationReason": builtins::deprecation(&def.directives),
        })
    }
}

/// A type reference, as deep as the query's `TypeRef` fragment asks.
struct TypeRef<'a> {
    answer: &'a Answer<'a>,
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
