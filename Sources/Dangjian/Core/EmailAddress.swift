/// Email addresses as personal data: checked once for users' own channels and the email
/// channel alike, and shown masked to admins.
public enum EmailAddress {
    /// A plain `local@domain` address: no display name, no spaces, no angle brackets, no line
    /// breaks, a dot in the domain (or a loopback name). Anything fancier is refused rather than sent.
    public static func isValid(_ text: String) -> Bool {
        guard text.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let forbidden = Set("<>()[]\\,;:\" \t\r\n@")
        guard !local.isEmpty, local.count <= 64, !local.contains(where: { forbidden.contains($0) }) else {
            return false
        }
        guard !domain.isEmpty, !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return false
        }
        let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return domain.allSatisfy { domainCharacters.contains($0) } && (domain.contains(".") || domain == "localhost")
            && local.allSatisfy { $0.isASCII && !$0.isWhitespace }
    }

    /// "zhang.wei@example.cn" → "z***@example.cn".
    public static func mask(_ value: String) -> String {
        guard let at = value.firstIndex(of: "@"), at > value.startIndex else { return "***" }
        return String(value[value.startIndex]) + "***" + String(value[at...])
    }
}

/// The names of this machine, where plain text (http robots, SMTP without TLS) is acceptable.
public enum LoopbackHost {
    /// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or ::1 (with or without brackets).
    public static func contains(_ host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let name = host.lowercased()
        if name == "localhost" || name == "::1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
