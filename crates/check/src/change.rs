//! The change catalogue: what a difference between two schemas is ([`Change`]), every kind of it
//! ([`ChangeKind`]) and, in one table, each kind's stable code, criticality, message template and
//! the reason a client breaks. Docs (docs/diff.md), reports and rules all read this table.

use schemalift_model::Coordinate;
use serde::Serialize;
use std::fmt;

/// How much a change can hurt a client that was written against the old schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Criticality {
    /// Some valid operations stop validating, or clients receive data they cannot decode.
    Breaking,
    /// Operations still validate, but a client may behave differently (new enum values, new
    /// union members, changed defaults).
    Dangerous,
    /// No client can tell, or only gains something.
    Safe,
}

impl Criticality {
    pub const ALL: [Criticality; 3] = [
        Criticality::Breaking,
        Criticality::Dangerous,
        Criticality::Safe,
    ];

    pub fn as_str(self) -> &'static str {
        self.presentation().code
    }

    /// How this criticality is shown, in every output format.
    pub const fn presentation(self) -> &'static Presentation {
        use anstyle::AnsiColor;
        const BREAKING: Presentation = Presentation {
            code: "breaking",
            title: "Breaking",
            mark: "✖",
            style: AnsiColor::Red.on_default().bold(),
            annotation: Some("error"),
            sarif_level: "error",
            gitlab_severity: "blocker",
        };
        const DANGEROUS: Presentation = Presentation {
            code: "dangerous",
            title: "Dangerous",
            mark: "⚠",
            style: AnsiColor::Yellow.on_default().bold(),
            annotation: Some("warning"),
            sarif_level: "warning",
            gitlab_severity: "major",
        };
        const SAFE: Presentation = Presentation {
            code: "safe",
            title: "Safe",
            mark: "✔",
            style: AnsiColor::Green.on_default(),
            annotation: None,
            sarif_level: "note",
            gitlab_severity: "info",
        };
        match self {
            Criticality::Breaking => &BREAKING,
            Criticality::Dangerous => &DANGEROUS,
            Criticality::Safe => &SAFE,
        }
    }
}

/// How a [`Criticality`] is shown: one row each, read by every report format and the changelog,
/// so a word, mark or colour changes in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    /// The lowercase code of JSON output and of `schemalift.toml` rules (`breaking`).
    pub code: &'static str,
    /// The heading word (`Breaking`).
    pub title: &'static str,
    /// The mark before each change in text and Markdown.
    pub mark: &'static str,
    /// The colour of terminal output.
    pub style: anstyle::Style,
    /// The GitHub workflow command that annotates such a change (`error`, `warning`), if any.
    pub annotation: Option<&'static str>,
    /// The SARIF 2.1.0 `result.level` (`error`, `warning`, `note`).
    pub sarif_level: &'static str,
    /// The GitLab Code Quality `severity`: `blocker` for breaking (the check fails on it by
    /// default), `major` for dangerous (a reviewer should look; `--fail-on dangerous` fails on it),
    /// `info` for safe.
    pub gitlab_severity: &'static str,
}

impl fmt::Display for Criticality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the catalogue says about one kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSpec {
    /// Stable kebab-case code, used in JSON output and in rules (`kind = "field-removed"`).
    pub code: &'static str,
    pub criticality: Criticality,
    /// Message template: `{coordinate}`, `{old}` and `{new}` are replaced by the change's values.
    pub message: &'static str,
    /// For breaking and dangerous kinds, how a client breaks.
    pub reason: Option<&'static str>,
    /// Where the kind applies, for the catalogue page.
    pub applies_to: &'static str,
    /// Where schemalift rates the kind otherwise than the reference implementations (graphql-js
    /// 16 and 17, graphql-inspector): how they rate it and why schemalift does not (docs/diff.md).
    /// JSON output carries it as `peers`.
    pub peers: Option<&'static str>,
}

