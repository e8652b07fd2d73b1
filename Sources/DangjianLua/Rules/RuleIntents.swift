import Dangjian

/// What the answers of one evaluation ask the host to do. Scripts never write: the engine
/// stores these in one transaction, each under an idempotency key.
struct RuleIntents: Sendable {
    var notices: [NotificationDraft] = []
    var tasks: [TaskIntent] = []

    static func += (lhs: inout RuleIntents, rhs: RuleIntents) {
        lhs.notices += rhs.notices
        lhs.tasks += rhs.tasks
    }

    var isEmpty: Bool { notices.isEmpty && tasks.isEmpty }
}

/// A task or a case a rule opens. A task (`open = "task"`) is a rectification item for the
/// organisation, issued by its parent. A case (`open = "case"`) is a matter for a person to
/// decide, e.g. whether an admonition talk is due: it goes to the parent organisation, and
/// nothing happens to anyone until someone there decides.
struct TaskIntent: Sendable {
    let rule: String
    let organization: Organization
    let task: TaskRegistry.ValidTask
    var idempotencyKey: String
    let ruleRef: String
    let isCase: Bool
}

extension RuleEngine {
    /// Intents one call may produce; more are reported, not sent.
    static let maxIntents = 100

    /// How long a rule's task or case has when the rule gives no `due`.
    static let defaultTaskDays = 30

    /// Turns one answer into intents. A reminder's answer is `done` (true: nothing to send); a
    /// rule's or hook's answer is a list of intents:
    ///   `{ notify = "secretary", title, body, key }`
    ///   `{ notify = "member", member = <member id>, title, body, key }` (the person's own accounts)
    ///   `{ open = "task", title, body, due = "YYYY-MM-DD", criteria, key }`
    ///   `{ open = "case", title, body, key }`
    /// `scope` is the calling pack's subtree (nil for a baseline): a member outside it is refused.
    func intents(
        _ d: Declaration, of pack: RulePack, call: Call, answer: LuaValue, day: Day, directory: SweepDirectory,
        scope: String?, report: inout SweepReport
    ) throws -> RuleIntents {
        let id = d.name
        let organization = call.organization
        let ref = pack.reference(of: d)
        // `kind` is "escalation" for a reminder's escalate stage, which no one can mute, else "reminder".
        var wanted: [(recipient: Recipient, member: Int64?, key: String, title: String, body: String, kind: String)] =
            []
        var result = RuleIntents()
        func refuse(_ message: String) {
            report.failures.append(
                RuleFailure(
                    rule: id, organizationID: organization.id,
                    error: LuaError(kind: .badValue, message: message, location: d.location)))
        }
        if let reminder = d.reminder {
            guard let done = answer.bool else {
                refuse("done must return true or false, got \(answer)")
                return result
            }
            guard !done else { return result }
            for notice in call.notices {
                let period = notice.period
                let days = notice.stage == .escalate ? period.end.days(until: day) : day.days(until: period.end)
                let values: [NoticeTemplate.Placeholder: String] = [
                    .organization: organization.name, .period: period.key, .title: reminder.title,
                    .source: reminder.source,
                    .due: period.end.description, .days: String(days),
                ]
                wanted.append(
                    (
                        notice.notice.to, nil, "\(period.key):\(notice.stage)",
                        notice.notice.title.render(values), notice.notice.body.render(values),
                        notice.stage == .escalate ? "escalation" : "reminder"
                    ))
            }
        } else {
            guard answer.isNil || (answer.table?.fields.isEmpty ?? false) else {
                refuse(
                    "must return a list of intents, e.g. { { notify = \"secretary\", title = …, key = … } }, got \(answer)"
                )
                return result
            }
            let list = answer.table?.array ?? []
            if list.count > Self.maxIntents {
                refuse("returned \(list.count) intents; at most \(Self.maxIntents) per call are sent")
            }
            for intent in list.prefix(Self.maxIntents) {
                guard let title = intent["title"].string, let key = intent["key"].string, !key.isEmpty else {
                    refuse("an intent needs a title and a key: \(intent)")
                    continue
                }
                guard title.count <= 200, (intent["body"].string ?? "").count <= 5000, key.count <= 200 else {
                    refuse("an intent's title, key or body is too long (200, 200 and 5000 characters at most)")
                    continue
                }
                if let open = intent["open"].string {
                    do {
                        result.tasks.append(
                            try task(
                                open, intent, title: title, key: key, rule: id, ref: ref,
                                organization: organization, directory: directory, day: day))
                    } catch let error as DangjianError {
                        refuse("cannot open this \(open): \(error.en)\(error.field.map { " (\($0))" } ?? "")")
                    } catch let error as LuaError {
                        refuse(error.message)
                    }
                    continue
                }
                let named = intent["notify"].string ?? Recipient.secretary.rawValue
                guard let recipient = Recipient(rawValue: named) else {
                    refuse(
                        "notify must be one of \(RuleSchema.intentRecipients.sorted().joined(separator: ", ")), got \(named)"
                    )
                    continue
                }
                let member = intent["member"].int
                if recipient == .member {
                    guard let member else {
                        refuse("notify = \"member\" needs member = <member id>, got \(intent["member"])")
                        continue
                    }
                    // Known through the member's account; a member without one is not reached either way.
                    if let scope, let path = directory.accounts[member]?.path, !path.hasPrefix(scope) {
                        refuse("member \(member) is outside this pack's subtree")
                        continue
                    }
                }
                wanted.append(
                    (
                        recipient, recipient == .member ? member : nil, key, title, intent["body"].string ?? "",
                        "reminder"
                    ))
            }
        }
        for notice in wanted {
            let users = directory.recipients(notice.recipient, of: organization, member: notice.member)
            if users.isEmpty {
                let unaddressed = UnaddressedNotice(
                    rule: id, organizationID: organization.id, organization: organization.name,
                    recipient: notice.recipient.rawValue, memberID: notice.member, key: notice.key, title: notice.title)
                if report.unaddressedSeen.insert(unaddressed).inserted { report.withoutRecipient.append(unaddressed) }
            }
            for user in users {
                result.notices.append(
                    NotificationDraft(
                        userID: user, kind: notice.kind, title: notice.title, body: notice.body,
                        organizationID: organization.id,
                        idempotencyKey: "rule:\(id):\(organization.id):\(notice.key):\(user)", ruleRef: ref))
            }
        }
        return result
    }

