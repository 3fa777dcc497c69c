"""Uses the generated Spacelift client the way an application would.

Type-checked with `mypy --strict`, which warns about unused `type: ignore` comments: every
ignore below must silence a real error, which proves the generated types are precise
(nullability, discriminated unions, required variables, enum values).
"""

from spacelift import (
    Client,
    CommitFields,
    GraphQLResponseError,
    PolicyType,
    StackDetailsResult,
    list_policies,
    stack_details,
    trigger_run,
    viewer,
)


def describe_stack(client: Client, stack_id: str) -> str:
    result: StackDetailsResult = stack_details(client, {"id": stack_id, "runsBefore": None})
    stack = result["stack"]
    stack["name"]  # type: ignore[index]
    if stack is None:
        return "no such stack"
    # A selection that is exactly a fragment spread has the fragment's type.
    tracked: CommitFields | None = stack["trackedCommit"]
    vendor = ""
    config = stack["vendorConfig"]
    if config is not None:
        if config["__typename"] == "StackConfigVendorTerraform":
            vendor = f"terraform {config['workflowTool']} {config['version'] or 'latest'}"
        elif config["__typename"] == "StackConfigVendorOpenTofu":
            vendor = f"opentofu concise={config['concise']}"
        elif config["__typename"] == "StackConfigVendorPulumi":
            vendor = f"pulumi {config['stackName']}"
        else:
            vendor = config["workflowTool"]  # type: ignore[typeddict-item]
    hashes = [run["commit"]["hash"] for run in stack["runs"]]
    return f"{stack['name']} {tracked['hash'] if tracked else '-'} {vendor} {','.join(hashes)}"


def everything_else(client: Client) -> None:
    stack_details(client, {})  # type: ignore[typeddict-item]
    me = viewer(client)
    if me["viewer"] is not None:
        admin: bool = me["viewer"]["admin"]
        print(admin)
    list_policies(client)
    trigger_run(client, {"stack": "my-stack", "runType": "PROPOSED"})
    trigger_run(client, {"stack": "my-stack", "runType": "SOMETIMES"})  # type: ignore[typeddict-item]


PLAN_POLICY: PolicyType = "PLAN"


def explain(error: Exception) -> str:
    if isinstance(error, GraphQLResponseError):
        return f"{error.status}: {'; '.join(str(e.get('message')) for e in error.errors)}"
    return str(error)
