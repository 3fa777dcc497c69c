//! The catalogue of documentation kinds: the sections of the reference, in page order, with
//! their folder names and titles. Adding a kind is adding a row here.

use apollo_compiler::ast::OperationType;

/// One kind of entry in the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// The id templates see, the kind page's file stem and the folder of its type pages.
    pub id: &'static str,
    pub title: &'static str,
    pub singular: &'static str,
    /// One sentence for the index page.
    pub about: &'static str,
    /// For the root kinds, the operation type whose root type's fields are the entries.
    pub root_operation: Option<OperationType>,
}

pub const QUERIES: KindSpec = KindSpec {
    id: "queries",
    title: "Queries",
    singular: "Query",
    about: "The fields of the query root type: where every read starts.",
    root_operation: Some(OperationType::Query),
};

pub const MUTATIONS: KindSpec = KindSpec {
    id: "mutations",
    title: "Mutations",
    singular: "Mutation",
    about: "The fields of the mutation root type: every write.",
    root_operation: Some(OperationType::Mutation),
};

pub const SUBSCRIPTIONS: KindSpec = KindSpec {
    id: "subscriptions",
    title: "Subscriptions",
    singular: "Subscription",
    about: "The fields of the subscription root type: streams of events.",
    root_operation: Some(OperationType::Subscription),
};

pub const OBJECTS: KindSpec = KindSpec {
    id: "objects",
    title: "Objects",
    singular: "Object",
    about: "Types with fields, which operations select.",
    root_operation: None,
};

pub const INTERFACES: KindSpec = KindSpec {
    id: "interfaces",
    title: "Interfaces",
    singular: "Interface",
    about: "Sets of fields that several types implement.",
    root_operation: None,
};

pub const UNIONS: KindSpec = KindSpec {
    id: "unions",
    title: "Unions",
    singular: "Union",
    about: "Types whose value is one of several object types.",
    root_operation: None,
};

pub const ENUMS: KindSpec = KindSpec {
    id: "enums",
    title: "Enums",
    singular: "Enum",
    about: "Types whose value is one of a fixed set of names.",
    root_operation: None,
};

pub const INPUTS: KindSpec = KindSpec {
    id: "inputs",
    title: "Input objects",
    singular: "Input object",
    about: "Structured values that arguments take.",
    root_operation: None,
};

pub const SCALARS: KindSpec = KindSpec {
    id: "scalars",
    title: "Scalars",
    singular: "Scalar",
    about: "Leaf values: the built-in Int, Float, String, Boolean and ID, and the schema's own.",
    root_operation: None,
};

pub const DIRECTIVES: KindSpec = KindSpec {
    id: "directives",
    title: "Directives",
    singular: "Directive",
    about: "Annotations on schema elements or on parts of an operation.",
    root_operation: None,
};

/// Every kind, in the order of the index page and of a single-file document.
pub const KINDS: [KindSpec; 10] = [
    QUERIES,
    MUTATIONS,
    SUBSCRIPTIONS,
    OBJECTS,
    INTERFACES,
    UNIONS,
    ENUMS,
    INPUTS,
    SCALARS,
    DIRECTIVES,
];
