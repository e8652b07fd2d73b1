import Foundation
import Testing
@testable import Dangjian

/// `DANGJIAN_CLOCK_START` runs a host as of another day, and the clock still moves.
@Suite struct ShiftedClockTests {
    @Test func aDayStartsAtNineChinaTimeAndAnInstantKeepsItsOffset() {
        #expect(ShiftedClock.start("2026-12-07").map(Timestamp.format) == "2026-12-07T01:00:00.000Z")
        #expect(ShiftedClock.start("2026-12-07T09:30:00+08:00").map(Timestamp.format) == "2026-12-07T01:30:00.000Z")
        #expect(ShiftedClock.start("2026-13-01") == nil)
        #expect(ShiftedClock.start("yesterday") == nil)
    }

    @Test func theClockStartsWhereItIsToldAndRuns() async throws {
        let start = try #require(ShiftedClock.start("2026-12-07"))
        let clock = ShiftedClock(startingAt: start)
        #expect(abs(clock.now().timeIntervalSince(start)) < 1)
        #expect(clock.today() == Day("2026-12-07"))
        let before = clock.now()
        try await Task.sleep(for: .milliseconds(20))
        #expect(clock.now() > before)
    }
}
