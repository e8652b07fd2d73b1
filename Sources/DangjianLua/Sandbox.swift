/// The trusted bootstrap each VM runs once. It builds the allow-list every script sees, over
/// read-only proxies of the shared libraries, and returns a function that makes a fresh
/// environment per script. Scripts never see the VM's real globals.
enum Sandbox {
    static let bootstrap = #"""
        local limit_hit, where = __djl_limit_hit, __djl_where
        __djl_limit_hit, __djl_where = nil, nil
        local error, pcall, xpcall, rawset, rawget, setmetatable, getmetatable, next, tostring, select, type =
            error, pcall, xpcall, rawset, rawget, setmetatable, getmetatable, next, tostring, select, type
        local protected = setmetatable({}, { __mode = "k" })

        local function readonly(source, name)
            local proxy = {}
            setmetatable(proxy, {
                __index = source,
                __newindex = function(_, key)
                    error("attempt to modify read-only table " .. name .. " (field " .. tostring(key) .. ")", 2)
                end,
                -- A closure, not `next, source`: handing out `source` would let a script change it.
                __pairs = function() return function(_, key) return next(source, key) end, proxy, nil end,
                __len = function() return #source end,
                __metatable = "locked",
            })
            protected[proxy] = true
            protected[source] = true
            return proxy
        end

        local function pick(library, names)
            local t = {}
            for _, name in ipairs(names) do t[name] = library[name] end
            return t
        end

        -- A limit error caught by a script's own pcall is raised again: a budget cannot be outlasted.
        local function after_pcall(ok, ...)
            if not ok and limit_hit() then error((...), 0) end
            return ok, ...
        end

        -- Some library functions loop in C, where the instruction hook never runs. Each gets a
        -- bound checked in Lua first, so the budget and the deadline always hold.
        local MAX_COUNT = 10000000
        local rep, move, insert, remove, unpack = string.rep, table.move, table.insert, table.remove, table.unpack
        local floor, huge = math.floor, math.huge

