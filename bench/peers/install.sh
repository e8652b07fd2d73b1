#!/usr/bin/env bash
# What the benchmark peers need, installed only when missing, so a machine that has it all is
# not touched: gcc with Debian's Lua 5.4 for the C loop, lupa for the Python peer, and
# redis-server for the Redis peer; and for the other benchmarks' baselines, the standalone
# lua5.4 interpreter (sweep), the sqlite3 shell (quarterly-check, import) and wrk (http-*).
set -euo pipefail

# apt-get needs root; CI runs as root, a developer's shell may not (as in the Makefile).
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

if ! command -v gcc >/dev/null 2>&1; then
    echo "gcc is missing: the C peer (bench/peers/hook.c) cannot be built" >&2
    exit 1
fi

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
pkg-config --exists lua5.4 2>/dev/null || missing="$missing liblua5.4-dev"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v lua5.4 >/dev/null 2>&1 || missing="$missing lua5.4"
command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
if [ -n "$missing" ]; then
    echo "installing:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# lupa bundles its own Lua builds; the peer imports lupa.lua54 explicitly.
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c "import lupa.lua54" >/dev/null 2>&1; then
    echo "installing: lupa"
    "$PYTHON" -m pip install --quiet lupa
fi
