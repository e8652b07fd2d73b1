import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua

@Suite struct WorkCalendarTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/calendar/cn-holidays.json").standardized.path

    @Test func theShippedCalendarKnowsHolidaysAndMakeupDays() throws {
        let calendar = try WorkCalendar.load(path: Self.file)
        #expect(!calendar.isWorkingDay(Day("2026-02-16")!))  // a Monday in the Spring Festival
        #expect(calendar.isWorkingDay(Day("2026-02-14")!))  // a Saturday made a working day
        #expect(!calendar.isWorkingDay(Day("2026-03-07")!))  // an ordinary Saturday
        #expect(calendar.isWorkingDay(Day("2026-03-09")!))  // an ordinary Monday
        // From Friday 13 February: the makeup Saturday, then nothing until Tuesday the 24th.
        #expect(calendar.adding(workingDays: 1, to: Day("2026-02-13")!) == Day("2026-02-14"))
        #expect(calendar.adding(workingDays: 2, to: Day("2026-02-13")!) == Day("2026-02-24"))
        #expect(calendar.adding(workingDays: -1, to: Day("2026-02-24")!) == Day("2026-02-14"))
    }

    @Test func aBrokenCalendarIsRefusedWithItsProblems() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString).json").path
        try #"{"holidays": ["2026-02-30", "2026-10-01"], "workdays": ["2026-10-01"]}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let errors = try #require(throws: PackErrors.self) { try WorkCalendar.load(path: path) }
        #expect(errors.problems.count == 2)
    }

    @Test func rulesCountWorkingDaysThroughDJDate() throws {
        let vm = try LuaVM()
        let calendar = try WorkCalendar.load(path: Self.file)
        let chunk = try vm.compile(
            """
            function due(day) return dj.date.add_working_days(day, 2), dj.date.is_working_day(day) end
            """, name: "working.lua", globals: ["dj": .library("dj", ["date": DJLibrary.date(calendar)])])
        _ = try vm.run(chunk)
        #expect(try vm.call(chunk, function: "due", ["2026-02-13"]) == ["2026-02-24", true])
        #expect(try vm.call(chunk, function: "due", ["2026-10-03"]) == ["2026-10-09", false])
    }
}
