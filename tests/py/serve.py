"""A Python GraphQL server for schemalift's end-to-end fetch tests (tests/tests/e2e/real_servers.rs):
Ariadne, schema-first (`make_executable_schema` over an SDL file, on graphql-core), served by
uvicorn on 127.0.0.1 at a port the OS picks, with the versions pinned in requirements.txt.

    python3 tests/py/serve.py SCHEMA.graphql

Prints `listening http://127.0.0.1:PORT/graphql` once it accepts connections, then
`query <JSON string>` per GraphQL request, as tests/js/serve.js does. It exits when its standard
input closes, so it never outlives the test that started it.
"""

import asyncio
import json
import socket
import sys
import os
import threading

import uvicorn
from ariadne import make_executable_schema
from graphql import print_ast
from ariadne.asgi import GraphQL
from starlette.applications import Starlette
from starlette.routing import Mount


def main() -> None:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: python3 serve.py SCHEMA.graphql\n")
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = make_executable_schema(f.read())

    def log(_context, _operation_name, _variables, document):
        sys.stdout.write(f"query {json.dumps(print_ast(document))}\n")
        sys.stdout.flush()
        return None

    # `root_value` is called with each operation's document before it runs: the one hook that
    # sees every query, introspection included.
    graphql = GraphQL(schema, root_value=log, introspection=True)
    app = Starlette(routes=[Mount("/graphql", graphql)])

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))

    def watch_stdin() -> None:
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            await asyncio.sleep(0.02)
        sys.stdout.write(f"listening http://127.0.0.1:{port}/graphql\n")
        sys.stdout.flush()
        await task

    asyncio.run(serve())


if __name__ == "__main__":
    main()
