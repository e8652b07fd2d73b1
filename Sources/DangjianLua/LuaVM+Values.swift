import CLua
import CLuaBridge
import Foundation

extension LuaVM {
    /// How deep a table may nest when it crosses to Swift; deeper (or cyclic) tables are refused.
    static let maxDepth = 32
    /// How many table entries one value may have in all, counting shared sub-tables each time
    /// they appear: a graph that doubles at each level is refused, not expanded.
    static let maxEntries = 1_000_000

    /// Pushes a value. Strings and tables are made by protected C helpers, so running out of
    /// memory here is an error value, never a longjmp through this frame.
    func push(_ value: LuaValue) throws {
        guard lua_checkstack(L, 8) != 0 else { throw LuaError(kind: .memoryLimit, message: "Lua stack exhausted") }
        switch value {
        case .nil: lua_pushnil(L)
        case .bool(let b): lua_pushboolean(L, b ? 1 : 0)
        case .int(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s):
            var copy = s
            try copy.withUTF8 { bytes in
                try check(bytes.withMemoryRebound(to: CChar.self) { djl_pushstring(L, $0.baseAddress, $0.count) })
            }
        case .table:
            // The whole table, nested tables and all, is built by one protected C call from a
            // list of steps: a protected call per field (two for a string) cost more than the hook.
            // The step and text buffers are the VM's, kept between calls, so that a call
            // allocates nothing here once they have grown to its size.
            var steps: [djl_step] = []
            var text: [UInt8] = []
            swap(&steps, &pushSteps)
            swap(&text, &pushText)
            defer {
                steps.removeAll(keepingCapacity: true)
                text.removeAll(keepingCapacity: true)
                swap(&steps, &pushSteps)
                swap(&text, &pushText)
            }
            Self.appendSteps(value, to: &steps, text: &text)
            try check(
                steps.withUnsafeBufferPointer { steps in
                    text.withUnsafeBufferPointer { text in
                        text.withMemoryRebound(to: CChar.self) {
                            djl_push_steps(L, steps.baseAddress, steps.count, $0.baseAddress)
                        }
                    }
                })
        }
    }

    /// The steps that build `value` on the Lua stack (see `djl_step` in djlua.h).
    private static func appendSteps(_ value: LuaValue, to steps: inout [djl_step], text: inout [UInt8]) {
        func step(
            _ kind: djl_step_kind, narray: Int = 0, nrecord: Int = 0, integer: Int64 = 0, number: Double = 0,
            offset: Int = 0, length: Int = 0
        ) {
            steps.append(
                djl_step(
                    kind: Int32(kind.rawValue), narray: Int32(clamping: narray), nrecord: Int32(clamping: nrecord),
                    integer: lua_Integer(integer), number: number, offset: offset, length: length))
        }
        func string(_ s: String) {
            let offset = text.count
            // A copy of the contiguous bytes; appending the UTF8View went byte by byte.
            if s.utf8.withContiguousStorageIfAvailable({ text.append(contentsOf: $0) }) == nil {
                text.append(contentsOf: s.utf8)
            }
            step(DJL_STEP_STRING, offset: offset, length: text.count - offset)
        }
        switch value {
        case .nil: step(DJL_STEP_NIL)
        case .bool(let b): step(DJL_STEP_BOOLEAN, integer: b ? 1 : 0)
        case .int(let i): step(DJL_STEP_INTEGER, integer: i)
        case .number(let d): step(DJL_STEP_NUMBER, number: d)
        case .string(let s): string(s)
        case .table(let t):
            step(DJL_STEP_TABLE, narray: t.array.count, nrecord: t.fields.count)
            for (index, element) in t.array.enumerated() {
                step(DJL_STEP_INTEGER, integer: Int64(index + 1))
                appendSteps(element, to: &steps, text: &text)
                step(DJL_STEP_SET)
            }
            for (key, element) in t.fields {
                string(key)
                appendSteps(element, to: &steps, text: &text)
                step(DJL_STEP_SET)
            }
        }
    }

