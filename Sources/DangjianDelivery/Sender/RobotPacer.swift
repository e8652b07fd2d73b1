import Foundation
import Synchronization

/// Paces each robot to its channel's documented rate limits (`ChannelKind.rateLimits`): a
/// burst of reminders waits its turn instead of being refused by the channel. It keeps each
/// endpoint's recent sends in memory, so it paces one sender; two hosts sending to one robot
/// each keep the limit on their own.
extension Duration {
    /// The duration in seconds, fractions kept, for `Date` arithmetic.
    var timeInterval: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}

final class RobotPacer: Sendable {
    private struct Window {
        var sent: [Date] = []
        /// A rate-limit answer from the channel holds the robot until then.
        var heldUntil: Date = .distantPast
    }

    private let windows = Mutex<[Int64: Window]>([:])

    /// The first moment `endpoint` of `kind` may send again.
    func nextSlot(_ endpoint: Int64, kind: ChannelKind, now: Date) -> Date {
        windows.withLock { windows in
            let window = windows[endpoint] ?? Window()
            var slot = max(now, window.heldUntil)
            for limit in kind.rateLimits {
                let period = limit.period.timeInterval
                let recent = window.sent.filter { $0 > now.addingTimeInterval(-period) }
                if recent.count >= limit.count {
                    slot = max(slot, recent[recent.count - limit.count].addingTimeInterval(period))
                }
            }
            return slot
        }
    }

    /// Counts a send at `now`, keeping only what the longest window still needs.
    func sent(_ endpoint: Int64, kind: ChannelKind, at now: Date) {
        let longest = kind.rateLimits.map(\.period.timeInterval).max() ?? 0
        windows.withLock { windows in
            var window = windows[endpoint] ?? Window()
            window.sent = window.sent.filter { $0 > now.addingTimeInterval(-longest) } + [now]
            windows[endpoint] = window
        }
    }

    /// The channel said "too fast": hold the robot for its hint, or a minute.
    func hold(_ endpoint: Int64, until: Date) {
        windows.withLock { $0[endpoint, default: Window()].heldUntil = until }
    }
}
