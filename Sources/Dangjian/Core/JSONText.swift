import Foundation

/// JSON as stored in text columns and the audit log: sorted keys, ISO 8601 dates, so the same
/// value always gives the same text.
public enum JSONText {
    /// Sorted-key JSON text for a JSON column, so the same value is always stored the same way.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
