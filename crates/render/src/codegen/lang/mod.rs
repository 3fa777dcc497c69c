//! The target languages as data: the catalogue of what `schemalift codegen` knows about each
//! language, one [`Spec`] per language in its own module (`typescript.rs`, `python.rs`, `go.rs`).
//!
//! Every per-language decision is a field of the language's entry: how it spells types,
//! names, keys and literals, what each construct imports, which files it generates and how
//! their text is finished. Layout lives in the templates (templates/<language>/). Nothing else
//! in codegen names a language, so a fourth one is a [`Language`] variant, a module here with
//! its `SPEC` in `CATALOGUE`, and a templates folder.

mod go;
mod python;
mod typescript;

use schemalift_model::builtins;
use std::fmt;

/// A language `schemalift codegen` writes clients in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    TypeScript,
    Python,
    Go,
}

/// Every language's entry, in the order of [`Language`]'s variants.
static CATALOGUE: [Spec; 3] = [typescript::SPEC, python::SPEC, go::SPEC];

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

/// What one construct needs imported, as (module, name); an empty name imports the module
/// (Go imports packages, not names).
pub type Needs = &'static [(&'static str, &'static str)];

/// Everything `schemalift codegen` knows about one language.
#[derive(Debug)]
pub struct Spec {
    pub language: Language,
    /// The name on the command line and the templates/ sub-folder.
    pub name: &'static str,
    /// Other names the command line accepts.
    pub aliases: &'static [&'static str],
    pub extension: &'static str,
    /// Names no generated identifier or file may take: the language's keywords (and, for
    /// TypeScript, the primitive type names).
    pub keywords: &'static [&'static str],
    /// Names the generated runtime itself declares or uses, which generated types must not take.
    pub reserved: &'static [&'static str],
    /// File stems operations must not take (the runtime's own modules).
    pub reserved_files: &'static [&'static str],
    pub types: Types,
    pub naming: Naming,
    pub keys: Keys,
    pub imports: Imports,
    pub one_of: OneOfStyle,
    pub text: Text,
    pub files: &'static [OutputFile],
    pub finish: Finish,
}

/// How the language spells type expressions.
#[derive(Debug)]
pub struct Types {
    /// The built-in scalars in the order of [`builtins::SCALARS`]: `String`, `Int`, `Float`,
    /// `Boolean`, `ID`.
    pub builtin_scalars: [&'static str; 5],
    /// The type of a custom scalar nobody mapped: the language's type for any JSON value.
    pub unknown_scalar: &'static str,
    /// `T` as a list: what comes before and after `T`.
    pub list: (&'static str, &'static str),
    /// `T` or null.
    pub nullable: fn(&str) -> String,
    /// The type of a `__typename` that can take one of these names (never empty) as a union of
    /// string literals, where the language has them; else it is the string type.
    pub typename_literals: Option<fn(&[String]) -> String>,
}

/// How the language names what codegen declares; every name then goes through the one
/// registry of its namespace, which resolves collisions.
#[derive(Debug)]
pub struct Naming {
    /// A schema type's (enum, input object, custom scalar) name, from its GraphQL name.
    pub schema_type: fn(&str) -> String,
    /// The constant of an enum value, from the enum's declared name and the value, for
    /// languages that declare one per value (Go: `PolicyTypePlan`); else values are literals.
    pub enum_constant: Option<fn(&str, &str) -> String>,
    /// An operation's request function, from the operation's GraphQL name.
    pub function: fn(&str) -> String,
    /// Whether a taken or keyword function name escapes with `_` first (`delete_`), the idiom
    /// where names can be keywords, before numbers.
    pub function_escapes: bool,
    /// The constant holding an operation's document, from the operation's GraphQL name.
    pub document: fn(&str) -> String,
    /// The file stem of an operation's file, from the operation's GraphQL name.
    pub file_stem: fn(&str) -> String,
    /// The package name the files declare, from `--package`, for languages that have one (Go);
    /// else empty.
    pub package: fn(Option<&str>) -> String,
}

/// How the language writes the keys of an object (response keys, variables, input fields).
#[derive(Debug)]
pub struct Keys {
    /// The key as the language writes it, from the JSON key: a TypeScript property, a Python
    /// key, a Go struct field (claimed in the object's own registry).
    pub name: fn(&str) -> String,
    /// The annotation of a key that may be absent, from its value type.
    pub optional: fn(&str) -> String,
    /// The struct tag of a key, from the JSON key and whether it may be absent; empty without
    /// tags.
    pub tag: fn(&str, bool) -> String,
    /// Names the wrapper of a union declares itself, which its variant fields must not take
    /// (Go: a `Typename` field and the JSON methods).
    pub union_members: &'static [&'static str],
}

