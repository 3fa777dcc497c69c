//! The target languages as data: how each spells types, which names it reserves, how it maps the
//! built-in scalars, and which files it generates. Everything language-specific that is not
//! layout lives here; layout lives in the templates (templates/<language>/).

use std::fmt;

/// A language `schemalift codegen` writes clients in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    TypeScript,
    Python,
    Go,
}

/// How often a template is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Once for the whole client.
    Client,
    /// Once for the whole client, only when the operations define fragments.
    IfFragments,
    /// Once per operation, into the operation's own file.
    Operation,
}

/// One generated file: the template that renders it and its file name (for `Per::Operation`,
/// the operation's file name is computed instead).
#[derive(Debug, Clone, Copy)]
pub struct OutputFile {
    pub template: &'static str,
    pub file: &'static str,
    pub per: Per,
}

/// Everything `schemalift codegen` knows about one language.
#[derive(Debug)]
pub struct Spec {
    pub language: Language,
    /// The name on the command line and the templates/ sub-folder.
    pub name: &'static str,
    pub extension: &'static str,
    /// The language's keywords (and, for TypeScript, the primitive type names).
    pub keywords: &'static [&'static str],
    /// Names the generated runtime itself declares or uses, which generated types must not take.
    pub reserved: &'static [&'static str],
    /// File stems operations must not take (the runtime's own modules).
    pub reserved_files: &'static [&'static str],
    /// `Int`, `Float`, `String`, `Boolean`, `ID`, in that order.
    pub builtin_scalars: [&'static str; 5],
    /// The type of a custom scalar nobody mapped: the language's type for any JSON value.
    pub unknown_scalar: &'static str,
    /// How a `@oneOf` input object is spelled.
    pub one_of: OneOfStyle,
    pub files: &'static [OutputFile],
}

/// How a language spells a `@oneOf` input object, whose value sets exactly one of its fields.
#[derive(Debug)]
pub struct OneOfStyle {
    /// Whether each member (one field set, the others absent) is a named type of its own, named
    /// after the input and the field (Python: `StackById`, one one-key TypedDict each). Otherwise
    /// the template spells the members inline (TypeScript) or needs none (Go).
    pub member_types: bool,
    /// Methods the generated input type declares, which its fields must not be named (Go:
    /// `Validate`, and `MarshalJSON`, which calls it).
    pub methods: &'static [&'static str],
    /// What the declaration needs imported, as (module, name); an empty name imports the module.
    pub imports: &'static [(&'static str, &'static str)],
}

const BUILTIN_SCALARS: [&str; 5] = ["Int", "Float", "String", "Boolean", "ID"];

/// Whether a scalar is one of the specification's five (every other one is custom).
pub fn is_builtin_scalar(name: &str) -> bool {
    BUILTIN_SCALARS.contains(&name)
}

