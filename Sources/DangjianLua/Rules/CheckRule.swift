/// One `rule {…}`, read once when its pack is checked: the engine and `rules explain` read
/// these fields instead of the Lua table.
public struct CheckRule: Sendable {
    /// The rule's id, unique across the baselines; a district pack overrides by it.
    public let id: String
    /// The title as written; the id when the pack gave none.
    public let title: String
    /// The policy it enforces, e.g. "中国共产党章程"; "" when the pack gave none.
    public let source: String
    /// The file and line of the `rule {` call.
    public let file: String
    /// The line of the `rule {` call.
    public let line: Int
    /// The `applies_to` filter as written; nil applies to every organisation.
    public let appliesTo: LuaValue?
    /// False when the pack writes `enabled = false`; true otherwise.
    public let enabled: Bool

    /// The rule of a declaration that passed `RuleSchema.check`; nil for any other.
    init?(_ d: Declaration) {
        guard d.kind == .rule, let id = d.id else { return nil }
        (file, line) = Reminder.split(d.location)
        self.id = id
        title = d.fields["title"]?.string ?? id
        source = d.fields["source"]?.string ?? ""
        appliesTo = d.fields["applies_to"]
        enabled = d.fields["enabled"]?.bool != false
    }
}

/// One `on(event, fn)`: the event it hooks, and where.
public struct Hook: Sendable {
    /// The event name it hooks, e.g. "task.created".
    public let event: String
    /// The file of the `on(` call.
    public let file: String
    /// The line of the `on(` call.
    public let line: Int

    init?(_ d: Declaration) {
        guard d.kind == .on, let event = d.fields["event"]?.string else { return nil }
        self.event = event
        (file, line) = Reminder.split(d.location)
    }
}

/// One `score(name, fn)`: the rubric it scores, and where.
public struct Score: Sendable {
    /// The rubric's name, as `scores(name, …)` asks for it.
    public let name: String
    /// The file of the `score(` call.
    public let file: String
    /// The line of the `score(` call.
    public let line: Int

    init?(_ d: Declaration) {
        guard d.kind == .score, let name = d.fields["name"]?.string else { return nil }
        self.name = name
        (file, line) = Reminder.split(d.location)
    }
}
