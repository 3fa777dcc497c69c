//! The query limits servers put in front of introspection, one row per server's wording: how
//! to recognise, in an error message, that a query was refused for its depth (or its cost,
//! which shrinks with depth too). What to do about it is [`crate::introspect`]'s: ask an inline
//! query of decreasing depth, then fill in what it cut short ([`crate::fill`]).

use crate::graphql::GraphQLResponse;

/// How sure a phrase makes us that the refusal was about depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verdict {
    /// A message that could be any validation rule (GraphQL Armor's quiet mode answers every
    /// refusal with the same words): a shallower query may pass, or may fail the same way.
    Possibly,
    /// The message names depth, nesting, complexity or cost.
    DepthLimit,
}

/// One server's words for a refused query.
struct Limit {
    /// Who says it: named in the warning that the query was made shallower.
    server: &'static str,
    /// Lowercase; matched anywhere in a message.
    phrase: &'static str,
    verdict: Verdict,
}

const fn row(server: &'static str, phrase: &'static str, verdict: Verdict) -> Limit {
    Limit {
        server,
        phrase,
        verdict,
    }
}

/// What depth and cost limits answer. The quiet rows come last: a message with a clearer
/// phrase is judged by it.
const LIMITS: [Limit; 14] = [
    // "Syntax Error: Query depth limit of 10 exceeded, found 15."
    row(
        "GraphQL Armor max-depth",
        "depth limit of",
        Verdict::DepthLimit,
    ),
    // "Syntax Error: Query Cost limit of 5000 exceeded, found 9000."
    row(
        "GraphQL Armor cost-limit",
        "cost limit of",
        Verdict::DepthLimit,
    ),
    // "'IntrospectionQuery' exceeds maximum operation depth of 10" (the validation rule Apollo
    // Server's documentation recommends)
    row(
        "graphql-depth-limit (Apollo Server, Express)",
        "exceeds maximum operation depth",
        Verdict::DepthLimit,
    ),
    // "Maximum depth limit exceeded in this operation"
    row(
        "Apollo Router",
        "maximum depth limit exceeded",
        Verdict::DepthLimit,
    ),
    // "__Type.ofType nested 9 times which exceeds maximum of 8"
    row(
        "graphile depth-limit (PostGraphile)",
        "which exceeds maximum of",
        Verdict::DepthLimit,
    ),
    // "maximum query depth exceeded 15 > 10"
    row(
        "graphql-java MaxQueryDepthInstrumentation",
        "maximum query depth exceeded",
        Verdict::DepthLimit,
    ),
    // "The GraphQL document has an execution depth of 15 which exceeds the max allowed
    // execution depth of 10."
    row("Hot Chocolate", "execution depth", Verdict::DepthLimit),
    // "Query has depth of 15, which exceeds max depth of 10"
    row("graphql-ruby", "exceeds max depth", Verdict::DepthLimit),
    // "Query is nested too deep."
    row("async-graphql", "nested too deep", Verdict::DepthLimit),
    // "operation has complexity 1500, which exceeds the limit of 1000"; "Query is too complex."
    row(
        "gqlgen, async-graphql, graphql-ruby",
        "complexity",
        Verdict::DepthLimit,
    ),
    row("async-graphql", "too complex", Verdict::DepthLimit),
    // Any other server that says "depth" or "too deep" in its refusal.
    row("others", "depth", Verdict::DepthLimit),
    row("others", "too deep", Verdict::DepthLimit),
    // "Syntax Error: Query validation error." — every Armor plugin with `exposeLimits: false`.
    row(
        "GraphQL Armor, quiet (exposeLimits: false)",
        "query validation error.",
        Verdict::Possibly,
    ),
];

/// A refusal recognised: how sure, and whose words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub verdict: Verdict,
    pub server: &'static str,
}

/// Whether the answer refuses the query for a limit that a shallower query may pass, and how
/// sure that is (the surest message decides).
pub(crate) fn depth_refusal(response: &GraphQLResponse) -> Option<Refusal> {
    response
        .errors
        .iter()
        .filter_map(|message| {
            let message = message.to_ascii_lowercase();
            LIMITS
                .iter()
                .find(|limit| message.contains(limit.phrase))
                .map(|limit| Refusal {
                    verdict: limit.verdict,
                    server: limit.server,
                })
        })
        .max_by_key(|refusal| refusal.verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(message: &str) -> Option<Verdict> {
        depth_refusal(&GraphQLResponse {
            status: 200,
            data: None,
            errors: vec![message.to_owned()],
            graphql_response_json: false,
        })
        .map(|refusal| refusal.verdict)
    }

    #[test]
    fn every_servers_words_are_known() {
        for message in [
            "Syntax Error: Query depth limit of 10 exceeded, found 15.",
            "Syntax Error: Query Cost limit of 5000 exceeded, found 9000.",
            "'IntrospectionQuery' exceeds maximum operation depth of 12",
            "Maximum depth limit exceeded in this operation",
            "__Type.ofType nested 9 times which exceeds maximum of 8",
            "maximum query depth exceeded 15 > 10",
            "The GraphQL document has an execution depth of 15 which exceeds the max allowed execution depth of 10.",
            "Query has depth of 15, which exceeds max depth of 10",
            "Query is nested too deep.",
            "operation has complexity 1500, which exceeds the limit of 1000",
        ] {
            assert_eq!(verdict(message), Some(Verdict::DepthLimit), "{message}");
        }
    }

    #[test]
    fn armors_quiet_answer_is_possibly_depth_and_others_are_not() {
        assert_eq!(
            verdict("Syntax Error: Query validation error."),
            Some(Verdict::Possibly)
        );
        assert_eq!(
            verdict("Cannot query field \"isOneOf\" on type \"__Type\"."),
            None
        );
        assert_eq!(
            verdict("GraphQL introspection has been disabled, but the requested query contained the field \"__schema\"."),
            None
        );
    }

    #[test]
    fn the_surest_message_decides() {
        let response = GraphQLResponse {
            status: 400,
            data: None,
            errors: vec![
                "Syntax Error: Query validation error.".into(),
                "Query depth limit of 10 exceeded, found 15.".into(),
            ],
            graphql_response_json: true,
        };
        assert_eq!(
            depth_refusal(&response),
            Some(Refusal {
                verdict: Verdict::DepthLimit,
                server: "GraphQL Armor max-depth"
            })
        );
    }
}