const TYPESCRIPT: Spec = Spec {
    language: Language::TypeScript,
    name: "typescript",
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
    builtin_scalars: ["number", "number", "string", "boolean", "string"],
    unknown_scalar: "unknown",
    // `{ id: string; slug?: never } | { id?: never; slug: string }`, inline.
    one_of: OneOfStyle {
        member_types: false,
        methods: &[],
        imports: &[],
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
};

const PYTHON: Spec = Spec {
    language: Language::Python,
    name: "python",
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
    builtin_scalars: ["int", "float", "str", "bool", "str"],
    unknown_scalar: "JSONValue",
    // `StackBy: TypeAlias = "StackById | StackBySlug"`, one one-key TypedDict per field.
    one_of: OneOfStyle {
        member_types: true,
        methods: &[],
        imports: &[("typing", "TypeAlias"), ("typing", "TypedDict")],
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
};

const GO: Spec = Spec {
    language: Language::Go,
    name: "go",
    extension: "go",
    // Exported names start with a capital, so Go's keywords cannot collide with them.
    keywords: &[],
    reserved: &[
        "Client",
        "GraphQLError",
        "GraphQLErrors",
        "GraphQLLocation",
        "NewClient",
    ],
    reserved_files: &["schema", "client", "fragments", "doc"],
    builtin_scalars: ["int", "float64", "string", "bool", "string"],
    unknown_scalar: "json.RawMessage",
    // A struct of pointers with `Validate() error`, which `MarshalJSON` calls before encoding.
    one_of: OneOfStyle {
        member_types: false,
        methods: &["Validate", "MarshalJSON"],
        imports: &[("encoding/json", ""), ("fmt", "")],
    },
    files: &[
        OutputFile {
            template: "schema.go.jinja",
            file: "schema.go",
            per: Per::Client,
        },
        OutputFile {
            template: "client.go.jinja",
            file: "client.go",
            per: Per::Client,
        },
        OutputFile {
            template: "fragments.go.jinja",
            file: "fragments.go",
            per: Per::IfFragments,
        },
        OutputFile {
            template: "operation.go.jinja",
            file: "",
            per: Per::Operation,
        },
    ],
};

/// Go treats `name_test.go`, `name_linux.go`, `name_amd64.go` … specially; an operation file
/// must not end like that.
pub const GO_FILE_SUFFIXES: &[&str] = &[
    "test",
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Words Go spells in capitals inside identifiers (the Go code review list): `Id` is `ID`.
pub const GO_INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// A Go exported identifier for a GraphQL name: Pascal case with initialisms in capitals.
pub fn go_pascal(name: &str) -> String {
    super::naming::words(name)
        .iter()
        .map(|word| {
            let lower = word.to_lowercase();
            if GO_INITIALISMS.contains(&lower.as_str()) {
                lower.to_uppercase()
            } else if word.chars().all(|c| !c.is_lowercase()) {
                // SCREAMING_CASE enum values read as words: PLAN → Plan.
                super::naming::pascal(&lower)
            } else {
                super::naming::pascal(word)
            }
        })
        .collect()
}

/// Go keywords, for the package name.
pub const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

impl Language {
    pub const ALL: [Language; 3] = [Language::TypeScript, Language::Python, Language::Go];

    pub fn spec(self) -> &'static Spec {
        match self {
            Language::TypeScript => &TYPESCRIPT,
            Language::Python => &PYTHON,
            Language::Go => &GO,
        }
    }

    /// The language for a command-line name (`typescript`/`ts`, `python`/`py`, `go`).
    pub fn from_name(name: &str) -> Option<Language> {
        match name.to_ascii_lowercase().as_str() {
            "typescript" | "ts" => Some(Language::TypeScript),
            "python" | "py" => Some(Language::Python),
            "go" | "golang" => Some(Language::Go),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec().name)
    }
}

impl Spec {
    /// The language type of a built-in scalar, or `None` for a custom scalar.
    pub fn builtin_scalar(&self, graphql: &str) -> Option<&'static str> {
        BUILTIN_SCALARS
            .iter()
            .position(|s| *s == graphql)
            .map(|i| self.builtin_scalars[i])
    }

    /// `T` as a list.
    pub fn list(&self, item: &str) -> String {
        match self.language {
            Language::TypeScript => format!("Array<{item}>"),
            Language::Python => format!("list[{item}]"),
            Language::Go => format!("[]{item}"),
        }
    }

    /// `T` or null. Go uses a pointer, except for types that already have a nil (slices,
    /// `json.RawMessage`, which is a slice).
    pub fn nullable(&self, inner: &str) -> String {
        match self.language {
            Language::TypeScript => format!("{inner} | null"),
            Language::Python => format!("{inner} | None"),
            Language::Go if go_has_nil(inner) => inner.to_owned(),
            Language::Go => format!("*{inner}"),
        }
    }

    /// The type of `__typename` when it can take one of `names`.
    pub fn typename(&self, names: &[String]) -> String {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        match self.language {
            Language::TypeScript if !names.is_empty() => quoted.join(" | "),
            Language::Python if !names.is_empty() => format!("Literal[{}]", quoted.join(", ")),
            Language::TypeScript | Language::Python | Language::Go => {
                self.builtin_scalars[2].to_owned()
            }
        }
    }

    /// A string literal holding `text` exactly.
    pub fn string_literal(&self, text: &str) -> String {
        match self.language {
            Language::TypeScript => {
                let escaped = text
                    .replace('\\', "\\\\")
                    .replace('`', "\\`")
                    .replace("${", "\\${");
                format!("`{escaped}`")
            }
            Language::Python => {
                let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
                format!("\"\"\"{escaped}\"\"\"")
            }
            Language::Go if !text.contains('`') && !text.contains('\r') => format!("`{text}`"),
            // JSON string escapes are a subset of Go's interpreted string literal escapes.
            Language::Go => serde_json::to_string(text).unwrap_or_default(),
        }
    }

    /// The annotation and (Go) struct tag of a `@oneOf` member field of type `ty` (the field's
    /// type made non-null): in TypeScript and Python the key is required in its own member; in
    /// Go the field is always a pointer, even to a slice, so that an empty list still counts as
    /// set, and is left out of the JSON when nil.
    pub fn one_of_field(&self, json: &str, ty: &str) -> (String, String) {
        match self.language {
            Language::TypeScript | Language::Python => (ty.to_owned(), String::new()),
            Language::Go => (format!("*{ty}"), format!("`json:\"{json},omitempty\"`")),
        }
    }

    /// A description as comment lines, escaped for the comment syntax the templates use for
    /// schema descriptions: TSDoc `/** */` in TypeScript, `#` in Python, `//` in Go.
    pub fn doc_lines(&self, text: &str) -> Vec<String> {
        description_lines(text)
            .into_iter()
            .map(|line| match self.language {
                Language::TypeScript => escape_tsdoc(&line),
                Language::Python | Language::Go => line,
            })
            .collect()
    }

    /// A description of an operation, fragment or variable as lines of the language's
    /// documentation syntax for them: TSDoc `/** */` in TypeScript, a docstring in Python (no
    /// backslash escapes, no `"""` or final quote that would end it), `//` comments in Go.
    pub fn description_lines(&self, text: &str) -> Vec<String> {
        let lines = description_lines(text);
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| match self.language {
                Language::TypeScript => escape_tsdoc(&line),
                Language::Python => escape_docstring(&line, i + 1 == count),
                Language::Go => line,
            })
            .collect()
    }
}

