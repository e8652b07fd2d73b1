import Dangjian
import Foundation

/// A problem a rule author must fix, at the line that causes it.
public struct PackProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// "file:line" of the declaration at fault.
    public let location: String
    /// What is wrong and how to fix it, in English.
    public let message: String

    /// A problem at `location` ("file:line") described by `message`.
    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    /// "file:line: message", one problem per line.
    public var description: String { "\(location): \(message)" }
}

/// What each declaration may and must contain. Checked before a pack is ever used, so a typo
/// such as `notfy = …` is reported, not silently ignored.
enum RuleSchema {
    static let periods: Set<String> = ["month", "quarter", "halfYear", "year"]
    /// The recipients the engine resolves today; others would send to nobody, so they are refused.
    static let recipients: Set<String> = [Recipient.secretary.rawValue, Recipient.parentSecretary.rawValue]
    /// A rule's or hook's intent may also go to one person: `notify = "member", member = <id>`.
    /// A reminder may not, since it has no person to name.
    static let intentRecipients: Set<String> = Set(Recipient.allCases.map(\.rawValue))

    struct Shape {
        let required: Set<String>
        let optional: Set<String>
        let functions: Set<String>
    }

    static let shapes: [Declaration.Kind: Shape] = [
        .reminder: Shape(
            required: ["id", "title", "source", "applies_to"],
            optional: ["every", "date", "notify", "escalate", "description", "enabled"], functions: ["done"]),
        .rule: Shape(
            required: ["id", "title", "source"],
            optional: ["applies_to", "description", "enabled"], functions: ["check"]),
        .on: Shape(required: ["event"], optional: [], functions: ["handler"]),
        .score: Shape(required: ["name"], optional: [], functions: ["score"]),
        .disable: Shape(required: ["id"], optional: [], functions: []),
    ]

    /// - Parameter fields: where each field is written, so a problem with one field is reported
    ///   at its own line; a problem with the whole declaration is reported at the declaring call.
    ///   `templates`: the reminder's wording as `Reminder.templates` parsed it, so it is parsed once.
    static func check(
        _ d: Declaration, fields: FieldLines = FieldLines(lines: [:]), templates: Reminder.Templates? = nil
    ) -> [PackProblem] {
        let templates = templates ?? Reminder.templates(d)
        let whole = d.location
        let at = { (path: String) in fields.location(of: path, in: whole) }
        var problems: [PackProblem] = d.unreadable.sorted { $0.key < $1.key }.map {
            PackProblem(at($0.key), "field \($0.key): \($0.value)")
        }
        guard let shape = shapes[d.kind] else { return problems }
        let allowed = shape.required.union(shape.optional).union(shape.functions)
        for key in Set(d.fields.keys).union(d.functions.keys).sorted() where !allowed.contains(key) {
            problems.append(
                PackProblem(
                    at(key),
                    "\(d.kind.rawValue): unknown field \(key) (allowed: \(allowed.sorted().joined(separator: ", ")))"))
        }
        for key in shape.required.sorted() where d.fields[key] == nil {
            problems.append(PackProblem(whole, "\(d.kind.rawValue): missing field \(key)"))
        }
        for key in shape.functions.sorted() where d.functions[key] == nil {
            problems.append(PackProblem(at(key), "\(d.kind.rawValue): \(key) must be a function"))
        }
        for key in ["id", "title", "source", "event", "name", "description"] {
            if let value = d.fields[key], value.string?.isEmpty != false {
                problems.append(PackProblem(at(key), "\(d.kind.rawValue): \(key) must be a non-empty string"))
            }
        }
        if let id = d.id, !isValidID(id) {
            problems.append(PackProblem(at("id"), "id \(id): use 3 to 80 lowercase letters, digits, '-' and '.'"))
        }
        if let event = d.fields["event"]?.string, !event.contains(".") {
            problems.append(PackProblem(whole, "on: event \(event) should look like member.statusChanged"))
        }
        if let event = d.fields["event"]?.string, RuleEngine.unhookableEvents.contains(event) {
            problems.append(
                PackProblem(whole, "on: \(event) cannot have a hook (a hook that notifies would trigger itself)"))
        }
        if let enabled = d.fields["enabled"], enabled.bool == nil {
            problems.append(PackProblem(at("enabled"), "enabled must be true or false"))
        }
        problems += checkWhen(d, at: at)
        if let applies = d.fields["applies_to"] { problems += checkAppliesTo(applies, at: at) }
        if let notify = d.fields["notify"] {
            problems += checkNotice(notify, offsets: "before_end", at: at, name: "notify", templates: templates)
        }
        if let escalate = d.fields["escalate"] {
            problems += checkNotice(escalate, offsets: "after_end", at: at, name: "escalate", templates: templates)
            // Escalation looks at the period just ended, so it must come before the next one ends.
            if let days = escalate["after_end"].int, days > 28 {
                problems.append(
                    PackProblem(
                        at("escalate.after_end"),
                        "escalate.after_end must be at most 28 days (the period just ended is checked)"))
            } else if escalate["after_end"].int == nil {
                problems.append(PackProblem(at("escalate.after_end"), "escalate.after_end must be one number of days"))
            }
        }
        if d.kind == .reminder, d.fields["notify"] == nil, d.fields["escalate"] == nil {
            problems.append(PackProblem(whole, "reminder: give notify, escalate or both, or it never sends anything"))
        }
        return problems
    }

