/* The `hook` benchmark's C peer (issue 7): the floor the Swift host is measured against.
 *
 *   gcc -O2 hook.c $(pkg-config --cflags --libs lua5.4) -o hook-c
 *   ./hook-c bench/lua/hook.lua [calls]        (default 1,000,000 calls)
 *
 * Prints {"name":"hook-c","seconds":S,"count":N,"extra":{"intents":I}} on one line.
 *
 * Each call does what `dangjian bench hook` does per call: push the hook function from the
 * registry, build the member table field by field from a C struct (the same 18 present fields
 * and values; the two empty ones are left out, as the host leaves nil out), lua_pcall it, and
 * read every string of every intent it returns. How it differs from the measured path:
 *   - a plain luaL_newstate with all libraries and the source run in the real globals: no
 *     sandboxed environment, no instruction budget, deadline or memory cap (no count hook);
 *   - the C API is used unprotected (lua_pushstring, lua_setfield): an allocation failure would
 *     longjmp, which the host cannot allow through Swift frames;
 *   - the result is read in place (lua_tolstring), not copied into Swift values;
 *   - no message handler on lua_pcall.
 */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A member as the host holds it, with dates as the text the database stores. NULL is empty. */
struct member {
    long long id, organization_id, birth_year;
    const char *name, *gender, *phone, *status;
    const char *applied_on, *talked_on, *activist_on, *candidate_on, *admitted_on, *full_on;
    int retired, flowing, lost_contact, pending_transfer;
    const char *flowing_to, *lost_contact_since, *updated_at;
};

static const struct member sample = {
    .id = 1543, .organization_id = 27, .birth_year = 1996,
    .name = "李晓梅", .gender = "女", .phone = "138****5678", .status = "probationary",
    .applied_on = "2023-03-02", .talked_on = "2023-03-20", .activist_on = "2023-09-01",
    .candidate_on = "2024-09-10", .admitted_on = "2025-07-15", .full_on = NULL,
    .retired = 0, .flowing = 1, .lost_contact = 0, .pending_transfer = 0,
    .flowing_to = "广东省深圳市", .lost_contact_since = NULL, .updated_at = "2026-06-20T09:30:00Z",
};

static void set_string(lua_State *L, const char *key, const char *value) {
    if (!value) return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, long long value) {
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

static void set_boolean(lua_State *L, const char *key, int value) {
    lua_pushboolean(L, value);
    lua_setfield(L, -2, key);
}

static void push_member(lua_State *L, const struct member *m) {
    lua_createtable(L, 0, 20);
    set_integer(L, "id", m->id);
    set_integer(L, "organization_id", m->organization_id);
    set_string(L, "name", m->name);
    set_string(L, "gender", m->gender);
    set_integer(L, "birth_year", m->birth_year);
    set_string(L, "phone", m->phone);
    set_string(L, "status", m->status);
    set_string(L, "applied_on", m->applied_on);
    set_string(L, "talked_on", m->talked_on);
    set_string(L, "activist_on", m->activist_on);
    set_string(L, "candidate_on", m->candidate_on);
    set_string(L, "admitted_on", m->admitted_on);
    set_string(L, "full_on", m->full_on);
    set_boolean(L, "retired", m->retired);
    set_boolean(L, "flowing", m->flowing);
    set_string(L, "flowing_to", m->flowing_to);
    set_boolean(L, "lost_contact", m->lost_contact);
    set_string(L, "lost_contact_since", m->lost_contact_since);
    set_boolean(L, "pending_transfer", m->pending_transfer);
    set_string(L, "updated_at", m->updated_at);
}

/* on(event, fn): keeps the handler in the registry, as the host keeps a declaration's function. */
static int on(lua_State *L) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_setfield(L, LUA_REGISTRYINDEX, "hook");
    return 0;
}

/* Touches every string of every intent, as the host's conversion reads each one. */
static size_t read_result(lua_State *L, int index, long long *intents) {
    size_t bytes = 0;
    if (lua_type(L, index) != LUA_TTABLE) return 0;
    lua_Integer n = (lua_Integer)lua_rawlen(L, index);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, index, i);
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            size_t length = 0;
            if (lua_type(L, -1) == LUA_TSTRING) lua_tolstring(L, -1, &length);
            bytes += length;
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        (*intents)++;
    }
    return bytes;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s HOOK.lua [calls]\n", argv[0]);
        return 2;
    }
    long long calls = argc > 2 ? atoll(argv[2]) : 1000000;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "on", on);
    if (luaL_dofile(L, argv[1]) != LUA_OK) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, "hook");
    int handler = luaL_ref(L, LUA_REGISTRYINDEX);

    long long intents = 0;
    size_t bytes = 0;
    double start = now();
    for (long long i = 0; i < calls; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, handler);
        push_member(L, &sample);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
            fprintf(stderr, "%s\n", lua_tostring(L, -1));
            return 1;
        }
        bytes += read_result(L, -1, &intents);
        lua_pop(L, 1);
    }
    double seconds = now() - start;
    if (intents != calls || bytes == 0) {
        fprintf(stderr, "expected one intent a call, got %lld in %lld calls\n", intents, calls);
        return 1;
    }
    printf("{\"count\":%lld,\"extra\":{\"intents\":%lld},\"name\":\"hook-c\",\"seconds\":%.6f}\n", calls, intents, seconds);
    lua_close(L);
    return 0;
}
