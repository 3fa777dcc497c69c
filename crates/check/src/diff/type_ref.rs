//! Variance of type references: which type changes keep every client working. Output positions
//! (fields) may become stricter (`String` → `String!`); input positions (arguments, input fields)
//! may become looser (`String!` → `String`). A list ↔ non-list change or another named type is
//! never safe.

use apollo_compiler::ast::Type;

/// Whether a field of type `old` may become `new` without breaking a client that reads it: every
/// value the new type produces is one the old type could have produced.
pub fn output_change_is_safe(old: &Type, new: &Type) -> bool {
    match (old, new) {
        // A nullable position may become non-null; a non-null one must stay non-null.
        (_, _) if old.is_non_null() && !new.is_non_null() => false,
        (Type::Named(a) | Type::NonNullNamed(a), Type::Named(b) | Type::NonNullNamed(b)) => a == b,
        (Type::List(a) | Type::NonNullList(a), Type::List(b) | Type::NonNullList(b)) => {
            output_change_is_safe(a, b)
        }
        _ => false,
    }
}

/// Whether an argument or input field of type `old` may become `new` without breaking a client
/// that sends it: every value the old type accepted, the new one accepts.
pub fn input_change_is_safe(old: &Type, new: &Type) -> bool {
    output_change_is_safe(new, old)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::ast::Type;
    use apollo_compiler::name;

    fn ty(text: &str) -> Type {
        let doc =
            apollo_compiler::ast::Document::parse(format!("type T {{ f: {text} }}"), "t").unwrap();
        match &doc.definitions[0] {
            apollo_compiler::ast::Definition::ObjectTypeDefinition(o) => o.fields[0].ty.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn output_may_only_become_stricter() {
        let cases = [
            ("String", "String!", true),
            ("String!", "String", false),
            ("[String]", "[String!]!", true),
            ("[String!]", "[String]", false),
            ("String", "[String]", false),
            ("[String]", "String", false),
            ("String", "Int", false),
            ("[[String]]", "[[String!]!]", true),
        ];
        for (old, new, safe) in cases {
            assert_eq!(
                output_change_is_safe(&ty(old), &ty(new)),
                safe,
                "{old} -> {new}"
            );
            // Inputs are the mirror image, except that shape and name changes break both ways.
            let mirrored = input_change_is_safe(&ty(old), &ty(new));
            let expected = old != new && output_change_is_safe(&ty(new), &ty(old));
            assert_eq!(mirrored, expected, "input {old} -> {new}");
        }
        assert!(output_change_is_safe(
            &Type::Named(name!("A")),
            &Type::Named(name!("A"))
        ));
    }
}
