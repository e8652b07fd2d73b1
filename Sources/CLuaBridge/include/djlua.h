#ifndef DANGJIAN_DJLUA_H
#define DANGJIAN_DJLUA_H

#include <stddef.h>
#include <lua.h>

/* Why a VM stopped early. */
enum djl_limit { DJL_LIMIT_NONE = 0, DJL_LIMIT_INSTRUCTIONS = 1, DJL_LIMIT_DEADLINE = 2, DJL_LIMIT_MEMORY = 3 };

/* One Lua state with its own allocator cap, instruction budget and deadline. */
typedef struct djl_vm {
    lua_State *L;
    size_t used;
    size_t memory_limit;
    long long remaining;      /* instructions left in this call */
    double deadline;          /* CLOCK_MONOTONIC seconds; 0 means none */
    int limit_hit;            /* an enum djl_limit */
    int armed;
} djl_vm;

/* A Swift function exposed to Lua. It returns the number of results it pushed, or -1 after
   pushing an error message; the C trampoline raises that error once the Swift frame has
   returned, so no longjmp ever crosses Swift code. */
typedef int (*djl_swift_fn)(lua_State *L, void *context);

djl_vm *djl_open(size_t memory_limit);
void djl_close(djl_vm *vm);

/* Every call into Lua goes through djl_call, armed with a budget and a deadline in seconds. */
void djl_arm(djl_vm *vm, long long instructions, double seconds);
void djl_disarm(djl_vm *vm);

/* Compiles text only (never bytecode). Pushes the function, or an error message. */
int djl_load(djl_vm *vm, const char *chunk, size_t length, const char *name);

/* lua_pcall with a message handler that adds a traceback and never runs metamethods. */
int djl_call(djl_vm *vm, int nargs, int nresults);

int djl_push_swift_function(lua_State *L, djl_swift_fn fn, void *context);

/* Allocation can raise a memory error; these run it protected and return a Lua status. */
int djl_pushstring(lua_State *L, const char *s, size_t length);
int djl_newtable(lua_State *L, int narray, int nrecord);
int djl_setfield(lua_State *L, int table, const char *key, size_t keylength); /* t[key] = top, pops it */

/* A value built from Swift in one protected call, so a table costs one lua_pcall, not two per
   field. The steps run in order on the stack: each of the first six pushes one value, and SET
   does t[k] = v (raw) with t, k, v on top, popping k and v. Strings are `length` bytes at
   `offset` in one shared text buffer. */
enum djl_step_kind {
    DJL_STEP_NIL, DJL_STEP_BOOLEAN, DJL_STEP_INTEGER, DJL_STEP_NUMBER, DJL_STEP_STRING, DJL_STEP_TABLE, DJL_STEP_SET
};
typedef struct djl_step {
    int kind;
    int narray, nrecord;   /* TABLE: sizes to preallocate */
    lua_Integer integer;   /* BOOLEAN (0 or 1), INTEGER */
    lua_Number number;     /* NUMBER */
    size_t offset, length; /* STRING */
} djl_step;

/* Runs `count` steps and leaves the values they built on the stack; a Lua status. */
int djl_push_steps(lua_State *L, const djl_step *steps, size_t count, const char *text);

/* The current line and chunk name of the innermost Lua function, for error reports. */
int djl_where(lua_State *L, int level, char *buffer, size_t size);

int djl_limit_hit(djl_vm *vm);

/* Keeps the value on top alive in the registry (popping it); LUA_NOREF when memory ran out. */
int djl_ref(lua_State *L);
void djl_getref(lua_State *L, int ref);
size_t djl_memory_used(djl_vm *vm);

#endif
