import CLuaBridge
import Dangjian
import Foundation
import Synchronization

/// The data one sweep (or one event) reads up front, in one query per kind, for `dj`
/// functions to answer from memory: no Lua call ever waits on the database.
final class SweepSnapshot: Sendable {
    private let members: [Int64: [LuaValue]]
    private let paths: [Int64: String]

    init(members: [Int64: [MemberRegistry.SweepMember]], entries: [OrganizationRegistry.SweepEntry]) {
        // Converted once per sweep, not once per call.
        self.members = members.mapValues { $0.compactMap { try? LuaBridge.encode($0) } }
        paths = Dictionary(uniqueKeysWithValues: entries.map { ($0.organization.id, $0.organization.path) })
    }

    func path(of organization: Int64) -> String? { paths[organization] }

    /// Members of an organisation in a pipeline status. `scope` is the subtree of the pack
    /// asking: a district pack reads its own district only.
    func members(of organization: Int64, status: String, scope: String?) throws -> [LuaValue] {
        guard MemberStatus(rawValue: status) != nil, status != MemberStatus.full.rawValue else {
            throw LuaError(
                kind: .badValue,
                message: "dj.members: status must be applicant, activist, developmentCandidate or probationary")
        }
        if let scope, !(paths[organization]?.hasPrefix(scope) ?? false) {
            throw LuaError(
                kind: .badValue, message: "dj.members: organisation \(organization) is outside this pack's subtree")
        }
        return (members[organization] ?? []).filter { $0["status"].string == status }
    }
}

/// What the running call may read: set by the engine for each visit to a VM, and read only
/// on that VM's queue, which is why it can be `@unchecked Sendable`. Plugin functions
/// (`dj.<plugin>.…`) receive it to check the pack's subtree and to read in batches.
public final class CallContext: @unchecked Sendable {
    var snapshot: SweepSnapshot?
    var scope: String?
    var batches: BatchReads?
    /// The VM this context belongs to, whose deadline a batch read extends.
    var state: UnsafeMutablePointer<djl_vm>?

    /// Whether the calling pack may read rows of the organisation at `path`.
    public func mayRead(path: String) -> Bool { scope.map(path.hasPrefix) ?? true }

    /// Refuses an organisation the calling pack may not read. In an event hook, a district
    /// pack reads the event's organisation and its ancestors.
    public func requireReadable(_ organizationID: Int64, in function: String) throws {
        guard let scope else { return }
        guard let path = snapshot?.path(of: organizationID), path.hasPrefix(scope) else {
            throw LuaError(
                kind: .badValue, message: "\(function): organisation \(organizationID) is outside this pack's subtree")
        }
    }

    /// Seconds of database waiting the current call has been excused, reset for every call.
    var excused: Double = 0

    /// One read per key for a whole sweep (or event): the first call, on any VM, runs `load`
    /// once for every organisation; every later call answers from memory. This is how a rule
    /// that asks about 20,000 organisations costs one query, not 20,000. The time spent waiting
    /// (for the database, or for another VM loading the same key) is added to the call's
    /// deadline, up to `maxExcusedSeconds` a call: a script cannot buy unlimited database time
    /// by asking for ever new keys, and a sweep holds at most `BatchReads.maxKeys` of them.
    public func batch<T: Sendable>(_ key: String, _ load: (any SQLSession) throws -> T) throws -> T {
        guard let batches else { throw LuaError(kind: .runtime, message: "no data outside a sweep or event") }
        let started = ContinuousClock.now
        defer {
            let waited = ContinuousClock.now - started
            let seconds = min(
                Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18,
                max(0, Self.maxExcusedSeconds - excused))
            excused += seconds
            if let state, state.pointee.deadline > 0 { state.pointee.deadline += seconds }
        }
        return try batches.value(key) { try batches.database.readBlocking(load) }
    }

    static let maxExcusedSeconds = 30.0
}

/// The batched reads of one sweep or event, shared by all the VMs that serve it. Each key is
/// loaded once: a VM asking for a key another VM is loading waits for that load.
final class BatchReads: Sendable {
    let database: any DatabaseDriver
    private let slots = Mutex<[String: Slot]>([:])

    /// One key's value, guarded by its own lock so that loading one key never holds up another.
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var value: (any Sendable)?
    }

    init(database: any DatabaseDriver) { self.database = database }

    /// Distinct keys one sweep may load: the shipped rules use a few dozen.
    static let maxKeys = 512

    func value<T: Sendable>(_ key: String, _ load: () throws -> T) throws -> T {
        let slot = slots.withLock { slots -> Slot? in
            if let slot = slots[key] { return slot }
            guard slots.count < Self.maxKeys else { return nil }
            let slot = Slot()
            slots[key] = slot
            return slot
        }
        guard let slot else {
            throw LuaError(
                kind: .badValue,
                message: "more than \(Self.maxKeys) different batched reads in one sweep; ask for standard periods")
        }
        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let value = slot.value as? T { return value }
        let value = try load()
        slot.value = value
        return value
    }
}

extension CallContext {
    /// Argument 1 of a plugin function as an organisation id this pack may read.
    public func organization(_ args: [LuaValue], in function: String) throws -> Int64 {
        guard let id = args.first?.int else {
            throw LuaError(kind: .badValue, message: "\(function): argument 1 must be an organisation id")
        }
        try requireReadable(id, in: function)
        return id
    }
}
