import Crypto
import Foundation

/// Seals robot URLs and signing secrets at rest (AES-256-GCM), so a copy of the database
/// alone does not let anyone post to a district's groups. The key comes from the
/// configuration or the environment, or from a key file made on the first start.
public struct SecretBox: Sendable {
    // The raw bytes: Crypto's SymmetricKey is not Sendable, so one is made for each use.
    private let bytes: Data
    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A box with a 32-byte key.
    public init(key: Data) throws {
        guard key.count == 32 else { throw SecretBoxError.badKey }
        self.bytes = key
    }

    /// The configured key (`delivery.key`), else the key file's, else a new key written to the
    /// key file with owner-only permissions. A key file that is not 32 bytes of Base64 is
    /// refused, never replaced: what it sealed would be lost.
    public static func configured(_ delivery: DeliveryConfiguration, dataDirectory: String) throws -> SecretBox {
        if !delivery.key.isEmpty, let key = Data(base64Encoded: delivery.key) { return try SecretBox(key: key) }
        let path = delivery.resolvedKeyFile(dataDirectory: dataDirectory)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32
            else { throw SecretBoxError.badKeyFile(path) }
            return try SecretBox(key: key)
        }
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data((key.base64EncodedString() + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw SecretBoxError.badKeyFile(path) }
        return try SecretBox(key: key)
    }

    /// The key file's box when there is one, else a box with a key of its own that is never
    /// written (for read-only commands, which open no secrets).
    public static func configuredIfPresent(_ delivery: DeliveryConfiguration, dataDirectory: String) throws -> SecretBox
    {
        let path = delivery.resolvedKeyFile(dataDirectory: dataDirectory)
        guard FileManager.default.fileExists(atPath: path) else {
            return try SecretBox(key: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        }
        return try configured(delivery, dataDirectory: dataDirectory)
    }

    /// The text sealed, as Base64 of nonce, ciphertext and tag.
    public func seal(_ text: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
            throw SecretBoxError.cannotOpen
        }
        return combined.base64EncodedString()
    }

    /// The text a `seal` made with this key; another key, or a changed byte, is refused.
    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key), let text = String(data: plain, encoding: .utf8)
        else { throw SecretBoxError.cannotOpen }
        return text
    }
}

/// Why a secret cannot be sealed or opened. The messages never hold the secret.
public enum SecretBoxError: Error, CustomStringConvertible, Sendable {
    case badKey
    case badKeyFile(String)
    case cannotOpen

    /// In Chinese and English, for the operator.
    public var description: String {
        switch self {
        case .badKey: "delivery.key 应为 32 字节 / delivery.key must be 32 bytes"
        case .badKeyFile(let path):
            "\(path): 密钥文件无效或无法写入 / the key file is not 32 bytes of Base64, or cannot be written"
        case .cannotOpen:
            "无法解开已加密的渠道密钥（密钥是否更换过？）/ a sealed channel secret cannot be opened (was the key changed?)"
        }
    }
}
