//! `schemalift codegen [SCHEMA...] --lang typescript|python|go [--ops GLOB]... -o DIR`: typed
//! client stubs; the schema and operations left out come from the project's graphql-config.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::output;
use crate::schema_arg::{self, Documents};
use anyhow::Context as _;
use clap::ValueEnum;
use schemalift_check::config::Config;
use schemalift_render::codegen::{self, scalars, Language, Options};
use schemalift_render::Templates;
use std::path::PathBuf;

/// Generate a typed GraphQL client for the operations in --ops.
///
/// Without SCHEMA or --ops, the `schema` and `documents` of the project's graphql-config
/// (.graphqlrc, graphql.config.yml, package.json's "graphql", …) are used, as GraphQL Code
/// Generator and the GraphQL language server read them.
///
/// Every operation document is validated against the schema first (errors as file:line:col).
/// Per operation: a variables type, a result type that mirrors the selection set (aliases,
/// nullability, lists, fragments, unions discriminated by __typename), the document text and a
/// request function over the language's standard HTTP client that sends a bearer token and
/// turns GraphQL errors into errors. Custom scalars map with --scalar or the [codegen.scalars]
/// table of schemalift.toml; unmapped ones become the language's JSON value type, with a warning.
/// Output is deterministic; files of operations removed since the last run into DIR are deleted,
/// but only the ones schemalift listed in DIR/.schemalift-codegen, and a file schemalift did not
/// write is never overwritten. Exit codes: 0 ok, 2 the schema or an operation is invalid or a file
/// cannot be read or written.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Schema files, a directory, `-` for stdin, an introspection .json, git:REV:PATH, or a URL
    /// to introspect.
    ///
    /// Default: the `schema` of the graphql-config (.graphqlrc, .graphqlrc.yml, graphql.config.yml,
    /// package.json's "graphql", …) in the current directory or the nearest one above it, up to
    /// the repository root.
    #[arg(value_name = "SCHEMA")]
    schemas: Vec<String>,
    /// The client's language.
    #[arg(long, value_enum)]
    lang: Lang,
    /// Operation documents: files, directories or glob patterns (repeatable). Default: the
    /// `documents` of the graphql-config (their .graphql and .gql files).
    #[arg(long, value_name = "GLOB")]
    ops: Vec<String>,
    /// The graphql-config project whose schema and documents to use when SCHEMA or --ops is
    /// left out (default: the project named `default`).
    #[arg(long, value_name = "NAME")]
    project: Option<String>,
    /// The directory to write the client into.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Map a custom scalar to a type of the language, e.g. DateTime=string (repeatable; wins
    /// over schemalift.toml).
    #[arg(long = "scalar", value_name = "NAME=TYPE")]
    scalars: Vec<String>,
    /// A directory of templates that override the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// The configuration file (default: schemalift.toml in the current directory or the nearest
    /// one above it, up to the repository root).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The Go package name (default: the output directory's name).
    #[arg(long, value_name = "NAME")]
    package: Option<String>,
    /// Generate from an invalid schema anyway (its errors become warnings).
    #[arg(long)]
    allow_invalid: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Lang {
    #[value(alias = "ts")]
    Typescript,
    #[value(alias = "py")]
    Python,
    Go,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Language {
        match lang {
            Lang::Typescript => Language::TypeScript,
            Lang::Python => Language::Python,
            Lang::Go => Language::Go,
        }
    }
}

/// The scalar mapping: the config file's, then the flags on top.
fn scalar_map(args: &Args, language: Language) -> anyhow::Result<scalars::ScalarMap> {
    let config = Config::find(args.config.as_deref())?;
    let mut map = scalars::from_config(&config.codegen, language);
    for flag in &args.scalars {
        let (name, ty) = scalars::parse_flag(flag).map_err(anyhow::Error::msg)?;
        map.insert(name, ty);
    }
    Ok(map)
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let language = Language::from(args.lang);
    let scalars = scalar_map(&args, language)?;
    let inputs = schema_arg::from_graphql_config(
        &args.schemas,
        &args.ops,
        args.project.as_deref(),
        true,
        Documents::Required,
    )?;
    let loaded = schema_arg::load_usable_with(&inputs.schemas, &args.fetch, args.allow_invalid)?;
    let operation_sources = schemalift_model::documents::read(&inputs.ops)?;
    let templates = Templates::load(language.spec().name, args.templates.as_deref())?;
    let package = args.package.clone().or_else(|| {
        std::path::absolute(&args.output)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    });
    let options = Options {
        language,
        scalars,
        schema_name: schema_arg::describe(&inputs.schemas),
        package,
    };
    let generated =
        match codegen::generate(&loaded.schema, &operation_sources, &options, &templates) {
            Ok(generated) => generated,
            Err(codegen::CodegenError::Operations(err)) => {
                schema_arg::print_error_lines("", err.located());
                return Err(err.into());
            }
            Err(err) => return Err(err.into()),
        };
    for warning in &generated.warnings {
        output::warning(warning);
    }
    let report = codegen::write(&args.output, &generated.files)
        .with_context(|| format!("cannot write the client into {}", args.output.display()))?;
    for warning in &report.warnings {
        output::warning(warning);
    }
    for name in &report.removed {
        eprintln!(
            "removed {} (no longer generated)",
            args.output.join(name).display()
        );
    }
    eprintln!(
        "wrote {} files for {} operation{} into {}",
        generated.files.len(),
        generated.operations,
        if generated.operations == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(Exit::Ok)
}
