//! Building the view model from a schema, in one pass over its types plus one for the "used by"
//! index.

use super::example;
use super::kinds::{self, KindSpec, KINDS};
use super::text;
use super::*;
use crate::anchors;
use apollo_compiler::ast::{self, DirectiveList, OperationType};
use apollo_compiler::collections::IndexMap;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Node;
use apollo_compiler::Schema;
use rayon::prelude::*;
use schemalift_model::builtins;
use std::collections::{HashMap, HashSet};

/// How the documentation is laid out, which decides every link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// An index page, a page per kind and a page per type and directive.
    Pages,
    /// Everything in the index file, linked by anchors.
    SingleFile,
}

/// Directives a page shows in its own way (a deprecation notice, a `specifiedBy` link, a one-of
/// note) and so leaves out of the list of applied directives.
const SHOWN_OTHERWISE: [&str; 3] = builtins::WITH_OWN_MEANING;

/// Build the view model of `schema`. `index` is the index page's file name (`README.md`): in a
/// single-file layout, every link points into it.
pub fn build(schema: &Schema, layout: Layout, index: &str) -> SchemaDoc {
    let linker = Linker::new(schema, layout, index);
    let (mut used_by, relations) =
        rayon::join(|| used_by_index(schema, &linker), || Relations::new(schema));
    // Types are independent of each other once the links and indexes exist, so they are built in
    // parallel, each with its own counts; each takes its "used by" list out of the index.
    let documented: Vec<_> = documented_types(schema)
        .map(|(name, ty)| (name, ty, used_by.remove(name).unwrap_or_default()))
        .collect();
    let built: Vec<(TypeDoc, Counts)> = documented
        .into_par_iter()
        .map(|(name, ty, used_by)| {
            let mut counts = Counts::default();
            let doc = type_doc(schema, &linker, name, ty, &relations, used_by, &mut counts);
            (doc, counts)
        })
        .collect();
    let mut counts = Counts::default();
    let mut types = Vec::with_capacity(built.len());
    for (doc, type_counts) in built {
        counts.add(&type_counts);
        types.push(doc);
    }
    types.sort_by(|a, b| a.name.cmp(&b.name));
    counts.types = types.len();

    let mut directives: Vec<DirectiveDoc> = schema
        .directive_definitions
        .values()
        .map(|d| directive_doc(&linker, d, &mut counts))
        .collect();
    directives.sort_by(|a, b| a.name.cmp(&b.name));
    counts.directives = directives.len();

    let kinds: Vec<KindDoc> = KINDS
        .iter()
        .filter_map(|spec| kind_doc(schema, &linker, spec, &types, &directives))
        .collect();
    let roots = kinds
        .iter()
        .filter_map(|k| {
            let operation = spec_of(k.id).root_operation?;
            Some(RootRef {
                operation: operation.name(),
                type_name: k.root_type.clone()?,
                link: k.link.clone(),
            })
        })
        .collect();
    let info = SchemaInfo {
        description: schema
            .schema_definition
            .description
            .as_deref()
            .and_then(text::clean),
        counts,
        roots,
        kinds: kinds
            .iter()
            .map(|k| KindSummary {
                id: k.id,
                title: k.title,
                about: k.about,
                count: k.entries.len(),
                link: k.link.clone(),
            })
            .collect(),
        index: index.to_owned(),
    };
    SchemaDoc {
        info,
        kinds,
        types,
        directives,
    }
}

fn spec_of(id: &str) -> &'static KindSpec {
    KINDS
        .iter()
        .find(|k| k.id == id)
        .expect("kind ids come from KINDS")
}

/// Every type the docs document: all but the introspection types (`__Schema`, …).
fn documented_types(schema: &Schema) -> impl Iterator<Item = (&str, &ExtendedType)> {
    schema
        .types
        .iter()
        .filter(|(name, _)| !name.starts_with("__"))
        .map(|(name, ty)| (name.as_str(), ty))
}

