import CLua
import CLuaBridge
import Foundation

/// The limits every call into Lua runs under. Defaults live in the configuration.
public struct LuaLimits: Sendable, Equatable {
    /// The most VM instructions one call may run (`lua.instructionBudget`).
    public var instructions: Int64
    /// The most bytes the whole VM may hold (`lua.memoryBytes`).
    public var memoryBytes: Int
    /// The longest one call may run, in seconds of wall time (`lua.timeoutMilliseconds` / 1000).
    public var seconds: Double

    /// Limits for a VM; the defaults are for tests and tools, `serve` takes them from the configuration.
    public init(instructions: Int64 = 10_000_000, memoryBytes: Int = 32 << 20, seconds: Double = 2) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
        self.seconds = seconds
    }
}

/// A Swift function callable from Lua. It reads its arguments as values and returns values;
/// a thrown error becomes a Lua error raised by the C trampoline after this returns.
public typealias LuaFunction = @Sendable ([LuaValue]) throws -> [LuaValue]

/// One Lua state. It is not thread-safe: a `LuaPool` lends it to one task at a time.
/// After a call hits a limit or runs out of memory, `isTrusted` turns false and the pool
/// replaces the VM instead of reusing a state that failed half-way.
public final class LuaVM {
    let vm: UnsafeMutablePointer<djl_vm>
    /// The limits this VM was opened with.
    public let limits: LuaLimits
    var newEnvironmentRef: Int32 = LUA_NOREF
    var readonlyRef: Int32 = LUA_NOREF
    var surfaceRef: Int32 = LUA_NOREF
    private var functions: [FunctionBox] = []
    /// False once a call hit a limit or ran out of memory: the VM's state may be half changed, so
    /// the pool replaces it before anyone borrows it again.
    public private(set) var isTrusted = true
    /// The rule packs loaded into this VM, by directory, each declaration under its `key`: the
    /// declarations' functions are references into this VM only, so each VM of a pool loads its own copy.
    public var packs: [String: [String: Declaration]] = [:]
    /// The data and scope of the call in progress, read by the `dj` data functions.
    public let callContext = CallContext()

    /// The Lua thread being worked on: the main one, or, while a Swift function runs, the
    /// coroutine that called it (its arguments and results live on that thread's stack).
    var L: OpaquePointer { activeState ?? vm.pointee.L }
    var activeState: OpaquePointer?
    /// Table entries a single conversion to Swift may still visit; see `value(at:)`.
    var conversionBudget = 0
    /// Scratch buffers for building a table on the Lua stack; see `push(_:)`.
    var pushSteps: [djl_step] = []
    var pushText: [UInt8] = []

    /// Opens a Lua state within `limits.memoryBytes` with the sandboxed libraries loaded. Throws
    /// `LuaError.memoryLimit` when no state fits in that memory.
    public init(limits: LuaLimits = LuaLimits()) throws {
        guard let vm = djl_open(limits.memoryBytes) else {
            throw LuaError(kind: .memoryLimit, message: "cannot create a Lua state within \(limits.memoryBytes) bytes")
        }
        self.vm = vm
        self.limits = limits
        callContext.state = vm
        try bootstrap()
    }

    deinit {
        djl_close(vm)
    }

    // MARK: Scripts

    /// A compiled script: its main function and its own environment, kept in the registry.
    public struct Chunk: Sendable, Hashable {
        /// The chunk name Lua reports in errors, usually the script's file path.
        public let name: String
        let function: Int32
        let environment: Int32
    }

    /// Compiles `source` (text only, never bytecode) into a fresh sandboxed environment.
    /// `globals` are added to that environment, e.g. the rule surface's `reminder` and `dj`.
    public func compile(_ source: String, name: String, globals: [String: LuaGlobal] = [:]) throws -> Chunk {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let status = source.withCString { djl_load(vm, $0, strlen($0), "@" + name) }
        guard status == LUA_OK else {
            throw LuaError.from(message: popString(), kind: status == LUA_ERRSYNTAX ? .syntax : .memoryLimit)
        }
        // Build the environment: new_environment() then each global.
        djl_getref(L, newEnvironmentRef)
        guard djl_call(vm, 0, 1) == LUA_OK else { throw LuaError.from(message: popString(), kind: .memoryLimit) }
        for (key, global) in globals.sorted(by: { $0.key < $1.key }) {
            try push(global)
            try check(key.withCString { djl_setfield(L, -2, $0, strlen($0)) })
        }
        lua_pushvalue(L, -1)
        let environment = djl_ref(L)
        // The environment becomes the chunk's _ENV, its first and only upvalue.
        guard lua_setupvalue(L, -2, 1) != nil else { throw LuaError(kind: .runtime, message: "chunk has no _ENV") }
        let function = djl_ref(L)
        guard environment != LUA_NOREF, function != LUA_NOREF else {
            throw LuaError(kind: .memoryLimit, message: "out of memory while compiling \(name)")
        }
        return Chunk(name: name, function: function, environment: environment)
    }

