import Foundation
import Synchronization

/// Where the host reads the time. Production uses the system clock; tests and dry runs set it.
public protocol HostClock: Sendable {
    /// The current instant; every write stamps this, and `today()` reads the China day from it.
    func now() -> Date
}

extension HostClock {
    /// Today in China Standard Time.
    public func today() -> Day { Day(now()) }
}

/// The wall clock, for `serve`.
public struct SystemClock: HostClock {
    /// The system clock.
    public init() {}
    /// The current instant of the wall clock.
    public func now() -> Date { Date() }
}

/// A clock that stands still until told to move.
public final class ManualClock: HostClock {
    private let current: Mutex<Date>
    /// A clock standing at `start`.
    public init(_ start: Date) { current = Mutex(start) }
    /// The instant the clock was last set to.
    public func now() -> Date { current.withLock { $0 } }
    /// Moves the test clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }
    /// Moves the test clock on.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// The system clock moved to start at a chosen instant, then running as time does: a demo or a
/// test that shows a README's fixed dates runs "as of" the day they were written
/// (`DANGJIAN_CLOCK_START`), so the same commands answer the same way next year.
public struct ShiftedClock: HostClock {
    /// The environment variable that sets the start: "DANGJIAN_CLOCK_START".
    public static let variable = "DANGJIAN_CLOCK_START"
    private let offset: TimeInterval

    /// A clock that starts at `start` and runs at the wall clock's pace.
    public init(startingAt start: Date) {
        offset = start.timeIntervalSinceNow
    }

    /// The wall clock's instant, shifted by the offset fixed at `init(startingAt:)`.
    public func now() -> Date { Date().addingTimeInterval(offset) }

    /// "2026-12-07" (09:00 China time that day) or an ISO 8601 instant with its offset; nil for
    /// anything else.
    public static func start(_ text: String) -> Date? {
        if let day = Day(text) { return day.start.addingTimeInterval(9 * 3600) }
        return ISO8601DateFormatter().date(from: text)
    }
}
