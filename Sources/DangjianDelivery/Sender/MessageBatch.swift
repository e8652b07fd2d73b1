import Crypto
import Dangjian
import Foundation

/// Claimed rows grouped into messages. Rows that went out together before go out together
/// again under their old key; new rows for one robot are packed, in order, into as few
/// messages as the channel's size limit allows, notices of the same text told once with every
/// recipient @-mentioned. A message's key is its row's key, or for several rows a hash of
/// theirs, fixed in the outbox before the send.
struct MessageBatch: Sendable {
    /// The rows the message carries.
    let rows: [Outbox.Claim]
    /// The message as the channel gets it.
    let message: OutboundMessage
    /// Whether its key is new, and must be stored before the send.
    let isNew: Bool

    /// At most this many rows in one message: a digest longer than this is hard to read.
    static let maxRows = 20

    /// The messages for one robot's claimed rows, in the order of their first row.
    static func pack(
        _ rows: [Outbox.Claim], consoleURL: String, fits: (OutboundMessage) -> Bool
    ) -> [MessageBatch] {
        var batches: [MessageBatch] = []
        let kept = Dictionary(grouping: rows.filter { $0.batchKey != nil }, by: { $0.batchKey! })
        for (key, group) in kept.sorted(by: { $0.value[0].id < $1.value[0].id }) {
            batches.append(
                MessageBatch(rows: group, message: message(group, key: key, consoleURL: consoleURL), isNew: false))
        }
        var current: [Outbox.Claim] = []
        func close() {
            guard !current.isEmpty else { return }
            batches.append(
                MessageBatch(
                    rows: current, message: message(current, key: key(current), consoleURL: consoleURL), isNew: true))
            current = []
        }
        for row in rows where row.batchKey == nil {
            let candidate = current + [row]
            if !current.isEmpty,
                candidate.count > maxRows || !fits(message(candidate, key: key(candidate), consoleURL: consoleURL))
            {
                close()
            }
            current.append(row)
        }
        close()
        return batches
    }

    static func key(_ rows: [Outbox.Claim]) -> String {
        guard rows.count > 1 else { return rows[0].rowKey }
        let digest = SHA256.hash(data: Data(rows.map(\.rowKey).sorted().joined(separator: "\n").utf8))
        return "batch:" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Notices of the same title, body and link are told once; mentions are every row's.
    static func message(_ rows: [Outbox.Claim], key: String, consoleURL: String) -> OutboundMessage {
        var notices: [OutboundMessage.Notice] = []
        var seen: Set<String> = []
        for row in rows where seen.insert("\(row.title)\u{1}\(row.body)\u{1}\(row.link ?? "")").inserted {
            notices.append(
                OutboundMessage.Notice(
                    title: row.title, body: row.body, link: link(row.link, consoleURL: consoleURL),
                    ruleRef: row.ruleRef,
                    idempotencyKey: row.noticeKey))
        }
        var mentions: [String] = []
        for mention in rows.compactMap(\.mention) where !mentions.contains(mention) { mentions.append(mention) }
        return OutboundMessage(notices: notices, mentions: mentions, idempotencyKey: key)
    }

    /// The item in the console, or the inbox when the notice names none.
    static func link(_ link: String?, consoleURL: String) -> String {
        let base = consoleURL.hasSuffix("/") ? String(consoleURL.dropLast()) : consoleURL
        guard let link, !link.isEmpty else { return base + "/notifications" }
        if link.hasPrefix("http://") || link.hasPrefix("https://") { return link }
        return base + (link.hasPrefix("/") ? link : "/" + link)
    }
}
