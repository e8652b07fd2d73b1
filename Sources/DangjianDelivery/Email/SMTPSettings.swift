import Dangjian
import Foundation

/// How the host reaches its mail relay: where it is, how the connection is protected, who logs
/// in, and whom the mail is from. The password is held only here and never printed.
public struct SMTPSettings: Sendable, CustomStringConvertible {
    /// How the connection to the relay is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// STARTTLS is required: a relay that does not offer it gets nothing, not even the login.
        case starttls
        /// Plain text; allowed only for a relay on this machine (a test peer, a local MTA).
        case none
    }

    /// The relay's host name or IP address.
    public var host: String
    /// The relay's submission port, 587 by default.
    public var port: Int
    /// STARTTLS by default.
    public var security: Security
    /// The login, when the relay wants one (AUTH PLAIN, or LOGIN when only that is offered).
    public var username: String?
    /// The login's password. Never logged, never in an error or a kept answer.
    public var password: String?
    /// The sender's address (the envelope's MAIL FROM and the `From` header).
    public var from: String
    /// The sender's display name in `From`, e.g. "党建工作提醒"; Chinese is encoded (RFC 2047).
    public var fromName: String?
    /// A PEM file of certificates to trust instead of the system's, e.g. a relay's self-signed certificate.
    public var caFile: String?
    /// How long a connection may take to open.
    public var connectTimeout: Duration
    /// How long the relay may take to answer any one command, the greeting and the end of DATA included.
    public var commandTimeout: Duration

    /// Settings for the relay at `host`; STARTTLS on port 587 unless told otherwise.
    public init(
        host: String, port: Int = 587, security: Security = .starttls, username: String? = nil,
        password: String? = nil, from: String, fromName: String? = nil, caFile: String? = nil,
        connectTimeout: Duration = .seconds(10), commandTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.fromName = fromName
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// Whether the relay is on this machine, the one place plain text is acceptable.
    public var isLoopback: Bool { Self.isLoopback(host) }

    /// Whether credentials were given, so the client logs in.
    var logsIn: Bool { username != nil || password != nil }

    /// The domain of `from`, which names this host in EHLO and in every Message-ID.
    var fromDomain: String {
        guard let at = from.lastIndex(of: "@") else { return "localhost" }
        return String(from[from.index(after: at)...])
    }

    /// What is wrong with the settings, one "中文 / English" line each; empty when they can be used.
    public func problems() -> [String] {
        var found: [String] = []
        func add(_ zh: String, _ en: String) { found.append("\(zh) / \(en)") }
        let trimmedHost = host.trimmingCharacters(in: .whitespaces)
        if trimmedHost.isEmpty {
            add("smtp.host 未设置", "smtp.host is not set")
        } else if trimmedHost != host || host.contains(where: { $0.isWhitespace || $0.isASCII == false }) {
            add("smtp.host 不是有效的主机名", "smtp.host is not a valid host name")
        }
        if !(1...65535).contains(port) { add("smtp.port 应在 1–65535 之间", "smtp.port must be 1–65535") }
        if !Self.isAddress(from) {
            add("smtp.from 不是有效的邮件地址", "smtp.from is not a valid email address")
        }
        if let fromName, fromName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            add("smtp.fromName 含有控制字符", "smtp.fromName contains control characters")
        }
        if (username == nil) != (password == nil) || username?.isEmpty == true || password?.isEmpty == true {
            add("smtp.username 与 smtp.password 须同时设置", "smtp.username and smtp.password must be set together")
        }
        for credential in [username, password].compactMap({ $0 }) where credential.contains(where: \.isNewline) {
            add("smtp.username 或 smtp.password 含有换行", "smtp.username or smtp.password contains a line break")
            break
        }
        if security == .none && !trimmedHost.isEmpty && !isLoopback {
            if logsIn {
                add(
                    "不能以明文向非本机的 \(host) 发送密码（请使用 smtp.security: starttls）",
                    "AUTH over plain text to \(host), which is not loopback (use smtp.security: starttls)")
            } else {
                add(
                    "smtp.security: none 只允许本机的邮件服务器", "smtp.security: none is only allowed for a loopback relay")
            }
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            add("无法读取 smtp.caFile：\(caFile)", "smtp.caFile cannot be read: \(caFile)")
        }
        if connectTimeout <= .zero || commandTimeout <= .zero {
            add("smtp 超时时间须大于 0", "smtp timeouts must be greater than 0")
        }
        return found
    }

    /// The settings with the password masked, for logs and the configuration check.
    public var description: String {
        let login = username.map { " user \($0) password ***" } ?? ""
        return "smtp \(security.rawValue)://\(host):\(port) from \(from)\(login)"
    }

    /// A plain `local@domain` address (`EmailAddress.isValid`, the check users' own addresses get too).
    public static func isAddress(_ text: String) -> Bool { EmailAddress.isValid(text) }

    /// Whether `host` names this machine (`LoopbackHost.contains`).
    static func isLoopback(_ host: String) -> Bool { LoopbackHost.contains(host) }
}