/// The root operation each root type serves.
fn root_operations(schema: &Schema) -> HashMap<&str, OperationType> {
    [
        OperationType::Query,
        OperationType::Mutation,
        OperationType::Subscription,
    ]
    .into_iter()
    .filter_map(|op| schema.root_operation(op).map(|name| (name.as_str(), op)))
    .collect()
}

fn kind_of(ty: &ExtendedType, root: Option<OperationType>) -> &'static KindSpec {
    if let Some(kind) = KINDS
        .iter()
        .find(|kind| root.is_some_and(|op| kind.root_operation == Some(op)))
    {
        return kind;
    }
    match ty {
        ExtendedType::Scalar(_) => &kinds::SCALARS,
        ExtendedType::Object(_) => &kinds::OBJECTS,
        ExtendedType::Interface(_) => &kinds::INTERFACES,
        ExtendedType::Union(_) => &kinds::UNIONS,
        ExtendedType::Enum(_) => &kinds::ENUMS,
        ExtendedType::InputObject(_) => &kinds::INPUTS,
    }
}

/// Where everything lives: each type's and directive's page and section anchor, and how links to
/// them and to their members are spelled in the chosen layout.
struct Linker {
    layout: Layout,
    index: String,
    /// Type name → (page, kind, root operation).
    types: HashMap<String, (String, &'static KindSpec, Option<OperationType>)>,
    directives: HashMap<String, String>,
}

impl Linker {
    fn new(schema: &Schema, layout: Layout, index: &str) -> Linker {
        let roots = root_operations(schema);
        // Pages are files: on a case-insensitive file system `Foo.md` and `foo.md` are one file,
        // so the second name to claim a path gets a numbered one. Names are visited sorted, so the
        // choice is deterministic.
        let mut taken: HashSet<String> = HashSet::new();
        let mut claim = |dir: &str, name: &str| -> String {
            let mut path = format!("{dir}/{name}.md");
            let mut n = 2;
            while !taken.insert(path.to_lowercase()) {
                path = format!("{dir}/{name}-{n}.md");
                n += 1;
            }
            path
        };
        let mut names: Vec<(&str, &ExtendedType)> = documented_types(schema).collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        let mut types = HashMap::with_capacity(names.len());
        for (name, ty) in names {
            let root = roots.get(name).copied();
            let kind = kind_of(ty, root);
            let page = match (layout, root) {
                (Layout::SingleFile, _) => index.to_owned(),
                (Layout::Pages, Some(_)) => format!("{}.md", kind.id),
                (Layout::Pages, None) => claim(kind.id, name),
            };
            types.insert(name.to_owned(), (page, kind, root));
        }
        let mut directive_names: Vec<&str> = schema
            .directive_definitions
            .keys()
            .map(|n| n.as_str())
            .collect();
        directive_names.sort_unstable();
        let directives = directive_names
            .into_iter()
            .map(|name| {
                let page = match layout {
                    Layout::SingleFile => index.to_owned(),
                    Layout::Pages => claim(kinds::DIRECTIVES.id, name),
                };
                (name.to_owned(), page)
            })
            .collect();
        Linker {
            layout,
            index: index.to_owned(),
            types,
            directives,
        }
    }

    fn type_page(&self, name: &str) -> String {
        self.types
            .get(name)
            .map(|(page, _, _)| page.clone())
            .unwrap_or_else(|| self.index.clone())
    }

    /// The link to a named type: its page, or in a single file its section (a root type's section
    /// is its kind's).
    fn type_link(&self, name: &str) -> String {
        match self.layout {
            Layout::Pages => self.type_page(name),
            Layout::SingleFile => match self.types.get(name) {
                Some((_, kind, Some(_))) => format!("#{}", anchors::kind_section(kind.id)),
                _ => format!("#{}", anchors::type_section(name)),
            },
        }
    }

    fn kind_link(&self, kind: &KindSpec) -> String {
        match self.layout {
            Layout::Pages => format!("{}.md", kind.id),
            Layout::SingleFile => format!("#{}", anchors::kind_section(kind.id)),
        }
    }

