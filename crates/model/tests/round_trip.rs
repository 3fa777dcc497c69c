//! Round trip over the vendored corpus: every schema survives SDL → introspection JSON → SDL (and
//! JSON → SDL → JSON) with the same types, fields, arguments, default values, descriptions,
//! deprecations and reasons, directive definitions, specifiedBy, repeatable, oneOf and root types.

use apollo_compiler::ast;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Node;
use schemalift_model::{
    builtins, introspection, load, sdl, Edition, Input, LoadedSchema, Schema, SchemaSource, Valid,
};
use std::path::{Path, PathBuf};

fn corpus_files() -> Vec<PathBuf> {
    let mut files = schemalift_corpus::schemas();
    assert!(files.len() >= 20, "corpus incomplete: {files:?}");
    // The bundled sample uses what the corpus lacks: @specifiedBy, @oneOf, deprecated arguments.
    files
        .push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/spacelift/schema.graphql"));
    files.push(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/spacelift/schema-next.graphql"),
    );
    // Every feature of the September 2026 edition.
    files.push(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/edition-2026/schema.graphql"),
    );
    files
}

fn from_text(name: &str, text: String) -> LoadedSchema {
    schemalift_model::load_inputs(vec![Input {
        name: name.into(),
        text,
    }])
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The introspection answer, the strongest schema equality that survives JSON. Written directly,
/// it must be exactly what apollo-compiler's executor answers.
fn answer(schema: &Valid<schemalift_model::Schema>) -> serde_json::Value {
    let answer = introspection::to_json(schema);
    let executed = introspection::execute(schema, introspection::QUERY, Default::default());
    assert!(
        answer == executed,
        "the written answer differs from the executor's"
    );
    answer
}

fn check(path: &Path) {
    let name = path.display().to_string();
    let original = load(&[SchemaSource::Path(path.to_owned())]).unwrap();
    let json = answer(&original.schema);
    assert!(json.get("errors").is_none(), "{name}: {}", json["errors"]);

    // SDL → JSON → SDL
    let from_json = introspection::from_value(&json, &name).unwrap();
    assert!(
        from_json.warnings.is_empty(),
        "{name}: {:?}",
        from_json.warnings
    );
    let sdl_again = sdl::print(&from_json.schema, false);
    let reloaded = from_text("again.graphql", sdl_again);
    // An invalid schema goes out as the partial schema that could be built (first definitions
    // win), which is valid; a valid one must stay valid. GitHub's and Braintree's break rules
    // newer than October 2021 (a deprecated `id` implementing `Node.id`), and still do.
    assert!(
        reloaded.is_valid_under(Edition::October2021),
        "{name}: invalid after the round trip: {}",
        reloaded.diagnostics
    );
    let json_again = answer(&reloaded.schema);
    // SDL leaves built-in directives out by name, as graphql-js `printSchema` does, so a
    // schema's own variant of one (GitHub's older `@deprecated`, Braintree's British
    // `@specifiedBy`) does not survive SDL; everything else must.
    let (json, json_again) = (
        without_built_in_directives(json),
        without_built_in_directives(json_again),
    );
    if json != json_again {
        let (a, b) = (json.to_string(), json_again.to_string());
        let at = a
            .bytes()
            .zip(b.bytes())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "{name}: introspection differs after the round trip at byte {at}:\n{}\n{}",
            &a[at.saturating_sub(200)..(at + 200).min(a.len())],
            &b[at.saturating_sub(200)..(at + 200).min(b.len())]
        );
    }
    // Printing is stable: the round-tripped schema prints as the original does.
    // Introspection has no applied directives but @deprecated, @specifiedBy and @oneOf; the SDL
    // must be the same but for the others.
    let expected = without_custom_directive_usages(&original.schema);
    let (before, after) = (
        sdl::print(&expected, true),
        sdl::print(&reloaded.schema, true),
    );
    if before != after {
        let line = before.lines().zip(after.lines()).position(|(a, b)| a != b);
        panic!("{name}: sorted SDL differs after the round trip, line {line:?}");
    }
}

fn without_built_in_directives(mut json: serde_json::Value) -> serde_json::Value {
    if let Some(directives) = json["data"]["__schema"]["directives"].as_array_mut() {
        directives.retain(|d| !builtins::is_directive(d["name"].as_str().unwrap_or_default()));
    }
    json
}

fn without_custom_directive_usages(schema: &Schema) -> Schema {
    const KEPT: [&str; 3] = ["deprecated", "specifiedBy", "oneOf"];
    fn ast_list(list: &mut ast::DirectiveList) {
        list.0.retain(|d| KEPT.contains(&d.name.as_str()));
    }
    fn args(args: &mut [Node<ast::InputValueDefinition>]) {
        args.iter_mut()
            .for_each(|a| ast_list(&mut a.make_mut().directives));
    }
    let mut schema = schema.clone();
    schema.schema_definition.make_mut().directives.0.clear();
    for def in schema.directive_definitions.values_mut() {
        let def = def.make_mut();
        ast_list(&mut def.directives);
        args(&mut def.arguments);
    }
    for ty in schema.types.values_mut() {
        match ty {
            ExtendedType::Scalar(t) => t
                .make_mut()
                .directives
                .0
                .retain(|d| KEPT.contains(&d.name.as_str())),
            ExtendedType::Object(t) => {
                let t = t.make_mut();
                t.directives.0.clear();
                for f in t.fields.values_mut() {
                    let f = f.make_mut();
                    ast_list(&mut f.directives);
                    args(&mut f.arguments);
                }
            }
            ExtendedType::Interface(t) => {
                let t = t.make_mut();
                t.directives.0.clear();
                for f in t.fields.values_mut() {
                    let f = f.make_mut();
                    ast_list(&mut f.directives);
                    args(&mut f.arguments);
                }
            }
            ExtendedType::Union(t) => t.make_mut().directives.0.clear(),
            ExtendedType::Enum(t) => {
                let t = t.make_mut();
                t.directives.0.clear();
                t.values
                    .values_mut()
                    .for_each(|v| ast_list(&mut v.make_mut().directives));
            }
            ExtendedType::InputObject(t) => {
                let t = t.make_mut();
                t.directives.0.retain(|d| KEPT.contains(&d.name.as_str()));
                t.fields
                    .values_mut()
                    .for_each(|f| ast_list(&mut f.make_mut().directives));
            }
        }
    }
    schema
}

#[test]
fn every_corpus_schema_round_trips() {
    let files = corpus_files();
    std::thread::scope(|scope| {
        for chunk in files.chunks(files.len().div_ceil(2)) {
            scope.spawn(move || chunk.iter().for_each(|f| check(f)));
        }
    });
}
