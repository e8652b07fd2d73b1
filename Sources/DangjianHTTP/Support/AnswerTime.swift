import Dangjian
import Foundation

/// Every timestamp in an answer is written in China Standard Time with its offset,
/// "2026-11-20T14:30:00+08:00": the zone every user of a host lives in, so a meeting entered
/// at 14:30 reads back as 14:30, and any ISO 8601 reader still gets the same instant.
enum AnswerTime {
    /// China has kept +08:00 all year since 1991, and no answer carries an earlier time.
    static let offsetSeconds: Int64 = 8 * 3600
    static let offset = "+08:00"

    /// Whole seconds, written by arithmetic: an ICU formatter per value was once most of the cost
    /// of an answer (see the README's Performance section).
    static func format(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = Int(total - days * 86_400)
        return "\(Day(ordinal: Int(days)))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))\(offset)"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    static let strategy: JSONEncoder.DateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(format(date))
    }
}
