//! Which schema types the client declares: the enums, input objects and custom scalars that the
//! operations reach, through their selection sets and their variables (input objects
//! recursively). Nothing else of the schema is generated.

use crate::codegen::shape::{ObjectShape, OutKind, OutType, Shape};
use apollo_compiler::executable::Operation;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::{Name, Node, Schema};
use schemalift_model::builtins::is_scalar as is_builtin_scalar;
use std::collections::BTreeSet;

/// The enums, input objects and custom scalars that operations reach.
#[derive(Debug, Default)]
pub(super) struct Reach {
    pub(super) enums: BTreeSet<Name>,
    pub(super) inputs: BTreeSet<Name>,
    pub(super) scalars: BTreeSet<Name>,
}

impl Reach {
    /// What the result `shapes` and the variables of `operations` reach.
    pub(super) fn of<'s>(
        schema: &Schema,
        shapes: impl IntoIterator<Item = &'s Shape>,
        operations: &[&Node<Operation>],
    ) -> Reach {
        let mut reach = Reach::default();
        for shape in shapes {
            reach.shape(shape);
        }
        for op in operations {
            for variable in &op.variables {
                reach.input_type(schema, variable.ty.inner_named_type());
            }
        }
        reach
    }

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

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    const SDL: &str = r#"
        type Query { stacks(filter: Filter, state: State): [Stack!]! }
        type Stack { id: ID! at: Time state: State! }
        input Filter { labels: [Label!], nested: Filter, limit: Int }
        input Label { key: String! }
        input Unused { key: String }
        enum State { NONE FAILED }
        enum Kind { A }
        scalar Time
        scalar Money
    "#;

    fn names(set: &BTreeSet<Name>) -> Vec<&str> {
        set.iter().map(Name::as_str).collect()
    }

    fn reach(operations: &str) -> Reach {
        let (schema, document) = fixture::parse(SDL, operations);
        let mut shaper = crate::codegen::shape::Shaper::new(&schema, &document);
        let ops: Vec<&Node<Operation>> = document.operations.named.values().collect();
        let shapes: Vec<Shape> = ops
            .iter()
            .map(|op| shaper.selection_set(&op.selection_set))
            .collect();
        Reach::of(&schema, &shapes, &ops)
    }

    #[test]
    fn selections_reach_the_scalars_and_enums_they_select() {
        let reach = reach("query Q { stacks { id at state } }");
        assert_eq!(names(&reach.scalars), ["Time"]);
        assert_eq!(names(&reach.enums), ["State"]);
        assert!(reach.inputs.is_empty());
    }

    #[test]
    fn variables_reach_input_objects_recursively_and_nothing_unused() {
        let reach = reach("query Q($f: Filter) { stacks(filter: $f) { id } }");
        assert_eq!(names(&reach.inputs), ["Filter", "Label"]);
        assert!(reach.scalars.is_empty() && reach.enums.is_empty());
    }
}
