/// One `rule {…}`, read once when its pack is checked: the engine and `rules explain` read
/// these fields instead of the Lua table.
public struct CheckRule: Sendable {
    public let id: String
    public let title: String
    public let source: String
    /// The file and line of the `rule {` call.
    public let file: String
    public let line: Int
    /// The `applies_to` filter as written; nil applies to every organisation.
    public let appliesTo: LuaValue?
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
    public let event: String
    public let file: String
    public let line: Int

    init?(_ d: Declaration) {
        guard d.kind == .on, let event = d.fields["event"]?.string else { return nil }
        self.event = event
        (file, line) = Reminder.split(d.location)
    }
}

/// One `score(name, fn)`: the rubric it scores, and where.
public struct Score: Sendable {
    public let name: String
    public let file: String
    public let line: Int

    init?(_ d: Declaration) {
        guard d.kind == .score, let name = d.fields["name"]?.string else { return nil }
        self.name = name
        (file, line) = Reminder.split(d.location)
    }
}
