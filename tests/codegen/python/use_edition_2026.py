"""Uses the client generated from schemas/edition-2026 (a @oneOf input, an empty selection set,
described operations) the way an application would; `mypy --strict` checks it. --strict warns
about unused `type: ignore` comments, so every one of them must mark a real error.
"""

from __future__ import annotations

from edition2026 import (
    Client,
    StackBy,
    StackById,
    StackExistsStack,
    StackSummary,
    stack,
    stack_delete,
    stack_exists,
)

by_id: StackById = {"id": "01HSTACK"}
by_slug: StackBy = {"slug": "my-stack"}

# A @oneOf input takes exactly one key, not two, nor none, nor None for its key.
two_keys: StackBy = {"id": "01HSTACK", "slug": "my-stack"}  # type: ignore[assignment]
no_key: StackBy = {}  # type: ignore[assignment]
none_key: StackBy = {"id": None}  # type: ignore[typeddict-item]

# An empty selection set is a TypedDict with no keys.
nothing: StackExistsStack = {}
something: StackExistsStack = {"id": "01HSTACK"}  # type: ignore[typeddict-unknown-key]


def summarise(client: Client) -> str:
    exists = stack_exists(client, {"by": by_id, "node": "01HNODE"})
    if exists["stack"] is None:
        return "no such stack"
    found = stack(client, {"by": by_slug, "runs": 3})
    summary: StackSummary | None = found["stack"]
    deleted = stack_delete(client, {"by": {"externalId": "ext-1"}})
    name = summary["name"] if summary is not None else "-"
    state = deleted["stackDelete"]["state"] if deleted["stackDelete"] is not None else "-"
    return f"{name} {state}"
