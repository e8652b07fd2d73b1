import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

@Suite struct RulePackTests {
    static let packs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Packs").path

    @Test func aGoodPackLoadsWithItsDeclarationsAndVersions() throws {
        let pack = try RulePack.load(directory: Self.packs + "/good").get()
        #expect(pack.files.map { ($0.path as NSString).lastPathComponent } == ["committee.lua", "points.lua"])
        #expect(pack.files.allSatisfy { $0.hash.count == 64 })
        #expect(pack.declarations.map(\.kind) == [.reminder, .on, .score, .rule, .reminder])
        let reminder = try #require(pack.declarations.first)
        #expect(reminder.id == "branch-committee-monthly")
        #expect(reminder.location.hasSuffix("good/committee.lua:2"))
        #expect(reminder.functions["done"] != nil)
        #expect(reminder.fields["notify"]?["before_end"] == [7, 3])
        #expect(pack.version.count == 12)
    }

    @Test func everyProblemIsReportedWithFileAndLine() throws {
        let result = RulePack.load(directory: Self.packs + "/broken")
        guard case .failure(let errors) = result else { Issue.record("the broken pack loaded"); return }
        let text = errors.problems.map { "\(($0.location as NSString).lastPathComponent): \($0.message)" }
        func has(_ location: String, _ fragment: String) -> Bool {
            text.contains { $0.hasPrefix(location + ":") && $0.contains(fragment) }
        }
        // A field's problem is at the field's own line; a missing field at `reminder {`.
        #expect(has("a.lua:5", "applies_to.kind must be one of"), "\(text)")
        #expect(has("a.lua:8", "unknown field notfy"), "\(text)")
        #expect(has("a.lua:11", "missing field id"), "\(text)")
        #expect(has("a.lua:15", "every must be one of"), "\(text)")
        #expect(has("a.lua:16", "done must be a function"), "\(text)")
        #expect(has("b.lua:2", "duplicate id branch-committee-monthly (first declared at"), "\(text)")
        #expect(has("b.lua:2", "applies_to: unknown key size"), "\(text)")
        #expect(has("c.lua:4", "syntax error"), "\(text)")
        #expect(has("d.lua:1", "never sends anything"), "\(text)")
        #expect(has("d.lua:2", "after_end must be at most 28"), "\(text)")
        #expect(has("d.lua:3", "notify.to must be one of parent.secretary, secretary"), "\(text)")
        #expect(has("d.lua:4", "unknown field every"), "\(text)")
    }

    @Test func fieldLinesFollowTheTableAndSkipStringsCommentsAndFunctionBodies() {
        let source = """
            local x = { id = 1 } rule { id = "a", check = function() local b, id = 1, 2 return { id = id } end,
              applies_to = --[==[ id = ]==] {
                kind = "branch", ["size"] = 3,
                domain = 'a\\'b',
              }, title = "x" }
            rule({ id = "b",
              title = "y" })
            """
        let first = FieldLines(source: source, keyword: "rule", line: 1)
        #expect(
            first.lines == [
                "id": 1, "check": 1, "applies_to": 2, "applies_to.kind": 3, "applies_to.domain": 4, "title": 5,
            ])
        #expect(first.location(of: "applies_to.size", in: "f.lua:1") == "f.lua:2")
        #expect(first.location(of: "escalate", in: "f.lua:1") == "f.lua:1")
        #expect(FieldLines(source: source, keyword: "rule", line: 6).lines == ["id": 6, "title": 7])
        #expect(FieldLines(source: "local spec = { id = 1 }\nrule(spec)", keyword: "rule", line: 2).lines.isEmpty)
    }

    @Test func aRuleFileThatRunsAwayIsAProblemNotAHang() throws {
        let directory = try TemporaryFiles.directory(["loop.lua": "while true do end"])
        let result = RulePack.load(
            directory: directory, limits: LuaLimits(instructions: 100_000, memoryBytes: 8 << 20, seconds: 1))
        guard case .failure(let errors) = result else { Issue.record("a looping pack loaded"); return }
        #expect(errors.problems.first?.message.contains("instructionLimit") == true)
        #expect(errors.problems.first?.location.hasSuffix("loop.lua:1") == true)
    }

    @Test func dateHelpersAreExactAcrossMonthEndsAndLeapYears() throws {
        let vm = try LuaVM()
        let chunk = try vm.compile(
            """
            function check()
              return dj.date.add_months("2024-01-31", 1), dj.date.end_of("2024-02-10", "month"),
                     dj.date.end_of("2026-05-01", "quarter"), dj.date.start_of("2026-08-15", "halfYear"),
                     dj.date.days_between("2024-02-28", "2024-03-01"), dj.date.add_days("2025-12-31", 1)
            end
            function bad() return dj.date.add_days("31/12/2025", 1) end
            function far() return dj.date.add_months("9999-12-01", 1) end
            function huge() return dj.date.add_days("2024-01-01", math.maxinteger) end
            function centuries() return dj.date.add_months("2199-12-31", -36600) end
            """, name: "dates.lua", globals: DJLibrary.checkGlobals)
        _ = try vm.run(chunk)
        #expect(
            try vm.call(chunk, function: "check") == [
                "2024-02-29", "2024-02-29", "2026-06-30", "2026-07-01", 2, "2026-01-01",
            ])
        let error = try #require(throws: LuaError.self) { try vm.call(chunk, function: "bad") }
        #expect(error.location == "dates.lua:6" && error.message.contains("YYYY-MM-DD"))
        #expect(throws: LuaError.self) { try vm.call(chunk, function: "far") }
        #expect(throws: LuaError.self) { try vm.call(chunk, function: "huge") }
        #expect(throws: LuaError.self) { try vm.call(chunk, function: "centuries") }
        #expect(Day("2199-12-31")!.adding(months: -200_000) == Day(year: 1, month: 1, day: 31))
    }
}
