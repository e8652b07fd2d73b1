import Dangjian

extension HostConfiguration {
    /// The configured limits for every call into a Lua rule.
    public var luaLimits: LuaLimits {
        LuaLimits(
            instructions: Int64(luaInstructionBudget), memoryBytes: luaMemoryBytes,
            seconds: Double(luaTimeoutMilliseconds) / 1000)
    }

    /// The configured holiday calendar; Monday to Friday when none is configured. A calendar
    /// that is not there is an error naming every place it was looked for.
    public func workCalendar() throws -> WorkCalendar {
        guard !rulesCalendar.isEmpty else { return .weekendsOnly }
        if let missing = missingPack(rulesCalendar) { throw PackProblem(rulesCalendar, missing) }
        return try WorkCalendar.load(path: rulesCalendar)
    }
}
