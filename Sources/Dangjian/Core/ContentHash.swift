import Crypto
import Foundation

/// SHA-256 as lowercase hex: token hashes and rule file versions.
public enum ContentHash {
    // Every request hashes its bearer token; String(format:) per byte was an eighth of a
    // member read's time.
    /// The hex SHA-256 of data, e.g. a rule file's version.
    public static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The hex SHA-256 of text's UTF-8 bytes.
    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
