import Foundation
import Synchronization

/// Where the host reads the time. Production uses the system clock; tests and dry runs set it.
public protocol HostClock: Sendable {
    func now() -> Date
}

extension HostClock {
    public func today() -> Day { Day(now()) }
}

public struct SystemClock: HostClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until told to move.
public final class ManualClock: HostClock {
    private let current: Mutex<Date>
    public init(_ start: Date) { current = Mutex(start) }
    public func now() -> Date { current.withLock { $0 } }
    public func set(_ date: Date) { current.withLock { $0 = date } }
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
