import Dangjian
import Foundation

/// The JSON Schema of a request body, read from the body type's own `Decodable`: a decoder
/// that records every field the type asks for, with its type, at every depth. What the
/// document says a body takes is what decoding reads, with no list kept by hand and no
/// guessing from type names.
enum BodySchema {
    /// Types nested deeper than this are shown as plain objects (a type that contains itself).
    static let maxDepth = 8

    static func of(_ type: Any.Type, depth: Int = 0) -> JSONValue {
        if let optional = type as? any OptionalSchema.Type { return of(optional.wrappedType, depth: depth) }
        if let array = type as? any ArraySchema.Type {
            return .object(["type": .string("array"), "items": of(array.elementType, depth: depth + 1)])
        }
        if let dictionary = type as? any DictionarySchema.Type {
            return .object([
                "type": .string("object"), "additionalProperties": of(dictionary.valueType, depth: depth + 1),
            ])
        }
        if type == JSONValue.self { return .object([:]) }
        if type == Bool.self { return .object(["type": .string("boolean")]) }
        if type is any BinaryInteger.Type { return .object(["type": .string("integer")]) }
        if type is any BinaryFloatingPoint.Type { return .object(["type": .string("number")]) }
        if type == String.self { return .object(["type": .string("string")]) }
        if let cases = type as? any CaseIterable.Type {
            return .object(["type": .string("string"), "enum": .array(rawValues(cases).map(JSONValue.string))])
        }
        guard depth < maxDepth, let decodable = type as? any Decodable.Type else {
            return .object(["type": .string("object")])
        }
        let fields = properties(of: decodable, depth: depth)
        return .object([
            "type": .string("object"), "additionalProperties": .bool(false),
            "properties": .object(Dictionary(fields, uniquingKeysWith: { first, _ in first })),
        ])
    }

    /// The fields `type` reads, in the order it reads them.
    static func properties(of type: any Decodable.Type, depth: Int) -> [(String, JSONValue)] {
        let recorder = FieldRecorder()
        _ = try? type.init(from: TracingDecoder(recorder: recorder, depth: depth))
        return recorder.fields
    }

    /// A value of `type` to hand back to the caller's `init(from:)`, so that it goes on to ask
    /// for its next field: a zero for a number, the first case of an enum, a traced object.
    static func placeholder<T: Decodable>(_ type: T.Type, depth: Int) throws -> T {
        if let cases = type as? any CaseIterable.Type, let first = firstCase(cases) as? T { return first }
        return try T(from: TracingDecoder(recorder: FieldRecorder(), depth: depth + 1))
    }

    static func rawValues<C: CaseIterable>(_ type: C.Type) -> [String] {
        type.allCases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
    }

    static func firstCase<C: CaseIterable>(_ type: C.Type) -> C? { type.allCases.first }

    /// The schema as the Foundation values `JSONSerialization` writes.
    static func foundation(_ value: JSONValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(foundation)
        case .object(let fields): fields.mapValues(foundation)
        }
    }
}

protocol OptionalSchema { static var wrappedType: Any.Type { get } }
extension Optional: OptionalSchema { static var wrappedType: Any.Type { Wrapped.self } }
protocol ArraySchema { static var elementType: Any.Type { get } }
extension Array: ArraySchema { static var elementType: Any.Type { Element.self } }
protocol DictionarySchema { static var valueType: Any.Type { get } }
extension Dictionary: DictionarySchema { static var valueType: Any.Type { Value.self } }

/// What one traced object asked for. Used on one thread, while the document is built.
final class FieldRecorder {
    var fields: [(String, JSONValue)] = []
}

/// The decoder `BodySchema` runs a body type's `init(from:)` with: every key is present and
/// not null, every value a placeholder, and every field asked for is recorded.
struct TracingDecoder: Decoder {
    let recorder: FieldRecorder
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(recorder: FieldRecorder, depth: Int) {
        self.recorder = recorder
        self.depth = depth
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(TracingContainer<Key>(decoder: self))
    }

    /// An array read by hand is empty: its element type is read where the array is a field.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw TraceStop() }
}

private struct TraceStop: Error {}

private struct TracingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TracingDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        decoder.recorder.fields.append((key.stringValue, BodySchema.of(T.self, depth: decoder.depth + 1)))
        if let zero = Self.zero(T.self) { return zero }
        return try BodySchema.placeholder(T.self, depth: decoder.depth)
    }

    /// Zero values for the types JSON has, which `decode` hands back without tracing them.
    static func zero<T>(_ type: T.Type) -> T? {
        switch type {
        case is String.Type: "" as? T
        case is Bool.Type: false as? T
        case let integer as any BinaryInteger.Type: integer.init(0) as? T
        case let float as any BinaryFloatingPoint.Type: float.init(0) as? T
        case is JSONValue.Type: JSONValue.null as? T
        default: nil
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw TraceStop()
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { EmptyUnkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

private struct EmptyUnkeyedContainer: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }
    mutating func decodeNil() throws -> Bool { true }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw TraceStop() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw TraceStop()
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
    mutating func superDecoder() throws -> any Decoder { throw TraceStop() }
}

extension JSONValue {
    /// A schema's `type` ("integer", "array", …), for an error message; "object" when it has none.
    var typeName: String {
        if case .object(let fields) = self, case .string(let type)? = fields["type"] { return type }
        return "object"
    }
}