    fn kind_page(&self, kind: &KindSpec) -> String {
        match self.layout {
            Layout::Pages => format!("{}.md", kind.id),
            Layout::SingleFile => self.index.clone(),
        }
    }

    /// The anchor and link of a member (field, argument, value) of type `owner`.
    fn type_member(&self, owner: &str, local: String) -> (String, String) {
        match self.layout {
            Layout::Pages => {
                let link = format!("{}#{local}", self.type_page(owner));
                (local, link)
            }
            Layout::SingleFile => {
                let anchor = anchors::qualified(&anchors::type_section(owner), &local);
                let link = format!("#{anchor}");
                (anchor, link)
            }
        }
    }

    fn directive_page(&self, name: &str) -> String {
        self.directives
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.index.clone())
    }

    fn directive_link(&self, name: &str) -> String {
        match self.layout {
            Layout::Pages => self.directive_page(name),
            Layout::SingleFile => format!("#{}", anchors::directive_section(name)),
        }
    }

    fn directive_member(&self, directive: &str, local: String) -> (String, String) {
        match self.layout {
            Layout::Pages => {
                let link = format!("{}#{local}", self.directive_page(directive));
                (local, link)
            }
            Layout::SingleFile => {
                let anchor = anchors::qualified(&anchors::directive_section(directive), &local);
                let link = format!("#{anchor}");
                (anchor, link)
            }
        }
    }

    fn type_ref(&self, ty: &ast::Type) -> TypeRef {
        let name = ty.inner_named_type().as_str();
        TypeRef {
            text: ty.to_string(),
            name: name.to_owned(),
            link: self.type_link(name),
            non_null: ty.is_non_null(),
            list: ty.is_list(),
        }
    }

    fn type_links<'a>(&self, names: impl Iterator<Item = &'a str>) -> Vec<TypeLink> {
        names
            .map(|name| TypeLink {
                name: name.to_owned(),
                link: self.type_link(name),
            })
            .collect()
    }
}

fn description(d: &Option<apollo_compiler::Node<str>>) -> Option<String> {
    d.as_deref().and_then(text::clean)
}

/// The deprecation of a field, argument, input field, enum value or directive definition; a
/// reason that is only whitespace reads as the default.
fn deprecation(directives: &DirectiveList) -> Option<Deprecation> {
    let reason = builtins::deprecation(directives)?;
    let reason =
        text::clean(reason).unwrap_or_else(|| builtins::DEFAULT_DEPRECATION_REASON.to_owned());
    Some(Deprecation { reason })
}

fn applied(directives: &DirectiveList) -> Vec<String> {
    directives
        .iter()
        .filter(|d| !SHOWN_OTHERWISE.contains(&d.name.as_str()))
        .map(|d| d.serialize().no_indent().to_string())
        .collect()
}

fn applied_schema(directives: &apollo_compiler::schema::DirectiveList) -> Vec<String> {
    directives
        .iter()
        .filter(|d| !SHOWN_OTHERWISE.contains(&d.name.as_str()))
        .map(|d| d.serialize().no_indent().to_string())
        .collect()
}

fn input_value_doc(
    value: &ast::InputValueDefinition,
    coordinate: String,
    (anchor, link): (String, String),
    linker: &Linker,
    counts: &mut Counts,
) -> InputValueDoc {
    let deprecation = deprecation(&value.directives);
    if deprecation.is_some() {
        counts.deprecated += 1;
    }
    InputValueDoc {
        name: value.name.to_string(),
        anchor,
        link,
        coordinate,
        description: description(&value.description),
        ty: linker.type_ref(&value.ty),
        default: value
            .default_value
            .as_ref()
            .map(|v| ast::Value::serialize(v).no_indent().to_string()),
        required: value.is_required(),
        deprecation,
        directives: applied(&value.directives),
    }
}

