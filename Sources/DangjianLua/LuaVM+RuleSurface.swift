import CLua
import CLuaBridge
import Foundation
import Synchronization

/// One `reminder {…}`, `rule {…}`, `on(…)`, `score(…)` or `disable(…)` a rules file made.
public struct Declaration: Sendable {
    /// Which surface function made the declaration: `reminder {…}`, `rule {…}`, `on(…)`,
    /// `score(…)` or `disable(…)`.
    public enum Kind: String, Sendable { case reminder, rule, on, score, disable }

    /// Which surface function made it; the schema check and the sweep treat each kind differently.
    public let kind: Kind
    /// "file:line" of the declaring call.
    public let location: String
    /// Its plain fields; functions are kept apart as references.
    public let fields: [String: LuaValue]
    /// Its function fields (`done`, `check`, a hook's `handler`, a score's `score`) as references
    /// into the VM that ran the file; valid only in that VM.
    public let functions: [String: LuaReference]
    /// Fields whose values cannot leave Lua (neither plain values nor functions).
    public let unreadable: [String: String]

    /// A reminder's fields as typed values, set once its pack is checked (`RulePack.load`).
    public internal(set) var reminder: Reminder?
    /// The same for a `rule {…}`; nil for other kinds.
    public internal(set) var rule: CheckRule?
    /// The typed `on(…)` hook, set once its pack is checked; nil for other kinds.
    public internal(set) var hook: Hook?
    /// The typed `score(…)`, set once its pack is checked; nil for other kinds.
    public internal(set) var score: Score?

    /// Whether the sweep runs it: a reminder or rule may say `enabled = false`.
    public var isEnabled: Bool { reminder?.enabled ?? rule?.enabled ?? true }

    /// The `applies_to` filter of a reminder or rule, as written.
    public var appliesTo: LuaValue? { reminder?.appliesTo ?? rule?.appliesTo }

    /// What finds this declaration's functions in every VM that loads its pack: its kind, name
    /// and "file:line", and "#n" for the n-th repeat at one line. Never its position, which a
    /// top level that runs differently (pairs order) would change between VMs.
    public internal(set) var key = ""

    /// The `id` field of a reminder, a rule or a `disable`; nil for hooks and scores. Overlays
    /// override and switch off rules by it.
    public var id: String? { fields["id"]?.string }

    /// How reports and notifications name it: the id, or "on:event.name" for a hook.
    public var name: String {
        id ?? fields["event"]?.string.map { "on:\($0)" } ?? fields["name"]?.string.map { "score:\($0)" }
            ?? kind.rawValue
    }
}

/// Counts the rule files run in the current task, so a test can hold a host to one load of
/// each pack per VM. Nil (nothing counted) unless a test binds it.
public enum RuleFileLoads {
    /// The counter the current task's rule-file runs add to; nil, and nothing counted, outside a
    /// test that binds one with `$counter.withValue`.
    @TaskLocal public static var counter: Counter?

    /// A thread-safe count of rule files run.
    public final class Counter: Sendable {
        private let count = Mutex(0)
        /// A counter at zero.
        public init() {}
        /// How many rule files have run while the counter was bound.
        public var value: Int { count.withLock { $0 } }
        func add() { count.withLock { $0 += 1 } }
    }
}

extension LuaVM {
    static let surfaceNames = ["reminder", "rule", "on", "score", "disable"]

    /// Compiles and runs one rules file with the rule surface (and `globals`, e.g. `dj`) in its
    /// environment, and returns what it declared, in order.
    public func declarations(in source: String, file: String, globals: [String: LuaGlobal] = [:]) throws -> (
        Chunk, [Declaration]
    ) {
        RuleFileLoads.counter?.add()
        let chunk = try compile(source, name: file, globals: globals)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        // collector = {}; functions = surface(collector); env.reminder = functions.reminder, …
        try check(djl_newtable(L, 8, 0))
        let collector = try reference(at: -1)
        djl_getref(L, surfaceRef)
        lua_pushvalue(L, -2)
        guard djl_call(vm, 1, 1) == LUA_OK else { throw LuaError.from(message: popString(), kind: .memoryLimit) }
        djl_getref(L, chunk.environment)
        for name in Self.surfaceNames {
            try pushKey(name)
            lua_rawget(L, -3)
            try check(name.withCString { djl_setfield(L, -2, $0, strlen($0)) })
        }
        lua_settop(L, top)
        _ = try run(chunk)
        return (chunk, try readDeclarations(collector))
    }

    private func readDeclarations(_ collector: LuaReference) throws -> [Declaration] {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        djl_getref(L, collector.ref)
        var declarations: [Declaration] = []
        var index: lua_Integer = 1
        while lua_rawgeti(L, top + 1, index) == LUA_TTABLE {
            let entry = lua_gettop(L)
            let kind = Declaration.Kind(rawValue: try field(entry, "kind").string ?? "") ?? .rule
            let location = try field(entry, "where").string ?? "?"
            var fields: [String: LuaValue] = [:]
            var functions: [String: LuaReference] = [:]
            var unreadable: [String: String] = [:]
            try pushKey("spec")
            if lua_rawget(L, entry) == LUA_TTABLE {
                let spec = lua_gettop(L)
                lua_pushnil(L)
                while lua_next(L, spec) != 0 {
                    if lua_type(L, -2) == LUA_TSTRING, case .string(let key) = try value(at: -2) {
                        if isFunction(at: -1) {
                            functions[key] = try reference(at: -1)
                        } else {
                            do { fields[key] = try value(at: -1) } catch let error as LuaError {
                                unreadable[key] = error.message
                            }
                        }
                    } else {
                        unreadable["[\(String(cString: lua_typename(L, lua_type(L, -2))))]"] =
                            "keys of a declaration are names"
                    }
                    lua_settop(L, -2)
                }
            }
            declarations.append(
                Declaration(
                    kind: kind, location: location, fields: fields, functions: functions, unreadable: unreadable))
            lua_settop(L, top + 1)
            index += 1
        }
        var repeats: [String: Int] = [:]
        for i in declarations.indices {
            let base = "\(declarations[i].kind.rawValue):\(declarations[i].name)@\(declarations[i].location)"
            let n = repeats[base, default: 0]
            repeats[base] = n + 1
            declarations[i].key = n == 0 ? base : "\(base)#\(n)"
        }
        return declarations
    }

    private func field(_ table: Int32, _ name: String) throws -> LuaValue {
        try pushKey(name)
        lua_rawget(L, table)
        defer { lua_settop(L, -2) }
        return try value(at: -1)
    }
}
