//! Filling in type references a shallow introspection query cut short. A server that allows
//! only shallow queries answers `[[Int!]!]` at three levels as `LIST` → `NON_NULL` → `LIST`
//! with no `ofType` below: the wrapper is there, what it wraps is not. Each type with such a
//! member is asked again on its own, `__type(name:)` with its fields, arguments and input
//! fields (two levels shallower in the document than in the full query, so the same limit
//! lets more type-reference levels through), and the deeper references are put in place.

use serde_json::Value;

/// Whether a type reference stops at a wrapper (`NON_NULL`, `LIST`) whose `ofType` was not
/// asked.
pub(crate) fn is_cut_short(type_ref: &Value) -> bool {
    let mut current = type_ref;
    loop {
        match current.get("kind").and_then(Value::as_str) {
            Some("NON_NULL" | "LIST") => match current.get("ofType") {
                Some(inner) if !inner.is_null() => current = inner,
                _ => return true,
            },
            _ => return false,
        }
    }
}

/// The levels a type reference has (`kind name` counts one, each `ofType` one more).
fn levels(type_ref: &Value) -> usize {
    let mut levels = 0;
    let mut current = Some(type_ref);
    while let Some(t) = current.filter(|t| t.is_object()) {
        levels += 1;
        current = t.get("ofType");
    }
    levels
}

/// The members of a type whose reference a `__type` query can ask again: fields (and their
/// arguments) and input fields.
const MEMBERS: [&str; 2] = ["fields", "inputFields"];

fn members(ty: &Value) -> impl Iterator<Item = &Value> {
    MEMBERS
        .iter()
        .filter_map(|list| ty.get(*list)?.as_array())
        .flatten()
}

/// Whether any member reference of one `__Type` is cut short.
fn has_cut_short_member(ty: &Value) -> bool {
    members(ty).any(|member| {
        member.get("type").is_some_and(is_cut_short)
            || member
                .get("args")
                .and_then(Value::as_array)
                .is_some_and(|args| args.iter().any(|a| a.get("type").is_some_and(is_cut_short)))
    })
}

/// The names of the types in an introspection `data` with a member reference cut short, in
/// the server's order. The introspection types (`__Schema`, …) are left out: every schema has
/// the same ones and the conversion skips them.
pub(crate) fn cut_short_types(data: &Value) -> Vec<String> {
    data.pointer("/__schema/types")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|ty| has_cut_short_member(ty))
        .filter_map(|ty| ty.get("name")?.as_str())
        .filter(|name| !name.starts_with("__"))
        .map(str::to_owned)
        .collect()
}

/// Put the references of `answer` (the `__type` of one type, as `query::type_refs_of` asks it)
/// into `data` where they are deeper than what is there. Returns how many were replaced.
pub(crate) fn splice(data: &mut Value, name: &str, answer: &Value) -> usize {
    let Some(ty) = data
        .pointer_mut("/__schema/types")
        .and_then(Value::as_array_mut)
        .and_then(|types| {
            types
                .iter_mut()
                .find(|t| t.get("name").and_then(Value::as_str) == Some(name))
        })
    else {
        return 0;
    };
    let mut replaced = 0;
    for list in MEMBERS {
        let (Some(mine), Some(theirs)) = (
            ty.get_mut(list).and_then(Value::as_array_mut),
            answer.get(list).and_then(Value::as_array),
        ) else {
            continue;
        };
        for member in mine.iter_mut() {
            let Some(other) = named(theirs, member) else {
                continue;
            };
            replaced += deepen(member, other);
            let (Some(args), Some(other_args)) = (
                member.get_mut("args").and_then(Value::as_array_mut),
                other.get("args").and_then(Value::as_array),
            ) else {
                continue;
            };
            for arg in args.iter_mut() {
                if let Some(other_arg) = named(other_args, arg) {
                    replaced += deepen(arg, other_arg);
                }
            }
        }
    }
    replaced
}

/// The element of `list` with the name of `like`.
fn named<'v>(list: &'v [Value], like: &Value) -> Option<&'v Value> {
    let name = like.get("name")?.as_str()?;
    list.iter()
        .find(|v| v.get("name").and_then(Value::as_str) == Some(name))
}

/// Replace `member.type` by `other.type` when it is cut short and the other goes deeper.
fn deepen(member: &mut Value, other: &Value) -> usize {
    let (Some(mine), Some(theirs)) = (member.get("type"), other.get("type")) else {
        return 0;
    };
    if is_cut_short(mine) && levels(theirs) > levels(mine) {
        member["type"] = theirs.clone();
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Capabilities;
    use crate::query::{self, Shape};
    use schemalift_model::introspection;

    const SDL: &str = "type Query { grid(at: [[Int!]!]): [[[Cell!]!]!]! cell: Cell ok: [Int!]! }\n\
                       type Cell { v: Int tags(of: [[String!]]): [String] }\n\
                       input Where { near: [[[Float!]]] }\n\
                       type Mutation { put(where: Where): Int }";

    fn schema() -> apollo_compiler::validation::Valid<apollo_compiler::Schema> {
        schemalift_model::load_inputs(vec![schemalift_model::Input {
            name: "s.graphql".into(),
            text: SDL.into(),
        }])
        .unwrap()
        .schema
    }

    fn data_of(query: &str) -> Value {
        let response = introspection::execute(&schema(), query, Default::default());
        assert!(response.get("errors").is_none(), "{response}");
        response["data"].clone()
    }

    #[test]
    fn a_shallow_answer_names_exactly_the_types_it_cut_short() {
        let caps = Capabilities::modern();
        let shallow = data_of(&query::build_shaped(&caps, 3, Shape::Inline));
        assert_eq!(cut_short_types(&shallow), ["Query", "Cell", "Where"]);
        let full = data_of(&query::build_shaped(&caps, 10, Shape::Inline));
        assert!(cut_short_types(&full).is_empty());
        assert!(!is_cut_short(
            &full.pointer("/__schema/types/0").unwrap()["kind"]
        ));
    }

    /// A 3-level inline answer, filled in from one `__type` query per affected type at 8
    /// levels, converts to the same schema as a 10-level answer.
    #[test]
    fn filling_in_gives_the_complete_schema() {
        let caps = Capabilities::modern();
        let mut shallow = data_of(&query::build_shaped(&caps, 3, Shape::Inline));
        assert!(
            introspection::from_json(&shallow.to_string(), "shallow").is_err(),
            "a cut-short answer does not convert"
        );
        let mut replaced = 0;
        for name in cut_short_types(&shallow) {
            let answer = data_of(&query::type_refs_of(&caps, &name, 8));
            replaced += splice(&mut shallow, &name, &answer["__type"]);
        }
        assert_eq!(replaced, 5, "grid, at, tags' of, near and Query.ok");
        assert!(cut_short_types(&shallow).is_empty());
        let filled = introspection::from_json(&shallow.to_string(), "filled").unwrap();
        let full = introspection::from_json(&data_of(&query::build(&caps, 10)).to_string(), "full")
            .unwrap();
        assert_eq!(
            schemalift_model::sdl::print(&filled.schema, true),
            schemalift_model::sdl::print(&full.schema, true)
        );
    }

    #[test]
    fn a_shallower_answer_never_replaces_a_deeper_one() {
        let caps = Capabilities::modern();
        let mut shallow = data_of(&query::build_shaped(&caps, 3, Shape::Inline));
        let before = shallow.clone();
        let answer = data_of(&query::type_refs_of(&caps, "Query", 2));
        assert_eq!(splice(&mut shallow, "Query", &answer["__type"]), 0);
        assert_eq!(shallow, before);
    }
}
