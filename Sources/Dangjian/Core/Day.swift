import Foundation

/// A calendar date without a time of day, as the ledger speaks of it ("2024-03-31").
/// All arithmetic is in the proleptic Gregorian calendar, so month ends and leap years are
/// exact; it never goes through a time zone.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// A calendar day; nil for one that does not exist (02-30) or a year outside 1 to 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = Int(text.prefix(4)), let m = Int(text.dropFirst(5).prefix(2)),
            let d = Int(text.suffix(2)),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) })
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day of `date` in China Standard Time, where every user of the host lives.
    public init(_ date: Date, timeZone: TimeZone = .chinaStandard) {
        // China time takes the scheduler's calendar: making a calendar costs more than reading one.
        var calendar = Cadence.calendar
        if timeZone != .chinaStandard {
            calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
        }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    /// "YYYY-MM-DD", zero-padded.
    public var description: String {
        "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))"
    }

    /// Crosses JSON as "YYYY-MM-DD", the form secretaries and spreadsheets use.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = day
    }

    /// Writes the day as "YYYY-MM-DD" text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The years input may name. Arithmetic on days inside this range, by offsets of a century
    /// or less, always stays representable, so edges check this instead of every sum.
    public static let supportedYears = 1900...2199

    /// Whether the year lies in `supportedYears`, the range input may name.
    public var isSupported: Bool { Day.supportedYears.contains(year) }

    /// Earlier days sort first.
    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Whether February has 29 days in `year` (Gregorian).
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// How many days `month` has in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (civil-from-days algorithm by Howard Hinnant).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1970-01-01, the inverse of `ordinal`.
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Midnight at the start of this day in China Standard Time.
    public var start: Date {
        Cadence.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29).
    /// The result is clamped to the years 1…9999; edges keep inputs far inside that range.
    public func adding(months: Int) -> Day {
        let total = min(max(year * 12 + (month - 1) + months, 12), 9999 * 12 + 11)
        let y = total / 12
        let m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y))) ?? self
    }

    /// The same day `years` later; 02-29 becomes 02-28 in a common year.
    public func adding(years: Int) -> Day { adding(months: years * 12) }

    /// How many days from this day to `other`; negative when `other` is earlier.
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// Whole years from `self` to `other`, as an age is counted.
    public func wholeYears(until other: Day) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }
}

extension TimeZone {
    /// China Standard Time (UTC+8), the zone every "today" of the host is read in.
    public static let chinaStandard = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

/// Timestamps are stored as fixed-width UTC ISO 8601 text, so they sort as text in both databases.
public enum Timestamp {
    /// Whole milliseconds, rounded, so that formatting a parsed timestamp gives back the
    /// same text: keyset cursors compare these strings.
    public static func format(_ date: Date) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let msPerDay: Int64 = 86_400_000
        let days = total >= 0 ? total / msPerDay : (total - msPerDay + 1) / msPerDay
        let rest = total - days * msPerDay
        let day = Day(ordinal: Int(days))
        return
            "\(day)T\(zeroPadded(Int(rest / 3_600_000), 2)):\(zeroPadded(Int(rest / 60_000 % 60), 2)):\(zeroPadded(Int(rest / 1000 % 60), 2))"
            + ".\(zeroPadded(Int(rest % 1000), 3))Z"
    }

    /// Reads a stored timestamp, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        if let date = parseWritten(text) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The form `format` writes ("2026-06-15T02:00:00.000Z", or without the fraction), read
    /// without a formatter: creating an ICU formatter for each value was most of the cost of
    /// reading a row. The arithmetic is CoreFoundation's (milliseconds since 1970, then the
    /// reference date), so the value is the one the formatter gives. Any other form is nil.
    static func parseWritten(_ text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { b -> Date? in
            guard b.count == 20 || (b.count == 24 && b[19] == UInt8(ascii: ".")), b[b.count - 1] == UInt8(ascii: "Z"),
                b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
                b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
            else { return nil }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for i in start..<start + count {
                    guard (48...57).contains(b[i]) else { return nil }
                    value = value * 10 + Int(b[i] - 48)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let dayOfMonth = number(8, 2),
                let day = Day(year: year, month: month, day: dayOfMonth),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                hour < 24, minute < 60, second < 60,
                let fraction = b.count == 24 ? number(20, 3) : 0
            else { return nil }
            let milliseconds =
                (((Int64(day.ordinal) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)) * 1000
                + Int64(fraction)
            return Date(
                timeIntervalSinceReferenceDate: Double(milliseconds) / 1000
                    - Date.timeIntervalBetween1970AndReferenceDate)
        } ?? nil
    }
}

/// A non-negative number in decimal, zero-padded to `width` digits. `String(format:)` goes
/// through CoreFoundation, and every row the host writes carries a few dates.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
}
