import ArgumentParser
import DangjianBench
import DangjianLua

/// `dangjian bench hook`: calls a Lua event hook from Swift with a member-sized record
/// (`HookBench`); the harness compares it with the peers in bench/peers.
struct BenchHook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Call a Lua event hook from Swift N times with a member-sized record.")

    @OptionGroup var options: HostOptions

    @Option(help: "How many calls.")
    var calls = 1_000_000

    @Option(help: "The rules file that declares the hook (run from the repository root).")
    var script = "bench/lua/hook.lua"

    @Flag(
        help: """
            Borrow the VM from the pool for every call, as `RuleEngine.handle` does for each event, \
            instead of once for all calls as `RuleEngine.run` does for a batch (reported as hook-visit).
            """)
    var visitPerCall = false

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        try await HookBench.run(
            script: script, limits: configuration.luaLimits, calls: calls, visitPerCall: visitPerCall
        ).print()
    }
}
