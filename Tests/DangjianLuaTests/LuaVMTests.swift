import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua

@Suite struct LuaVMTests {
    @Test func valuesCrossBothWaysIntact() throws {
        let vm = try LuaVM()
        let chunk = try vm.compile("function echo(...) return ... end", name: "echo.lua")
        _ = try vm.run(chunk)
        let record: LuaValue = ["name": "张伟", "age": 42, "ratio": 0.5, "full": true, "stages": ["2005-03-01", "2008-01-10"]]
        #expect(try vm.call(chunk, function: "echo", [record, .nil, -7]) == [record, .nil, -7])
    }

    @Test func codableRecordsCrossAsTables() throws {
        struct Record: Codable, Equatable { let id: Int64; let name: String; let due: Day; let note: String? }
        let value = try LuaBridge.encode(Record(id: 3, name: "支部", due: Day("2026-07-01")!, note: nil))
        #expect(value == ["id": 3, "name": "支部", "due": "2026-07-01"])
        #expect(try LuaBridge.decode(Record.self, from: value) == Record(id: 3, name: "支部", due: Day("2026-07-01")!, note: nil))
        #expect(throws: LuaError.self) { try LuaBridge.decode(Record.self, from: ["id": "three"]) }
        #expect(throws: LuaError.self) { try LuaBridge.decode(Record.self, from: .table(LuaTable(array: [1], fields: ["a": 1]))) }
    }

    @Test func swiftFunctionsAreCallableAndTheirErrorsAreLuaErrors() throws {
        let vm = try LuaVM()
        let dj: LuaGlobal = .library("dj", [
            "double": .function("dj.double") { args in [.int((args.first?.int ?? 0) * 2)] },
            "fail": .function("dj.fail") { _ in throw LuaError(kind: .badValue, message: "no such organisation") },
        ])
        let chunk = try vm.compile("""
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
        let chunk = try vm.compile("""
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
        let error = try #require(throws: LuaError.self) { try vm.compile("local x = 1\nif x then\n", name: "districts/a/bad.lua") }
        #expect(error.kind == .syntax && error.location == "districts/a/bad.lua:3")
    }
}
