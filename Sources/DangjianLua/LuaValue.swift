import Foundation

/// A value crossing between Swift and Lua. Tables keep their array part and their string-keyed
/// part apart, which is how rule scripts use them.
public enum LuaValue: Sendable, Equatable, CustomStringConvertible {
    case `nil`
    case bool(Bool)
    case int(Int64)
    case number(Double)
    case string(String)
    case table(LuaTable)

    public var description: String {
        switch self {
        case .nil: "nil"
        case .bool(let b): String(b)
        case .int(let i): String(i)
        case .number(let d): String(d)
        case .string(let s): "\"\(s)\""
        case .table(let t):
            "{\(t.array.map(\.description).joined(separator: ", "))\(t.array.isEmpty || t.fields.isEmpty ? "" : ", ")\(t.fields.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))}"
        }
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var table: LuaTable? { if case .table(let t) = self { t } else { nil } }
    public var int: Int64? {
        switch self {
        case .int(let i): i
        case .number(let d) where d == d.rounded() && abs(d) < 9e15: Int64(d)
        default: nil
        }
    }
    /// Any Lua number, integer or float.
    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
    public var isNil: Bool { if case .nil = self { true } else { false } }

    public subscript(_ key: String) -> LuaValue { table?.fields[key] ?? .nil }
}

public struct LuaTable: Sendable, Equatable {
    public var array: [LuaValue]
    public var fields: [String: LuaValue]

    public init(array: [LuaValue] = [], fields: [String: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(LuaTable(fields: Dictionary(elements, uniquingKeysWith: { $1 })))
    }
}

/// Codable values cross as the JSON they encode to: a struct becomes a table of its fields,
/// a `Day` becomes "YYYY-MM-DD", a Date an ISO timestamp, an optional that is nil disappears.
public enum LuaBridge {
    public static func encode<T: Encodable>(_ value: T) throws -> LuaValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONDecoder().decode(LuaValue.self, from: encoder.encode(value))
    }

    public static func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws -> T {
        let data = try JSONEncoder().encode(value)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw LuaError(kind: .badValue, message: "value does not fit \(T.self): \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        return switch error {
        case .keyNotFound(let key, _): "missing field \(key.stringValue)"
        case .typeMismatch(let type, let context): "field \(path(context)) is not a \(type)"
        case .valueNotFound(_, let context): "field \(path(context)) is missing"
        case .dataCorrupted(let context): "field \(path(context)): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}

extension LuaValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .nil
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int64.self) {
            self = .int(int)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([LuaValue].self) {
            self = .table(LuaTable(array: array))
        } else {
            let object = try container.decode([String: LuaValue].self)
            self = .table(LuaTable(fields: object.filter { !$0.value.isNil }))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .nil: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .number(let d):
            guard d.isFinite else { throw LuaError(kind: .badValue, message: "number \(d) has no JSON form") }
            try container.encode(d)
        case .string(let s): try container.encode(s)
        case .table(let t):
            if t.fields.isEmpty {
                try container.encode(t.array)
            } else if t.array.isEmpty {
                try container.encode(t.fields)
            } else {
                throw LuaError(kind: .badValue, message: "a table mixes a list and named fields")
            }
        }
    }
}

/// Why a call into Lua failed. `location` is "file:line" when the script told us.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case syntax, runtime, instructionLimit, memoryLimit, deadline, badValue
    }

    public let kind: Kind
    public let message: String
    public var location: String?

    public init(kind: Kind, message: String, location: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String {
        "\(kind.rawValue) error\(location.map { " at \($0)" } ?? ""): \(message)"
    }
}
