import Foundation
import Dangjian

/// The span a reminder checks: a month, quarter, half-year or year, or the year running up to
/// a fixed yearly date ("12-31").
public struct RulePeriod: Sendable, Equatable {
    public let key: String
    public let start: Day
    public let end: Day

    /// The period of `every` that holds `day`.
    public static func containing(_ day: Day, every: String) throws -> RulePeriod {
        let start = try DJLibrary.startOf(day, period: every)
        let end = try DJLibrary.endOf(day, period: every)
        let key: String = switch every {
        case "month": String(format: "%04d-%02d", day.year, day.month)
        case "quarter": "\(day.year)-Q\((day.month - 1) / 3 + 1)"
        case "halfYear": "\(day.year)-H\((day.month - 1) / 6 + 1)"
        default: "\(day.year)"
        }
        return RulePeriod(key: key, start: start, end: end)
    }

    /// For a yearly date "MM-DD": the year ending on the next such date on or after `day`.
    public static func yearly(_ date: String, onOrAfter day: Day) -> RulePeriod? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        func occurrence(_ year: Int) -> Day? {
            Day(year: year, month: parts[0], day: min(parts[1], Day.daysIn(month: parts[0], year: year)))
        }
        guard var end = occurrence(day.year) else { return nil }
        if end < day, let next = occurrence(day.year + 1) { end = next }
        return RulePeriod(key: "\(end.year)-\(date)", start: end.adding(years: -1).adding(days: 1), end: end)
    }

    /// The period just before this one.
    public func previous(every: String?) throws -> RulePeriod {
        if let every { return try RulePeriod.containing(start.adding(days: -1), every: every) }
        let date = String(key.split(separator: "-", maxSplits: 1).last!)
        return RulePeriod.yearly(date, onOrAfter: start.adding(days: -1)) ?? self
    }

    var lua: LuaValue { ["key": .string(key), "start": .string(start.description), "end": .string(end.description)] }
}