    /// Runs a compiled chunk's main body under the limits.
    public func run(_ chunk: Chunk) throws -> [LuaValue] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        djl_getref(L, chunk.function)
        return try callTop(arguments: [], results: LUA_MULTRET, base: top)
    }

    /// Calls a function the chunk's environment holds (a global of the script) by name.
    public func call(_ chunk: Chunk, function name: String, _ arguments: [LuaValue] = []) throws -> [LuaValue] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        djl_getref(L, chunk.environment)
        try pushKey(name)
        lua_rawget(L, -2)
        guard lua_type(L, -1) == LUA_TFUNCTION else {
            throw LuaError(kind: .runtime, message: "\(chunk.name) defines no function \(name)")
        }
        lua_rotate(L, -2, -1)
        lua_settop(L, -2)  // lua_remove(L, -2), a macro Swift cannot see
        return try callTop(arguments: arguments, results: LUA_MULTRET, base: top)
    }

    /// Calls a Lua function value kept by reference (e.g. a rule's `done`).
    public func call(reference: LuaReference, _ arguments: [LuaValue]) throws -> [LuaValue] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        djl_getref(L, reference.ref)
        return try callTop(arguments: arguments, results: LUA_MULTRET, base: top)
    }

    /// The bytes the VM holds now.
    public var memoryUsed: Int { djl_memory_used(vm) }

    // MARK: Internals

    /// Runs the trusted sandbox bootstrap and keeps the two functions it returns.
    private func bootstrap() throws {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard Sandbox.bootstrap.withCString({ djl_load(vm, $0, strlen($0), "=sandbox") }) == LUA_OK,
            djl_call(vm, 0, 3) == LUA_OK
        else { throw LuaError.from(message: popString(), kind: .runtime) }
        lua_pushvalue(L, top + 1)
        newEnvironmentRef = djl_ref(L)
        lua_pushvalue(L, top + 2)
        readonlyRef = djl_ref(L)
        lua_pushvalue(L, top + 3)
        surfaceRef = djl_ref(L)
        guard newEnvironmentRef != LUA_NOREF, readonlyRef != LUA_NOREF, surfaceRef != LUA_NOREF else {
            throw LuaError(kind: .memoryLimit, message: "out of memory in the sandbox bootstrap")
        }
    }

    private func callTop(arguments: [LuaValue], results: Int32, base: Int32) throws -> [LuaValue] {
        for argument in arguments { try push(argument) }
        djl_arm(vm, limits.instructions, limits.seconds)
        let status = djl_call(vm, Int32(arguments.count), results)
        let limit = djl_limit_hit(vm)
        djl_disarm(vm)
        if status != LUA_OK {
            let message = popString()
            if limit != 0 || status == LUA_ERRMEM || status == LUA_ERRERR { isTrusted = false }
            switch Int32(limit) {
            case Int32(DJL_LIMIT_INSTRUCTIONS.rawValue): throw LuaError.from(message: message, kind: .instructionLimit)
            case Int32(DJL_LIMIT_DEADLINE.rawValue): throw LuaError.from(message: message, kind: .deadline)
            case Int32(DJL_LIMIT_MEMORY.rawValue): throw LuaError.from(message: message, kind: .memoryLimit)
            default: throw LuaError.from(message: message, kind: status == LUA_ERRMEM ? .memoryLimit : .runtime)
            }
        }
        let count = lua_gettop(L) - base
        return try (0..<count).map { try value(at: base + 1 + $0) }
    }

    func check(_ status: Int32) throws {
        guard status == LUA_OK else {
            isTrusted = false
            throw LuaError(kind: .memoryLimit, message: "out of memory while passing a value to Lua")
        }
    }

    /// The message on top of the stack, popped. Only a real string is read, so nothing allocates.
    func popString() -> String {
        defer { lua_settop(L, -2) }
        guard lua_type(L, -1) == LUA_TSTRING, let text = lua_tolstring(L, -1, nil) else { return "(no message)" }
        return String(cString: text)
    }

    final class FunctionBox {
        let name: String
        let function: LuaFunction
        unowned let vm: LuaVM
        init(name: String, function: @escaping LuaFunction, vm: LuaVM) {
            self.name = name
            self.function = function
            self.vm = vm
        }
    }

    func register(_ name: String, _ function: @escaping LuaFunction) -> FunctionBox {
        let box = FunctionBox(name: name, function: function, vm: self)
        functions.append(box)
        return box
    }
}

/// A Lua value kept alive in the VM's registry, e.g. a rule's `done` function.
public struct LuaReference: Sendable, Hashable {
    let ref: Int32
}

/// What can be put into a script's environment.
public enum LuaGlobal: Sendable {
    case value(LuaValue)
    case function(String, LuaFunction)
    /// A read-only table of functions and values, e.g. `dj` or `dj.date`.
    case library(String, [String: LuaGlobal])
}

extension LuaError {
    /// Splits "file:line: message" as Lua reports it.
    static func from(message: String, kind: Kind) -> LuaError {
        let firstLine = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
        let parts = firstLine.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, Int(parts[1]) != nil {
            return LuaError(
                kind: kind, message: parts[2].trimmingCharacters(in: .whitespaces), location: "\(parts[0]):\(parts[1])")
        }
        return LuaError(kind: kind, message: firstLine)
    }
}
