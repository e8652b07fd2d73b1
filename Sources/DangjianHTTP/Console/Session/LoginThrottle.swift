import Dangjian
import Foundation

/// Slows repeated failed logins of one username, for the API and the console alike. The first
/// three failures cost nothing; each one after that makes the next try wait twice as long
/// (2 s, 4 s, 8 s … at most 5 minutes), and a try inside the wait is refused with 429 without
/// checking the password. A success clears the count. The count is kept in memory per host:
/// a restart forgets it, which only gives an attacker the few free tries again.
actor LoginThrottle {
    private struct Failures {
        var count: Int
        var last: Date
    }
    private var failures: [String: Failures] = [:]
    private let clock: any HostClock
    /// Failures allowed before the waiting starts.
    static let freeFailures = 3
    /// The longest wait between tries.
    static let longestWait: TimeInterval = 300

    init(clock: any HostClock) { self.clock = clock }

    /// How long the username must still wait, or nil when it may try now.
    func wait(for username: String) -> TimeInterval? {
        guard let entry = failures[Self.key(username)], entry.count >= Self.freeFailures else { return nil }
        let wait = min(Self.longestWait, pow(2, Double(entry.count - Self.freeFailures + 1)))
        let left = wait - clock.now().timeIntervalSince(entry.last)
        return left > 0 ? left : nil
    }

    /// Records a failed try.
    func failed(_ username: String) {
        let key = Self.key(username)
        let now = clock.now()
        var entry = failures[key] ?? Failures(count: 0, last: now)
        // A quiet hour forgives old failures.
        if now.timeIntervalSince(entry.last) > 3600 { entry.count = 0 }
        entry.count += 1
        entry.last = now
        failures[key] = entry
        if failures.count > 100_000 { failures = failures.filter { now.timeIntervalSince($0.value.last) < 3600 } }
    }

    /// Clears the username's failures after a successful login.
    func succeeded(_ username: String) { failures[Self.key(username)] = nil }

    private static func key(_ username: String) -> String { username.lowercased() }

    /// Logs in through the kernel, refusing a try inside the wait (429 `auth.tooManyAttempts`).
    func login(_ credentials: Credentials, users: UserRegistry) async throws -> IssuedToken {
        let username = credentials.username ?? ""
        if let left = wait(for: username) {
            throw DangjianError(
                .tooManyRequests, code: HTTPErrorCode.authTooManyAttempts,
                zh: "登录失败次数过多，请 \(Int(left.rounded(.up))) 秒后再试",
                en: "Too many failed logins; try again in \(Int(left.rounded(.up))) s")
        }
        do {
            let issued = try await users.login(credentials)
            succeeded(username)
            return issued
        } catch let error as DangjianError where error.kind == .unauthorized {
            failed(username)
            throw error
        }
    }
}
