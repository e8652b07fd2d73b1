/// A month, quarter, half-year or year as secretaries write it ("2026-06", "2026-Q2",
/// "2026-H1", "2026"), or the year running up to a fixed yearly date ("2026-12-31" for
/// `date = "12-31"`). The kernel's one period type: the rule engine, the `dj` library and every
/// plugin count meetings, studies and reminders by it.
public struct Period: Sendable, Codable, Equatable, Hashable {
    /// How long a period of the calendar is.
    public enum Length: String, Sendable, CaseIterable {
        case month, quarter, halfYear, year

        /// How many calendar months a period of this length spans: 1, 3, 6 or 12.
        public var months: Int {
            switch self {
            case .month: 1
            case .quarter: 3
            case .halfYear: 6
            case .year: 12
            }
        }
    }

    /// The period as written: "2026-06", "2026-Q2", "2026-H1", "2026" or "2026-12-31" for a yearly date.
    public let key: String
    /// The period's first day.
    public let start: Day
    /// The period's last day, inclusive.
    public let end: Day

    /// A period from its parts, as `containing` and `init?(_:)` compute them.
    public init(key: String, start: Day, end: Day) {
        self.key = key
        self.start = start
        self.end = end
    }

    /// The period of `length` that holds `day`.
    public static func containing(_ day: Day, _ length: Length) -> Period {
        let firstMonth = (day.month - 1) / length.months * length.months + 1
        let start = Day(year: day.year, month: firstMonth, day: 1)!
        let key: String =
            switch length {
            case .month: "\(day.year)-\(firstMonth < 10 ? "0" : "")\(firstMonth)"
            case .quarter: "\(day.year)-Q\((firstMonth - 1) / 3 + 1)"
            case .halfYear: "\(day.year)-H\((firstMonth - 1) / 6 + 1)"
            case .year: "\(day.year)"
            }
        return Period(key: key, start: start, end: start.adding(months: length.months).adding(days: -1))
    }

    /// "2026-06", "2026-Q2", "2026-H1" or "2026"; nil for a period that does not exist
    /// ("2026-13", "2026-Q5") or a year outside the supported range.
    public init?(_ key: String) {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts[0].count == 4, let year = Int(parts[0]), Day.supportedYears.contains(year), parts.count <= 2 else {
            return nil
        }
        let tail = parts.count == 2 ? parts[1] : ""
        let (month, length): (Int?, Length) =
            switch tail.first {
            case nil: (1, .year)
            case "Q":
                (
                    Int(tail.dropFirst()).flatMap { (1...4).contains($0) && tail.count == 2 ? ($0 - 1) * 3 + 1 : nil },
                    .quarter
                )
            case "H":
                (
                    Int(tail.dropFirst()).flatMap { (1...2).contains($0) && tail.count == 2 ? ($0 - 1) * 6 + 1 : nil },
                    .halfYear
                )
            default: (tail.count == 2 ? Int(tail).flatMap { (1...12).contains($0) ? $0 : nil } : nil, .month)
            }
        guard let month, let day = Day(year: year, month: month, day: 1) else { return nil }
        self = Period.containing(day, length)
    }

    /// For a yearly date "MM-DD": the year ending on the next such date on or after `day`.
    public static func yearly(_ date: String, onOrAfter day: Day) -> Period? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        func occurrence(_ year: Int) -> Day? {
            Day(year: year, month: parts[0], day: min(parts[1], Day.daysIn(month: parts[0], year: year)))
        }
        guard var end = occurrence(day.year) else { return nil }
        if end < day, let next = occurrence(day.year + 1) { end = next }
        // From the day after the date's previous occurrence: for "02-29", 2028's period starts on
        // 2027-03-01 and 2029's on 2028-03-01, so no day falls in two periods.
        guard let before = occurrence(end.year - 1) else { return nil }
        return Period(key: "\(end.year)-\(date)", start: before.adding(days: 1), end: end)
    }

    /// The period just before this one: of `length`, or, with none, the year up to the same
    /// yearly date.
    public func previous(_ length: Length?) -> Period {
        if let length { return Period.containing(start.adding(days: -1), length) }
        let date = String(key.split(separator: "-", maxSplits: 1).last!)
        return Period.yearly(date, onOrAfter: start.adding(days: -1)) ?? self
    }

    /// The periods of `length` that make up this one, e.g. the three months of a quarter.
    public func parts(_ length: Length) -> [Period] {
        var periods: [Period] = []
        var day = start
        while day <= end {
            let period = Period.containing(day, length)
            periods.append(period)
            day = period.end.adding(days: 1)
        }
        return periods
    }
}
