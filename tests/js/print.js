// graphql-js as the judge of schemalift's output (tests/tests/e2e/servers.rs): reads a JSON list of
// jobs on standard input and prints, for each, the schema as graphql-js sees it —
// `printSchema(lexicographicSortSchema(schema))` — one JSON line per job, in order.
//
//   node tests/js/print.js INSTALL_DIR < jobs.json
//
// A job is `{"sdl": "FILE"}` (built with `buildSchema`) or `{"introspection": "FILE"}` (an
// introspection result, with or without its `data` wrapper, built with `buildClientSchema`, as
// a graphql-js client would) or `{"served": "FILE"}` (SDL as a graphql-js server answers it
// introspection: `buildClientSchema(introspectionFromSchema(buildSchema(…)))`, which writes
// default values as graphql-js does, input fields in their type's order, whatever the SDL
// wrote). The first line is `{"version": "..."}` (graphql-js's), then one
// line per job: `{"printed": "..."}` or `{"error": "..."}`.
// One process for many files: starting node costs more than printing a schema.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const [installDir] = process.argv.slice(2);
if (!installDir) {
  process.stderr.write('usage: node print.js INSTALL_DIR < jobs.json\n');
  process.exit(2);
}
const graphql = createRequire(path.join(path.resolve(installDir), 'package.json'))('graphql');

function schemaOf(job) {
  if (job.sdl !== undefined) {
    return graphql.buildSchema(fs.readFileSync(job.sdl, 'utf8'), {
      experimentalDirectivesOnDirectiveDefinitions: true,
    });
  }
  if (job.served !== undefined) {
    const built = schemaOf({ sdl: job.served });
    return graphql.buildClientSchema(graphql.introspectionFromSchema(built));
  }
  if (job.introspection !== undefined) {
    const result = JSON.parse(fs.readFileSync(job.introspection, 'utf8'));
    return graphql.buildClientSchema(result.data ?? result);
  }
  throw new Error(`unknown job ${JSON.stringify(job)}`);
}

const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify({ version: graphql.version }) + '\n');
for (const job of jobs) {
  let line;
  try {
    line = { printed: graphql.printSchema(graphql.lexicographicSortSchema(schemaOf(job))) };
  } catch (error) {
    line = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}
