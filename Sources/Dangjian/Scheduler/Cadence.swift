import Foundation

/// When a job falls due, in China Standard Time.
public enum Cadence: Sendable, Equatable, CustomStringConvertible {
    /// Every day at the given time.
    case daily(hour: Int, minute: Int)
    /// On the given day of every month (clamped to short months).
    case monthly(day: Int, hour: Int)
    /// On the first day of January, April, July and October.
    case quarterly(hour: Int)
    case yearly(month: Int, day: Int, hour: Int)
    /// A fixed interval, for housekeeping such as the outbox.
    case every(seconds: Int)

    /// The cadence in words, e.g. "daily 00:10" or "monthly day 1 8:00", for the job list.
    public var description: String {
        switch self {
        case .daily(let h, let m): String(format: "daily %02d:%02d", h, m)
        case .monthly(let d, let h): "monthly day \(d) \(h):00"
        case .quarterly(let h): "quarterly \(h):00"
        case .yearly(let m, let d, let h): "yearly \(m)-\(d) \(h):00"
        case .every(let s): "every \(s)s"
        }
    }

    /// The latest scheduled instant at or before `now`. A job whose last run is older than
    /// this is due: that is how a job missed while the host was down runs once, not once per
    /// missed period.
    public func lastDue(atOrBefore now: Date) -> Date {
        let calendar = Self.calendar
        let today = Day(now)
        func instant(_ day: Day, _ hour: Int, _ minute: Int = 0) -> Date {
            calendar.date(
                from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))!
        }
        switch self {
        case .every(let seconds):
            let t = now.timeIntervalSince1970
            return Date(timeIntervalSince1970: t - t.truncatingRemainder(dividingBy: TimeInterval(max(seconds, 1))))
        case .daily(let hour, let minute):
            let candidate = instant(today, hour, minute)
            return candidate <= now ? candidate : instant(today.adding(days: -1), hour, minute)
        case .monthly(let day, let hour):
            func onMonth(_ first: Day) -> Date {
                instant(
                    Day(
                        year: first.year, month: first.month,
                        day: min(day, Day.daysIn(month: first.month, year: first.year)))!, hour)
            }
            let firstOfMonth = Day(year: today.year, month: today.month, day: 1)!
            let candidate = onMonth(firstOfMonth)
            return candidate <= now ? candidate : onMonth(firstOfMonth.adding(months: -1))
        case .quarterly(let hour):
            let quarterStart = Day(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
            let candidate = instant(quarterStart, hour)
            return candidate <= now ? candidate : instant(quarterStart.adding(months: -3), hour)
        case .yearly(let month, let day, let hour):
            func inYear(_ year: Int) -> Date {
                instant(Day(year: year, month: month, day: min(day, Day.daysIn(month: month, year: year)))!, hour)
            }
            let candidate = inYear(today.year)
            return candidate <= now ? candidate : inYear(today.year - 1)
        }
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .chinaStandard
        return calendar
    }()
}
