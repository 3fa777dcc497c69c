//! Where something is in a schema (a change, a finding, a docs page): a schema coordinate (`Type`, `Type.field`, `Enum.VALUE`,
//! `Type.field(arg:)`, `@directive`, `@directive(arg:)`), printed exactly as apollo-compiler's
//! `coordinate` module prints it, plus `schema` for the schema definition itself (root operation
//! types, schema description and directives), which the coordinate syntax has no form for.

use apollo_compiler::coordinate::{
    DirectiveArgumentCoordinate, DirectiveCoordinate, FieldArgumentCoordinate, SchemaCoordinate,
    TypeAttributeCoordinate, TypeCoordinate,
};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::{Name, Schema};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Coordinate {
    /// The schema definition.
    Schema,
    /// An element that has a schema coordinate.
    Element(SchemaCoordinate),
}

impl Coordinate {
    pub fn ty(ty: Name) -> Self {
        Coordinate::Element(SchemaCoordinate::Type(TypeCoordinate { ty }))
    }

    /// A field, input field or enum value.
    pub fn member(ty: Name, attribute: Name) -> Self {
        Coordinate::Element(SchemaCoordinate::TypeAttribute(TypeAttributeCoordinate {
            ty,
            attribute,
        }))
    }

    pub fn directive(directive: Name) -> Self {
        Coordinate::Element(SchemaCoordinate::Directive(DirectiveCoordinate {
            directive,
        }))
    }

    /// An argument of this field or directive coordinate (`None` for anything else).
    pub fn argument(&self, argument: Name) -> Option<Self> {
        match self {
            Coordinate::Element(SchemaCoordinate::TypeAttribute(field)) => Some(
                Coordinate::Element(SchemaCoordinate::FieldArgument(FieldArgumentCoordinate {
                    ty: field.ty.clone(),
                    field: field.attribute.clone(),
                    argument,
                })),
            ),
            Coordinate::Element(SchemaCoordinate::Directive(d)) => Some(Coordinate::Element(
                SchemaCoordinate::DirectiveArgument(DirectiveArgumentCoordinate {
                    directive: d.directive.clone(),
                    argument,
                }),
            )),
            _ => None,
        }
    }

    /// The element that contains this one (`Type.field(arg:)` → `Type.field` → `Type`).
    pub fn parent(&self) -> Option<Self> {
        match self {
            Coordinate::Schema | Coordinate::Element(SchemaCoordinate::Type(_)) => None,
            Coordinate::Element(SchemaCoordinate::Directive(_)) => None,
            Coordinate::Element(SchemaCoordinate::TypeAttribute(c)) => {
                Some(Coordinate::ty(c.ty.clone()))
            }
            Coordinate::Element(SchemaCoordinate::FieldArgument(c)) => {
                Some(Coordinate::member(c.ty.clone(), c.field.clone()))
            }
            Coordinate::Element(SchemaCoordinate::DirectiveArgument(c)) => {
                Some(Coordinate::directive(c.directive.clone()))
            }
        }
    }

    /// The named type this coordinate is in, if any.
    pub fn type_name(&self) -> Option<&Name> {
        match self {
            Coordinate::Element(SchemaCoordinate::Type(c)) => Some(&c.ty),
            Coordinate::Element(SchemaCoordinate::TypeAttribute(c)) => Some(&c.ty),
            Coordinate::Element(SchemaCoordinate::FieldArgument(c)) => Some(&c.ty),
            _ => None,
        }
    }

    /// Where the element is defined in `schema`: its name token, or, when the element is not in
    /// that schema (a removal), the nearest enclosing element that is.
    pub fn locate(&self, schema: &Schema) -> Option<SourceSpan> {
        let mut at = Some(self.clone());
        while let Some(coordinate) = at {
            if let Some(span) = coordinate.own_location(schema) {
                return Some(span);
            }
            at = coordinate.parent();
        }
        None
    }

    fn own_location(&self, schema: &Schema) -> Option<SourceSpan> {
        use apollo_compiler::coordinate::SchemaCoordinateLookup as L;
        let Coordinate::Element(coordinate) = self else {
            return schema.schema_definition.location();
        };
        let name = match coordinate.lookup(schema).ok()? {
            L::Type(ty) => ty.name().location(),
            L::Directive(d) => d.name.location().or(d.location()),
            L::Field(f) => f.name.location().or(f.location()),
            L::InputField(f) => f.name.location().or(f.location()),
            L::EnumValue(v) => v.value.location().or(v.location()),
            L::Argument(a) => a.name.location().or(a.location()),
            _ => None,
        };
        name
    }
}

impl fmt::Display for Coordinate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Coordinate::Schema => f.write_str("schema"),
            Coordinate::Element(coordinate) => coordinate.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::name;

    #[test]
    fn prints_like_apollo_compiler() {
        let field = Coordinate::member(name!("Stack"), name!("runs"));
        assert_eq!(field.to_string(), "Stack.runs");
        let arg = field.argument(name!("first")).unwrap();
        assert_eq!(arg.to_string(), "Stack.runs(first:)");
        assert_eq!(arg.parent(), Some(field));
        let dir = Coordinate::directive(name!("auth"));
        assert_eq!(
            dir.argument(name!("role")).unwrap().to_string(),
            "@auth(role:)"
        );
        assert_eq!(Coordinate::Schema.to_string(), "schema");
    }

    #[test]
    fn locates_removed_elements_at_their_parent() {
        let schema = Schema::parse("type Query {\n  a: Int\n}\n", "s.graphql").unwrap();
        let gone = Coordinate::member(name!("Query"), name!("b"));
        let span = gone.locate(&schema).unwrap();
        assert_eq!(span.line_column(&schema.sources).unwrap().line, 1);
        let here = Coordinate::member(name!("Query"), name!("a"));
        let span = here.locate(&schema).unwrap();
        assert_eq!(span.line_column(&schema.sources).unwrap().line, 2);
    }
}
