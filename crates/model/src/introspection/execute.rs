//! Executing introspection queries over a schema with apollo-compiler's executor.
//!
//! apollo-compiler 1.x predates `__Type.isOneOf`; we add the field to a copy of the
//! introspection schema so queries that ask for it validate, then fill in its values ourselves.

use crate::one_of;
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
    let schema = with_is_one_of_field(schema);
    let document = match ExecutableDocument::parse_and_validate(&schema, query, "query.graphql") {
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
    let response = coerce_variable_values(&schema, operation, &variables).and_then(|variables| {
        partial_execute(
            &schema,
            &schema.implementers_map(),
            &document,
            operation,
            &variables,
        )
    });
    match response {
        Ok(response) => {
            let mut value = serde_json::to_value(response).unwrap_or(Value::Null);
            fill_is_one_of(&schema, &mut value);
            value
        }
        Err(e) => {
            let error = e.to_graphql_error(&document.sources);
            json!({ "errors": [serde_json::to_value(error).unwrap_or(Value::Null)] })
        }
    }
}

fn request_error(message: &str) -> Value {
    json!({ "errors": [{ "message": message }] })
}

fn with_is_one_of_field(schema: &Valid<Schema>) -> Valid<Schema> {
    Valid::assume_valid(one_of::with_introspection_field(schema))
}

/// Replace the executor's "unknown field" answers for `isOneOf` with the real values (true or
/// false for input objects, null for every other kind) and drop their errors.
fn fill_is_one_of(schema: &Schema, response: &mut Value) {
    if let Some(data) = response.get_mut("data") {
        fill(schema, data);
    }
    let Some(Value::Array(errors)) = response.get_mut("errors") else {
        return;
    };
    errors.retain(|error| {
        error["path"]
            .as_array()
            .and_then(|path| path.last())
            .and_then(Value::as_str)
            != Some("isOneOf")
    });
    if errors.is_empty() {
        if let Some(object) = response.as_object_mut() {
            object.remove("errors");
        }
    }
}

fn fill(schema: &Schema, value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.contains_key("isOneOf") {
                let is_one_of = object
                    .get("name")
                    .and_then(Value::as_str)
                    .and_then(|name| schema.get_input_object(name))
                    .map(|input| Value::Bool(one_of::is_one_of(input)))
                    .unwrap_or(Value::Null);
                object.insert("isOneOf".to_owned(), is_one_of);
            }
            object.values_mut().for_each(|v| fill(schema, v));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fill(schema, v)),
        _ => {}
    }
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