/// The description of the same field on an interface that `owner` implements (transitively), for a
/// field whose own definition has none: implementations often leave the text to the interface.
fn inherited_description(schema: &Schema, owner: &str, field: &str) -> Option<String> {
    let mut pending: Vec<&str> = vec![owner];
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(name) = pending.pop() {
        let interfaces = match schema.types.get(name) {
            Some(ExtendedType::Object(o)) => &o.implements_interfaces,
            Some(ExtendedType::Interface(i)) => &i.implements_interfaces,
            _ => continue,
        };
        for interface in interfaces {
            if !seen.insert(interface.as_str()) {
                continue;
            }
            if let Some(found) = schema
                .get_interface(interface)
                .and_then(|i| i.fields.get(field))
                .and_then(|f| description(&f.description))
            {
                return Some(found);
            }
            pending.push(interface.as_str());
        }
    }
    None
}

fn field_doc(
    schema: &Schema,
    linker: &Linker,
    owner: &str,
    field: &ast::FieldDefinition,
    root: Option<OperationType>,
    counts: &mut Counts,
) -> FieldDoc {
    let (anchor, link) = linker.type_member(owner, anchors::field(&field.name));
    let arguments = field
        .arguments
        .iter()
        .map(|arg| {
            counts.arguments += 1;
            input_value_doc(
                arg,
                format!("{owner}.{}({}:)", field.name, arg.name),
                linker.type_member(owner, anchors::argument(&field.name, &arg.name)),
                linker,
                counts,
            )
        })
        .collect();
    let deprecation = deprecation(&field.directives);
    if deprecation.is_some() {
        counts.deprecated += 1;
    }
    FieldDoc {
        name: field.name.to_string(),
        anchor,
        link,
        coordinate: format!("{owner}.{}", field.name),
        description: description(&field.description)
            .or_else(|| inherited_description(schema, owner, &field.name)),
        ty: linker.type_ref(&field.ty),
        arguments,
        deprecation,
        directives: applied(&field.directives),
        example: root.map(|operation| example::operation(schema, operation, field)),
    }
}

fn type_doc(
    schema: &Schema,
    linker: &Linker,
    name: &str,
    ty: &ExtendedType,
    relations: &Relations,
    used_by: Vec<Usage>,
    counts: &mut Counts,
) -> TypeDoc {
    let (page, kind, root) = linker
        .types
        .get(name)
        .cloned()
        .expect("every documented type has a page");
    let type_description = description(&match ty {
        ExtendedType::Scalar(t) => t.description.clone(),
        ExtendedType::Object(t) => t.description.clone(),
        ExtendedType::Interface(t) => t.description.clone(),
        ExtendedType::Union(t) => t.description.clone(),
        ExtendedType::Enum(t) => t.description.clone(),
        ExtendedType::InputObject(t) => t.description.clone(),
    });
    let mut doc = TypeDoc {
        name: name.to_owned(),
        kind: kind.id,
        kind_title: kind.singular,
        root_operation: root.map(OperationType::name),
        summary: type_description.as_deref().map(text::summary),
        description: type_description,
        page,
        link: linker.type_link(name),
        anchor: anchors::type_section(name),
        built_in: ty.is_built_in(),
        fields: Vec::new(),
        input_fields: Vec::new(),
        values: Vec::new(),
        interfaces: Vec::new(),
        implemented_by: Vec::new(),
        members: Vec::new(),
        member_of: Vec::new(),
        used_by,
        specified_by: None,
        one_of: false,
        directives: applied_schema(ty.directives()),
    };
    let fields = |fields: &IndexMap<apollo_compiler::Name, Node<ast::FieldDefinition>>,
                  counts: &mut Counts| {
        fields
            .values()
            .map(|f| {
                counts.fields += 1;
                field_doc(schema, linker, name, f, root, counts)
            })
            .collect::<Vec<_>>()
    };
    match ty {
        ExtendedType::Object(t) => {
            doc.fields = fields(&t.fields, counts);
            doc.interfaces = linker.type_links(t.implements_interfaces.iter().map(|i| i.as_str()));
        }
        ExtendedType::Interface(t) => {
            doc.fields = fields(&t.fields, counts);
            doc.interfaces = linker.type_links(t.implements_interfaces.iter().map(|i| i.as_str()));
        }
        ExtendedType::Union(t) => {
            doc.members = linker.type_links(t.members.iter().map(|m| m.as_str()));
        }
        ExtendedType::Enum(t) => {
            doc.values = t
                .values
                .values()
                .map(|v| {
                    counts.enum_values += 1;
                    let deprecation = deprecation(&v.directives);
                    if deprecation.is_some() {
                        counts.deprecated += 1;
                    }
                    let (anchor, link) = linker.type_member(name, anchors::enum_value(&v.value));
                    EnumValueDoc {
                        name: v.value.to_string(),
                        anchor,
                        link,
                        coordinate: format!("{name}.{}", v.value),
                        description: description(&v.description),
                        deprecation,
                        directives: applied(&v.directives),
                    }
                })
                .collect();
        }
        ExtendedType::InputObject(t) => {
            doc.one_of = t.is_one_of();
            doc.input_fields = t
                .fields
                .values()
                .map(|f| {
                    counts.input_fields += 1;
                    input_value_doc(
                        f,
                        format!("{name}.{}", f.name),
                        linker.type_member(name, anchors::field(&f.name)),
                        linker,
                        counts,
                    )
                })
                .collect();
        }
        ExtendedType::Scalar(t) => {
            doc.specified_by = builtins::specified_by(&t.directives).map(str::to_owned);
        }
    }
    if let Some(names) = relations.implemented_by.get(name) {
        doc.implemented_by = linker.type_links(names.iter().copied());
    }
    if let Some(names) = relations.member_of.get(name) {
        doc.member_of = linker.type_links(names.iter().copied());
    }
    doc
}