/// Declares [`ChangeKind`], its list and its one exhaustive `spec` match from a single table, so a
/// kind cannot exist without a code, a criticality, a message and (unless safe) a reason.
macro_rules! catalogue {
    (@peers) => { None };
    (@peers $peers:literal) => { Some($peers) };
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $crit:ident, $applies:literal,
        $message:literal, $reason:expr $(, peers: $peers:literal)?; )*) => {
        /// A kind of change between two schemas. See [`ChangeKind::spec`] for what each means.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ChangeKind { $($(#[$doc])* $variant,)* }

        impl ChangeKind {
            /// Every kind, in catalogue order.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant,)*];

            /// The kind's entry in the catalogue.
            pub const fn spec(self) -> KindSpec {
                match self {
                    $(ChangeKind::$variant => KindSpec {
                        code: $code,
                        criticality: Criticality::$crit,
                        message: $message,
                        reason: $reason,
                        applies_to: $applies,
                        peers: catalogue!(@peers $($peers)?),
                    },)*
                }
            }
        }
    };
}

catalogue! {
    // Types.
    TypeAdded => "type-added", Safe, "types",
        "Type `{coordinate}` ({new}) was added", None;
    TypeRemoved => "type-removed", Breaking, "types",
        "Type `{coordinate}` ({old}) was removed",
        Some("Operations, fragments and variables that name the type no longer validate, and fields that returned it are gone.");
    TypeKindChanged => "type-kind-changed", Breaking, "types",
        "Type `{coordinate}` changed from {old} to {new}",
        Some("Selections, fragments and variables written for the old kind of type no longer validate.");

    // Descriptions, of any element.
    DescriptionAdded => "description-added", Safe, "any element",
        "Description added to `{coordinate}`", None;
    DescriptionRemoved => "description-removed", Safe, "any element",
        "Description removed from `{coordinate}`", None;
    DescriptionChanged => "description-changed", Safe, "any element",
        "Description of `{coordinate}` changed", None;

    // Fields of objects and interfaces.
    FieldAdded => "field-added", Safe, "object and interface fields",
        "Field `{coordinate}: {new}` was added", None;
    FieldRemoved => "field-removed", Breaking, "object and interface fields",
        "Field `{coordinate}` was removed",
        Some("Operations that select the field no longer validate.");
    FieldTypeChanged => "field-type-changed", Breaking, "object and interface fields",
        "Field `{coordinate}` changed type from `{old}` to `{new}`",
        Some("Clients may receive null, a list or a type their selections and generated types do not expect, or their selections no longer validate.");
    FieldTypeNarrowed => "field-type-narrowed", Safe, "object and interface fields",
        "Field `{coordinate}` changed type from `{old}` to `{new}` (stricter output is safe)", None;

    // Arguments, of fields and of directives.
    RequiredArgumentAdded => "required-argument-added", Breaking, "field and directive arguments",
        "Required argument `{coordinate}: {new}` was added",
        Some("Operations that use the field or directive without the new argument no longer validate.");
    OptionalArgumentAdded => "optional-argument-added", Safe, "field and directive arguments",
        "Optional argument `{coordinate}: {new}` was added", None,
        peers: "graphql-js 16 and 17 and graphql-inspector rate an optional argument added to a field dangerous (graphql-js 17 rates it safe on a directive only); schemalift rates it safe because an operation that does not pass it is answered as before, and an argument added with a default is the dangerous `argument-with-default-added`.";
    ArgumentWithDefaultAdded => "argument-with-default-added", Dangerous, "field and directive arguments",
        "Argument `{coordinate}: {new}` was added with a default value",
        Some("Every operation that uses the field or directive now passes the default, which the server may act on differently, exactly as when a default is added to an existing argument.");
    ArgumentRemoved => "argument-removed", Breaking, "field and directive arguments",
        "Argument `{coordinate}` was removed",
        Some("Operations that pass the argument no longer validate.");
    ArgumentTypeChanged => "argument-type-changed", Breaking, "field and directive arguments",
        "Argument `{coordinate}` changed type from `{old}` to `{new}`",
        Some("Values and variables that clients pass for the argument no longer match its type.");
    ArgumentTypeWidened => "argument-type-widened", Safe, "field and directive arguments",
        "Argument `{coordinate}` changed type from `{old}` to `{new}` (it accepts everything it did)", None;

    // Fields of input objects.
    RequiredInputFieldAdded => "required-input-field-added", Breaking, "input object fields",
        "Required input field `{coordinate}: {new}` was added",
        Some("Input objects that clients build without the new field are rejected.");
    OptionalInputFieldAdded => "optional-input-field-added", Safe, "input object fields",
        "Optional input field `{coordinate}: {new}` was added", None,
        peers: "graphql-js 16 and 17 rate an optional input field added dangerous, graphql-inspector safe; schemalift rates it safe because an input object built without it reaches the server as before, and a field added with a default is the dangerous `input-field-with-default-added`.";
    InputFieldWithDefaultAdded => "input-field-with-default-added", Dangerous, "input object fields",
        "Input field `{coordinate}: {new}` was added with a default value",
        Some("Every input object that clients build without the field now carries the default, which the server may act on differently, exactly as when a default is added to an existing input field.");
    InputFieldRemoved => "input-field-removed", Breaking, "input object fields",
        "Input field `{coordinate}` was removed",
        Some("Input objects that set the field are rejected as having an unknown field.");
    InputFieldTypeChanged => "input-field-type-changed", Breaking, "input object fields",
        "Input field `{coordinate}` changed type from `{old}` to `{new}`",
        Some("Values that clients send for the field no longer match its type.");
    InputFieldTypeWidened => "input-field-type-widened", Safe, "input object fields",
        "Input field `{coordinate}` changed type from `{old}` to `{new}` (it accepts everything it did)", None;

    // Default values, of arguments and input fields.
    DefaultValueAdded => "default-value-added", Dangerous, "arguments and input fields",
        "Default value `{new}` was added to `{coordinate}`",
        Some("Clients that omit the value used to send nothing and now get the default, which the server may act on differently.");
    DefaultValueRemoved => "default-value-removed", Dangerous, "arguments and input fields",
        "Default value `{old}` was removed from `{coordinate}`",
        Some("Clients that omit the value used to get the default and now send nothing, which the server may act on differently.");
    DefaultValueChanged => "default-value-changed", Dangerous, "arguments and input fields",
        "Default value of `{coordinate}` changed from `{old}` to `{new}`",
        Some("Clients that omit the value silently get a different one.");
    BecameRequired => "became-required", Breaking, "arguments and input fields",
        "`{coordinate}` lost its default value `{old}` and is now required",
        Some("Operations and input objects that omit the value no longer validate.");

    // Deprecation, of fields, arguments, input fields, enum values and directives.
    Deprecated => "deprecated", Safe, "fields, arguments, input fields, enum values, directives",
        "`{coordinate}` was deprecated: {new}", None;
    Undeprecated => "undeprecated", Safe, "fields, arguments, input fields, enum values, directives",
        "`{coordinate}` is no longer deprecated (was: {old})", None;
    DeprecationReasonChanged => "deprecation-reason-changed", Safe, "fields, arguments, input fields, enum values, directives",
        "Deprecation reason of `{coordinate}` changed from \"{old}\" to \"{new}\"", None;

    // Enums.
    EnumValueAdded => "enum-value-added", Dangerous, "enum values",
        "Enum value `{coordinate}` was added",
        Some("Clients that switch over the enum's values in responses meet a value they do not handle.");
    EnumValueRemoved => "enum-value-removed", Breaking, "enum values",
        "Enum value `{coordinate}` was removed",
        Some("Operations and variables that pass the value are rejected, and code that expects it in responses is dead.");

    // Unions.
    UnionMemberAdded => "union-member-added", Dangerous, "unions",
        "Type `{new}` was added to union `{coordinate}`",
        Some("Clients that handle every member by `__typename` receive objects of a type they do not handle.");
    UnionMemberRemoved => "union-member-removed", Breaking, "unions",
        "Type `{old}` was removed from union `{coordinate}`",
        Some("Fragments on the removed member inside selections of the union no longer validate.");

    // Interfaces implemented by objects and interfaces.
    InterfaceAdded => "interface-added", Dangerous, "objects and interfaces",
        "`{coordinate}` now implements interface `{new}`",
        Some("Clients that handle every implementation of the interface receive objects of a type they do not handle.");
    InterfaceRemoved => "interface-removed", Breaking, "objects and interfaces",
        "`{coordinate}` no longer implements interface `{old}`",
        Some("Fragments on the interface inside selections of the type, and on the type inside selections of the interface, no longer validate.");

    // Directive definitions.
    DirectiveAdded => "directive-added", Safe, "directive definitions",
        "Directive `{coordinate}` was added", None;
    DirectiveRemoved => "directive-removed", Breaking, "directive definitions",
        "Directive `{coordinate}` was removed",
        Some("Operations that use the directive no longer validate.");
    DirectiveLocationAdded => "directive-location-added", Safe, "directive definitions",
        "Directive `{coordinate}` may now be used on {new}", None;
    DirectiveLocationRemoved => "directive-location-removed", Breaking, "directive definitions",
        "Directive `{coordinate}` may no longer be used on {old}",
        Some("Operations that use the directive at that location no longer validate.");
    DirectiveRepeatableAdded => "directive-repeatable-added", Safe, "directive definitions",
        "Directive `{coordinate}` became repeatable", None;
    DirectiveRepeatableRemoved => "directive-repeatable-removed", Breaking, "directive definitions",
        "Directive `{coordinate}` is no longer repeatable",
        Some("Operations that apply the directive more than once at one place no longer validate.");
    BuiltInDirectiveRedefined => "built-in-directive-redefined", Breaking, "built-in directives",
        "Built-in directive `{coordinate}` is redefined on {new}, not on the specification's {old}",
        Some("Where the specification's locations are missing, operations and schema elements that use the directive there no longer validate, and tools stop giving it its built-in meaning; a location the specification does not give it means something no other GraphQL tool understands.");

    // The schema definition.
    RootTypeAdded => "root-type-added", Safe, "the schema",
        "Root operation type `{new}` was added to the {coordinate}", None;
    RootTypeRemoved => "root-type-removed", Breaking, "the schema",
        "Root operation type `{old}` was removed from the {coordinate}",
        Some("Operations of that kind are no longer accepted.");
    RootTypeChanged => "root-type-changed", Breaking, "the schema",
        "Root operation type in the {coordinate} changed from `{old}` to `{new}`",
        Some("Operations of that kind are validated against another type, on which their selections may not exist.");

    // Directives applied to elements.
    DirectiveUsageAdded => "directive-usage-added", Safe, "any element",
        "Directive `{new}` was applied to `{coordinate}`", None;
    DirectiveUsageRemoved => "directive-usage-removed", Safe, "any element",
        "Directive `{old}` was removed from `{coordinate}`", None;
    DirectiveUsageChanged => "directive-usage-changed", Safe, "any element",
        "Directive on `{coordinate}` changed from `{old}` to `{new}`", None;
    SpecifiedByAdded => "specified-by-added", Safe, "scalars",
        "Scalar `{coordinate}` now specifies its format: {new}", None;
    SpecifiedByRemoved => "specified-by-removed", Safe, "scalars",
        "Scalar `{coordinate}` no longer specifies its format (was {old})", None;
    SpecifiedByChanged => "specified-by-changed", Dangerous, "scalars",
        "Format specification of scalar `{coordinate}` changed from {old} to {new}",
        Some("Values of the scalar may now be serialised in a format that clients do not parse.");
    OneOfAdded => "one-of-added", Breaking, "input objects",
        "Input object `{coordinate}` became @oneOf",
        Some("Input values that set more or fewer than exactly one field are now rejected.");
    OneOfRemoved => "one-of-removed", Dangerous, "input objects",
        "Input object `{coordinate}` is no longer @oneOf",
        Some("Values with several fields, or none, are now accepted, so the server may meet combinations it used to refuse; and clients generated from the schema lose the exactly-one check, as their type becomes an object with every field optional.");
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        self.spec().code
    }

    pub fn criticality(self) -> Criticality {
        self.spec().criticality
    }

    /// The kind whose stable code this is.
    pub fn from_code(code: &str) -> Option<ChangeKind> {
        Self::ALL.iter().copied().find(|kind| kind.code() == code)
    }

    /// Whether the change only touches documentation.
    pub fn is_description(self) -> bool {
        matches!(
            self,
            ChangeKind::DescriptionAdded
                | ChangeKind::DescriptionRemoved
                | ChangeKind::DescriptionChanged
        )
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One difference between the old and the new schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The element that changed (for members and interfaces, the type that holds them).
    pub coordinate: Coordinate,
    /// The value before, where the kind has one (a type, a default, a reason, a member).
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// For removals: the element was already deprecated in the old schema. Still breaking (a
    /// client may not have migrated), but a rule may lower it.
    pub deprecated_before_removal: bool,
}

