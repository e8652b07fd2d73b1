#include "djlua.h"

#include <lauxlib.h>
#include <limits.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int djl_where(lua_State *L, int level, char *buffer, size_t size);

/* How many VM instructions run between two checks of the budget and the clock. */
#define DJL_HOOK_STEP 1000

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static djl_vm *vm_of(lua_State *L) { return *(djl_vm **)lua_getextraspace(L); }

/* The allocator refuses growth past the cap; Lua turns the refusal into a memory error. */
static void *djl_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    djl_vm *vm = (djl_vm *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        vm->used -= old;
        return NULL;
    }
    if (nsize > old && vm->memory_limit && vm->used - old + nsize > vm->memory_limit) {
        if (vm->armed) vm->limit_hit = DJL_LIMIT_MEMORY;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block) vm->used = vm->used - old + nsize;
    return block;
}

/* Raises a limit error located at the line the hooked function is running. */
static int limit_error(lua_State *L, const char *message) {
    luaL_where(L, 0);
    lua_pushstring(L, message);
    lua_concat(L, 2);
    return lua_error(L);
}

static void djl_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    djl_vm *vm = vm_of(L);
    if (!vm->armed) return;
    if (vm->limit_hit) {
        /* Once a limit is hit, every instruction fails, so a script's own pcall cannot outlast it. */
        limit_error(L, vm->limit_hit == DJL_LIMIT_DEADLINE ? "deadline exceeded" : "instruction budget exceeded");
    }
    vm->remaining -= DJL_HOOK_STEP;
    if (vm->remaining < 0) {
        vm->limit_hit = DJL_LIMIT_INSTRUCTIONS;
        lua_sethook(L, djl_hook, LUA_MASKCOUNT, 1);
        limit_error(L, "instruction budget exceeded");
    }
    if (vm->deadline > 0 && now_seconds() > vm->deadline) {
        vm->limit_hit = DJL_LIMIT_DEADLINE;
        lua_sethook(L, djl_hook, LUA_MASKCOUNT, 1);
        limit_error(L, "deadline exceeded");
    }
}

/* The sandbox's pcall and xpcall ask this after catching: a limit error is raised again. */
static int djl_lua_limit_hit(lua_State *L) {
    lua_pushboolean(L, vm_of(L)->limit_hit != DJL_LIMIT_NONE);
    return 1;
}

/* where(level) -> "file:line" of a caller, for the bootstrap only (scripts never see it). */
static int djl_lua_where(lua_State *L) {
    char buffer[512];
    if (djl_where(L, (int)luaL_optinteger(L, 1, 1), buffer, sizeof buffer)) lua_pushstring(L, buffer);
    else lua_pushnil(L);
    return 1;
}

djl_vm *djl_open(size_t memory_limit) {
    djl_vm *vm = calloc(1, sizeof(djl_vm));
    if (!vm) return NULL;
    vm->memory_limit = memory_limit;
    lua_State *L = lua_newstate(djl_alloc, vm);
    if (!L) {
        free(vm);
        return NULL;
    }
    vm->L = L;
    *(djl_vm **)lua_getextraspace(L) = vm;
    /* Only the libraries the sandbox draws from; io, package and debug are never opened. */
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string}, {LUA_TABLIBNAME, luaopen_table},
        {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_OSLIBNAME, luaopen_os},
        {LUA_COLIBNAME, luaopen_coroutine}, {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        lua_pushcfunction(L, lib->func);
        lua_pushstring(L, lib->name);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
            lua_close(L);
            free(vm);
            return NULL;
        }
        lua_setglobal(L, lib->name);
    }
    lua_pushcfunction(L, djl_lua_limit_hit);
    lua_setglobal(L, "__djl_limit_hit");
    lua_pushcfunction(L, djl_lua_where);
    lua_setglobal(L, "__djl_where");
    return vm;
}

void djl_close(djl_vm *vm) {
    if (!vm) return;
    lua_close(vm->L);
    free(vm);
}

void djl_arm(djl_vm *vm, long long instructions, double seconds) {
    vm->remaining = instructions;
    vm->deadline = seconds > 0 ? now_seconds() + seconds : 0;
    vm->limit_hit = DJL_LIMIT_NONE;
    vm->armed = 1;
    lua_sethook(vm->L, djl_hook, LUA_MASKCOUNT, DJL_HOOK_STEP);
}

void djl_disarm(djl_vm *vm) {
    vm->armed = 0;
    lua_sethook(vm->L, NULL, 0, 0);
}

int djl_load(djl_vm *vm, const char *chunk, size_t length, const char *name) {
    return luaL_loadbufferx(vm->L, chunk, length, name, "t");
}

/* Adds a traceback to string errors and describes other error values without calling any
   metamethod: an error object whose __tostring fails again must not fail the handler. */
static int djl_message_handler(lua_State *L) {
    const char *message = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
    if (!message) message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, message, 1);
    return 1;
}