/// Who implements each interface and which unions contain each type, computed once for all
/// pages: names sorted.
struct Relations<'a> {
    implemented_by: HashMap<&'a str, Vec<&'a str>>,
    member_of: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Relations<'a> {
    fn new(schema: &'a Schema) -> Relations<'a> {
        let mut implemented_by: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut member_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, ty) in documented_types(schema) {
            let interfaces = match ty {
                ExtendedType::Object(o) => Some(&o.implements_interfaces),
                ExtendedType::Interface(i) => Some(&i.implements_interfaces),
                _ => None,
            };
            for interface in interfaces.into_iter().flatten() {
                implemented_by
                    .entry(interface.as_str())
                    .or_default()
                    .push(name);
            }
            if let ExtendedType::Union(u) = ty {
                for member in &u.members {
                    member_of.entry(member.as_str()).or_default().push(name);
                }
            }
        }
        for names in implemented_by.values_mut().chain(member_of.values_mut()) {
            names.sort_unstable();
            names.dedup();
        }
        Relations {
            implemented_by,
            member_of,
        }
    }
}

fn directive_doc(
    linker: &Linker,
    directive: &ast::DirectiveDefinition,
    counts: &mut Counts,
) -> DirectiveDoc {
    let name = directive.name.as_str();
    let description = description(&directive.description);
    let deprecation = deprecation(&directive.directives);
    if deprecation.is_some() {
        counts.deprecated += 1;
    }
    DirectiveDoc {
        name: name.to_owned(),
        summary: description.as_deref().map(text::summary),
        description,
        page: linker.directive_page(name),
        link: linker.directive_link(name),
        anchor: anchors::directive_section(name),
        arguments: directive
            .arguments
            .iter()
            .map(|arg| {
                counts.arguments += 1;
                input_value_doc(
                    arg,
                    format!("@{name}({}:)", arg.name),
                    linker.directive_member(name, anchors::directive_argument(&arg.name)),
                    linker,
                    counts,
                )
            })
            .collect(),
        locations: directive.locations.iter().map(|l| l.to_string()).collect(),
        repeatable: directive.repeatable,
        built_in: builtins::is_directive(name),
        deprecation,
        directives: applied(&directive.directives),
    }
}

