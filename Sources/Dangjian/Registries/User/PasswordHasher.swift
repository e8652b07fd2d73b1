import Dispatch
import HummingbirdBcrypt

/// bcrypt, run off the cooperative thread pool: one hash takes tens to hundreds of
/// milliseconds by design, and must not stall other requests.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost, 4…31; each step doubles the work of a hash.
    public let cost: UInt8

    /// A hasher at bcrypt `cost`, clamped to 4…31 (`security.bcryptCost`).
    public init(cost: UInt8) {
        self.cost = min(max(cost, 4), 31)
    }

    /// The bcrypt hash of `password`, computed off the cooperative pool.
    public func hash(_ password: String) async -> String {
        await offload { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches the bcrypt `hash`, checked off the cooperative pool.
    public func verify(_ password: String, hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    /// At least 8 characters with a letter and a digit.
    public static func checkStrength(_ password: String?) throws -> String {
        guard let password, !password.isEmpty else { throw DangjianError.required("password") }
        guard password.count >= 8, password.count <= 72,
            password.contains(where: \.isLetter), password.contains(where: \.isNumber)
        else {
            throw DangjianError.invalid(
                KernelErrorCode.userWeakPassword, field: "password",
                zh: "密码须为 8 到 72 位，且同时包含字母和数字", en: "Password must be 8 to 72 characters with letters and digits")
        }
        return password
    }
}
