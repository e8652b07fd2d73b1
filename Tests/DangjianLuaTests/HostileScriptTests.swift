import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua

/// Scripts that try to escape the sandbox, exhaust a limit or break the host. After each, the
/// host must still answer and a well-behaved rule must still run.
@Suite struct HostileScriptTests {
    static let limits = LuaLimits(instructions: 2_000_000, memoryBytes: 16 << 20, seconds: 1)

    /// What a hostile script is expected to end in.
    enum Outcome: Sendable {
        case fails(LuaError.Kind)
        /// It fails, whichever limit it reaches first.
        case failsAny
        /// It runs but returns this (e.g. nil for a function that is not there).
        case returns(LuaValue)
    }

    static let scripts: [(String, String, Outcome)] = [
        ("os.execute", "return os.execute('touch /tmp/dangjian-escaped')", .fails(.runtime)),
        ("io.open", "return io.open('/etc/passwd'):read('a')", .fails(.runtime)),
        ("load bytecode", "return load(string.dump(function() end))", .fails(.runtime)),
        ("load text", "return load('return 1')()", .fails(.runtime)),
        ("loadfile", "return loadfile('/etc/passwd')", .fails(.runtime)),
        ("dofile", "return dofile('/etc/passwd')", .fails(.runtime)),
        ("require", "return require('os')", .fails(.runtime)),
        ("string.dump", "return string.dump(print)", .fails(.runtime)),
        ("debug", "return debug.getregistry()", .fails(.runtime)),
        ("package.loadlib", "return package.loadlib('libc.so.6', 'system')", .fails(.runtime)),
        ("collectgarbage", "return collectgarbage('count')", .fails(.runtime)),
        ("string metatable", "return getmetatable('').__index", .returns(.nil)),
        ("string metatable value", "return getmetatable('')", .returns("locked")),
        ("string method dump", "return ('x').dump", .returns(.nil)),
        ("modify shared string", "string.upper = function() return 'pwned' end", .fails(.runtime)),
        ("rawset on shared string", "rawset(string, 'upper', print)", .fails(.runtime)),
        ("setmetatable on shared", "setmetatable(string, {})", .fails(.runtime)),
        ("environment metatable", "return getmetatable(_ENV).__index", .returns(.nil)),
        ("_ENV swap", "local _ENV = { x = 1 } return x", .returns(1)),
        ("_G is the script's own", "_G.leak = 'x' return rawget(_G, 'leak')", .returns("x")),
        ("os.exit", "os.exit(1)", .fails(.runtime)),
        ("os.getenv", "return os.getenv('HOME')", .fails(.runtime)),
        ("os.remove", "return os.remove('/tmp/x')", .fails(.runtime)),
        ("infinite loop", "while true do end", .fails(.instructionLimit)),
        ("loop inside pcall", "while true do pcall(function() while true do end end) end", .fails(.instructionLimit)),
        ("deep recursion", "local function f(n) return 1 + f(n + 1) end return f(1)", .failsAny),
        (
            "coroutine that never ends", "local co = coroutine.wrap(function() while true do end end) co()",
            .fails(.instructionLimit)
        ),
        (
            "coroutine yielding forever",
            "local co = coroutine.wrap(function() while true do coroutine.yield() end end) while true do co() end",
            .fails(.instructionLimit)
        ),
        ("table memory bomb", "local t = {} for i = 1, 1e9 do t[i] = { i, i, i } end", .fails(.memoryLimit)),
        ("huge string.rep", "return #string.rep(string.rep('党', 100), 2e5)", .fails(.memoryLimit)),
        ("string.rep past the repetition cap", "return #string.rep('党', 2e7)", .fails(.runtime)),
        ("string.rep past Lua's own size check", "return #string.rep('党', 1e18)", .fails(.runtime)),
        ("string doubling", "local s = 'x' while true do s = s .. s end", .fails(.memoryLimit)),
        (
            "memory bomb inside pcall",
            "local ok = pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end) return ok",
            .fails(.memoryLimit)
        ),
        (
            "__tostring that errors", "error(setmetatable({}, { __tostring = function() error('again') end }))",
            .fails(.runtime)
        ),
        ("error with a table", "error({ code = 1 })", .fails(.runtime)),
        ("error with nil", "error()", .fails(.runtime)),
        ("syntax error", "function (", .fails(.syntax)),
        ("returns a function", "return function() end", .fails(.badValue)),
        ("returns a cyclic table", "local t = {} t.self = t return t", .fails(.badValue)),
        ("returns invalid UTF-8", "return '\\xff\\xfe'", .fails(.badValue)),
        (
            "pairs hands out a shared library", "local _, s = pairs(string) s.upper = function() return 'pwned' end",
            .fails(.runtime)
        ),
        (
            "next over a shared library",
            "for k, v in pairs(math) do end local f = pairs(math) local k, v = f(nil, nil) return type(k)",
            .returns("string")
        ),
        ("table.move over a huge range", "table.move({}, 1, 1 << 40, 1, {})", .fails(.runtime)),
        ("string.rep of an empty string", "return #string.rep('', 1 << 40)", .fails(.runtime)),
        ("catastrophic pattern", "return string.find(string.rep('a', 3000), '.-.-.-.-b')", .fails(.runtime)),
        ("catastrophic pattern as a method", "return (string.rep('a', 3000)):match('.-.-.-.-b')", .fails(.runtime)),
        (
            "table.remove with a lying __len",
            "table.remove(setmetatable({}, { __len = function() return 1 << 40 end }), 1)", .fails(.runtime)
        ),
        ("a table graph that doubles", "local t = {} for i = 1, 30 do t = { t, t } end return t", .fails(.badValue)),
        ("xpcall handler loops", "xpcall(error, function() while true do end end)", .fails(.instructionLimit)),
        (
            "xpcall handler loops after a limit",
            "xpcall(function() while true do end end, function() while true do end end)", .fails(.instructionLimit)
        ),
        (
            "loop in __gc",
            "setmetatable({}, { __gc = function() while true do end end }) for i = 1, 1e6 do local t = {} end",
            .fails(.runtime)
        ),
        (
            "loop in __close",
            "do local x <close> = setmetatable({}, { __close = function() while true do end end }) end",
            .fails(.instructionLimit)
        ),
        (
            "loop in __close during an error",
            "do local x <close> = setmetatable({}, { __close = function() while true do end end }) error('boom') end",
            .failsAny
        ),
    ]

