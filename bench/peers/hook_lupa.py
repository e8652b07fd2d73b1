#!/usr/bin/env python3
"""The `hook` benchmark's lupa peer (issue 7): Python calling the same Lua hook through lupa.

    python3 bench/peers/hook_lupa.py [--calls N] [--script bench/lua/hook.lua]

Prints {"count":N,"extra":{"intents":I},"name":"hook-lupa","seconds":S} on one line.

Each call does what `dangjian bench hook` does per call: turn the member (a Python object)
into a dict of its 18 present fields, leaving the two empty ones out as the host leaves nil
out, convert that dict into a new Lua table (`table_from`), call the hook, and read every
string of every intent it returns into Python strings. How it differs from the measured path:
  - lupa's own Lua 5.4 (statically linked into lupa.lua54), not Debian's liblua5.4;
  - the source runs in the runtime's real globals: no sandboxed environment, no instruction
    budget, deadline or memory cap;
  - Python objects instead of Swift values on the host side.
"""
import argparse
import json
import time
from dataclasses import dataclass
from typing import Optional

import lupa.lua54 as lua54


@dataclass(frozen=True)
class Member:
    """A member as the host holds it, with dates as the text the database stores."""
    id: int
    organization_id: int
    name: str
    gender: str
    birth_year: int
    phone: str
    status: str
    applied_on: Optional[str]
    talked_on: Optional[str]
    activist_on: Optional[str]
    candidate_on: Optional[str]
    admitted_on: Optional[str]
    full_on: Optional[str]
    retired: bool
    flowing: bool
    flowing_to: Optional[str]
    lost_contact: bool
    lost_contact_since: Optional[str]
    pending_transfer: bool
    updated_at: str

    def record(self):
        """The record as a hook sees it; an empty field is left out, as nil."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


SAMPLE = Member(
    id=1543, organization_id=27, name="李晓梅", gender="女", birth_year=1996, phone="138****5678",
    status="probationary", applied_on="2023-03-02", talked_on="2023-03-20", activist_on="2023-09-01",
    candidate_on="2024-09-10", admitted_on="2025-07-15", full_on=None, retired=False, flowing=True,
    flowing_to="广东省深圳市", lost_contact=False, lost_contact_since=None, pending_transfer=False,
    updated_at="2026-06-20T09:30:00Z",
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--script", default="bench/lua/hook.lua")
    args = parser.parse_args()

    lua = lua54.LuaRuntime()
    # on(event, fn) keeps the handler, as the host keeps a declaration's function.
    lua.execute("function on(event, fn) HOOK = fn end")
    with open(args.script, encoding="utf-8") as f:
        lua.execute(f.read())
    hook = lua.globals().HOOK

    intents = 0
    start = time.perf_counter()
    for _ in range(args.calls):
        result = hook(lua.table_from(SAMPLE.record()))
        if result is not None:
            for intent in result.values():
                # Every field, key and value, crosses into Python, as the host converts each.
                dict(intent.items())
                intents += 1
    seconds = time.perf_counter() - start
    if intents != args.calls:
        raise SystemExit(f"expected one intent a call, got {intents} in {args.calls} calls")
    print(json.dumps({"count": args.calls, "extra": {"intents": intents}, "name": "hook-lupa",
                      "seconds": round(seconds, 6)}, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