fn kind_doc(
    schema: &Schema,
    linker: &Linker,
    spec: &'static KindSpec,
    types: &[TypeDoc],
    directives: &[DirectiveDoc],
) -> Option<KindDoc> {
    let mut root_type = None;
    let entries: Vec<Entry> = if spec.id == kinds::DIRECTIVES.id {
        directives
            .iter()
            .map(|d| Entry {
                name: d.name.clone(),
                link: d.link.clone(),
                summary: d.summary.clone(),
                deprecated: d.deprecation.is_some(),
                deprecation: d.deprecation.clone(),
            })
            .collect()
    } else if let Some(op) = spec.root_operation {
        let name = schema.root_operation(op)?;
        let root = types.iter().find(|t| t.name == name.as_str())?;
        root_type = Some(root.name.clone());
        let mut entries: Vec<Entry> = root
            .fields
            .iter()
            .map(|f| Entry {
                name: f.name.clone(),
                link: f.link.clone(),
                summary: f.description.as_deref().map(text::summary),
                deprecated: f.deprecation.is_some(),
                deprecation: f.deprecation.clone(),
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        entries
    } else {
        types
            .iter()
            .filter(|t| t.kind == spec.id)
            .map(|t| Entry {
                name: t.name.clone(),
                link: t.link.clone(),
                summary: t.summary.clone(),
                deprecated: false,
                deprecation: None,
            })
            .collect()
    };
    if entries.is_empty() && root_type.is_none() {
        return None;
    }
    Some(KindDoc {
        id: spec.id,
        title: spec.title,
        singular: spec.singular,
        about: spec.about,
        link: linker.kind_link(spec),
        page: linker.kind_page(spec),
        anchor: anchors::kind_section(spec.id),
        root_type,
        entries,
    })
}

/// Type name → every place that takes or returns it, sorted by coordinate.
fn used_by_index(schema: &Schema, linker: &Linker) -> HashMap<String, Vec<Usage>> {
    let mut index: HashMap<String, Vec<Usage>> = HashMap::new();
    let mut add = |ty: &ast::Type, kind: &'static str, coordinate: String, link: String| {
        index
            .entry(ty.inner_named_type().to_string())
            .or_default()
            .push(Usage {
                kind,
                coordinate,
                link,
                type_text: ty.to_string(),
            });
    };
    for (owner, ty) in documented_types(schema) {
        let fields = match ty {
            ExtendedType::Object(t) => Some(&t.fields),
            ExtendedType::Interface(t) => Some(&t.fields),
            _ => None,
        };
        for field in fields.into_iter().flat_map(|f| f.values()) {
            let (_, link) = linker.type_member(owner, anchors::field(&field.name));
            add(&field.ty, "field", format!("{owner}.{}", field.name), link);
            for arg in &field.arguments {
                let (_, link) =
                    linker.type_member(owner, anchors::argument(&field.name, &arg.name));
                add(
                    &arg.ty,
                    "argument",
                    format!("{owner}.{}({}:)", field.name, arg.name),
                    link,
                );
            }
        }
        if let ExtendedType::InputObject(t) = ty {
            for field in t.fields.values() {
                let (_, link) = linker.type_member(owner, anchors::field(&field.name));
                add(
                    &field.ty,
                    "input field",
                    format!("{owner}.{}", field.name),
                    link,
                );
            }
        }
    }
    for directive in schema.directive_definitions.values() {
        for arg in &directive.arguments {
            let (_, link) =
                linker.directive_member(&directive.name, anchors::directive_argument(&arg.name));
            add(
                &arg.ty,
                "directive argument",
                format!("@{}({}:)", directive.name, arg.name),
                link,
            );
        }
    }
    for usages in index.values_mut() {
        usages.sort_by(|a, b| a.coordinate.cmp(&b.coordinate));
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sdl: &str) -> SchemaDoc {
        let schema = Schema::parse(format!("type Query {{ q: Int }}\n{sdl}"), "t.graphql")
            .unwrap_or_else(|e| panic!("{}", e.errors));
        build(&schema, Layout::Pages, "README.md")
    }

    fn directive<'a>(doc: &'a SchemaDoc, name: &str) -> &'a DirectiveDoc {
        doc.directives.iter().find(|d| d.name == name).unwrap()
    }

    const DIRECTIVES: &str = r#"
        directive @since(version: String!) on DIRECTIVE_DEFINITION | FIELD_DEFINITION
        directive @new on FIELD
        directive @old @since(version: "1.0") @deprecated(reason: "Use `@new`.") on FIELD
        directive @bare @deprecated on FIELD
        directive @extended(x: Int @deprecated(reason: "Gone.")) on FIELD
        extend directive @extended @deprecated(reason: "Use @new.  \n")
    "#;

    #[test]
    fn directive_deprecation_and_its_reason() {
        let doc = doc(DIRECTIVES);
        let reason = |name| {
            directive(&doc, name)
                .deprecation
                .as_ref()
                .map(|d| d.reason.as_str())
        };
        assert_eq!(reason("old"), Some("Use `@new`."));
        assert_eq!(reason("bare"), Some("No longer supported"));
        // Deprecated by `extend directive`; the reason cleaned like any other.
        assert_eq!(reason("extended"), Some("Use @new."));
        assert_eq!(reason("new"), None);
        assert_eq!(reason("deprecated"), None);
        // Three directives and one directive argument.
        assert_eq!(doc.info.counts.deprecated, 4);
    }

    #[test]
    fn directives_applied_to_a_directive_definition_are_listed_but_not_deprecated() {
        let doc = doc(DIRECTIVES);
        assert_eq!(
            directive(&doc, "old").directives,
            vec![r#"@since(version: "1.0")"#.to_owned()]
        );
        assert!(directive(&doc, "extended").directives.is_empty());
        assert!(directive(&doc, "new").directives.is_empty());
        assert!(directive(&doc, "oneOf").built_in);
        assert!(!directive(&doc, "old").built_in);
    }

    #[test]
    fn the_directives_listing_marks_deprecated_entries_with_their_reason() {
        let doc = doc(DIRECTIVES);
        let kind = doc.kinds.iter().find(|k| k.id == "directives").unwrap();
        let entry = |name: &str| kind.entries.iter().find(|e| e.name == name).unwrap();
        assert!(entry("old").deprecated);
        assert_eq!(
            entry("old").deprecation.as_ref().unwrap().reason,
            "Use `@new`."
        );
        assert_eq!(entry("old").link, "directives/old.md");
        assert!(!entry("new").deprecated);
        assert!(entry("new").deprecation.is_none());
        // Type entries are never deprecated.
        let objects = doc.kinds.iter().find(|k| k.id == "queries").unwrap();
        assert!(objects.entries.iter().all(|e| e.deprecation.is_none()));
    }

    #[test]
    fn the_edition_2026_sample() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/edition-2026/schema.graphql"
        );
        let schema = Schema::parse(std::fs::read_to_string(path).unwrap(), path).unwrap();
        let doc = build(&schema, Layout::Pages, "README.md");
        let stack_by = doc.types.iter().find(|t| t.name == "StackBy").unwrap();
        assert!(stack_by.one_of);
        assert_eq!(
            stack_by.directives,
            vec![r#"@tag(name: "lookup")"#.to_owned()]
        );
        let reason = |name| {
            directive(&doc, name)
                .deprecation
                .as_ref()
                .map(|d| d.reason.clone())
        };
        assert_eq!(
            reason("audited").as_deref(),
            Some("Every mutation is audited now.")
        );
        assert_eq!(
            reason("cached").as_deref(),
            Some("Use `@cacheControl(maxAge:)`.")
        );
        assert_eq!(reason("cacheControl"), None);
        assert_eq!(
            directive(&doc, "cacheControl").directives,
            vec![r#"@since(version: "1.2")"#.to_owned()]
        );
    }
}
