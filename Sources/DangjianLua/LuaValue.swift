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

    /// Lua-like text for messages and test failures: strings quoted, table fields sorted by key.
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

    /// The text, when this is a Lua string; nil otherwise (a number is not converted).
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The boolean, when this is one; nil otherwise (Lua's truthiness is not applied).
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The table, when this is one.
    public var table: LuaTable? { if case .table(let t) = self { t } else { nil } }
    /// The integer, when this is an integer or a float with no fraction (below 9e15); nil otherwise.
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
    /// Whether this is Lua's nil.
    public var isNil: Bool { if case .nil = self { true } else { false } }

    /// The named field `key` of a table; nil when this is no table or has no such field.
    public subscript(_ key: String) -> LuaValue { table?.fields[key] ?? .nil }
}

/// A Lua table, as its array part (keys 1…n, in order) and its string-keyed part.
public struct LuaTable: Sendable, Equatable {
    /// The values at keys 1…n, in order.
    public var array: [LuaValue]
    /// The values at string keys.
    public var fields: [String: LuaValue]

    /// A table with the given array part and named fields.
    public init(array: [LuaValue] = [], fields: [String: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A Lua string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A Lua integer.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A Lua boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A Lua float.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A table whose array part holds `elements`.
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    /// A table of named fields; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(LuaTable(fields: Dictionary(elements, uniquingKeysWith: { $1 })))
    }
}

/// Codable values cross as the JSON they encode to: a struct becomes a table of its fields,
/// a `Day` becomes "YYYY-MM-DD", a Date an ISO timestamp, an optional that is nil disappears.
public enum LuaBridge {
    /// `value` as a Lua value, through its JSON form. Throws what `JSONEncoder` throws.
    public static func encode<T: Encodable>(_ value: T) throws -> LuaValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONDecoder().decode(LuaValue.self, from: encoder.encode(value))
    }

    /// A Lua value read back as `T`, through JSON. Throws `LuaError.badValue` naming the field that does not fit.
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
    /// Reads JSON: an object becomes a table of fields (null fields dropped), an array a table's array part.
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

    /// Writes JSON. Throws `LuaError.badValue` for a table that mixes a list and named fields, or a NaN or infinity.
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
    /// Why Lua failed: a script that does not compile, an error it raised, a limit it hit, a value that does not fit.
    public enum Kind: String, Sendable {
        case syntax, runtime, instructionLimit, memoryLimit, deadline, badValue
    }

    /// What went wrong, as one of `Kind`.
    public let kind: Kind
    /// The message, as Lua or the bridge gave it.
    public let message: String
    /// "file:line" in the script, when Lua told us.
    public var location: String?

    /// An error of `kind` with `message`, at `location` if known.
    public init(kind: Kind, message: String, location: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// "KIND error at FILE:LINE: MESSAGE", for logs and messages.
    public var description: String {
        "\(kind.rawValue) error\(location.map { " at \($0)" } ?? ""): \(message)"
    }
}
