// Uses the generated Spacelift client the way an application would; `go vet` and `go build`
// check it against the generated package.
package main

import (
	"context"
	"errors"
	"fmt"

	"example.com/codegen/spacelift"
)

func describeStack(ctx context.Context, client *spacelift.Client, id string) (string, error) {
	result, err := spacelift.StackDetails(ctx, client, spacelift.StackDetailsVariables{ID: id})
	if err != nil {
		var graphqlErrors *spacelift.GraphQLErrors
		if errors.As(err, &graphqlErrors) {
			return "", fmt.Errorf("status %d: %w", graphqlErrors.Status, err)
		}
		return "", err
	}
	stack := result.Stack
	if stack == nil {
		return "no such stack", nil
	}
	// A selection that is exactly a fragment spread has the fragment's type.
	var tracked *spacelift.CommitFields = stack.TrackedCommit
	vendor := ""
	if config := stack.VendorConfig; config != nil {
		switch {
		case config.StackConfigVendorTerraform != nil:
			vendor = "terraform " + string(config.StackConfigVendorTerraform.WorkflowTool)
		case config.StackConfigVendorPulumi != nil:
			vendor = "pulumi " + config.StackConfigVendorPulumi.StackName
		default:
			vendor = config.Typename
		}
	}
	hash := "-"
	if tracked != nil {
		hash = tracked.Hash
	}
	return fmt.Sprintf("%s %s %s %d runs", stack.Name, hash, vendor, len(stack.Runs)), nil
}

func main() {
	ctx := context.Background()
	client := spacelift.NewClient("http://127.0.0.1:1/graphql", "token")
	runType := spacelift.RunTypeProposed
	_, _ = spacelift.TriggerRun(ctx, client, spacelift.TriggerRunVariables{Stack: "my-stack", RunType: &runType})
	fmt.Println(describeStack(ctx, client, "my-stack"))
	fmt.Println(client)
}
