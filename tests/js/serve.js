// A real graphql-js server for schemalift's end-to-end tests (tests/tests/e2e/servers.rs): graphql-http
// over node's http module, serving the schema of an SDL file with the graphql-js of one install
// folder (tests/js/graphql17 or tests/js/graphql16), on 127.0.0.1 at a port the OS picks.
//
//   node tests/js/serve.js INSTALL_DIR SCHEMA.graphql
//
// Prints `listening http://127.0.0.1:PORT/graphql` once it accepts connections, then one line
// `query <JSON string>` per GraphQL request, so the test can see what schemalift asked. It exits
// when its standard input closes, so it never outlives the test that started it.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

const [installDir, schemaPath] = process.argv.slice(2);
if (!installDir || !schemaPath) {
  process.stderr.write('usage: node serve.js INSTALL_DIR SCHEMA.graphql\n');
  process.exit(2);
}
// Resolve from the install folder, so graphql-http finds the same graphql (its peer) as we do.
const local = createRequire(path.join(path.resolve(installDir), 'package.json'));
const graphql = local('graphql');
const { createHandler } = local('graphql-http/lib/use/http');

// graphql-js 16 parses directives on directive definitions and `extend directive` (September
// 2026) only with this parser option; 17 always does and ignores the option.
const schema = graphql.buildSchema(fs.readFileSync(schemaPath, 'utf8'), {
  experimentalDirectivesOnDirectiveDefinitions: true,
});

const handler = createHandler({
  schema,
  onSubscribe(_req, params) {
    process.stdout.write(`query ${JSON.stringify(params.query)}\n`);
  },
});

const server = http.createServer((req, res) => {
  if (new URL(req.url, 'http://localhost').pathname !== '/graphql') {
    res.writeHead(404).end();
    return;
  }
  handler(req, res);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`listening http://127.0.0.1:${port}/graphql\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
