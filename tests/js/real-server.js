// The GraphQL servers most APIs run on, for schemalift's end-to-end fetch tests
// (tests/tests/e2e/real_servers.rs), each serving the schema of an SDL file on 127.0.0.1 at a port the
// OS picks, with the packages pinned in tests/js/servers:
//
//   node tests/js/real-server.js KIND SCHEMA.graphql [PATH]
//
// KIND is one of
//   apollo                 Apollo Server 5 (startStandaloneServer; it answers on every path)
//   apollo-no-introspection  the same with `introspection: false`
//   yoga                   GraphQL Yoga 5, at PATH (default /graphql)
//   yoga-no-introspection  Yoga with useDisableIntrospection
//   yoga-armor             Yoga with GraphQL Armor's max-depth plugin, maxDepth 10
//   yoga-armor-quiet       the same with exposeLimits off: it answers "Query validation error."
//   yoga-armor:N           (and yoga-armor-quiet:N) with maxDepth N
//
// Armor is set as an API that limits depth to stop costly introspection runs it:
// `ignoreIntrospection: false`. With Armor's default (true) the `__schema` field counts as depth 0,
// so an introspection query is never limited at all; with it off, each fragment spread counts as
// two levels, so the TypeRef fragments push a 10-level query past 10 however few levels it asks.
//
// Prints `listening URL` once it accepts connections, then `query <JSON string>` per GraphQL
// request, as serve.js does. It exits when its standard input closes, so it never outlives the
// test that started it.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

const [kind, schemaPath, endpointPath = '/graphql'] = process.argv.slice(2);
if (!kind || !schemaPath) {
  process.stderr.write('usage: node real-server.js KIND SCHEMA.graphql [PATH]\n');
  process.exit(2);
}
const local = createRequire(path.join(__dirname, 'servers', 'package.json'));
const graphql = local('graphql');
const schema = graphql.buildSchema(fs.readFileSync(schemaPath, 'utf8'));
const log = (query) => process.stdout.write(`query ${JSON.stringify(query ?? null)}\n`);

async function apollo(introspection) {
  const { ApolloServer } = local('@apollo/server');
  const { startStandaloneServer } = local('@apollo/server/standalone');
  const server = new ApolloServer({
    schema,
    introspection,
    plugins: [{ async requestDidStart({ request }) { log(request.query); } }],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}

function yoga(plugins) {
  const { createYoga } = local('graphql-yoga');
  const app = createYoga({
    schema,
    graphqlEndpoint: endpointPath,
    landingPage: false,
    graphiql: false,
    logging: false,
    plugins: [...plugins, { onParams({ params }) { log(params.query); } }],
  });
  const server = http.createServer(app);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${server.address().port}${endpointPath}`);
    });
  });
}

function armor(exposeLimits, n = 10) {
  const { maxDepthPlugin } = local('@escape.tech/graphql-armor-max-depth');
  return maxDepthPlugin({ n, ignoreIntrospection: false, exposeLimits });
}

const kinds = {
  apollo: () => apollo(true),
  'apollo-no-introspection': () => apollo(false),
  yoga: () => yoga([]),
  'yoga-no-introspection': () => {
    const { useDisableIntrospection } = local('@graphql-yoga/plugin-disable-introspection');
    return yoga([useDisableIntrospection()]);
  },
  'yoga-armor': () => yoga([armor(true)]),
  'yoga-armor-quiet': () => yoga([armor(false)]),
};
const armored = /^yoga-armor(-quiet)?:(\d+)$/.exec(kind);
if (armored) {
  kinds[kind] = () => yoga([armor(!armored[1], Number(armored[2]))]);
}
if (!kinds[kind]) {
  process.stderr.write(`unknown kind ${kind}; one of ${Object.keys(kinds).join(', ')}\n`);
  process.exit(2);
}
kinds[kind]().then(
  (url) => process.stdout.write(`listening ${url}\n`),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
