import Dangjian

/// Who a notice goes to: the organisation's secretaries, the nearest secretaries above it, or
/// (from a rule's or hook's intent only) one member's own accounts.
public enum Recipient: String, Sendable, CaseIterable {
    case secretary
    case parentSecretary = "parent.secretary"
    case member
}

/// Which of a reminder's notices: `days` before its period ends, or the escalation after.
public enum Stage: Sendable, Hashable, CustomStringConvertible {
    case before(days: Int)
    case escalate

    /// As in a notice's key, "PERIOD:STAGE": "before-7" or "escalate".
    public var description: String {
        switch self {
        case .before(let days): "before-\(days)"
        case .escalate: "escalate"
        }
    }
}

/// One `reminder {…}`, read once when its pack is checked: the planner, the notice's wording and
/// the dry run read these fields instead of the Lua table.
public struct Reminder: Sendable {
    /// `notify` (before the end) or `escalate` (after it).
    public struct Notice: Sendable {
        /// Days before the end, in increasing order; for `escalate`, the one number of days after it.
        public let days: [Int]
        /// Who receives the notice.
        public let to: Recipient
        /// The notice's title; the pack's own or the default Chinese wording.
        public let title: NoticeTemplate
        /// The notice's body; the pack's own or the default Chinese wording.
        public let body: NoticeTemplate
    }

    /// A period (`every = "quarter"`) or the year up to a fixed date (`date = "12-31"`).
    public enum When: Sendable {
        case every(Period.Length)
        case yearly(String)
    }

    /// The reminder's id, unique across the baselines; a district pack overrides by it.
    public let id: String
    /// The title as written; the id when the pack gave none.
    public let title: String
    /// The policy it enforces, e.g. "中国共产党章程"; "" when the pack gave none.
    public let source: String
    /// The file and line of the `reminder {` call.
    public let file: String
    /// The line of the `reminder {` call.
    public let line: Int
    /// The period it counts in.
    public let when: When
    /// The reminder before the period ends; nil when the pack gave none.
    public let notify: Notice?
    /// The escalation after the period ends; nil when the pack gave none.
    public let escalate: Notice?
    /// False when the pack writes `enabled = false`; true otherwise.
    public let enabled: Bool
    /// The `applies_to` filter as written; nil applies to every organisation.
    public let appliesTo: LuaValue?

    /// A reminder's own wording, parsed once per pack load: "notify.title" (and body, and the
    /// same for escalate) to its template or the placeholder that spoils it. The schema check
    /// reports the failures; the reminder keeps the templates.
    typealias Templates = [String: Result<NoticeTemplate, NoticeTemplate.PlaceholderError>]

    static func templates(_ d: Declaration) -> Templates {
        var templates: Templates = [:]
        for notice in ["notify", "escalate"] {
            for key in ["title", "body"] {
                guard let text = d.fields[notice]?[key].string, !text.isEmpty else { continue }
                templates["\(notice).\(key)"] = Result { () throws(NoticeTemplate.PlaceholderError) in
                    try NoticeTemplate(parsing: text)
                }
            }
        }
        return templates
    }

    /// The reminder of a declaration that passed `RuleSchema.check`; nil for any other.
    init?(_ d: Declaration, templates: Templates? = nil) {
        guard d.kind == .reminder, let id = d.id else { return nil }
        let when: When
        if let every = d.fields["every"]?.string.flatMap(Period.Length.init(rawValue:)) {
            when = .every(every)
        } else if let date = d.fields["date"]?.string {
            when = .yearly(date)
        } else {
            return nil
        }
        let (file, line) = Self.split(d.location)
        self.id = id
        title = d.fields["title"]?.string ?? id
        source = d.fields["source"]?.string ?? ""
        self.file = file
        self.line = line
        self.when = when
        let templates = templates ?? Self.templates(d)
        notify = Self.notice(
            d.fields["notify"], days: "before_end", to: .secretary, templates: templates, name: "notify",
            body: NoticeTemplate.defaultBefore)
        escalate = Self.notice(
            d.fields["escalate"], days: "after_end", to: .parentSecretary, templates: templates, name: "escalate",
            body: NoticeTemplate.defaultEscalate)
        enabled = d.fields["enabled"]?.bool != false
        appliesTo = d.fields["applies_to"]
    }

    static func notice(
        _ value: LuaValue?, days key: String, to recipient: Recipient, templates: Templates, name: String,
        body: NoticeTemplate
    ) -> Notice? {
        guard let value, value.table != nil else { return nil }
        let days = value[key].int.map { [$0] } ?? value[key].table?.array.compactMap(\.int) ?? []
        return Notice(
            days: days.map { Int($0) }.sorted(), to: value["to"].string.flatMap(Recipient.init(rawValue:)) ?? recipient,
            title: (try? templates["\(name).title"]?.get()) ?? NoticeTemplate.defaultTitle,
            body: (try? templates["\(name).body"]?.get()) ?? body)
    }

    /// "file:line" into its parts; a file name may itself hold colons.
    static func split(_ location: String) -> (String, Int) {
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1, let line = Int(parts.last!) else { return (location, 0) }
        return (parts.dropLast().joined(separator: ":"), line)
    }

    /// The period a day falls in, or for a yearly date the year up to its next occurrence.
    func current(on day: Day) -> Period? {
        switch when {
        case .every(let length): Period.containing(day, length)
        case .yearly(let date): Period.yearly(date, onOrAfter: day)
        }
    }

    var length: Period.Length? {
        if case .every(let length) = when { length } else { nil }
    }
}
