//! Executing introspection queries over a schema with apollo-compiler's executor, which speaks
//! the September 2026 edition (`isOneOf`, deprecated directives).

use apollo_compiler::executable::OperationType;
use apollo_compiler::introspection::partial_execute;
use apollo_compiler::request::coerce_variable_values;
use apollo_compiler::response::JsonMap;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use serde_json::{json, Map, Value};

/// Execute an introspection-only query and return the whole GraphQL response (`data` and/or
/// `errors`). Fields other than `__schema`, `__type` and `__typename` resolve to nothing.
pub fn execute(schema: &Valid<Schema>, query: &str, variables: Map<String, Value>) -> Value {
    let document = match ExecutableDocument::parse_and_validate(schema, query, "query.graphql") {
        Ok(document) => document,
        Err(invalid) => {
            let errors: Vec<Value> = invalid
                .errors
                .iter()
                .map(|d| serde_json::to_value(d.to_json()).unwrap_or(Value::Null))
                .collect();
            return json!({ "errors": errors });
        }
    };
    let operation = match document.operations.get(None) {
        Ok(operation) if operation.operation_type == OperationType::Query => operation,
        Ok(_) => return request_error("only queries can be executed here"),
        Err(e) => return request_error(&e.message().to_string()),
    };
    let variables: JsonMap = match serde_json::from_value(Value::Object(variables)) {
        Ok(variables) => variables,
        Err(e) => return request_error(&format!("invalid variables: {e}")),
    };
    let response = coerce_variable_values(schema, operation, &variables).and_then(|variables| {
        partial_execute(
            schema,
            &schema.implementers_map(),
            &document,
            operation,
            &variables,
        )
    });
    match response {
        Ok(response) => serde_json::to_value(response).unwrap_or(Value::Null),
        Err(e) => {
            let error = e.to_graphql_error(&document.sources);
            json!({ "errors": [serde_json::to_value(error).unwrap_or(Value::Null)] })
        }
    }
}

fn request_error(message: &str) -> Value {
    json!({ "errors": [{ "message": message }] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema(sdl: &str) -> Valid<Schema> {
        crate::load_inputs(vec![crate::Input {
            name: "s.graphql".into(),
            text: sdl.into(),
        }])
        .unwrap()
        .schema
    }

    #[test]
    fn answers_the_full_query_with_is_one_of() {
        let schema =
            schema("type Query { a(by: By): Int }\ninput By @oneOf { id: ID }\nenum E { X }");
        let response = execute(&schema, crate::introspection::QUERY, Map::new());
        assert!(
            response == crate::introspection::to_json(&schema),
            "written and executed answers differ"
        );
        assert!(response.get("errors").is_none(), "{response}");
        let types = response["data"]["__schema"]["types"].as_array().unwrap();
        let by = types.iter().find(|t| t["name"] == "By").unwrap();
        assert_eq!(by["isOneOf"], json!(true));
        let e = types.iter().find(|t| t["name"] == "E").unwrap();
        assert_eq!(e["isOneOf"], Value::Null);
        let directives = response["data"]["__schema"]["directives"]
            .as_array()
            .unwrap();
        assert!(directives.iter().any(|d| d["name"] == "oneOf"));
    }

    #[test]
    fn deprecated_directives_only_when_asked() {
        let schema = schema(
            "directive @old @deprecated(reason: \"Use @new.\") on FIELD\ndirective @new on FIELD\ntype Query { a: Int }",
        );
        let names = |query: &str| {
            let response = execute(&schema, query, Map::new());
            let directives = response["data"]["__schema"]["directives"]
                .as_array()
                .unwrap()
                .clone();
            directives
                .iter()
                .filter(|d| d["name"] == "old" || d["name"] == "new")
                .map(|d| {
                    (
                        d["name"].clone(),
                        d["isDeprecated"].clone(),
                        d["deprecationReason"].clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let fields = "name isDeprecated deprecationReason";
        assert_eq!(
            names(&format!("{{ __schema {{ directives {{ {fields} }} }} }}")),
            [(json!("new"), json!(false), Value::Null)]
        );
        assert_eq!(
            names(&format!(
                "{{ __schema {{ directives(includeDeprecated: true) {{ {fields} }} }} }}"
            )),
            [
                (json!("old"), json!(true), json!("Use @new.")),
                (json!("new"), json!(false), Value::Null)
            ]
        );
    }

    #[test]
    fn invalid_queries_get_errors_and_no_data() {
        let response = execute(
            &schema("type Query { a: Int }"),
            "{ __schema { nope } }",
            Map::new(),
        );
        assert!(response.get("data").is_none());
        let errors = response["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["message"].as_str().unwrap().contains("nope")),
            "{response}"
        );
    }
}
