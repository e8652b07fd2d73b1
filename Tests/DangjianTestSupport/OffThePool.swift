import Foundation

/// Runs blocking work (a child process's pipe, its exit, a bash script) on a thread of its own.
/// Swift's cooperative pool has one thread per core, two here: two tests blocked in
/// `waitUntilExit()` would stall every other test's async work, and their timeouts would fire.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

private let launching = NSLock()

extension Process {
    /// `run()`, one launch at a time across the test process. Foundation's `Process.run()`
    /// crashed once inside a full run (a bad pointer in its memmove, while other tests launched
    /// peers and servers at the same moment); the cause is not proven, and a launch takes
    /// milliseconds, so launches do not overlap.
    public func launchAlone() throws {
        launching.lock()
        defer { launching.unlock() }
        try run()
    }
}
