//! What each generated file imports: the names a file refers to are collected while its
//! declarations are spelled ([`Refs`]), then turned into import lines, the standard library
//! first and the client's own modules after, none from the file itself.

use super::Import;
use crate::codegen::lang::{Needs, Spec};
use std::collections::{BTreeMap, BTreeSet};

/// What a file refers to, turned into imports at the end.
#[derive(Debug, Default)]
pub(super) struct Refs {
    /// Names declared in the schema file.
    pub(super) schema: BTreeSet<String>,
    /// Names declared in the fragments file.
    pub(super) fragments: BTreeSet<String>,
    /// (module, name) of the language's standard library and the user's scalar types; an empty
    /// name imports the module itself.
    std: BTreeSet<(String, String)>,
}

/// The generated file that refers to things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum File {
    Schema,
    Fragments,
    Operation,
}

impl Refs {
    /// Note what a construct needs (an entry of the language's [`crate::codegen::lang::Imports`]).
    pub(super) fn need(&mut self, needs: Needs) {
        for (module, name) in needs {
            self.std.insert(((*module).to_owned(), (*name).to_owned()));
        }
    }

    /// Note a module to import whole (a custom scalar's target needs it).
    pub(super) fn need_module(&mut self, module: String) {
        self.std.insert((module, String::new()));
    }

    /// The imports of `file`, in `spec`'s module paths.
    pub(super) fn imports(self, spec: &Spec, file: File) -> Vec<Import> {
        let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, name) in self.std {
            let names = imports.entry(module).or_default();
            if !name.is_empty() {
                names.insert(name);
            }
        }
        let own = [
            (spec.imports.schema_module, self.schema, File::Schema),
            (
                spec.imports.fragments_module,
                self.fragments,
                File::Fragments,
            ),
        ];
        for (module, names, declared_in) in own {
            if !module.is_empty() && !names.is_empty() && file != declared_in {
                imports.insert(module.to_owned(), names);
            }
        }
        let mut imports: Vec<Import> = imports
            .into_iter()
            .map(|(module, names)| Import {
                module,
                names: names.into_iter().collect(),
            })
            .collect();
        // The standard library first, then the client's own modules.
        imports.sort_by_key(|i| (i.module.starts_with('.'), i.module.clone()));
        imports
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::Language;

    fn refs() -> Refs {
        let mut refs = Refs::default();
        refs.schema.insert("Stack".into());
        refs.fragments.insert("Summary".into());
        refs.need(&[("typing", "TypedDict"), ("typing", "Literal")]);
        refs.need_module("datetime".into());
        refs
    }

    fn lines(imports: &[Import]) -> Vec<String> {
        imports
            .iter()
            .map(|i| format!("{}: {}", i.module, i.names.join(", ")))
            .collect()
    }

    #[test]
    fn the_standard_library_comes_first_then_the_clients_own_modules() {
        let python = Language::Python.spec();
        assert_eq!(
            lines(&refs().imports(python, File::Operation)),
            [
                "datetime: ",
                "typing: Literal, TypedDict",
                ".fragments: Summary",
                ".schema: Stack"
            ]
        );
        let typescript = Language::TypeScript.spec();
        assert_eq!(
            lines(&refs().imports(typescript, File::Operation))[2..],
            ["./fragments.js: Summary", "./schema.js: Stack"]
        );
    }

    #[test]
    fn a_file_imports_nothing_from_itself_nor_from_its_own_package() {
        let python = Language::Python.spec();
        let fragments = lines(&refs().imports(python, File::Fragments));
        assert!(!fragments.iter().any(|l| l.starts_with(".fragments")));
        assert!(fragments.iter().any(|l| l.starts_with(".schema")));
        let schema = lines(&refs().imports(python, File::Schema));
        assert!(
            !schema.iter().any(|l| l.starts_with(".schema")),
            "{schema:?}"
        );
        // Go: one package, only the standard library.
        let go = lines(&refs().imports(Language::Go.spec(), File::Operation));
        assert_eq!(go, ["datetime: ", "typing: Literal, TypedDict"]);
    }
}
