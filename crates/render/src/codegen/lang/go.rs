//! Go: one package of exported structs with JSON tags, pointers for null, a constant per enum
//! value, a wrapper struct with JSON methods per union, and gofmt's column alignment.

use super::{
    Finish, Imports, Keys, Language, Naming, OneOfStyle, OutputFile, Per, Spec, Text, Types,
};
use crate::codegen::naming::{pascal, snake, words};

pub(super) const SPEC: Spec = Spec {
    language: Language::Go,
    name: "go",
    aliases: &["golang"],
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
    types: Types {
        builtin_scalars: ["string", "int", "float64", "bool", "string"],
        unknown_scalar: "json.RawMessage",
        list: ("[]", ""),
        nullable,
        typename_literals: None,
    },
    naming: Naming {
        schema_type: pascal,
        enum_constant: Some(|enum_name, value| format!("{enum_name}{}", exported(value))),
        function: pascal,
        function_escapes: false,
        document: |operation| format!("{}Document", pascal(operation)),
        file_stem,
        package: package_name,
    },
    keys: Keys {
        // An exported field needs a letter first: `_` spells nothing, `_2fa` starts with a digit.
        name: |json| match exported(json) {
            name if name.is_empty() => "Field".to_owned(),
            name if name.starts_with(|c: char| c.is_ascii_digit()) => format!("F{name}"),
            name => name,
        },
        optional: nullable,
        tag: |json, optional| {
            let omit = if optional { ",omitempty" } else { "" };
            format!("`json:\"{json}{omit}\"`")
        },
        union_members: &["Typename", "UnmarshalJSON", "MarshalJSON"],
    },
    imports: Imports {
        object: &[],
        optional_key: &[],
        union: &[("encoding/json", "")],
        typename_literals: &[],
        enums: &[],
        scalars: &[],
        request: &[("context", "")],
        scalar_target,
        // One package: nothing to import from itself.
        schema_module: "",
        fragments_module: "",
    },
    // A struct of pointers with `Validate() error`, which `MarshalJSON` calls before encoding.
    one_of: OneOfStyle {
        member_types: false,
        methods: &["Validate", "MarshalJSON"],
        imports: &[("encoding/json", ""), ("fmt", "")],
        // Always a pointer, even to a slice, so that an empty list still counts as set, and
        // left out of the JSON when nil.
        field: |json, ty| (format!("*{ty}"), format!("`json:\"{json},omitempty\"`")),
    },
    text: Text {
        string_literal,
        doc_line: str::to_owned,
        description_line: |line, _| line.to_owned(),
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
    finish: Finish {
        max_blank_lines: 1,
        format: Some(align),
    },
};

/// Go treats `name_test.go`, `name_linux.go`, `name_amd64.go` … specially; an operation file
/// must not end like that.
const FILE_SUFFIXES: &[&str] = &[
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
const INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// Go keywords, which a package name cannot be.
const KEYWORDS: &[&str] = &[
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

/// An exported identifier for a GraphQL name: Pascal case with initialisms in capitals.
fn exported(name: &str) -> String {
    words(name)
        .iter()
        .map(|word| {
            let lower = word.to_lowercase();
            if INITIALISMS.contains(&lower.as_str()) {
                lower.to_uppercase()
            } else if word.chars().all(|c| !c.is_lowercase()) {
                // SCREAMING_CASE enum values read as words: PLAN → Plan.
                pascal(&lower)
            } else {
                pascal(word)
            }
        })
        .collect()
}

/// `T` or nil: a pointer, except for types that already have a nil (slices, maps, pointers,
/// `json.RawMessage`, which is a slice).
fn nullable(ty: &str) -> String {
    let has_nil = ty.starts_with("[]")
        || ty.starts_with("map[")
        || ty == "json.RawMessage"
        || ty.starts_with('*');
    if has_nil {
        ty.to_owned()
    } else {
        format!("*{ty}")
    }
}

/// An operation's file: snake case, with `_op` after a suffix Go's build would read.
fn file_stem(operation: &str) -> String {
    let stem = snake(operation);
    let last = stem.rsplit('_').next().unwrap_or_default();
    if stem.contains('_') && FILE_SUFFIXES.contains(&last) {
        format!("{stem}_op")
    } else {
        stem
    }
}

/// The package name from `--package` (the CLI passes the output directory's name when it is
/// not given): lowercase letters and digits, else `client`.
fn package_name(raw: Option<&str>) -> String {
    let cleaned: String = raw
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let cleaned = cleaned.trim_start_matches(|c: char| c.is_ascii_digit());
    if cleaned.is_empty() || KEYWORDS.contains(&cleaned) {
        "client".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The package a scalar's target type needs: `time.Time` imports `time`, `json.RawMessage`
/// imports `encoding/json`.
fn scalar_target(target: &str) -> Option<String> {
    let bare = target.trim_start_matches(['*', '[', ']']);
    if bare == "json.RawMessage" {
        return Some("encoding/json".to_owned());
    }
    let (path, _) = bare.rsplit_once('.')?;
    Some(path.to_owned())
}

/// A raw string holding `text`, or an interpreted one when a backquote or carriage return
/// (which raw strings drop) is in it.
fn string_literal(text: &str) -> String {
    if !text.contains('`') && !text.contains('\r') {
        return format!("`{text}`");
    }
    // JSON string escapes are a subset of Go's interpreted string literal escapes.
    serde_json::to_string(text).unwrap_or_default()
}

/// Align the columns of struct fields and constant declarations as gofmt does, so generated Go
/// is gofmt-clean: within a `type X struct {}` or `const ()` block, each run of consecutive
/// declaration lines (a comment or blank line ends a run) pads every column but the last to the
/// widest cell plus one space.
fn align(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run: Vec<Vec<&str>> = Vec::new();
    let mut in_block = false;
    let flush = |run: &mut Vec<Vec<&str>>, out: &mut String| {
        let columns = run.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for cells in run.iter() {
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 < cells.len() {
                    widths[i] = widths[i].max(cell.chars().count());
                }
            }
        }
        for cells in run.drain(..) {
            out.push('\t');
            for (i, cell) in cells.iter().enumerate() {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    let pad = widths[i] - cell.chars().count() + 1;
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push('\n');
        }
    };
    for line in text.lines() {
        let declaration = in_block
            && line.starts_with('\t')
            && !line.starts_with("\t\t")
            && !line.trim_start().starts_with("//");
        if declaration {
            // Struct fields: name, type, tag; constants: name, type, `= value`. Neither names nor
            // types contain spaces.
            let mut cells = Vec::with_capacity(3);
            let mut rest = line.trim();
            for _ in 0..2 {
                match rest.split_once(char::is_whitespace) {
                    Some((cell, after)) => {
                        cells.push(cell);
                        rest = after.trim_start();
                    }
                    None => break,
                }
            }
            cells.push(rest);
            run.push(cells);
            continue;
        }
        flush(&mut run, &mut out);
        if line.starts_with("type ") && line.ends_with(" struct {") || line == "const (" {
            in_block = true;
        } else if line == "}" || line == ")" {
            in_block = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_capitalise_initialisms() {
        assert_eq!(exported("id"), "ID");
        assert_eq!(exported("loginURL"), "LoginURL");
        assert_eq!(exported("apiKeyUser"), "APIKeyUser");
        assert_eq!(exported("OPEN_TOFU"), "OpenTofu");
        assert_eq!(exported("__typename"), "Typename");
        assert_eq!(exported("createdAt"), "CreatedAt");
    }

    #[test]
    fn keys_are_exported_fields_with_json_tags() {
        let keys = &SPEC.keys;
        assert_eq!((keys.name)("id"), "ID");
        assert_eq!((keys.name)("_"), "Field");
        assert_eq!((keys.name)("_2fa"), "F2fa");
        assert_eq!((keys.tag)("id", false), "`json:\"id\"`");
        assert_eq!((keys.tag)("id", true), "`json:\"id,omitempty\"`");
    }

    #[test]
    fn file_stems_avoid_build_constraint_suffixes() {
        assert_eq!(file_stem("StackDetails"), "stack_details");
        assert_eq!(file_stem("RunTest"), "run_test_op");
        assert_eq!(file_stem("BuildForLinux"), "build_for_linux_op");
        // A single word is no suffix.
        assert_eq!(file_stem("Test"), "test");
    }

    #[test]
    fn package_names_are_lowercase_identifiers_and_never_keywords() {
        assert_eq!(package_name(Some("My-Client")), "myclient");
        assert_eq!(package_name(Some("2fa")), "fa");
        assert_eq!(package_name(Some("type")), "client");
        assert_eq!(package_name(Some("--")), "client");
        assert_eq!(package_name(None), "client");
    }

    #[test]
    fn scalar_targets_import_their_package() {
        assert_eq!(scalar_target("time.Time").as_deref(), Some("time"));
        assert_eq!(scalar_target("*[]time.Time").as_deref(), Some("time"));
        assert_eq!(
            scalar_target("json.RawMessage").as_deref(),
            Some("encoding/json")
        );
        assert_eq!(
            scalar_target("github.com/shopspring/decimal.Decimal").as_deref(),
            Some("github.com/shopspring/decimal")
        );
        assert_eq!(scalar_target("string"), None);
    }

    #[test]
    fn aligns_like_gofmt() {
        let text = "type A struct {\n\tId string `json:\"id\"`\n\tRunsBefore *string `json:\"runsBefore,omitempty\"`\n\t// doc\n\tX int `json:\"x\"`\n}\n\nconst (\n\tPolicyTypePlan PolicyType = \"PLAN\"\n\tPolicyTypeLoginX PolicyType = \"LOGIN_X\"\n)\n\nfunc f() {\n\tx := 1\n}\n";
        let expected = "type A struct {\n\tId         string  `json:\"id\"`\n\tRunsBefore *string `json:\"runsBefore,omitempty\"`\n\t// doc\n\tX int `json:\"x\"`\n}\n\nconst (\n\tPolicyTypePlan   PolicyType = \"PLAN\"\n\tPolicyTypeLoginX PolicyType = \"LOGIN_X\"\n)\n\nfunc f() {\n\tx := 1\n}\n";
        assert_eq!(align(text), expected);
    }
}
