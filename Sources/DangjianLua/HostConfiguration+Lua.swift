import Dangjian

extension HostConfiguration {
    /// The configured limits for every call into a Lua rule.
    public var luaLimits: LuaLimits {
        LuaLimits(instructions: Int64(luaInstructionBudget), memoryBytes: luaMemoryBytes,
                  seconds: Double(luaTimeoutMilliseconds) / 1000)
    }

    /// The configured holiday calendar; Monday to Friday when none is configured.
    public func workCalendar() throws -> WorkCalendar {
        rulesCalendar.isEmpty ? .weekendsOnly : try WorkCalendar.load(path: rulesCalendar)
    }
}