        -- Backtracking in a pattern costs about (subject length)^(quantifiers + 1) steps in C.
        local function quantifiers(pattern)
            local count, i, n = 0, 1, #pattern
            while i <= n do
                local c = pattern:sub(i, i)
                if c == "%" then
                    i = i + 2
                elseif c == "[" then
                    i = i + 1
                    if pattern:sub(i, i) == "^" then i = i + 1 end
                    if pattern:sub(i, i) == "]" then i = i + 1 end
                    while i <= n and pattern:sub(i, i) ~= "]" do
                        if pattern:sub(i, i) == "%" then i = i + 1 end
                        i = i + 1
                    end
                    i = i + 1
                else
                    if c == "*" or c == "+" or c == "-" then count = count + 1 end
                    i = i + 1
                end
            end
            return count
        end
        local function bounded_pattern(name, f)
            return function(s, pattern, ...)
                if type(s) == "string" and type(pattern) == "string" then
                    local q = quantifiers(pattern)
                    if q > 0 and (#s + 1) ^ (q + 1) > 1e10 then
                        error(name .. ": pattern with " .. q .. " repetitions is too costly for a subject of " .. #s .. " bytes", 2)
                    end
                end
                return f(s, pattern, ...)
            end
        end

        local string_functions = pick(string, { "byte", "char", "format", "len", "lower", "reverse", "sub", "upper",
            "pack", "packsize", "unpack" })
        for _, name in ipairs({ "find", "match", "gmatch", "gsub" }) do
            string_functions[name] = bounded_pattern("string." .. name, string[name])
        end
        string_functions.rep = function(s, n, sep)
            if type(n) == "number" and n > MAX_COUNT then error("string.rep: at most " .. MAX_COUNT .. " repetitions", 2) end
            return rep(s, n, sep)
        end
        local strings = readonly(string_functions, "string")

        local table_functions = pick(table, { "concat", "pack", "sort", "unpack" })
        table_functions.move = function(a1, f, e, t, a2)
            if type(f) == "number" and type(e) == "number" and e - f > MAX_COUNT then
                error("table.move: at most " .. MAX_COUNT .. " elements", 2)
            end
            return move(a1, f, e, t, a2)
        end
        -- insert and remove shift elements in C up to #t, and __len can claim any length.
        table_functions.insert = function(t, ...)
            if #t > MAX_COUNT then error("table.insert: table too long", 2) end
            return insert(t, ...)
        end
        table_functions.remove = function(t, ...)
            if #t > MAX_COUNT then error("table.remove: table too long", 2) end
            return remove(t, ...)
        end

        local shared = {
            assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, select = select,
            tonumber = tonumber, tostring = tostring, type = type, getmetatable = getmetatable,
            -- Finalizers run with hooks off, where no limit could stop them, so scripts get none.
            setmetatable = function(t, meta)
                if type(meta) == "table" and rawget(meta, "__gc") ~= nil then
                    error("__gc finalizers are not allowed in rules", 2)
                end
                return setmetatable(t, meta)
            end,
            rawequal = rawequal, rawget = rawget, rawlen = rawlen, _VERSION = _VERSION,
            rawset = function(t, k, v)
                if protected[t] then error("attempt to modify a shared table", 2) end
                return rawset(t, k, v)
            end,
            pcall = function(f, ...) return after_pcall(pcall(f, ...)) end,
            -- Lua runs a message handler with hooks off when the error came from a hook, so a
            -- script's handler must not run once a limit is hit: it could loop unchecked.
            xpcall = function(f, handler, ...)
                local function guarded(message)
                    if limit_hit() then return message end
                    return handler(message)
                end
                return after_pcall(xpcall(f, guarded, ...))
            end,
            string = strings,
            table = readonly(table_functions, "table"),
            math = readonly(pick(math, { "abs", "ceil", "floor", "fmod", "huge", "max", "maxinteger", "min", "mininteger",
                "modf", "pi", "sqrt", "tointeger", "type", "ult", "exp", "log", "sin", "cos", "tan", "random" }), "math"),
            utf8 = readonly(pick(utf8, { "char", "charpattern", "codes", "codepoint", "len", "offset" }), "utf8"),
            os = readonly({ time = os.time, date = os.date, clock = os.clock }, "os"),
            coroutine = readonly(pick(coroutine, { "create", "isyieldable", "resume", "running", "status", "wrap",
                "yield", "close" }), "coroutine"),
        }
        local shared_proxy = readonly(shared, "_G")

        -- String methods ("x"):upper() go through the safe string table, and the string
        -- metatable cannot be reached: getmetatable("") returns "locked".
        local string_meta = getmetatable("")
        string_meta.__index = strings
        string_meta.__metatable = "locked"

        local function new_environment()
            local env = {}
            env._G = env
            return setmetatable(env, { __index = shared_proxy, __metatable = "locked" })
        end

        -- The rule surface: each call records a declaration and the file:line of the script line
        -- that made it. The host reads the declarations after the file has run and checks them.
        local function surface(collector)
            local function declare(kind, spec)
                collector[#collector + 1] = { kind = kind, where = where(3), spec = spec }
            end
            local function expect_table(name, spec)
                if type(spec) ~= "table" then
                    error(name .. " expects a table, e.g. " .. name .. " { id = \"...\", ... }", 3)
                end
            end
            return {
                reminder = function(spec) expect_table("reminder", spec) declare("reminder", spec) end,
                rule = function(spec) expect_table("rule", spec) declare("rule", spec) end,
                on = function(event, handler) declare("on", { event = event, handler = handler }) end,
                score = function(name, fn) declare("score", { name = name, score = fn }) end,
                disable = function(id) declare("disable", { id = id }) end,
            }
        end
        return new_environment, readonly, surface
        """#
}