    /// One `open = "task"` or `open = "case"` intent, checked like a task made over the API.
    func task(
        _ open: String, _ intent: LuaValue, title: String, key: String, rule: String, ref: String,
        organization: Organization, directory: SweepDirectory, day: Day
    ) throws -> TaskIntent {
        guard open == "task" || open == "case" else {
            throw LuaError(kind: .badValue, message: "open must be \"task\" or \"case\", got \(open)")
        }
        let parent = organization.parentID.flatMap { directory.byID[$0] }
        let due = intent["due"].string ?? day.adding(days: Self.defaultTaskDays).description
        if let dueDay = Day(due), dueDay < day {
            throw LuaError(kind: .badValue, message: "due \(due) is before today, \(day)")
        }
        let isCase = open == "case"
        let draft = TaskDraft(
            issuerOrganizationID: parent?.id ?? organization.id,
            responsibleOrganizationID: isCase ? (parent?.id ?? organization.id) : organization.id,
            kind: isCase ? "case" : "rectification", title: title,
            description: isCase ? "「\(organization.name)」：\(intent["body"].string ?? title)" : intent["body"].string,
            acceptanceCriteria: intent["criteria"].string, dueOn: due)
        return TaskIntent(
            rule: rule, organization: organization, task: try host.tasks.validate(draft),
            idempotencyKey: "rule:\(rule):\(organization.id):\(open):\(key)", ruleRef: ref, isCase: isCase)
    }
}