    func push(_ global: LuaGlobal) throws {
        switch global {
        case .value(let value):
            try push(value)
        case .function(let name, let function):
            let box = register(name, function)
            try check(djl_push_swift_function(L, luaTrampoline, Unmanaged.passUnretained(box).toOpaque()))
        case .library(let name, let members):
            djl_getref(L, readonlyRef)
            try check(djl_newtable(L, 0, Int32(members.count)))
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                try push(member)
                try check(key.withCString { djl_setfield(L, -2, $0, strlen($0)) })
            }
            try push(.string(name))
            // readonly(table, name) cannot fail except for memory.
            guard djl_call(vm, 2, 1) == LUA_OK else { throw LuaError.from(message: popString(), kind: .memoryLimit) }
        }
    }

    /// Reads the value at `index` without running any metamethod and without allocating.
    func value(at index: Int32, depth: Int = 0) throws -> LuaValue {
        if depth == 0 { conversionBudget = Self.maxEntries }
        let index = lua_absindex(L, index)
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .bool(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            var isInteger: Int32 = 0
            let integer = lua_tointegerx(L, index, &isInteger)
            return isInteger != 0 ? .int(Int64(integer)) : .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            guard let bytes = lua_tolstring(L, index, &length) else { return .nil }
            // Lua ends every string with a NUL. Without one inside, validatingCString checks the
            // bytes directly; String(validating:as:) goes through an unspecialised generic that
            // looks up type metadata for each string, which cost more than the check itself.
            let text =
                strlen(bytes) == length
                ? String(validatingCString: bytes)
                : String(validating: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
            guard let text else { throw LuaError(kind: .badValue, message: "a string is not valid UTF-8") }
            return .string(text)
        case LUA_TTABLE:
            guard depth < Self.maxDepth else {
                throw LuaError(
                    kind: .badValue, message: "a table nests deeper than \(Self.maxDepth) levels (or refers to itself)")
            }
            guard lua_checkstack(L, 4) != 0 else { throw LuaError(kind: .memoryLimit, message: "Lua stack exhausted") }
            // Counted first, so the array and the dictionary are allocated once at their size
            // instead of growing and rehashing; a count over the budget fails before allocating.
            var entries = 0
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                entries += 1
                lua_settop(L, -2)
            }
            guard entries <= conversionBudget else {
                throw LuaError(kind: .badValue, message: "a table has more than \(Self.maxEntries) entries in all")
            }
            let border = min(Int(lua_rawlen(L, index)), entries)
            var table = LuaTable(array: [], fields: Dictionary(minimumCapacity: entries - border))
            table.array.reserveCapacity(border)
            var numbered: [Int64: LuaValue] = [:]
            lua_pushnil(L)
            while lua_next(L, index) != 0 {
                conversionBudget -= 1
                if conversionBudget < 0 {
                    lua_settop(L, -3)
                    throw LuaError(kind: .badValue, message: "a table has more than \(Self.maxEntries) entries in all")
                }
                let element = try value(at: -1, depth: depth + 1)
                switch lua_type(L, -2) {
                case LUA_TSTRING:
                    guard case .string(let key) = try value(at: -2, depth: depth + 1) else { break }
                    table.fields[key] = element
                case LUA_TNUMBER:
                    guard case .int(let key) = try value(at: -2, depth: depth + 1) else {
                        lua_settop(L, -3)
                        throw LuaError(kind: .badValue, message: "a table has a fractional key")
                    }
                    // lua_next walks the array part first, in order: those go straight to
                    // the array, without a detour through a dictionary.
                    if key == Int64(table.array.count) + 1 {
                        table.array.append(element)
                    } else {
                        numbered[key] = element
                    }
                default:
                    lua_settop(L, -3)
                    throw LuaError(
                        kind: .badValue,
                        message: "a table has a key of type \(String(cString: lua_typename(L, lua_type(L, -2))))")
                }
                lua_settop(L, -2)  // pop the value, keep the key for lua_next
            }
            // 1...n becomes the array part; other integer keys become named fields.
            var n = Int64(table.array.count) + 1
            while let element = numbered.removeValue(forKey: n) {
                table.array.append(element)
                n += 1
            }
            for (key, element) in numbered { table.fields[String(key)] = element }
            return .table(table)
        default:
            throw LuaError(
                kind: .badValue,
                message: "a \(String(cString: lua_typename(L, lua_type(L, index)))) value cannot leave Lua")
        }
    }

    /// Keeps the value at `index` alive and returns a handle to it (e.g. a rule's function).
    func reference(at index: Int32) throws -> LuaReference {
        lua_pushvalue(L, index)
        let ref = djl_ref(L)
        guard ref != LUA_NOREF else { throw LuaError(kind: .memoryLimit, message: "out of memory keeping a reference") }
        return LuaReference(ref: ref)
    }

    func isFunction(at index: Int32) -> Bool { lua_type(L, index) == LUA_TFUNCTION }

    /// Pushes a key for a raw lookup. Making a string can run out of memory, so it goes
    /// through the protected helper like every other allocation from Swift.
    func pushKey(_ key: String) throws {
        try push(.string(key))
    }
}

/// The C-callable entry for every Swift function exposed to Lua. It returns the number of
/// results, or -1 with a message pushed; the C trampoline raises that after this returns.
private let luaTrampoline: djl_swift_fn = { state, context in
    guard let state, let context else { return -1 }
    let box = Unmanaged<LuaVM.FunctionBox>.fromOpaque(context).takeUnretainedValue()
    let vm = box.vm
    let saved = vm.activeState
    vm.activeState = state
    defer { vm.activeState = saved }
    let count = lua_gettop(state)
    do {
        let arguments = try (1...max(count, 1)).prefix(Int(count)).map { try vm.value(at: Int32($0)) }
        let results = try box.function(arguments)
        for result in results { try vm.push(result) }
        return Int32(results.count)
    } catch {
        let message = "\(box.name): \((error as? LuaError)?.message ?? String(describing: error))"
        if djl_pushstring(state, message, message.utf8.count) != LUA_OK { lua_pushnil(state) }
        return -1
    }
}