/// What each construct needs imported, besides what its types name.
#[derive(Debug)]
pub struct Imports {
    /// Any object declaration.
    pub object: Needs,
    /// A key that may be absent.
    pub optional_key: Needs,
    /// A union of objects told apart by `__typename`.
    pub union: Needs,
    /// A `__typename` typed as string literals.
    pub typename_literals: Needs,
    /// The schema file, when it declares enums.
    pub enums: Needs,
    /// The schema file, when it declares custom scalars.
    pub scalars: Needs,
    /// An operation file with a request function.
    pub request: Needs,
    /// The module a custom scalar's target type needs (Go: `time.Time` needs `time`).
    pub scalar_target: fn(&str) -> Option<String>,
    /// How the operation files import the schema file and the fragments file (empty: they are
    /// one package and import nothing from each other).
    pub schema_module: &'static str,
    pub fragments_module: &'static str,
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
    /// What the declaration needs imported.
    pub imports: Needs,
    /// The annotation and struct tag of a member's field, from its JSON key and its type made
    /// non-null.
    pub field: fn(&str, &str) -> (String, String),
}

/// How the language writes text into code.
#[derive(Debug)]
pub struct Text {
    /// A string literal holding the text exactly (an operation's document).
    pub string_literal: fn(&str) -> String,
    /// A line of a schema description inside the comments the templates put them in.
    pub doc_line: fn(&str) -> String,
    /// A line of the description of an operation, fragment or variable, where the templates
    /// put them; the flag says whether it is the last line.
    pub description_line: fn(&str, bool) -> String,
}

/// How a rendered file's text is finished.
#[derive(Debug)]
pub struct Finish {
    /// Runs of blank lines are cut to this many.
    pub max_blank_lines: usize,
    /// Formatting after that (Go: struct fields and constants aligned as gofmt does).
    pub format: Option<fn(&str) -> String>,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::TypeScript, Language::Python, Language::Go];

    pub fn spec(self) -> &'static Spec {
        &CATALOGUE[self as usize]
    }

    /// The language for a command-line name or alias (`typescript`/`ts`, `python`/`py`,
    /// `go`/`golang`), whatever its case.
    pub fn from_name(name: &str) -> Option<Language> {
        let name = name.to_ascii_lowercase();
        CATALOGUE
            .iter()
            .find(|spec| spec.name == name || spec.aliases.contains(&name.as_str()))
            .map(|spec| spec.language)
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
        builtins::SCALARS
            .iter()
            .position(|s| *s == graphql)
            .map(|i| self.types.builtin_scalars[i])
    }

    /// `T` as a list.
    pub fn list(&self, item: &str) -> String {
        let (before, after) = self.types.list;
        format!("{before}{item}{after}")
    }

    /// `T` or null.
    pub fn nullable(&self, inner: &str) -> String {
        (self.types.nullable)(inner)
    }

    /// The type of `__typename` when it can take one of `names` (none: any string).
    pub fn typename(&self, names: &[String]) -> String {
        match self.types.typename_literals {
            Some(literals) if !names.is_empty() => literals(names),
            _ => self.builtin_scalar("String").unwrap_or_default().to_owned(),
        }
    }

    /// A description as comment lines, escaped for the comment syntax the templates use for
    /// schema descriptions: TSDoc `/** */` in TypeScript, `#` in Python, `//` in Go.
    pub fn doc_lines(&self, text: &str) -> Vec<String> {
        description_lines(text)
            .iter()
            .map(|line| (self.text.doc_line)(line))
            .collect()
    }

    /// A description of an operation, fragment or variable as lines of the language's
    /// documentation syntax for them: TSDoc `/** */` in TypeScript, a docstring in Python (no
    /// backslash escapes, no `"""` or final quote that would end it), `//` comments in Go.
    pub fn description_lines(&self, text: &str) -> Vec<String> {
        let lines = description_lines(text);
        let count = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| (self.text.description_line)(line, i + 1 == count))
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

