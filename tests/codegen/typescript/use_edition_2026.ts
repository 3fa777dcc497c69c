// Uses the client generated from schemas/edition-2026 (a @oneOf input, an empty selection set,
// described operations) the way an application would; `tsc --strict` checks it, and every
// `@ts-expect-error` line must be an error, or tsc fails on the unused directive.
import {
  stack,
  stackDelete,
  stackExists,
  type ClientOptions,
  type StackBy,
  type StackExistsStack,
  type StackSummary,
} from "./edition2026/index.js";

const byId: StackBy = { id: "01HSTACK" };
const bySlug: StackBy = { slug: "my-stack" };

// @ts-expect-error a @oneOf input takes exactly one key, not two
export const twoKeys: StackBy = { id: "01HSTACK", slug: "my-stack" };
// @ts-expect-error nor none
export const noKey: StackBy = {};
// @ts-expect-error nor a null value for its one key
export const nullKey: StackBy = { id: null };

// An empty selection set is an object with no keys.
export const nothing: StackExistsStack = {};
// @ts-expect-error it has no keys at all
export const something: StackExistsStack = { id: "01HSTACK" };

export async function summarise(client: ClientOptions): Promise<string> {
  const exists = await stackExists(client, { by: byId, node: "01HNODE" });
  if (exists.stack === null) {
    return "no such stack";
  }
  const found = await stack(client, { by: bySlug, runs: 3 });
  const summary: StackSummary | null = found.stack;
  const deleted = await stackDelete(client, { by: { externalId: "ext-1" } });
  return `${summary?.name ?? "-"} ${deleted.stackDelete?.state ?? "-"}`;
}
