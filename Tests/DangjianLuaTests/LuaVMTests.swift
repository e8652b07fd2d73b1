import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua

@Suite struct LuaVMTests {
    @Test func valuesCrossBothWaysIntact() throws {
        let vm = try LuaVM()
        let chunk = try vm.compile("function echo(...) return ... end", name: "echo.lua")
        _ = try vm.run(chunk)
        let record: LuaValue = [
            "name": "张伟", "age": 42, "ratio": 0.5, "full": true, "stages": ["2005-03-01", "2008-01-10"],
        ]
        #expect(try vm.call(chunk, function: "echo", [record, .nil, -7]) == [record, .nil, -7])
    }

    /// A table is built in Lua by one protected call from a list of steps: nesting, holes,
    /// empty strings and NUL bytes must arrive as they left.
    @Test func nestedTablesAndOddStringsCrossIntact() throws {
        let vm = try LuaVM()
        let chunk = try vm.compile("function echo(...) return ... end", name: "echo.lua")
        _ = try vm.run(chunk)
        var deep: LuaValue = ["leaf": "叶"]
        for level in 0..<30 { deep = ["level": .int(Int64(level)), "inner": deep, "list": [1, "two", 3.5, false]] }
        let odd: LuaValue = [
            "": "", "a\0b": "c\0d", "长": .string(String(repeating: "党", count: 1000)), "5": "five",
            "list": ["", "\0", "x"],
        ]
        #expect(try vm.call(chunk, function: "echo", [deep, odd, "\0", ""]) == [deep, odd, "\0", ""])
        // Array elements after a nil are not a sequence: Lua's length stops at the hole, so they come back as fields.
        let holey = LuaValue.table(LuaTable(array: [1, .nil, 3]))
        #expect(try vm.call(chunk, function: "echo", [holey]) == [.table(LuaTable(array: [1], fields: ["3": 3]))])
    }

    @Test func aValueTooLargeForTheCapFailsAsAMemoryError() throws {
        let vm = try LuaVM(limits: LuaLimits(memoryBytes: 2 << 20))
        let chunk = try vm.compile("function count(t) return #t end", name: "count.lua")
        _ = try vm.run(chunk)
        let big = LuaValue.table(LuaTable(array: (0..<100_000).map { .string("第\($0)号党员的一条足够长的记录") }))
        let error = try #require(throws: LuaError.self) { try vm.call(chunk, function: "count", [big]) }
        #expect(error.kind == .memoryLimit)
        #expect(!vm.isTrusted)
    }

    @Test func codableRecordsCrossAsTables() throws {
        struct Record: Codable, Equatable { let id: Int64; let name: String; let due: Day; let note: String? }
        let value = try LuaBridge.encode(Record(id: 3, name: "支部", due: Day("2026-07-01")!, note: nil))
        #expect(value == ["id": 3, "name": "支部", "due": "2026-07-01"])
        #expect(
            try LuaBridge.decode(Record.self, from: value)
                == Record(id: 3, name: "支部", due: Day("2026-07-01")!, note: nil))
        #expect(throws: LuaError.self) { try LuaBridge.decode(Record.self, from: ["id": "three"]) }
        #expect(throws: LuaError.self) {
            try LuaBridge.decode(Record.self, from: .table(LuaTable(array: [1], fields: ["a": 1])))
        }
    }

    @Test func swiftFunctionsAreCallableAndTheirErrorsAreLuaErrors() throws {
        let vm = try LuaVM()
        let dj: LuaGlobal = .library(
            "dj",
            [
                "double": .function("dj.double") { args in [.int((args.first?.int ?? 0) * 2)] },
                "fail": .function("dj.fail") { _ in throw LuaError(kind: .badValue, message: "no such organisation") },
            ])
        let chunk = try vm.compile(
            """
            function twice(n) return dj.double(n) end
            function caught() local ok, message = pcall(dj.fail) return ok, message end
            function uncaught() dj.fail() end
            """, name: "rules/x.lua", globals: ["dj": dj])
        _ = try vm.run(chunk)
        #expect(try vm.call(chunk, function: "twice", [21]) == [42])
        let caught = try vm.call(chunk, function: "caught")
        #expect(caught.first == false && caught.last?.string?.contains("no such organisation") == true)
        let error = try #require(throws: LuaError.self) { try vm.call(chunk, function: "uncaught") }
        #expect(error.kind == .runtime, "\(error)")
        #expect(error.location == "rules/x.lua:3", "\(error)")
        #expect(error.message.contains("dj.fail"), "\(error)")
        #expect(vm.isTrusted)
    }

    @Test func theWallClockDeadlineStopsAScriptTheBudgetWouldNot() throws {
        let vm = try LuaVM(limits: LuaLimits(instructions: .max / 2, memoryBytes: 16 << 20, seconds: 0.2))
        let chunk = try vm.compile("local n = 0\nwhile true do n = n + 1 end", name: "slow.lua")
        let start = Date()
        let error = try #require(throws: LuaError.self) { try vm.run(chunk) }
        #expect(error.kind == .deadline && error.location == "slow.lua:2")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(!vm.isTrusted)
    }

    @Test func aSwiftFunctionCalledFromACoroutineUsesThatCoroutinesStack() throws {
        let vm = try LuaVM()
        let chunk = try vm.compile(
            """
            function run()
              local co = coroutine.wrap(function(d, n) local a, b = dj.date.add_days(d, n), "after" return a, b end)
              return co("2024-01-31", 1)
            end
            """, name: "co.lua", globals: DJLibrary.checkGlobals)
        _ = try vm.run(chunk)
        #expect(try vm.call(chunk, function: "run") == ["2024-02-01", "after"])
    }

    @Test func theAllocatorKeepsEachVMUnderItsCap() throws {
        let cap = 8 << 20
        let vm = try LuaVM(limits: LuaLimits(instructions: 100_000_000, memoryBytes: cap, seconds: 5))
        let chunk = try vm.compile("local t = {} for i = 1, 1e8 do t[i] = tostring(i) end", name: "bomb.lua")
        let error = try #require(throws: LuaError.self) { try vm.run(chunk) }
        #expect(error.kind == .memoryLimit)
        #expect(vm.memoryUsed <= cap)
    }

    @Test func syntaxErrorsNameFileAndLine() throws {
        let vm = try LuaVM()
        let error = try #require(throws: LuaError.self) {
            try vm.compile("local x = 1\nif x then\n", name: "districts/a/bad.lua")
        }
        #expect(error.kind == .syntax && error.location == "districts/a/bad.lua:3")
    }
}
