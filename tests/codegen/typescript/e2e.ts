// Runs the generated client against the test server: a wrong secret fails with the server's
// GraphQL error, the right one yields a JWT, and `viewer` with that bearer names the key.
// Usage: node out/e2e.js ENDPOINT KEY_ID SECRET; prints one JSON line.
import { apiKeyUser, viewerId, GraphQLResponseError } from "./e2eclient/index.js";

declare const process: { argv: string[] };

async function main(): Promise<void> {
  const [endpoint = "", id = "", secret = ""] = process.argv.slice(2);
  let wrong = "";
  try {
    await apiKeyUser({ endpoint }, { id, secret: "wrong" });
    throw new Error("a wrong secret must reject with GraphQLResponseError");
  } catch (error) {
    if (!(error instanceof GraphQLResponseError)) {
      throw error;
    }
    wrong = error.errors[0]?.message ?? "";
  }
  const exchanged = (await apiKeyUser({ endpoint }, { id, secret })).apiKeyUser;
  if (exchanged === null) {
    throw new Error("no JWT for a valid key");
  }
  const viewer = (await viewerId({ endpoint, token: exchanged.jwt })).viewer;
  const validUntil: number = exchanged.validUntil;
  console.log(JSON.stringify({ viewer: viewer?.id ?? null, validUntil, wrong }));
}

await main();
