import Foundation

/// The pid of a process that ran and ended: nothing runs under it now, as after a host killed
/// with kill -9. Lease tests name a dead owner with it.
public func deadProcessID() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.launchAlone()
    process.waitUntilExit()
    return process.processIdentifier
}
