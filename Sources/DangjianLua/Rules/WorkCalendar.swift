import Dangjian
import Foundation

/// Working days in China: Monday to Friday, except public holidays, plus the weekend days
/// the State Council's notice makes working days (调休). Shipped as data a district can
/// update (scripts/calendar/cn-holidays.json), since the schedule is published year by year.
public struct WorkCalendar: Sendable, Equatable {
    /// Weekdays that are public holidays (节假日).
    public let holidays: Set<Day>
    /// Weekend days that are working days (调休上班).
    public let workdays: Set<Day>

    /// A calendar with these holidays and makeup working days; empty sets mean Monday to Friday.
    public init(holidays: Set<Day> = [], workdays: Set<Day> = []) {
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Weekends only, for checking packs and where no calendar file is configured.
    public static let weekendsOnly = WorkCalendar()

    /// Whether `day` is a working day: a makeup working day, or a weekday that is no holiday.
    public func isWorkingDay(_ day: Day) -> Bool {
        if workdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return day.weekday <= 5
    }

    /// The `n`th working day after `day` (before it when `n` is negative).
    public func adding(workingDays n: Int, to day: Day) -> Day {
        var current = day
        var left = abs(n)
        while left > 0 {
            current = current.adding(days: n > 0 ? 1 : -1)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }

    struct File: Decodable {
        let holidays: [String]
        let workdays: [String]
    }

    /// Reads the calendar file; every bad date is reported with the file's name.
    public static func load(path: String) throws -> WorkCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackErrors(problems: [PackProblem(path, "cannot read the holiday calendar")])
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw PackErrors(problems: [
                PackProblem(path, "the holiday calendar must be {\"holidays\": [...], \"workdays\": [...]}: \(error)")
            ])
        }
        var problems: [PackProblem] = []
        func days(_ texts: [String]) -> Set<Day> {
            Set(
                texts.compactMap { text in
                    guard let day = Day(text) else {
                        problems.append(PackProblem(path, "not a date: \(text)")); return nil
                    }
                    return day
                })
        }
        let calendar = WorkCalendar(holidays: days(file.holidays), workdays: days(file.workdays))
        for day in calendar.holidays.intersection(calendar.workdays).sorted() {
            problems.append(PackProblem(path, "\(day) is both a holiday and a working day"))
        }
        guard problems.isEmpty else { throw PackErrors(problems: problems) }
        return calendar
    }
}
