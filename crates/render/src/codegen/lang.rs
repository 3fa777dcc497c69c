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
    pub files: &'static [OutputFile],
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

    /// A description as comment lines, escaped for the comment syntax the templates use.
    pub fn doc_lines(&self, text: &str) -> Vec<String> {
        text.trim()
            .lines()
            .map(|line| match self.language {
                Language::TypeScript => line.trim_end().replace("*/", "*\\/"),
                Language::Python | Language::Go => line.trim_end().to_owned(),
            })
            .collect()
    }
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
