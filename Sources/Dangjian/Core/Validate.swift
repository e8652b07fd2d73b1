import Foundation

/// Checks shared by every edge. Each throws a `DangjianError` that names the field.
public enum Validate {
    /// A required display text: trimmed, not empty, at most `max` characters, no control characters.
    public static func text(_ value: String?, field: String, max: Int = 200) throws -> String {
        guard let value else { throw DangjianError.required(field) }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DangjianError.required(field) }
        return try optionalText(trimmed, field: field, max: max)!
    }

    /// A required text of several lines (a charter, goals, results): like `text`, but line
    /// breaks and tabs are allowed.
    public static func longText(_ value: String?, field: String, max: Int) throws -> String {
        guard let text = try optionalText(value, field: field, max: max, multiline: true) else {
            throw DangjianError.required(field)
        }
        return text
    }

    /// An optional text; empty becomes nil.
    public static func optionalText(_ value: String?, field: String, max: Int = 2000, multiline: Bool = false) throws
        -> String?
    {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= max else { throw DangjianError.tooLong(field, max: max) }
        let forbidden = trimmed.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !(multiline && (scalar == "\n" || scalar == "\t"))
        }
        if forbidden {
            throw DangjianError.badValue(field, zh: "含有控制字符", en: "contains control characters")
        }
        return trimmed
    }

    /// A "YYYY-MM-DD" day, nil when absent; anything else is a 400 naming the field.
    public static func day(_ value: String?, field: String) throws -> Day? {
        guard let value, !value.isEmpty else { return nil }
        guard let day = Day(value) else {
            throw DangjianError.badValue(field, zh: "日期格式应为 YYYY-MM-DD", en: "date must be YYYY-MM-DD")
        }
        guard day.isSupported else {
            let years = "\(Day.supportedYears.lowerBound)–\(Day.supportedYears.upperBound)"
            throw DangjianError.badValue(field, zh: "日期应在 \(years) 年之间", en: "date must fall in the years \(years)")
        }
        return day
    }

    /// When something happened: "2026-06-12T14:30" or "2026-06-12 14:30" in China time, or a
    /// bare day (taken as 09:00, the usual start of a meeting).
    public static func moment(_ text: String?, field: String) throws -> Date {
        guard let text, !text.isEmpty else { throw DangjianError.required(field) }
        let bad = DangjianError.badValue(
            field, zh: "应为 2026-06-12T14:30 形式的日期时间", en: "must be a date and time like 2026-06-12T14:30")
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
        guard let first = parts.first, let day = Day(first), day.isSupported, parts.count <= 2 else { throw bad }
        var minutes = 9 * 60
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":").compactMap { Int($0) }
            guard clock.count == 2 || clock.count == 3, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]),
                clock.count == 2 || (0..<60).contains(clock[2])
            else { throw bad }
            minutes = clock[0] * 60 + clock[1]
        }
        return day.start.addingTimeInterval(TimeInterval(minutes * 60))
    }

    /// As `day`, but absent is a 400 `validation.required`.
    public static func requiredDay(_ value: String?, field: String) throws -> Day {
        guard let day = try day(value, field: field) else { throw DangjianError.required(field) }
        return day
    }

    /// Dates that must not go backwards, e.g. activist before development candidate.
    public static func order(_ days: [(String, Day?)]) throws {
        var previous: (String, Day)?
        for (field, day) in days {
            guard let day else { continue }
            if let previous, day < previous.1 {
                throw DangjianError.invalid(
                    KernelErrorCode.validationDateOrder, field: field,
                    zh: "\(field)（\(day)）不能早于 \(previous.0)（\(previous.1)）",
                    en: "\(field) (\(day)) cannot be before \(previous.0) (\(previous.1))")
            }
            previous = (field, day)
        }
    }

    /// Refuses a day after `today` (a meeting cannot be recorded before it is held).
    public static func notFuture(_ day: Day?, field: String, today: Day) throws {
        if let day, day > today {
            throw DangjianError.invalid(
                KernelErrorCode.validationFutureDate, field: field,
                zh: "\(field) 不能是将来的日期", en: "\(field) cannot be in the future")
        }
    }

    /// One of an enum's raw values, nil when absent; the 400 lists the values allowed.
    public static func enumValue<E: RawRepresentable & CaseIterable>(
        _ value: String?, field: String, as: E.Type = E.self
    ) throws -> E
    where E.RawValue == String {
        guard let value else { throw DangjianError.required(field) }
        guard let parsed = E(rawValue: value) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw DangjianError.badValue(field, zh: "取值应为 \(allowed)", en: "must be one of \(allowed)")
        }
        return parsed
    }
}
