//! TypeScript: type aliases over plain objects, one module per operation re-exported from
//! `index.ts`, `import type` between modules, TSDoc comments.

use super::{
    Finish, Imports, Keys, Language, Naming, OneOfStyle, OutputFile, Per, Spec, Text, Types,
};
use crate::codegen::naming::{camel, is_identifier, pascal};

pub(super) const SPEC: Spec = Spec {
    language: Language::TypeScript,
    name: "typescript",
    aliases: &["ts"],
    extension: "ts",
    keywords: &[
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "as",
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
        "await",
        "any",
        "boolean",
        "number",
        "string",
        "symbol",
        "object",
        "bigint",
        "undefined",
        "unknown",
        "never",
        "type",
        "keyof",
        "readonly",
        "infer",
        "is",
        "asserts",
        "declare",
        "module",
        "namespace",
        "global",
        "arguments",
        "eval",
    ],
    // Global types the generated type expressions use; a schema type named `JSON` or `Error`
    // is fine, as it only shadows the global type where it is imported.
    reserved: &[
        "Array",
        "Promise",
        "Record",
        "fetch",
        "request",
        "ClientOptions",
        "GraphQLError",
        "GraphQLResponseError",
    ],
    reserved_files: &["schema", "client", "fragments", "index"],
    types: Types {
        builtin_scalars: ["string", "number", "number", "boolean", "string"],
        unknown_scalar: "unknown",
        list: ("Array<", ">"),
        nullable: |inner| format!("{inner} | null"),
        typename_literals: Some(|names| super::quoted(names, " | ")),
    },
    naming: Naming {
        schema_type: str::to_owned,
        enum_constant: None,
        function: camel,
        function_escapes: true,
        document: |operation| format!("{}Document", pascal(operation)),
        file_stem: pascal,
        package: |_| String::new(),
    },
    keys: Keys {
        // A property that is not an identifier is quoted.
        name: |json| {
            if is_identifier(json) {
                json.to_owned()
            } else {
                serde_json::to_string(json).unwrap_or_default()
            }
        },
        // The template marks the key `?`.
        optional: str::to_owned,
        tag: |_, _| String::new(),
        union_members: &[],
    },
    imports: Imports {
        object: &[],
        optional_key: &[],
        union: &[],
        typename_literals: &[],
        enums: &[],
        scalars: &[],
        request: &[],
        scalar_target: |_| None,
        schema_module: "./schema.js",
        fragments_module: "./fragments.js",
    },
    // `{ id: string; slug?: never } | { id?: never; slug: string }`, inline.
    one_of: OneOfStyle {
        member_types: false,
        methods: &[],
        imports: &[],
        field: |_, ty| (ty.to_owned(), String::new()),
    },
    text: Text {
        string_literal,
        doc_line: escape_tsdoc,
        description_line: |line, _| escape_tsdoc(line),
    },
    files: &[
        OutputFile {
            template: "schema.ts.jinja",
            file: "schema.ts",
            per: Per::Client,
        },
        OutputFile {
            template: "client.ts.jinja",
            file: "client.ts",
            per: Per::Client,
        },
        OutputFile {
            template: "fragments.ts.jinja",
            file: "fragments.ts",
            per: Per::IfFragments,
        },
        OutputFile {
            template: "operation.ts.jinja",
            file: "",
            per: Per::Operation,
        },
        OutputFile {
            template: "index.ts.jinja",
            file: "index.ts",
            per: Per::Client,
        },
    ],
    finish: Finish {
        max_blank_lines: 1,
        format: None,
    },
};

/// A template literal holding `text` exactly.
fn string_literal(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${");
    format!("`{escaped}`")
}

/// A line inside a TSDoc comment: `*/` would end the comment.
fn escape_tsdoc(line: &str) -> String {
    line.replace("*/", "*\\/")
}
