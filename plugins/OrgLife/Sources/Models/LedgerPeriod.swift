import Dangjian
import DangjianLua
import Foundation

/// A month, quarter, half-year or year as secretaries write it: "2026-06", "2026-Q2",
/// "2026-H1", "2026". A period that does not exist ("2026-13", "2026-Q5") is refused.
public struct LedgerPeriod: Sendable, Codable, Equatable, Hashable {
    public let key: String
    public let start: Day
    public let end: Day

    public init(key: String, start: Day, end: Day) {
        self.key = key
        self.start = start
        self.end = end
    }

    public static func parse(_ text: String, field: String = "period") throws -> LedgerPeriod {
        guard let period = RulePeriod.parse(text) else {
            throw DangjianError.invalid("orglife.badPeriod", field: field,
                zh: "期间 \(text) 不存在，应写作 2026-06、2026-Q2、2026-H1 或 2026",
                en: "No such period \(text); write 2026-06, 2026-Q2, 2026-H1 or 2026")
        }
        return LedgerPeriod(key: period.key, start: period.start, end: period.end)
    }

    /// The period of a cadence ("month", "quarter", "halfYear", "year") that holds `day`.
    public static func containing(_ day: Day, cadence: String) -> LedgerPeriod {
        switch cadence {
        case "month": return span(String(format: "%04d-%02d", day.year, day.month), year: day.year, firstMonth: day.month, months: 1)
        case "quarter":
            let q = (day.month - 1) / 3 + 1
            return span("\(day.year)-Q\(q)", year: day.year, firstMonth: (q - 1) * 3 + 1, months: 3)
        case "halfYear":
            let h = (day.month - 1) / 6 + 1
            return span("\(day.year)-H\(h)", year: day.year, firstMonth: (h - 1) * 6 + 1, months: 6)
        default: return span("\(day.year)", year: day.year, firstMonth: 1, months: 12)
        }
    }

    /// The periods of `cadence` that make up this one, e.g. the three months of a quarter.
    public func parts(_ cadence: String) -> [LedgerPeriod] {
        var periods: [LedgerPeriod] = []
        var day = start
        while day <= end {
            let period = LedgerPeriod.containing(day, cadence: cadence)
            periods.append(period)
            day = period.end.adding(days: 1)
        }
        return periods
    }

    private static func span(_ key: String, year: Int, firstMonth: Int, months: Int) -> LedgerPeriod {
        let start = Day(year: year, month: firstMonth, day: 1)!
        return LedgerPeriod(key: key, start: start, end: start.adding(months: months).adding(days: -1))
    }
}
