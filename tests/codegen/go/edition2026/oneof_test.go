// Tests of the client generated from schemas/edition-2026, run with `go test` inside the
// generated package: the @oneOf input's Validate accepts exactly one field, MarshalJSON refuses
// anything else, so the operation fails before sending, and an empty selection decodes.
package edition2026

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const oneOfError = "StackBy is a @oneOf input: exactly one of id, slug or externalId must be set"

func TestStackByValidateAcceptsExactlyOneField(t *testing.T) {
	id, slug, external := "01HSTACK", "my-stack", "ext-1"
	for _, by := range []StackBy{{ID: &id}, {Slug: &slug}, {ExternalID: &external}} {
		if err := by.Validate(); err != nil {
			t.Errorf("one field set: %v", err)
		}
	}
	cases := map[string]StackBy{
		"none":  {},
		"two":   {ID: &id, Slug: &slug},
		"three": {ID: &id, Slug: &slug, ExternalID: &external},
	}
	for name, by := range cases {
		err := by.Validate()
		if err == nil || !strings.Contains(err.Error(), oneOfError) {
			t.Errorf("%s: Validate returned %v", name, err)
		}
		if _, err := json.Marshal(StackVariables{By: by}); err == nil {
			t.Errorf("%s: marshalled an invalid StackBy", name)
		}
	}
}

func TestStackByMarshalsTheOneFieldSet(t *testing.T) {
	slug := "my-stack"
	data, err := json.Marshal(StackExistsVariables{By: StackBy{Slug: &slug}, Node: "01HNODE"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"by":{"slug":"my-stack"},"node":"01HNODE"}`; string(data) != want {
		t.Errorf("got %s, want %s", data, want)
	}
}

func TestAnInvalidStackByFailsBeforeSending(t *testing.T) {
	// Nothing listens on port 1: an error about the connection would mean it tried to send.
	client := NewClient("http://127.0.0.1:1/graphql", "")
	_, err := Stack(context.Background(), client, StackVariables{})
	if err == nil || !strings.Contains(err.Error(), oneOfError) || !strings.Contains(err.Error(), "encoding the variables") {
		t.Errorf("got %v", err)
	}
}

func TestAnEmptySelectionDecodes(t *testing.T) {
	var result StackExistsResult
	if err := json.Unmarshal([]byte(`{"stack":{},"node":null}`), &result); err != nil {
		t.Fatal(err)
	}
	if result.Stack == nil || result.Node != nil {
		t.Errorf("got %+v", result)
	}
}
