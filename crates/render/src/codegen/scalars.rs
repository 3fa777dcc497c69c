//! Custom scalar mapping: which language type a custom scalar's JSON value is, from
//! `--scalar Name=type` flags and the `[codegen.scalars]` / `[codegen.<language>.scalars]` tables
//! of schemalift.toml. Unmapped custom scalars get the language's type for any JSON value, with a
//! warning.

use super::lang::Language;
use schemalift_check::config::CodegenSection;
use std::collections::BTreeMap;

/// Custom scalar name → language type expression (as it decodes from JSON).
pub type ScalarMap = BTreeMap<String, String>;

/// A `--scalar` flag, `Name=type`.
pub fn parse_flag(arg: &str) -> Result<(String, String), String> {
    let (name, ty) = arg
        .split_once('=')
        .ok_or_else(|| format!("--scalar {arg:?}: expected Name=type, e.g. DateTime=string"))?;
    let (name, ty) = (name.trim(), ty.trim());
    if name.is_empty() || ty.is_empty() {
        return Err(format!(
            "--scalar {arg:?}: expected Name=type, e.g. DateTime=string"
        ));
    }
    Ok((name.to_owned(), ty.to_owned()))
}

/// The scalar mapping the `[codegen]` section of schemalift.toml (read by
/// `schemalift_check::config`) gives `language`: `[codegen.scalars]`, overridden by
/// `[codegen.<language>.scalars]`.
pub fn from_config(codegen: &CodegenSection, language: Language) -> ScalarMap {
    let mut map = codegen.scalars.clone();
    if let Some(own) = codegen.language(language.spec().name) {
        map.extend(own.scalars.clone());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_name_equals_type() {
        assert_eq!(
            parse_flag("DateTime=string"),
            Ok(("DateTime".to_owned(), "string".to_owned()))
        );
        assert_eq!(
            parse_flag("URI = time.Time"),
            Ok(("URI".to_owned(), "time.Time".to_owned()))
        );
        assert!(parse_flag("DateTime").is_err());
        assert!(parse_flag("=string").is_err());
    }

    fn section(text: &str) -> CodegenSection {
        schemalift_check::config::Config::parse(text)
            .expect("valid")
            .codegen
    }

    #[test]
    fn language_tables_override_the_shared_table() {
        let codegen = section(
            r#"
[codegen.scalars]
DateTime = "string"
JSON = "unknown"

[codegen.go.scalars]
DateTime = "time.Time"
"#,
        );
        let go = from_config(&codegen, Language::Go);
        assert_eq!(go["DateTime"], "time.Time");
        assert_eq!(go["JSON"], "unknown");
        let ts = from_config(&codegen, Language::TypeScript);
        assert_eq!(ts["DateTime"], "string");
    }

    #[test]
    fn every_language_has_its_table() {
        for language in [Language::TypeScript, Language::Python, Language::Go] {
            let name = language.spec().name;
            let codegen = section(&format!("[codegen.{name}.scalars]\nDateTime = \"T\"\n"));
            assert_eq!(from_config(&codegen, language)["DateTime"], "T", "{name}");
        }
    }

    #[test]
    fn no_codegen_table_is_no_mapping() {
        let codegen = section("[diff]\nignore-descriptions = true\n");
        assert!(from_config(&codegen, Language::Python).is_empty());
    }
}
