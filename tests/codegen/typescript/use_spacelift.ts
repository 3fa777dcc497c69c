// Uses the generated Spacelift client the way an application would. Type-checked with
// `tsc --strict`: every `@ts-expect-error` below must be an error, which proves the generated
// types are precise (nullability, discriminated unions, required variables, enum values).
import {
  stackDetails,
  triggerRun,
  viewer,
  listPolicies,
  GraphQLResponseError,
  type ClientOptions,
  type CommitFields,
  type PolicyType,
  type StackDetailsResult,
} from "./spacelift/index.js";

const client: ClientOptions = { endpoint: "http://127.0.0.1:1/graphql", token: "token" };

export async function describeStack(id: string): Promise<string> {
  const result: StackDetailsResult = await stackDetails(client, { id, runsBefore: null });
  const stack = result.stack;
  // @ts-expect-error the stack is nullable
  void stack.name;
  if (stack === null) {
    return "no such stack";
  }
  // A selection that is exactly a fragment spread has the fragment's type.
  const tracked: CommitFields | null = stack.trackedCommit;
  let vendor = "";
  const config = stack.vendorConfig;
  if (config !== null) {
    switch (config.__typename) {
      case "StackConfigVendorTerraform":
        vendor = `terraform ${config.workflowTool} ${config.version ?? "latest"}`;
        break;
      case "StackConfigVendorOpenTofu":
        vendor = `opentofu concise=${config.concise}`;
        break;
      case "StackConfigVendorPulumi":
        vendor = `pulumi ${config.stackName}`;
        break;
      default:
        // @ts-expect-error types the operation did not select have no fields but __typename
        vendor = config.workflowTool;
    }
  }
  const hashes = stack.runs.map((run) => run.commit.hash);
  const first = stack.runs[0];
  // @ts-expect-error array access may be undefined (noUncheckedIndexedAccess)
  void first.id;
  return `${stack.name} ${tracked?.hash ?? "-"} ${vendor} ${hashes.join(",")}`;
}

export async function everythingElse(): Promise<void> {
  // @ts-expect-error `id` is a required variable
  await stackDetails(client, {});
  // Operations without required variables take none.
  const me = await viewer(client);
  if (me.viewer !== null) {
    const admin: boolean = me.viewer.admin;
    void admin;
  }
  await listPolicies(client);
  await triggerRun(client, { stack: "my-stack", runType: "PROPOSED" });
  // @ts-expect-error enum values are checked
  await triggerRun(client, { stack: "my-stack", runType: "SOMETIMES" });
}

export const planPolicy: PolicyType = "PLAN";

export function explain(error: unknown): string {
  return error instanceof GraphQLResponseError
    ? `${error.status}: ${error.errors.map((e) => e.message).join("; ")}`
    : String(error);
}
