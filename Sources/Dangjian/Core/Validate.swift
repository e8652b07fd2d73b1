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

    /// An optional text; empty becomes nil.
    public static func optionalText(_ value: String?, field: String, max: Int = 2000, multiline: Bool = false) throws -> String? {
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
                    "validation.dateOrder", field: field,
                    zh: "\(field)（\(day)）不能早于 \(previous.0)（\(previous.1)）",
                    en: "\(field) (\(day)) cannot be before \(previous.0) (\(previous.1))")
            }
            previous = (field, day)
        }
    }

    public static func notFuture(_ day: Day?, field: String, today: Day) throws {
        if let day, day > today {
            throw DangjianError.invalid("validation.futureDate", field: field,
                zh: "\(field) 不能是将来的日期", en: "\(field) cannot be in the future")
        }
    }

    public static func enumValue<E: RawRepresentable & CaseIterable>(_ value: String?, field: String, as: E.Type = E.self) throws -> E
    where E.RawValue == String {
        guard let value else { throw DangjianError.required(field) }
        guard let parsed = E(rawValue: value) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw DangjianError.badValue(field, zh: "取值应为 \(allowed)", en: "must be one of \(allowed)")
        }
        return parsed
    }
}
