import Foundation

/// How notices leave the host (`delivery.*`, issue 15): the outbox sender's settings, the
/// default routes from notification kinds to channels, and the SMTP server for email.
public struct DeliveryConfiguration: Sendable, Equatable {
    /// Whether this host runs the outbox sender (`delivery.enabled`). Off, rows stay pending
    /// for another host to send.
    public var enabled = true
    /// The key that seals robot URLs and secrets at rest, 32 bytes in Base64 (`delivery.key`,
    /// or `DANGJIAN_DELIVERY_KEY`). Empty: the key in `keyFile`, made on the first start.
    public var key = ""
    /// Where the sealing key is kept when `key` is empty; empty means `<dataDirectory>/delivery.key`.
    public var keyFile = ""
    /// The console's address as users reach it, for the link in every message (`delivery.consoleUrl`).
    public var consoleURL = "http://127.0.0.1:8080"
    /// Where each notification kind goes besides the inbox, when no organisation above the
    /// notice has set its own route (`delivery.routes: [reminder=group, orglife.monthlyTips=email]`).
    /// Targets: `group` (the notice's organisation's robots, @-mentioning the recipient),
    /// `parentGroup` (the robots of the organisation above) and `email` (the recipient's address).
    public var routes: [String: [DeliveryTarget]] = [
        "reminder": [.group], "escalation": [.group], "orglife.monthlyTips": [.email],
        "secretary.bulletin": [.parentGroup],
    ]
    /// Attempts before a row becomes a dead letter (`delivery.maxAttempts`).
    public var maxAttempts = 8
    /// The wait before the first retry, in seconds; it doubles each time, with jitter, up to an hour.
    public var retryBaseSeconds = 30
    /// How often the sender looks for due rows, in milliseconds (`delivery.tickMilliseconds`).
    public var tickMilliseconds = 1000
    /// The SMTP server for email (`delivery.smtp.*`); no host means no email is sent.
    public var smtp = SMTP()

    /// The SMTP server's settings, as the configuration gives them; the email channel checks them.
    public struct SMTP: Sendable, Equatable {
        /// The server's name or address; empty means email is off.
        public var host = ""
        /// The submission port.
        public var port = 587
        /// `starttls` (required) or `none` (loopback only).
        public var security = "starttls"
        /// The account to AUTH as; empty means no AUTH.
        public var username = ""
        /// The account's password (`DANGJIAN_DELIVERY_SMTP_PASSWORD`); never logged.
        public var password = ""
        /// The sender's address.
        public var from = ""
        /// The sender's display name, e.g. 党建工作平台.
        public var fromName = "党建工作平台"
        /// A CA certificate (PEM) to trust besides the system's, for a server with its own certificate.
        public var caFile = ""
    }

    /// The sealing key's file, resolved against the data directory.
    public func resolvedKeyFile(dataDirectory: String) -> String {
        keyFile.isEmpty ? (dataDirectory as NSString).appendingPathComponent("delivery.key") : keyFile
    }
}

/// Where a route sends a notice besides the inbox.
public enum DeliveryTarget: String, Sendable, Codable, CaseIterable {
    /// The group robots of the notice's organisation, @-mentioning the recipient.
    case group
    /// The group robots of the organisation above the notice's.
    case parentGroup
    /// The recipient's own email address.
    case email
}
