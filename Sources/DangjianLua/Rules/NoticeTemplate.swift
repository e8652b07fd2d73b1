/// A reminder notice's title or body as its author wrote it, with placeholders in braces:
/// `{organization}` (the organisation's name), `{period}` (its key, e.g. "2026-Q2"), `{title}`
/// and `{source}` (the reminder's own), `{due}` (the period's last day) and `{days}` (days left
/// until `{due}` before the end; days since it when escalating). A brace that opens no known
/// placeholder is a load error, so a typo never reaches an inbox. Parsed once, when the pack loads.
public struct NoticeTemplate: Sendable, Equatable {
    /// The names a template may write in braces, e.g. `{period}`.
    public enum Placeholder: String, Sendable, CaseIterable {
        case organization, period, title, source, due, days
    }

    enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(Placeholder)
    }

    let parts: [Part]

    /// The placeholders of `text` resolved, or the first unknown one as an author's message.
    public init(parsing text: String) throws(PlaceholderError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw PlaceholderError(name: String(rest[open...]))
            }
            let name = rest[rest.index(after: open)..<close]
            guard let placeholder = Placeholder(rawValue: String(name)) else {
                throw PlaceholderError(name: "{\(name)}")
            }
            parts.append(.placeholder(placeholder))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The text with every placeholder replaced by its value.
    public func render(_ values: [Placeholder: String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .placeholder(let placeholder): values[placeholder] ?? ""
            }
        }.joined()
    }

    /// A placeholder the template syntax does not know.
    public struct PlaceholderError: Error, Sendable {
        /// The name inside the braces, as written.
        public let name: String
        /// The error for the rule author, listing the known placeholders.
        public var message: String {
            "unknown placeholder \(name) (known: \(Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")))"
        }
    }

    /// The wording every reminder had before templates: kept exactly as the default.
    static let defaultTitle = try! NoticeTemplate(parsing: "{title}")
    static let defaultBefore = try! NoticeTemplate(
        parsing: "「{organization}」{period} 尚未完成：{title}。请于 {due} 前完成。依据：{source}")
    static let defaultEscalate = try! NoticeTemplate(
        parsing: "「{organization}」{period} 未完成：{title}（期限 {due} 已过）。依据：{source}")
}