    static func isValidID(_ id: String) -> Bool {
        (3...80).contains(id.count)
            && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }

    /// A reminder has exactly one of `every` (a period) and `date` (a yearly "MM-DD").
    static func checkWhen(_ d: Declaration, at: (String) -> String) -> [PackProblem] {
        let every = d.fields["every"]
        let date = d.fields["date"]
        var problems: [PackProblem] = []
        if d.kind == .reminder, (every == nil) == (date == nil) {
            problems.append(
                PackProblem(d.location, "reminder: give exactly one of every (a period) or date (\"MM-DD\")"))
        }
        if let every, !periods.contains(every.string ?? "") {
            problems.append(
                PackProblem(
                    at("every"), "every must be one of \(periods.sorted().joined(separator: ", ")), got \(every)"))
        }
        if let date {
            let parts = (date.string ?? "").split(separator: "-")
            let valid = parts.count == 2 && Day(year: 2024, month: Int(parts[0]) ?? 0, day: Int(parts[1]) ?? 0) != nil
            if !valid { problems.append(PackProblem(at("date"), "date must be \"MM-DD\", got \(date)")) }
        }
        return problems
    }

    static func checkAppliesTo(_ value: LuaValue, at: (String) -> String) -> [PackProblem] {
        guard let table = value.table, table.array.isEmpty else {
            return [PackProblem(at("applies_to"), "applies_to must be a table such as { kind = \"branch\" }")]
        }
        var problems: [PackProblem] = []
        let kinds = Set(Organization.Kind.allCases.map(\.rawValue))
        let domains = Set(Organization.Domain.allCases.map(\.rawValue))
        for (key, entry) in table.fields.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "kind", "domain":
                let allowed = key == "kind" ? kinds : domains
                let values = entry.string.map { [$0] } ?? entry.table?.array.compactMap(\.string) ?? []
                if values.isEmpty || values.contains(where: { !allowed.contains($0) }) {
                    problems.append(
                        PackProblem(
                            at("applies_to.\(key)"),
                            "applies_to.\(key) must be one of \(allowed.sorted().joined(separator: ", ")), got \(entry)"
                        ))
                }
            case "has_committee":
                if entry.bool == nil {
                    problems.append(
                        PackProblem(at("applies_to.has_committee"), "applies_to.has_committee must be true or false"))
                }
            default:
                problems.append(
                    PackProblem(
                        at("applies_to.\(key)"), "applies_to: unknown key \(key) (allowed: domain, has_committee, kind)"
                    ))
            }
        }
        return problems
    }

    static func checkNotice(
        _ value: LuaValue, offsets: String, at: (String) -> String, name: String,
        templates: Reminder.Templates
    ) -> [PackProblem] {
        guard let table = value.table else { return [PackProblem(at(name), "\(name) must be a table")] }
        var problems: [PackProblem] = []
        for key in table.fields.keys.sorted() where ![offsets, "to", "title", "body"].contains(key) {
            problems.append(
                PackProblem(at("\(name).\(key)"), "\(name): unknown key \(key) (allowed: \(offsets), body, title, to)"))
        }
        // The notice's own wording: a template whose placeholders must all be known.
        for key in ["title", "body"] {
            guard let template = table.fields[key] else { continue }
            guard let text = template.string, !text.isEmpty else {
                problems.append(PackProblem(at("\(name).\(key)"), "\(name).\(key) must be a non-empty string"))
                continue
            }
            if case .failure(let error)? = templates["\(name).\(key)"] {
                problems.append(PackProblem(at("\(name).\(key)"), "\(name).\(key): \(error.message)"))
            }
        }
        let days = table.fields[offsets].map { $0.int.map { [$0] } ?? $0.table?.array.compactMap(\.int) ?? [] } ?? []
        if days.isEmpty || days.contains(where: { $0 < 0 || $0 > 366 }) {
            problems.append(
                PackProblem(
                    at("\(name).\(offsets)"), "\(name).\(offsets) must be a number of days or a list of them (0 to 366)"
                ))
        }
        if !recipients.contains(table.fields["to"]?.string ?? "") {
            problems.append(
                PackProblem(
                    at("\(name).to"), "\(name).to must be one of \(recipients.sorted().joined(separator: ", "))"))
        }
        return problems
    }
}
