#!/usr/bin/env python3
"""The declared minimum Rust version against what the dependencies ask for.

Reads `cargo metadata` for this platform, follows normal and build dependencies from the
workspace crates (and their dev-dependencies: the README's test command builds them), takes
the highest `rust-version` among them, and fails when the workspace's `rust-version` is lower.
The code's own use of the standard library is checked by clippy's `incompatible_msrv` lint,
which reads the same `rust-version` (part of `cargo clippy` in .ci/run).
"""
import json
import subprocess
import sys


def version(v):
    parts = [int(x) for x in v.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    host = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    target = next(l.split(": ")[1] for l in host.splitlines() if l.startswith("host: "))
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        capture_output=True, text=True, check=True).stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    members = set(meta["workspace_members"])
    seen, stack = set(), list(members)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds & {None, "build"} or (pid in members and "dev" in kinds):
                stack.append(dep["pkg"])
    declared = {packages[m].get("rust_version") for m in members}
    if len(declared) != 1 or None in declared:
        sys.exit(f"msrv: every workspace crate should inherit one rust-version, found {declared}")
    declared = declared.pop()
    needed = max(
        ((version(packages[p]["rust_version"]), packages[p]["name"], packages[p]["version"])
         for p in seen - members if packages[p].get("rust_version")),
        default=((0,), "-", "-"))
    need_str = ".".join(map(str, needed[0]))
    print(f"msrv: declared {declared}; dependencies need {need_str} ({needed[1]} {needed[2]})")
    if version(declared) < needed[0]:
        sys.exit(f"msrv: rust-version {declared} is below what {needed[1]} {needed[2]} needs")


main()
