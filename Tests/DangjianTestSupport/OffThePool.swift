import Foundation

/// Runs blocking work (a child process's pipe, its exit, a bash script) on a thread of its own.
/// Swift's cooperative pool has one thread per core, two here: two tests blocked in
/// `waitUntilExit()` would stall every other test's async work, and their timeouts would fire.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
