//! Python: `TypedDict` classes (or the functional form, for keys that are no attribute names),
//! `Literal` enums, one module per operation re-exported from `__init__.py`, docstrings for
//! operation documents' descriptions.

use super::{
    Finish, Imports, Keys, Language, Naming, OneOfStyle, OutputFile, Per, Spec, Text, Types,
};
use crate::codegen::naming::snake;

pub(super) const SPEC: Spec = Spec {
    language: Language::Python,
    name: "python",
    aliases: &["py"],
    extension: "py",
    keywords: &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ],
    reserved: &[
        "annotations",
        "int",
        "float",
        "str",
        "bool",
        "list",
        "dict",
        "object",
        "cast",
        "Any",
        "Literal",
        "NotRequired",
        "TypedDict",
        "TypeAlias",
        "Mapping",
        "Client",
        "GraphQLResponseError",
        "JSONValue",
    ],
    reserved_files: &["schema", "client", "fragments", "__init__"],
    types: Types {
        builtin_scalars: ["str", "int", "float", "bool", "str"],
        unknown_scalar: "JSONValue",
        list: ("list[", "]"),
        nullable: |inner| format!("{inner} | None"),
        typename_literals: Some(|names| format!("Literal[{}]", super::quoted(names, ", "))),
    },
    naming: Naming {
        schema_type: str::to_owned,
        enum_constant: None,
        function: snake,
        function_escapes: true,
        document: |operation| format!("{}_DOCUMENT", snake(operation).to_uppercase()),
        file_stem: snake,
        package: |_| String::new(),
    },
    keys: Keys {
        name: str::to_owned,
        optional: |ty| format!("NotRequired[{ty}]"),
        tag: |_, _| String::new(),
        union_members: &[],
    },
    imports: Imports {
        object: &[("typing", "TypedDict")],
        optional_key: &[("typing", "NotRequired")],
        union: &[("typing", "TypeAlias")],
        typename_literals: &[("typing", "Literal")],
        enums: &[("typing", "Literal"), ("typing", "TypeAlias")],
        scalars: &[("typing", "TypeAlias")],
        request: &[("typing", "cast")],
        scalar_target,
        schema_module: ".schema",
        fragments_module: ".fragments",
    },
    // `StackBy: TypeAlias = "StackById | StackBySlug"`, one one-key TypedDict per field.
    one_of: OneOfStyle {
        member_types: true,
        methods: &[],
        imports: &[("typing", "TypeAlias"), ("typing", "TypedDict")],
        field: |_, ty| (ty.to_owned(), String::new()),
    },
    text: Text {
        string_literal,
        doc_line: str::to_owned,
        description_line: escape_docstring,
    },
    files: &[
        OutputFile {
            template: "schema.py.jinja",
            file: "schema.py",
            per: Per::Client,
        },
        OutputFile {
            template: "client.py.jinja",
            file: "client.py",
            per: Per::Client,
        },
        OutputFile {
            template: "fragments.py.jinja",
            file: "fragments.py",
            per: Per::IfFragments,
        },
        OutputFile {
            template: "operation.py.jinja",
            file: "",
            per: Per::Operation,
        },
        OutputFile {
            template: "__init__.py.jinja",
            file: "__init__.py",
            per: Per::Client,
        },
        OutputFile {
            template: "py.typed.jinja",
            file: "py.typed",
            per: Per::Client,
        },
    ],
    finish: Finish {
        // PEP 8: two blank lines between top-level definitions.
        max_blank_lines: 2,
        format: None,
    },
};

/// `datetime.datetime` needs `datetime` imported; `dict[str, object]` and bare names need
/// nothing.
fn scalar_target(target: &str) -> Option<String> {
    if target.contains('[') {
        return None;
    }
    let (module, _) = target.rsplit_once('.')?;
    Some(module.to_owned())
}

/// A `"""` string holding `text` exactly.
fn string_literal(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    format!("\"\"\"{escaped}\"\"\"")
}

/// A line of a `"""` docstring: backslashes doubled (no escape sequences), and every quote
/// escaped that stands next to another quote or ends the docstring (`last` line), so that no
/// `"""` can form.
fn escape_docstring(line: &str, last: bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let escape = c == '"'
            && ((i > 0 && chars[i - 1] == '"')
                || chars.get(i + 1) == Some(&'"')
                || (last && i + 1 == chars.len()));
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if escape => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_targets_import_their_module() {
        assert_eq!(
            scalar_target("datetime.datetime").as_deref(),
            Some("datetime")
        );
        assert_eq!(scalar_target("a.b.C").as_deref(), Some("a.b"));
        assert_eq!(scalar_target("dict[str, object]"), None);
        assert_eq!(scalar_target("str"), None);
    }
}
