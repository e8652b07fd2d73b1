import Foundation

/// Who holds a lease, as "machine:pid:nonce": the scheduler's job leases and the outbox's row
/// leases. The machine and pid parts let a restarted host tell that the process holding a
/// lease on this machine has died (kill -9), and take it back at once instead of waiting it out.
public enum LeaseOwner {
    /// This machine's name as it stands in lease owners, with the process-id namespace: two
    /// containers may share a host name, and a pid means something only in its own namespace.
    public static let machine: String = {
        let name = ProcessInfo.processInfo.hostName.replacingOccurrences(of: ":", with: "_")
        let namespace = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")) ?? ""
        let digits = namespace.filter(\.isNumber)
        return digits.isEmpty ? name : "\(name)~\(digits)"
    }()

    /// A new owner name for this process.
    public static func make() -> String {
        "\(machine):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    /// Whether `owner` is a process of this machine that no longer runs. Another machine's
    /// owner, or a live process's, is never dead from here.
    public static func isDeadProcess(_ owner: String) -> Bool {
        let prefix = machine + ":"
        guard owner.hasPrefix(prefix) else { return false }
        let parts = owner.dropFirst(prefix.count).split(separator: ":")
        guard let pid = parts.first.flatMap({ pid_t($0) }), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
