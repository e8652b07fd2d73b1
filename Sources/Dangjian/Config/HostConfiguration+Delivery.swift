import Foundation
import Configuration

extension TypedReading {
    /// The `delivery.*` section, every wrong value a problem naming its key.
    mutating func delivery(_ defaults: DeliveryConfiguration) -> DeliveryConfiguration {
        var d = defaults
        d.enabled = bool("delivery.enabled", default: d.enabled)
        d.key = string("delivery.key", default: d.key)
        if !d.key.isEmpty, Data(base64Encoded: d.key)?.count != 32 {
            problems.append("delivery.key: 应为 32 字节的 Base64 / must be 32 bytes in Base64 (openssl rand -base64 32)")
            d.key = ""
        }
        d.keyFile = string("delivery.keyFile", default: d.keyFile)
        d.consoleURL = string("delivery.consoleUrl", default: d.consoleURL, nonEmpty: true)
        let console = URL(string: d.consoleURL)
        if console?.host == nil || !["http", "https"].contains(console?.scheme ?? "") {
            problems.append("delivery.consoleUrl: 应为 http(s) 地址 / must be an http(s) URL, got \(d.consoleURL)")
        }
        let routes = pairs(
            "delivery.routes", zh: "通知类别=目标[+目标]", en: "KIND=TARGET[+TARGET] (group, parentGroup, email)",
            valid: { _, targets in
                targets.split(separator: "+").allSatisfy { DeliveryTarget(rawValue: String($0)) != nil }
            })
        if reader.stringArray(forKey: ConfigKey("delivery.routes")) != nil {
            d.routes = Dictionary(
                routes.map { ($0, $1.split(separator: "+").compactMap { DeliveryTarget(rawValue: String($0)) }) },
                uniquingKeysWith: { $1 })
        }
        d.maxAttempts = int("delivery.maxAttempts", default: d.maxAttempts, range: 1...50)
        d.retryBaseSeconds = int("delivery.retryBaseSeconds", default: d.retryBaseSeconds, range: 1...3600)
        d.tickMilliseconds = int("delivery.tickMilliseconds", default: d.tickMilliseconds, range: 50...60_000)
        d.smtp.host = string("delivery.smtp.host", default: d.smtp.host)
        d.smtp.port = int("delivery.smtp.port", default: d.smtp.port, range: 1...65535)
        d.smtp.security = string("delivery.smtp.security", default: d.smtp.security, nonEmpty: true)
        if !["starttls", "none"].contains(d.smtp.security) {
            problems.append(
                "delivery.smtp.security: 应为 starttls 或 none / must be starttls or none, got \(d.smtp.security)")
        }
        d.smtp.username = string("delivery.smtp.username", default: d.smtp.username)
        d.smtp.password = string("delivery.smtp.password", default: d.smtp.password)
        d.smtp.from = string("delivery.smtp.from", default: d.smtp.from)
        d.smtp.fromName = string("delivery.smtp.fromName", default: d.smtp.fromName)
        d.smtp.caFile = string("delivery.smtp.caFile", default: d.smtp.caFile)
        return d
    }
}
