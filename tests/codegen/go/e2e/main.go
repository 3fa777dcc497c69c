// Runs the generated client against the test server: a wrong secret fails with the server's
// GraphQL error, the right one yields a JWT, and `viewer` with that bearer names the key.
// Usage: go run ./e2e ENDPOINT KEY_ID SECRET; prints one JSON line.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"example.com/codegen/e2eclient"
)

func main() {
	endpoint, id, secret := os.Args[1], os.Args[2], os.Args[3]
	ctx := context.Background()
	anonymous := &e2eclient.Client{Endpoint: endpoint}
	_, err := e2eclient.ApiKeyUser(ctx, anonymous, e2eclient.ApiKeyUserVariables{ID: id, Secret: "wrong"})
	var graphqlErrors *e2eclient.GraphQLErrors
	if !errors.As(err, &graphqlErrors) || len(graphqlErrors.Errors) == 0 {
		fmt.Fprintln(os.Stderr, "a wrong secret must fail with *GraphQLErrors, got", err)
		os.Exit(1)
	}
	exchanged, err := e2eclient.ApiKeyUser(ctx, anonymous, e2eclient.ApiKeyUserVariables{ID: id, Secret: secret})
	if err != nil || exchanged.APIKeyUser == nil {
		fmt.Fprintln(os.Stderr, "no JWT for a valid key:", err)
		os.Exit(1)
	}
	me, err := e2eclient.ViewerId(ctx, e2eclient.NewClient(endpoint, exchanged.APIKeyUser.Jwt), e2eclient.ViewerIdVariables{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var viewer *string
	if me.Viewer != nil {
		viewer = &me.Viewer.ID
	}
	var validUntil int = exchanged.APIKeyUser.ValidUntil
	out, _ := json.Marshal(map[string]any{"viewer": viewer, "validUntil": validUntil, "wrong": graphqlErrors.Errors[0].Message})
	fmt.Println(string(out))
}
