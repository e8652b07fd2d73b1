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

extension RulePeriod {
    /// A period passed to a plugin's rule function: a reminder's `period` table, or a key such
    /// as "2026-06", "2026-Q2", "2026-H1" or "2026". Only whole months, quarters, half-years and
    /// years (or the year up to a reminder's fixed date) are accepted, so every batch key a
    /// script can make is one a rule could legitimately need.
    public static func argument(_ args: [LuaValue], _ index: Int, _ function: String) throws -> RulePeriod {
        let value = index < args.count ? args[index] : .nil
        if let start = value["start"].string.flatMap({ Day($0) }), let end = value["end"].string.flatMap({ Day($0) }),
           start <= end, start.isSupported, end.isSupported {
            for every in ["month", "quarter", "halfYear", "year"] {
                if let period = try? containing(start, every: every), period.start == start, period.end == end { return period }
            }
            if start == end.adding(years: -1).adding(days: 1) {
                return RulePeriod(key: "\(start)..\(end)", start: start, end: end)
            }
        }
        if let key = value.string, let period = parse(key) { return period }
        throw LuaError(kind: .badValue, message: "\(function): argument \(index + 1) must be a month, quarter, half-year or year "
            + "(the reminder's period, or a key like \"2026-06\", \"2026-Q2\", \"2026-H1\", \"2026\")")
    }

    /// "2026-06", "2026-Q2", "2026-H1", "2026"; nil for anything else.
    public static func parse(_ key: String) -> RulePeriod? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts[0].count == 4, let year = Int(parts[0]), Day.supportedYears.contains(year), parts.count <= 2 else { return nil }
        let tail = parts.count == 2 ? parts[1] : ""
        let (month, every): (Int?, String) = switch tail.first {
        case nil: (1, "year")
        case "Q": (Int(tail.dropFirst()).flatMap { (1...4).contains($0) && tail.count == 2 ? ($0 - 1) * 3 + 1 : nil }, "quarter")
        case "H": (Int(tail.dropFirst()).flatMap { (1...2).contains($0) && tail.count == 2 ? ($0 - 1) * 6 + 1 : nil }, "halfYear")
        default: (tail.count == 2 ? Int(tail).flatMap { (1...12).contains($0) ? $0 : nil } : nil, "month")
        }
        guard let month, let day = Day(year: year, month: month, day: 1) else { return nil }
        return try? containing(day, every: every)
    }
}