impl Change {
    pub fn new(kind: ChangeKind, coordinate: Coordinate) -> Self {
        Change {
            kind,
            coordinate,
            old: None,
            new: None,
            deprecated_before_removal: false,
        }
    }

    pub fn old(mut self, value: impl Into<String>) -> Self {
        self.old = Some(value.into());
        self
    }

    pub fn new_value(mut self, value: impl Into<String>) -> Self {
        self.new = Some(value.into());
        self
    }

    /// The criticality the catalogue gives this change's kind (rules may report another).
    pub fn criticality(&self) -> Criticality {
        self.kind.criticality()
    }

    pub fn reason(&self) -> Option<&'static str> {
        self.kind.spec().reason
    }

    /// The message, from the kind's template.
    pub fn message(&self) -> String {
        let template = self.kind.spec().message;
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let (value, len) = if after.starts_with("{coordinate}") {
                (Some(self.coordinate.to_string()), "{coordinate}".len())
            } else if after.starts_with("{old}") {
                (Some(self.old.clone().unwrap_or_default()), "{old}".len())
            } else if after.starts_with("{new}") {
                (Some(self.new.clone().unwrap_or_default()), "{new}".len())
            } else {
                (None, 1)
            };
            match value {
                Some(value) => out.push_str(&value),
                None => out.push('{'),
            }
            rest = &after[len..];
        }
        out.push_str(rest);
        if self.deprecated_before_removal {
            out.push_str(" (deprecated before removal)");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::name;

    #[test]
    fn every_kind_has_a_unique_code_and_a_reason_unless_safe() {
        let mut codes = std::collections::HashSet::new();
        for kind in ChangeKind::ALL {
            let spec = kind.spec();
            assert!(codes.insert(spec.code), "duplicate code {}", spec.code);
            assert_eq!(ChangeKind::from_code(spec.code), Some(*kind));
            assert_eq!(
                spec.reason.is_some(),
                spec.criticality != Criticality::Safe,
                "{kind:?}: breaking and dangerous kinds need a reason, safe ones have none"
            );
            assert!(
                spec.message.contains("{coordinate}"),
                "{kind:?}: message must name the element"
            );
        }
    }

    #[test]
    fn messages_fill_the_template() {
        let change = Change::new(
            ChangeKind::FieldTypeChanged,
            Coordinate::member(name!("Stack"), name!("state")),
        )
        .old("String")
        .new_value("Int");
        assert_eq!(
            change.message(),
            "Field `Stack.state` changed type from `String` to `Int`"
        );
        let mut removed = Change::new(
            ChangeKind::FieldRemoved,
            Coordinate::member(name!("Stack"), name!("old")),
        );
        removed.deprecated_before_removal = true;
        assert_eq!(
            removed.message(),
            "Field `Stack.old` was removed (deprecated before removal)"
        );
    }
}
