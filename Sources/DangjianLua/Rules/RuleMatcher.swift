import Dangjian

/// `applies_to` against an organisation, and the organisation as rule functions see it.
enum RuleMatcher {
    static func applies(_ appliesTo: LuaValue?, to entry: OrganizationRegistry.SweepEntry) -> Bool {
        guard let fields = appliesTo?.table?.fields else { return true }
        let organization = entry.organization
        func matches(_ value: LuaValue?, _ actual: String?) -> Bool {
            guard let value else { return true }
            let wanted = value.string.map { [$0] } ?? value.table?.array.compactMap(\.string) ?? []
            return actual.map(wanted.contains) ?? false
        }
        if let hasCommittee = fields["has_committee"]?.bool, hasCommittee != (entry.committeeSize > 0) { return false }
        return matches(fields["kind"], organization.kind.rawValue) && matches(fields["domain"], organization.domain?.rawValue)
    }

    static func lua(_ entry: OrganizationRegistry.SweepEntry) -> LuaValue {
        let o = entry.organization
        var fields: [String: LuaValue] = [
            "id": .int(o.id), "name": .string(o.name), "kind": .string(o.kind.rawValue), "path": .string(o.path),
            "depth": .int(Int64(o.depth)), "has_committee": .bool(entry.committeeSize > 0),
            "committee_size": .int(Int64(entry.committeeSize)),
        ]
        if let parent = o.parentID { fields["parent_id"] = .int(parent) }
        if let domain = o.domain { fields["domain"] = .string(domain.rawValue) }
        if let start = o.termStart { fields["term_start"] = .string(start.description) }
        if let end = o.termEnd { fields["term_end"] = .string(end.description) }
        if let secretary = o.secretaryMemberID { fields["secretary_member_id"] = .int(secretary) }
        return .table(LuaTable(fields: fields))
    }
}

/// Who a notice goes to, read once per sweep.
struct SweepDirectory: Sendable {
    let byID: [Int64: Organization]
    let secretaries: [Int64: [Int64]]
    let admins: [Int64: [Int64]]

    init(entries: [OrganizationRegistry.SweepEntry], secretaries: [Int64: [Int64]], admins: [Int64: [Int64]]) {
        byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.organization.id, $0.organization) })
        self.secretaries = secretaries
        self.admins = admins
    }

    /// "secretary": the organisation's secretaries. "parent.secretary": the nearest ancestor
    /// with a secretary account, or failing that with a district admin, so an escalation
    /// always reaches someone above when anyone is there.
    func recipients(_ recipient: String, of organization: Organization) -> [Int64] {
        switch recipient {
        case "secretary":
            return secretaries[organization.id] ?? []
        case "parent.secretary":
            var current = organization.parentID.flatMap { byID[$0] }
            while let ancestor = current {
                if let users = secretaries[ancestor.id] ?? admins[ancestor.id], !users.isEmpty { return users }
                current = ancestor.parentID.flatMap { byID[$0] }
            }
            return []
        default:
            return []
        }
    }
}

extension RuleEngine {
    /// Intents one call may produce; more are reported, not sent.
    static let maxIntents = 100

    /// Turns one answer into notifications. A reminder's answer is `done` (true: nothing to
    /// send); a rule's answer is a list of intents `{ notify = "secretary", title, body, key }`.
    func intents(_ d: Declaration, of pack: RulePack, call: Call, answer: LuaValue, day: Day, directory: SweepDirectory,
                 report: inout SweepReport) throws -> [NotificationDraft] {
        let id = d.name
        let organization = call.organization
        let ref = pack.reference(of: d)
        var wanted: [(recipient: String, key: String, title: String, body: String)] = []
        func refuse(_ message: String) {
            report.failures.append(RuleFailure(rule: id, organizationID: organization.id,
                                               error: LuaError(kind: .badValue, message: message, location: d.location)))
        }
        if d.kind == .reminder {
            guard let done = answer.bool else {
                refuse("done must return true or false, got \(answer)")
                return []
            }
            guard !done else { return [] }
            let title = d.fields["title"]?.string ?? id
            let source = d.fields["source"]?.string ?? ""
            for notice in call.notices {
                guard let period = notice.period else { continue }
                let body = notice.stage == "escalate"
                    ? "「\(organization.name)」\(period.key) 未完成：\(title)（期限 \(period.end) 已过）。依据：\(source)"
                    : "「\(organization.name)」\(period.key) 尚未完成：\(title)。请于 \(period.end) 前完成。依据：\(source)"
                wanted.append((notice.recipient, "\(period.key):\(notice.stage)", title, body))
            }
        } else {
            guard answer.isNil || (answer.table?.fields.isEmpty ?? false) else {
                refuse("must return a list of intents, e.g. { { notify = \"secretary\", title = …, key = … } }, got \(answer)")
                return []
            }
            let list = answer.table?.array ?? []
            if list.count > Self.maxIntents { refuse("returned \(list.count) intents; at most \(Self.maxIntents) per call are sent") }
            for intent in list.prefix(Self.maxIntents) {
                guard let title = intent["title"].string, let key = intent["key"].string, !key.isEmpty else {
                    refuse("an intent needs a title and a key: \(intent)")
                    continue
                }
                guard title.count <= 200, (intent["body"].string ?? "").count <= 5000, key.count <= 200 else {
                    refuse("an intent's title, key or body is too long (200, 200 and 5000 characters at most)")
                    continue
                }
                let recipient = intent["notify"].string ?? "secretary"
                guard RuleSchema.recipients.contains(recipient) else {
                    refuse("notify must be one of \(RuleSchema.recipients.sorted().joined(separator: ", ")), got \(recipient)")
                    continue
                }
                wanted.append((recipient, key, title, intent["body"].string ?? ""))
            }
        }
        var drafts: [NotificationDraft] = []
        for notice in wanted {
            let users = directory.recipients(notice.recipient, of: organization)
            if users.isEmpty { report.unaddressed.append("\(id): \(organization.name) has no \(notice.recipient)") }
            for user in users {
                drafts.append(NotificationDraft(
                    userID: user, kind: "reminder", title: notice.title, body: notice.body, organizationID: organization.id,
                    idempotencyKey: "rule:\(id):\(organization.id):\(notice.key):\(user)", ruleRef: ref))
            }
        }
        return drafts
    }
}