    @Test(arguments: scripts.indices)
    func aHostileScriptFailsAlone(index: Int) async throws {
        let (name, source, expected) = Self.scripts[index]
        let pool = try LuaPool(size: 1, limits: Self.limits)
        let outcome: Result<[LuaValue], LuaError> = try await pool.withVM { vm in
            do {
                let chunk = try vm.compile(source, name: "hostile/\(index).lua")
                return .success(try vm.run(chunk))
            } catch let error as LuaError {
                return .failure(error)
            } catch {
                return .failure(LuaError(kind: .runtime, message: "\(error)"))
            }
        }
        switch (expected, outcome) {
        case (.fails(let kind), .failure(let error)):
            #expect(error.kind == kind, "\(name): \(error)")
        case (.failsAny, .failure):
            break
        case (.returns(let value), .success(let values)):
            #expect(values.first ?? .nil == value, "\(name)")
        default:
            Issue.record("\(name): expected \(expected), got \(outcome)")
        }
        // Nothing escaped to the file system.
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dangjian-escaped"))
        // The same pool still runs a well-behaved rule afterwards, on a trusted VM.
        let healthy = try await pool.withVM { vm in
            let chunk = try vm.compile("function due(n) return n * 2 end", name: "healthy.lua")
            _ = try vm.run(chunk)
            return try vm.call(chunk, function: "due", [21])
        }
        #expect(healthy == [42])
    }

    @Test func scriptsDoNotSeeEachOthersGlobals() throws {
        let vm = try LuaVM(limits: Self.limits)
        let a = try vm.compile("secret = 'a' string_upper = string.upper", name: "a.lua")
        let b = try vm.compile("return secret, string.upper('x')", name: "b.lua")
        _ = try vm.run(a)
        #expect(try vm.run(b) == [.nil, "X"])
    }

    @Test func thereAreAtLeastThirtyHostileScripts() {
        #expect(Self.scripts.count >= 30)
    }
}