/// `"a", "b"`: names as double-quoted string literals, joined by `separator`.
fn quoted(names: &[String], separator: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    quoted.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_follows_the_variants() {
        for language in Language::ALL {
            assert_eq!(language.spec().language, language);
            assert_eq!(Language::from_name(language.spec().name), Some(language));
        }
        assert_eq!(Language::from_name("TS"), Some(Language::TypeScript));
        assert_eq!(Language::from_name("py"), Some(Language::Python));
        assert_eq!(Language::from_name("golang"), Some(Language::Go));
        assert_eq!(Language::from_name("rust"), None);
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
    fn typenames_are_literals_where_the_language_has_them() {
        let names = ["Stack".to_owned(), "Module".to_owned()];
        let typename = |language: Language, names: &[String]| language.spec().typename(names);
        assert_eq!(
            typename(Language::TypeScript, &names),
            "\"Stack\" | \"Module\""
        );
        assert_eq!(
            typename(Language::Python, &names),
            "Literal[\"Stack\", \"Module\"]"
        );
        assert_eq!(typename(Language::Go, &names), "string");
        assert_eq!(typename(Language::TypeScript, &[]), "string");
        assert_eq!(typename(Language::Python, &[]), "str");
    }

    #[test]
    fn builtin_scalars_per_language() {
        let spelled = |language: Language| -> Vec<&str> {
            builtins::SCALARS
                .iter()
                .map(|s| language.spec().builtin_scalar(s).expect("built in"))
                .collect()
        };
        assert_eq!(
            spelled(Language::TypeScript),
            ["string", "number", "number", "boolean", "string"]
        );
        assert_eq!(
            spelled(Language::Python),
            ["str", "int", "float", "bool", "str"]
        );
        assert_eq!(
            spelled(Language::Go),
            ["string", "int", "float64", "bool", "string"]
        );
        assert_eq!(Language::Go.spec().builtin_scalar("DateTime"), None);
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
        // In TypeScript they share the TSDoc escape.
        assert_eq!(
            Language::TypeScript.spec().doc_lines("a */ b"),
            ["a *\\/ b"]
        );
    }

    #[test]
    fn one_of_fields_per_language() {
        let field =
            |language: Language, json: &str, ty: &str| (language.spec().one_of.field)(json, ty);
        assert_eq!(
            field(Language::TypeScript, "id", "string"),
            ("string".to_owned(), String::new())
        );
        assert_eq!(
            field(Language::Python, "id", "str"),
            ("str".to_owned(), String::new())
        );
        // Go: a pointer even to a slice, so that an empty list counts as set.
        assert_eq!(
            field(Language::Go, "ids", "[]string"),
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
        let literal = |language: Language, text: &str| (language.spec().text.string_literal)(text);
        let text = "query A { f(s: \"`${x}` \\\\ \\\"\\\"\\\"\") }";
        assert!(literal(Language::TypeScript, text).contains("\\`\\${x}\\`"));
        let go = literal(Language::Go, text);
        assert!(go.starts_with('"'), "{go}");
        assert_eq!(literal(Language::Go, "query A { a }"), "`query A { a }`");
        assert_eq!(
            literal(Language::Python, "a \"\"\" b"),
            "\"\"\"a \\\"\\\"\\\" b\"\"\""
        );
    }
}