/// The lines of a description, trimmed: split at every line terminator a target language
/// knows (a lone `\r` ends a Python comment), other control characters and byte order marks
/// (which Go and Python refuse in source) replaced by U+FFFD.
fn description_lines(text: &str) -> Vec<String> {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Vec::new();
    }
    text.split(['\n', '\r'])
        .map(|line| {
            line.trim_end()
                .chars()
                .map(|c| {
                    if (c.is_control() && c != '\t') || c == '\u{feff}' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect()
        })
        .collect()
}

/// A line inside a TSDoc comment: `*/` would end the comment.
fn escape_tsdoc(line: &str) -> String {
    line.replace("*/", "*\\/")
}

/// A line of a Python `"""` docstring: backslashes doubled (no escape sequences), and every
/// quote escaped that stands next to another quote or ends the docstring, so that no `"""`
/// can form.
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

/// Whether a Go type has `nil` itself, so that nullability needs no pointer.
fn go_has_nil(ty: &str) -> bool {
    ty.starts_with("[]") || ty.starts_with("map[") || ty == "json.RawMessage" || ty.starts_with('*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_reachable_by_name() {
        for language in Language::ALL {
            assert_eq!(Language::from_name(language.spec().name), Some(language));
        }
        assert_eq!(Language::from_name("rust"), None);
    }

    #[test]
    fn go_identifiers_capitalise_initialisms() {
        assert_eq!(go_pascal("id"), "ID");
        assert_eq!(go_pascal("loginURL"), "LoginURL");
        assert_eq!(go_pascal("apiKeyUser"), "APIKeyUser");
        assert_eq!(go_pascal("OPEN_TOFU"), "OpenTofu");
        assert_eq!(go_pascal("__typename"), "Typename");
        assert_eq!(go_pascal("createdAt"), "CreatedAt");
    }

    #[test]
    fn type_wrappers_per_language() {
        let ts = Language::TypeScript.spec();
        assert_eq!(
            ts.nullable(&ts.list(&ts.nullable("string"))),
            "Array<string | null> | null"
        );
        let py = Language::Python.spec();
        assert_eq!(py.nullable(&py.list("int")), "list[int] | None");
        let go = Language::Go.spec();
        assert_eq!(go.nullable(&go.list(&go.nullable("string"))), "[]*string");
        assert_eq!(go.nullable("json.RawMessage"), "json.RawMessage");
    }

    #[test]
    fn descriptions_cannot_end_the_comment_or_docstring_they_live_in() {
        let text = "Ends */ here, \"\"\" there, \\ a backslash\nand a \"quote\"";
        let ts = Language::TypeScript.spec().description_lines(text);
        assert_eq!(
            ts,
            [
                "Ends *\\/ here, \"\"\" there, \\ a backslash",
                "and a \"quote\""
            ]
        );
        let py = Language::Python.spec().description_lines(text);
        assert_eq!(
            py,
            [
                "Ends */ here, \\\"\\\"\\\" there, \\\\ a backslash",
                // A quote inside stays; the last one, before the closing `"""`, is escaped.
                "and a \"quote\\\""
            ]
        );
        let go = Language::Go.spec().description_lines(text);
        assert_eq!(go[0], "Ends */ here, \"\"\" there, \\ a backslash");
        // Two quotes in a row are escaped too: a third from the next character or the closing
        // delimiter cannot join them.
        assert_eq!(
            Language::Python.spec().description_lines("a \"\" b"),
            ["a \\\"\\\" b"]
        );
    }

    #[test]
    fn description_lines_split_at_every_line_terminator_and_drop_control_characters() {
        let go = Language::Go.spec();
        assert_eq!(
            go.description_lines("  one\r\ntwo\rthree\n\nfour\u{0}\u{feff}  "),
            ["one", "two", "three", "", "four\u{fffd}\u{fffd}"]
        );
        assert!(go.description_lines("   ").is_empty());
        // Schema descriptions in comments get the same splitting: a lone CR would end a Python
        // comment and start code.
        assert_eq!(Language::Python.spec().doc_lines("a\rb"), ["a", "b"]);
    }

    #[test]
    fn one_of_fields_per_language() {
        assert_eq!(
            Language::TypeScript.spec().one_of_field("id", "string"),
            ("string".to_owned(), String::new())
        );
        assert_eq!(
            Language::Python.spec().one_of_field("id", "str"),
            ("str".to_owned(), String::new())
        );
        // Go: a pointer even to a slice, so that an empty list counts as set.
        assert_eq!(
            Language::Go.spec().one_of_field("ids", "[]string"),
            (
                "*[]string".to_owned(),
                "`json:\"ids,omitempty\"`".to_owned()
            )
        );
        assert!(Language::Python.spec().one_of.member_types);
        assert!(!Language::TypeScript.spec().one_of.member_types);
        assert_eq!(
            Language::Go.spec().one_of.methods,
            ["Validate", "MarshalJSON"]
        );
    }

    #[test]
    fn string_literals_survive_awkward_text() {
        let text = "query A { f(s: \"`${x}` \\\\ \\\"\\\"\\\"\") }";
        assert!(Language::TypeScript
            .spec()
            .string_literal(text)
            .contains("\\`\\${x}\\`"));
        let go = Language::Go.spec().string_literal(text);
        assert!(go.starts_with('"'), "{go}");
        let py = Language::Python.spec().string_literal("a \"\"\" b");
        assert_eq!(py, "\"\"\"a \\\"\\\"\\\" b\"\"\"");
    }
}
