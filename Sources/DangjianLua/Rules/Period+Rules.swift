import Dangjian
import Foundation

/// The kernel's `Period` as rules name and pass it: `every = "quarter"` in a reminder, a
/// reminder's `period` table, or a key such as "2026-Q2".
extension Period.Length {
    /// A reminder's `every`, or a `dj.date` period name; anything else is the script's error.
    static func named(_ name: String) throws -> Period.Length {
        guard let length = Period.Length(rawValue: name) else {
            throw LuaError(kind: .badValue, message: "period must be month, quarter, halfYear or year")
        }
        return length
    }
}

extension Period {
    /// The period of `every` that holds `day`.
    public static func containing(_ day: Day, every: String) throws -> Period {
        containing(day, try Length.named(every))
    }

    /// The period just before this one; `every` is nil for a reminder with a yearly `date`.
    public func previous(every: String?) throws -> Period {
        previous(try every.map(Length.named))
    }

    var lua: LuaValue { ["key": .string(key), "start": .string(start.description), "end": .string(end.description)] }

    /// A period passed to a plugin's rule function: a reminder's `period` table, or a key such
    /// as "2026-06", "2026-Q2", "2026-H1" or "2026". Only whole months, quarters, half-years and
    /// years (or the year up to a reminder's fixed date) are accepted, so every batch key a
    /// script can make is one a rule could legitimately need.
    public static func argument(_ args: [LuaValue], _ index: Int, _ function: String) throws -> Period {
        let value = index < args.count ? args[index] : .nil
        if let start = value["start"].string.flatMap({ Day($0) }), let end = value["end"].string.flatMap({ Day($0) }),
            start <= end, start.isSupported, end.isSupported
        {
            for length in Length.allCases {
                let period = containing(start, length)
                if period.start == start, period.end == end { return period }
            }
            if start == end.adding(years: -1).adding(days: 1) {
                return Period(key: "\(start)..\(end)", start: start, end: end)
            }
        }
        if let key = value.string, let period = Period(key) { return period }
        throw LuaError(
            kind: .badValue,
            message: "\(function): argument \(index + 1) must be a month, quarter, half-year or year "
                + "(the reminder's period, or a key like \"2026-06\", \"2026-Q2\", \"2026-H1\", \"2026\")")
    }
}
