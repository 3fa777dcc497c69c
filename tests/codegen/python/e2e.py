"""Runs the generated client against the test server: a wrong secret fails with the server's
GraphQL error, the right one yields a JWT, and `viewer` with that bearer names the key.

Usage: python e2e.py ENDPOINT KEY_ID SECRET; prints one JSON line.
"""

import json
import sys

from e2eclient import Client, GraphQLResponseError, api_key_user, viewer_id

endpoint, key_id, secret = sys.argv[1:4]
anonymous = Client(endpoint)
try:
    api_key_user(anonymous, {"id": key_id, "secret": "wrong"})
    raise SystemExit("a wrong secret must raise GraphQLResponseError")
except GraphQLResponseError as error:
    wrong = str(error.errors[0]["message"])
exchanged = api_key_user(anonymous, {"id": key_id, "secret": secret})["apiKeyUser"]
if exchanged is None:
    raise SystemExit("no JWT for a valid key")
viewer = viewer_id(Client(endpoint, token=exchanged["jwt"]))["viewer"]
valid_until: int = exchanged["validUntil"]
print(json.dumps({"viewer": viewer["id"] if viewer else None, "validUntil": valid_until, "wrong": wrong}))
