import Dangjian
import Foundation

/// Decodes a request body from one parse of its JSON with the type's own `Decodable`, and
/// refuses what the type never asked for: a key present in the body that no container read,
/// at any depth, is an unknown field. Nothing has to list the fields a type accepts.
enum StrictDecoder {
    /// The decoded value, or the first unknown field as a dotted path ("items.0.place").
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> (value: T, unknownField: String?)
    {
        let reads = Reads()
        let decoded = try T(from: TreeDecoder(value: value, codingPath: [], reads: reads))
        return (decoded, reads.firstUnread())
    }

    /// Which keys of each object the decoding asked for, by the object's path.
    final class Reads {
        private var present: [String: Set<String>] = [:]
        private var asked: [String: Set<String>] = [:]

        func register(_ path: [any CodingKey], keys: some Sequence<String>) {
            present[Self.dotted(path), default: []].formUnion(keys)
        }

        func ask(_ path: [any CodingKey], _ key: String) {
            asked[Self.dotted(path), default: []].insert(key)
        }

        func firstUnread() -> String? {
            present.keys.sorted().lazy.compactMap { path -> String? in
                guard let unread = self.present[path]?.subtracting(self.asked[path] ?? []).sorted().first else {
                    return nil
                }
                return path.isEmpty ? unread : "\(path).\(unread)"
            }.first
        }

        static func dotted(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
    }

    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { self.intValue = intValue }
    }
}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let reads: StrictDecoder.Reads
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch(JSONObject.self, value, codingPath) }
        reads.register(codingPath, keys: object.keys)
        return KeyedDecodingContainer(KeyedTree<Key>(object: object, codingPath: codingPath, reads: reads))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedTree(array: array, codingPath: codingPath, reads: reads)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleTree(value: value, codingPath: codingPath, reads: reads)
    }
}

/// What a type mismatch names where an object was expected.
private enum JSONObject {}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "found \(value)"))
}

/// A scalar or a nested value, at `codingPath`. The Foundation types JSONDecoder reads itself
/// are read the way the API's decoder did: a date as ISO 8601, a URL as a string, a decimal
/// from a number.
private func decodeValue<T: Decodable>(
    _ type: T.Type, _ value: JSONValue, _ path: [any CodingKey],
    _ reads: StrictDecoder.Reads
) throws -> T {
    let scalar =
        type == String.self || type == Bool.self || type == Double.self || type == Float.self
        || type is any FixedWidthInteger.Type || type == Date.self || type == URL.self || type == Decimal.self
    if case .null = value, scalar {
        throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "null"))
    }
    switch (value, type) {
    case (.string(let s), is String.Type): return s as! T
    case (.bool(let b), is Bool.Type): return b as! T
    case (.integer(let i), is Double.Type): return Double(i) as! T
    case (.number(let d), is Double.Type): return d as! T
    case (.integer(let i), is Float.Type): return Float(i) as! T
    case (.number(let d), is Float.Type): return Float(d) as! T
    case (.integer(let i), is Decimal.Type): return Decimal(i) as! T
    case (.number(let d), is Decimal.Type): return Decimal(d) as! T
    case (.string(let s), is URL.Type):
        guard let url = URL(string: s) else { throw corrupted(path, "not a URL") }
        return url as! T
    case (.string(let s), is Date.Type):
        guard let date = ISO8601DateFormatter().date(from: s) else { throw corrupted(path, "not an ISO 8601 date") }
        return date as! T
    default: break
    }
    if let integer = type as? any FixedWidthInteger.Type {
        switch value {
        case .integer(let i):
            guard let exact = integer.init(exactly: i) else { throw corrupted(path, "\(i) does not fit \(type)") }
            return exact as! T
        // A fraction, or a whole number past Int64, is a bad value, as JSONDecoder said.
        case .number(let d): throw corrupted(path, "\(d) is not a whole number that fits \(type)")
        default: throw mismatch(type, value, path)
        }
    }
    if scalar { throw mismatch(type, value, path) }
    // Optionals, lists, dictionaries and every other Decodable read the value themselves
    // (an Optional takes null).
    return try T(from: TreeDecoder(value: value, codingPath: path, reads: reads))
}

private func corrupted(_ path: [any CodingKey], _ why: String) -> DecodingError {
    .dataCorrupted(.init(codingPath: path, debugDescription: why))
}

private struct KeyedTree<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: JSONValue]
    let codingPath: [any CodingKey]
    let reads: StrictDecoder.Reads

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        reads.ask(codingPath, key.stringValue)
        return object[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        reads.ask(codingPath, key.stringValue)
        guard let value = object[key.stringValue] else { throw missing(key) }
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        reads.ask(codingPath, key.stringValue)
        guard let value = object[key.stringValue] else { throw missing(key) }
        return try decodeValue(type, value, codingPath + [key], reads)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        reads.ask(codingPath, key.stringValue)
        guard let value = object[key.stringValue] else { return nil }
        if case .null = value { return nil }
        return try decodeValue(type, value, codingPath + [key], reads)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        reads.ask(codingPath, key.stringValue)
        guard let value = object[key.stringValue] else { throw missing(key) }
        return try TreeDecoder(value: value, codingPath: codingPath + [key], reads: reads).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        reads.ask(codingPath, key.stringValue)
        guard let value = object[key.stringValue] else { throw missing(key) }
        return try TreeDecoder(value: value, codingPath: codingPath + [key], reads: reads).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        TreeDecoder(value: .object(object), codingPath: codingPath, reads: reads)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        reads.ask(codingPath, key.stringValue)
        return TreeDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key], reads: reads)
    }

    private func missing(_ key: Key) -> DecodingError {
        .keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
    }
}

private struct UnkeyedTree: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let codingPath: [any CodingKey]
    let reads: StrictDecoder.Reads
    var currentIndex = 0

    init(array: [JSONValue], codingPath: [any CodingKey], reads: StrictDecoder.Reads) {
        self.array = array
        self.codingPath = codingPath
        self.reads = reads
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private func current() throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self,
                .init(
                    codingPath: codingPath + [StrictDecoder.IndexKey(currentIndex)],
                    debugDescription: "the list ended"))
        }
        return array[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        if case .null = try current() { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decodeValue(type, try current(), codingPath + [StrictDecoder.IndexKey(currentIndex)], reads)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<
        NestedKey
    > {
        let container = try TreeDecoder(
            value: try current(), codingPath: codingPath + [StrictDecoder.IndexKey(currentIndex)], reads: reads
        )
        .container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try TreeDecoder(
            value: try current(), codingPath: codingPath + [StrictDecoder.IndexKey(currentIndex)], reads: reads
        )
        .unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = TreeDecoder(
            value: try current(), codingPath: codingPath + [StrictDecoder.IndexKey(currentIndex)], reads: reads)
        currentIndex += 1
        return decoder
    }
}

private struct SingleTree: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let reads: StrictDecoder.Reads

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type, value, codingPath, reads) }
}
