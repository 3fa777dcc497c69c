//! `@oneOf`, the one built-in directive of the current GraphQL spec that apollo-compiler 1.x does
//! not know. Every schema we load gets its definition (as graphql-js 16.9+ and spec servers list
//! it), SDL output leaves it out like the other built-ins, and introspection reports `isOneOf`.

use apollo_compiler::ast::{self, FieldDefinition, Type};
use apollo_compiler::schema::{Component, DirectiveDefinition, ExtendedType, InputObjectType};
use apollo_compiler::{name, Node, Schema};

pub const NAME: &str = "oneOf";

const DEFINITION: &str =
    "\"Indicates exactly one field must be supplied and this field must not be `null`.\"\n\
directive @oneOf on INPUT_OBJECT\n";

/// The definition as an AST document, for schemas built from SDL that do not define it.
pub fn definition_document() -> ast::Document {
    ast::Document::parse(DEFINITION, "built_in.graphql").expect("the @oneOf definition parses")
}

pub fn definition() -> Node<DirectiveDefinition> {
    definition_document()
        .definitions
        .into_iter()
        .find_map(|definition| match definition {
            ast::Definition::DirectiveDefinition(def) => Some(def),
            _ => None,
        })
        .expect("the @oneOf document defines the directive")
}

/// Whether the document defines `@oneOf` itself (older tools required it).
pub fn is_defined_in(document: &ast::Document) -> bool {
    document.definitions.iter().any(|definition| {
        matches!(definition, ast::Definition::DirectiveDefinition(def) if def.name == NAME)
    })
}

pub fn is_one_of(input: &InputObjectType) -> bool {
    input.directives.has(NAME)
}

/// Whether this is exactly the standard `@oneOf` definition, which SDL output omits like the other
/// built-ins (a server's own variant, e.g. with another description, is printed).
pub fn is_standard(definition: &DirectiveDefinition) -> bool {
    *definition == *self::definition()
}

pub fn ensure_defined(schema: &mut Schema) {
    if !schema.directive_definitions.contains_key(NAME) {
        let def = definition();
        schema.directive_definitions.insert(def.name.clone(), def);
    }
}

/// A copy of the schema whose introspection types know `__Type.isOneOf` (as a server implementing
/// the current spec lists it), for answering introspection queries.
pub fn with_introspection_field(schema: &Schema) -> Schema {
    let mut schema = schema.clone();
    if let Some(ExtendedType::Object(ty)) = schema.types.get_mut("__Type") {
        let field = FieldDefinition {
            description: None,
            name: name!("isOneOf"),
            arguments: Vec::new(),
            ty: Type::Named(name!("Boolean")),
            directives: Default::default(),
        };
        ty.make_mut()
            .fields
            .insert(field.name.clone(), Component::new(field));
    }
    ensure_defined(&mut schema);
    schema
}