int djl_call(djl_vm *vm, int nargs, int nresults) {
    lua_State *L = vm->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, djl_message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

static int djl_trampoline(lua_State *L) {
    djl_swift_fn fn = (djl_swift_fn)lua_touserdata(L, lua_upvalueindex(1));
    void *context = lua_touserdata(L, lua_upvalueindex(2));
    int results = fn(L, context);
    if (results < 0) {
        /* The Swift frame has returned: raising is safe here. Prefix the caller's file:line. */
        if (lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    return results;
}

static int protected_closure(lua_State *L) {
    lua_pushcclosure(L, djl_trampoline, 2);
    return 1;
}

int djl_push_swift_function(lua_State *L, djl_swift_fn fn, void *context) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    lua_pushcfunction(L, protected_closure);
    lua_pushlightuserdata(L, (void *)fn);
    lua_pushlightuserdata(L, context);
    int status = lua_pcall(L, 2, 1, 0); /* a closure allocates: run it protected */
    if (status != LUA_OK) lua_pop(L, 1);
    return status;
}

static int protected_pushstring(lua_State *L) {
    const char *s = (const char *)lua_touserdata(L, 1);
    size_t length = (size_t)lua_tointeger(L, 2);
    lua_pushlstring(L, s, length);
    return 1;
}

int djl_pushstring(lua_State *L, const char *s, size_t length) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    lua_pushcfunction(L, protected_pushstring);
    lua_pushlightuserdata(L, (void *)s);
    lua_pushinteger(L, (lua_Integer)length);
    int status = lua_pcall(L, 2, 1, 0);
    if (status != LUA_OK) lua_pop(L, 1);
    return status;
}

static int protected_newtable(lua_State *L) {
    lua_createtable(L, (int)lua_tointeger(L, 1), (int)lua_tointeger(L, 2));
    return 1;
}

int djl_newtable(lua_State *L, int narray, int nrecord) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    lua_pushcfunction(L, protected_newtable);
    lua_pushinteger(L, narray);
    lua_pushinteger(L, nrecord);
    int status = lua_pcall(L, 2, 1, 0);
    if (status != LUA_OK) lua_pop(L, 1);
    return status;
}

static int protected_setfield(lua_State *L) {
    /* 1: table, 2: value, 3: key pointer, 4: key length */
    lua_pushlstring(L, (const char *)lua_touserdata(L, 3), (size_t)lua_tointeger(L, 4));
    lua_pushvalue(L, 2);
    lua_rawset(L, 1);
    return 0;
}

int djl_setfield(lua_State *L, int table, const char *key, size_t keylength) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 6)) { lua_pop(L, 1); return LUA_ERRMEM; }
    int value = lua_gettop(L);
    lua_pushcfunction(L, protected_setfield);
    lua_pushvalue(L, table);
    lua_pushvalue(L, value);
    lua_pushlightuserdata(L, (void *)key);
    lua_pushinteger(L, (lua_Integer)keylength);
    int status = lua_pcall(L, 4, 0, 0);
    if (status != LUA_OK) lua_pop(L, 1);
    lua_pop(L, 1); /* the value */
    return status;
}

static int protected_push_steps(lua_State *L) {
    const djl_step *steps = (const djl_step *)lua_touserdata(L, 1);
    size_t count = (size_t)lua_tointeger(L, 2);
    const char *text = (const char *)lua_touserdata(L, 3);
    int base = lua_gettop(L);
    /* The most slots the steps hold at once, found first so that the stack grows once rather
       than being checked at every step. Raising here is safe: we are protected. */
    size_t height = 0, highest = 0;
    for (size_t i = 0; i < count; i++) {
        if (steps[i].kind == DJL_STEP_SET) {
            if (height < 3) return luaL_error(L, "SET step %d without a table, key and value", (int)i);
            height -= 2;
        } else if (++height > highest) {
            highest = height;
        }
    }
    if (highest > INT_MAX - LUA_MINSTACK) return luaL_error(L, "value nests too deep");
    luaL_checkstack(L, (int)highest, "value nests too deep");
    for (size_t i = 0; i < count; i++) {
        const djl_step *step = &steps[i];
        switch (step->kind) {
        case DJL_STEP_NIL: lua_pushnil(L); break;
        case DJL_STEP_BOOLEAN: lua_pushboolean(L, (int)step->integer); break;
        case DJL_STEP_INTEGER: lua_pushinteger(L, step->integer); break;
        case DJL_STEP_NUMBER: lua_pushnumber(L, step->number); break;
        case DJL_STEP_STRING: lua_pushlstring(L, step->length ? text + step->offset : "", step->length); break;
        case DJL_STEP_TABLE: lua_createtable(L, step->narray, step->nrecord); break;
        case DJL_STEP_SET: lua_rawset(L, -3); break;
        default: return luaL_error(L, "unknown step %d", step->kind);
        }
    }
    return lua_gettop(L) - base;
}

int djl_push_steps(lua_State *L, const djl_step *steps, size_t count, const char *text) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    int top = lua_gettop(L);
    lua_pushcfunction(L, protected_push_steps);
    lua_pushlightuserdata(L, (void *)steps);
    lua_pushinteger(L, (lua_Integer)count);
    lua_pushlightuserdata(L, (void *)text);
    int status = lua_pcall(L, 3, LUA_MULTRET, 0);
    if (status != LUA_OK) lua_settop(L, top);
    return status;
}

int djl_where(lua_State *L, int level, char *buffer, size_t size) {
    lua_Debug ar;
    for (int l = level; lua_getstack(L, l, &ar); l++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(buffer, size, "%s:%d", ar.short_src, ar.currentline);
            return 1;
        }
    }
    return 0;
}

int djl_limit_hit(djl_vm *vm) { return vm->limit_hit; }
size_t djl_memory_used(djl_vm *vm) { return vm->used; }

static int protected_ref(lua_State *L) {
    lua_pushvalue(L, 1);
    lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
    return 1;
}

int djl_ref(lua_State *L) {
    if (!lua_checkstack(L, 3)) { lua_pop(L, 1); return LUA_NOREF; }
    lua_pushcfunction(L, protected_ref);
    lua_insert(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) { lua_pop(L, 1); return LUA_NOREF; }
    int ref = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return ref;
}

void djl_getref(lua_State *L, int ref) { lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
