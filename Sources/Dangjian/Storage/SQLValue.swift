import Foundation

/// A value crossing the storage boundary. Only the types both SQLite and PostgreSQL store the
/// same way: booleans are integers 0/1, dates are ISO text, so every query stays portable.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    /// A text value.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// SQL NULL.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// NULL for nil, as for every optional below.
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    /// An integer, or NULL.
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    /// An integer, or NULL.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// 0 or 1: both databases store booleans the same way as integers.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
    /// "YYYY-MM-DD", which sorts and compares as the day does.
    public init(_ value: Day?) { self = value.map { .text($0.description) } ?? .null }
    /// The timestamp as stored: ISO 8601 in UTC (`Timestamp.format`).
    public init(_ value: Date?) { self = value.map { .text(Timestamp.format($0)) } ?? .null }
    /// An enum by its raw value, as the registries store statuses and kinds.
    public init<R: RawRepresentable>(_ value: R?) where R.RawValue == String {
        self = value.map { .text($0.rawValue) } ?? .null
    }
}

/// One result row. Column positions are shared by all rows of a result, so a row costs one array.
public struct SQLRow: Sendable {
    /// The column names of the result, shared by every row.
    public let columns: SQLColumns
    /// The row's values, in column order.
    public let values: [SQLValue]

    /// A row of a result whose columns every row shares.
    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The column's value; NULL for a column the query did not select.
    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.index[name] else { return .null }
        return values[index]
    }

    /// Whether the query selected the column, for decoders shared by queries of different shapes.
    public func has(_ name: String) -> Bool { columns.index[name] != nil }

    /// The column as an integer; a whole real or numeric text is accepted, anything else throws.
    public func int64(_ name: String) throws -> Int64 {
        switch self[name] {
        case .integer(let v): return v
        case .real(let v) where v == v.rounded(): return Int64(v)
        case .text(let s): if let v = Int64(s) { return v }
        default: break
        }
        throw StorageError.decoding(column: name, expected: "integer", found: self[name])
    }

    /// nil for NULL, else as `int64`.
    public func optionalInt64(_ name: String) throws -> Int64? {
        if case .null = self[name] { return nil }
        return try int64(name)
    }

    /// `int64` as an Int.
    public func int(_ name: String) throws -> Int { Int(try int64(name)) }

    /// The column as a number (a real, an integer or numeric text).
    public func double(_ name: String) throws -> Double {
        switch self[name] {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        default: throw StorageError.decoding(column: name, expected: "number", found: self[name])
        }
    }

    /// The column as text; NULL or a number throws.
    public func string(_ name: String) throws -> String {
        if case .text(let s) = self[name] { return s }
        throw StorageError.decoding(column: name, expected: "text", found: self[name])
    }

    /// nil for NULL, else as `string`.
    public func optionalString(_ name: String) throws -> String? {
        if case .null = self[name] { return nil }
        return try string(name)
    }

    /// A 0/1 column.
    public func bool(_ name: String) throws -> Bool { try int64(name) != 0 }

    /// A "YYYY-MM-DD" column.
    public func day(_ name: String) throws -> Day {
        let text = try string(name)
        guard let day = Day(text) else {
            throw StorageError.decoding(column: name, expected: "ISO date", found: self[name])
        }
        return day
    }

    /// nil for NULL, else as `day`.
    public func optionalDay(_ name: String) throws -> Day? {
        if case .null = self[name] { return nil }
        return try day(name)
    }

    /// A timestamp column as `SQLValue(Date)` wrote it.
    public func date(_ name: String) throws -> Date {
        let text = try string(name)
        guard let date = Timestamp.parse(text) else {
            throw StorageError.decoding(column: name, expected: "ISO timestamp", found: self[name])
        }
        return date
    }

    /// nil for NULL, else as `date`.
    public func optionalDate(_ name: String) throws -> Date? {
        if case .null = self[name] { return nil }
        return try date(name)
    }

    /// An enum by its stored raw value; an unknown value throws rather than guessing.
    public func enumValue<R: RawRepresentable>(_ name: String, as type: R.Type = R.self) throws -> R
    where R.RawValue == String {
        let text = try string(name)
        guard let value = R(rawValue: text) else {
            throw StorageError.decoding(column: name, expected: "\(R.self)", found: self[name])
        }
        return value
    }

    /// nil for NULL, else as `enumValue`.
    public func optionalEnum<R: RawRepresentable>(_ name: String, as type: R.Type = R.self) throws -> R?
    where R.RawValue == String {
        if case .null = self[name] { return nil }
        return try enumValue(name, as: type)
    }
}

/// Column name to position, built once per statement.
public final class SQLColumns: Sendable {
    /// The column names, in result order.
    public let names: [String]
    let index: [String: Int]

    /// The result's column names, indexed once for every row.
    public init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }
}
