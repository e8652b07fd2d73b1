import Crypto
import Foundation

/// The HMAC-SHA256 the signed channels use, and the encodings they send it in.
enum RobotSigning {
    /// HMAC-SHA256 of `message` keyed with `key`, both as UTF-8.
    static func hmacSHA256(key: String, message: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))))
    }

    /// `data` as lowercase hexadecimal.
    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef")
        return String(data.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    /// `text` percent-encoded for a query value: everything but RFC 3986's unreserved characters,
    /// so Base64's `+`, `/` and `=` become `%2B`, `%2F` and `%3D`.
    static func queryEncoded(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
