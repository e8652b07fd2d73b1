import Foundation
import Synchronization
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

@Suite struct SweepObserverTests {
    /// Counts what the engine shows an observer: the `dj` calls a rule makes and the planned calls.
    final class Counter: SweepObserver {
        let djCalls = Mutex<[String]>([])
        let planned = Mutex<[(String, String, Int)]>([])

        func globals(_ globals: [String: LuaGlobal]) -> [String: LuaGlobal] {
            globals.mapValues(wrap)
        }

        func wrap(_ global: LuaGlobal) -> LuaGlobal {
            switch global {
            case .value: return global
            case .library(let name, let members): return .library(name, members.mapValues(wrap))
            case .function(let name, let function):
                return .function(name) { [self] arguments in
                    djCalls.withLock { $0.append(name) }
                    return try function(arguments)
                }
            }
        }

        func planned(location: String, function: String, arguments: [[LuaValue]]) {
            planned.withLock { $0.append((location, function, arguments.count)) }
        }
    }

    @Test func anObserverSeesTheDjCallsAndThePlannedCallsThroughThePublicSeam() async throws {
        let tests = RuleEngineTests()
        let w = try await tests.world()
        // The monthly reminder, asking dj once per call: notices for June and the escalation for May.
        let source = RuleEngineTests.monthly.replacingOccurrences(
            of: #"done = function(org, period) return org.name == "一中第二支部" end"#,
            with: #"done = function(org, period) dj.date.is_working_day(period["end"]); return true end"#)
        #expect(source.contains("is_working_day"))
        let pack = try tests.pack(["committee.lua": source])
        let counter = Counter()
        let engine = try RuleEngine(
            host: w.t.host, rules: RuleSet(baseline: pack), limits: LuaLimits(), poolSize: 1, observer: counter)
        _ = try await engine.sweep(at: Day("2026-06-24")!, dryRun: true)
        let planned = counter.planned.withLock { $0 }
        #expect(planned.count == 1)
        // Lua shortens a long chunk name from the front, so the file is matched by its end.
        #expect(planned.first?.0.hasSuffix("/committee.lua:1") == true, "\(planned)")
        #expect(planned.first?.1 == "done" && planned.first?.2 == 4)
        #expect(counter.djCalls.withLock { $0 } == Array(repeating: "dj.date.is_working_day", count: 4))
        await w.t.close()
    }
}
