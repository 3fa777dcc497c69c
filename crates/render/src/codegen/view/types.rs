//! Type expressions of input types (variables, input fields): built-in scalars in the
//! language's types, schema types by their declared names, and list and null wrapping as the
//! language spells them. Result types are spelled in [`super::results`], which declares the
//! object types they name.

use super::imports::Refs;
use super::Builder;
use apollo_compiler::ast::Type;
use apollo_compiler::Name;

impl Builder<'_> {
    /// A named type: a built-in scalar, a declared schema type (noted in `refs`), or, for a
    /// type the client does not declare, the JSON value type.
    pub(super) fn named_type(&self, name: &Name, refs: &mut Refs) -> String {
        if let Some(builtin) = self.spec.builtin_scalar(name) {
            return builtin.to_owned();
        }
        match self.type_names.get(name) {
            Some(declared) => {
                refs.schema.insert(declared.clone());
                declared.clone()
            }
            None => self.spec.types.unknown_scalar.to_owned(),
        }
    }

    /// The language type of an input type (variables, input fields).
    pub(super) fn input_expr(&self, ty: &Type, refs: &mut Refs) -> String {
        match ty {
            Type::Named(name) => self.spec.nullable(&self.named_type(name, refs)),
            Type::NonNullNamed(name) => self.named_type(name, refs),
            Type::List(inner) => self
                .spec
                .nullable(&self.spec.list(&self.input_expr(inner, refs))),
            Type::NonNullList(inner) => self.spec.list(&self.input_expr(inner, refs)),
        }
    }
}

/// `ty` made non-null (a nullable list stays a list of the same items).
pub(super) fn non_null(ty: &Type) -> Type {
    match ty {
        Type::Named(name) => Type::NonNullNamed(name.clone()),
        Type::List(inner) => Type::NonNullList(inner.clone()),
        Type::NonNullNamed(_) | Type::NonNullList(_) => ty.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use crate::codegen::Language;

    const SDL: &str = r#"
        type Query { f(a: Int, b: [String!], c: [[ID]!]!, d: Color!, e: Time, g: Float!): Boolean }
        enum Color { RED }
        scalar Time
    "#;
    const OPERATIONS: &str = r#"
        query F($a: Int, $b: [String!], $c: [[ID]!]!, $d: Color!, $e: Time, $g: Float!) {
          f(a: $a, b: $b, c: $c, d: $d, e: $e, g: $g)
        }
    "#;

    /// The variables' value types, in order.
    fn variable_types(language: Language) -> Vec<String> {
        let view = fixture::view(SDL, OPERATIONS, language);
        fixture::object(&view.operations[0].decls, "FVariables")
            .fields
            .iter()
            .map(|f| f.ty.clone())
            .collect()
    }

    #[test]
    fn input_types_per_language() {
        assert_eq!(
            variable_types(Language::TypeScript),
            [
                "number | null",
                "Array<string> | null",
                "Array<Array<string | null>>",
                "Color",
                "Time | null",
                "number"
            ]
        );
        assert_eq!(
            variable_types(Language::Python),
            [
                "int | None",
                "list[str] | None",
                "list[list[str | None]]",
                "Color",
                "Time | None",
                "float"
            ]
        );
        assert_eq!(
            variable_types(Language::Go),
            [
                "*int",
                "[]string",
                "[][]*string",
                "Color",
                "*Time",
                "float64"
            ]
        );
    }

    #[test]
    fn non_null_keeps_the_items_of_a_list() {
        use apollo_compiler::ast::Type;
        let list = Type::List(Box::new(Type::Named(apollo_compiler::name!("A"))));
        assert_eq!(super::non_null(&list).to_string(), "[A]!");
        assert_eq!(
            super::non_null(&list.clone().non_null()).to_string(),
            "[A]!"
        );
    }
}
