import Dangjian
import Foundation
import Logging

/// What one hook did with one event, so the runtime can switch off a hook that keeps failing.
public struct HookOutcome: Sendable, Equatable {
    /// The hook's identity: its reference (event, file hash) and its file and line.
    public let hook: String
    /// Whether the hook threw or hit a limit on this event.
    public let failed: Bool
}

extension RuleEngine {
    /// Events no hook may take: a hook that notifies on `notification.created` would feed itself.
    static let unhookableEvents: Set<String> = [HostEvent.Name.notificationCreated]

    /// The identity of a hook: stable while its file is unchanged, new once it is edited.
    static func hookID(_ declaration: Declaration, of pack: RulePack) -> String {
        "\(pack.reference(of: declaration)) (\(declaration.location))"
    }

    /// Runs the `on(name, fn)` hooks for a committed event. The baseline's hooks see every
    /// event; a district pack's hooks see the events of organisations in its subtree. Each hook
    /// returns intents, stored under keys made of the event, the intent's key and the recipient.
    @discardableResult
    public func handle(_ event: HostEvent) async throws -> SweepReport {
        try await handle(event, skipping: []).report
    }

    /// The same, leaving out the hooks in `skipping` (switched off), and telling what each hook
    /// that ran did. Each hook's intents are stored in a transaction of their own, under the
    /// event's depth + 1 and the hook's name, so that what they cause is traced back to the hook.
    public func handle(_ event: HostEvent, skipping: Set<String>) async throws -> (
        report: SweepReport, outcomes: [HookOutcome]
    ) {
        var report = SweepReport()
        var outcomes: [HookOutcome] = []
        guard !Self.unhookableEvents.contains(event.name), let organizationID = event.organizationID else {
            return (report, outcomes)
        }
        let hooks = hooks(for: event.name).filter {
            !skipping.contains(Self.hookID(rules.packs[$0.0].declarations[$0.1], of: rules.packs[$0.0]))
        }
        guard !hooks.isEmpty else { return (report, outcomes) }
        // The event's organisation and its ancestors: enough for parent.secretary and for the
        // bindings above it, without reading the district on the write path.
        guard let path = try? await host.organizations.get(organizationID, by: .system).path else {
            return (report, outcomes)
        }
        let ancestry = path.split(separator: "/").compactMap { Int64($0) }
        let entries = try await host.organizations.sweepEntries(ids: ancestry)
        guard let entry = entries.first(where: { $0.organization.id == organizationID }) else {
            return (report, outcomes)
        }
        var directory = try await SweepDirectory.load(host, entries: entries, organizationIDs: ancestry)
        // Fresh data for the event's organisation: the change that fired the event is in it.
        let snapshot = SweepSnapshot(
            members: try await host.members.sweepMembers(statuses: Self.pipeline, organizationID: organizationID),
            entries: entries)
        var payload = event.fields.mapValues(LuaValue.init(_:))
        payload["name"] = .string(event.name)
        if let id = event.entityID { payload["entity_id"] = .int(id) }
        payload["organization_id"] = .int(organizationID)
        payload["depth"] = .int(Int64(event.depth))
        let argument = LuaValue.table(LuaTable(fields: payload))
        let batches = BatchReads(database: host.database)
        for (packIndex, declarationIndex) in hooks {
            let pack = rules.packs[packIndex]
            if let binding = rules.binding(ofPack: packIndex),
                !entry.organization.path.contains("/\(binding.organizationID)/")
            {
                continue
            }
            let declaration = pack.declarations[declarationIndex]
            let hook = Self.hookID(declaration, of: pack)
            let call = Call(organization: entry.organization, arguments: [argument], notices: [])
            let scope = scope(ofPack: packIndex, entries: entries)
            let outcome = try await run(
                [call], function: "handler", directory: pack.directory, key: declaration.key,
                snapshot: snapshot, batches: batches, scope: scope)[0]
            report.evaluated += 1
            switch outcome {
            case .failure(let error):
                report.failures.append(
                    RuleFailure(rule: declaration.name, organizationID: organizationID, error: error))
                logger.error(
                    "event hook failed",
                    metadata: [
                        "event": "\(event.name)", "location": "\(error.location ?? declaration.location)",
                        "error": "\(error.message)",
                    ])
                outcomes.append(HookOutcome(hook: hook, failed: true))
            case .success(let values):
                // A failure to store one hook's intents (a database error) is that hook's
                // failure: the hooks after it still run, and it counts toward switching it off.
                do {
                    try await directory.addAccounts(namedIn: values.first ?? .nil, host)
                    let failuresBefore = report.failures.count
                    var found = try self.intents(
                        declaration, of: pack, call: call, answer: values.first ?? .nil, day: Day(event.at),
                        directory: directory, scope: scope, report: &report)
                    // The event (name, entity, commit time) and the hook's own line tell two
                    // events, and two packs' hooks on one event, apart.
                    let prefix =
                        "event:\(event.name):\(event.entityID ?? 0):\(Timestamp.format(event.at)):\(declaration.location):"
                    for index in found.notices.indices {
                        found.notices[index].idempotencyKey = prefix + found.notices[index].idempotencyKey
                    }
                    for index in found.tasks.indices {
                        found.tasks[index].idempotencyKey = prefix + found.tasks[index].idempotencyKey
                    }
                    var stored = SweepReport()
                    try await EventBus.$cause.withValue(EventCause(depth: event.depth + 1, hook: hook)) {
                        try await store(found, into: &stored)
                    }
                    report.sent += stored.sent
                    report.opened += stored.opened
                    report.alreadySent += stored.alreadySent
                    outcomes.append(HookOutcome(hook: hook, failed: report.failures.count > failuresBefore))
                } catch {
                    let failure = LuaError(
                        kind: .runtime, message: "its intents could not be stored: \(error)",
                        location: declaration.location)
                    report.failures.append(
                        RuleFailure(rule: declaration.name, organizationID: organizationID, error: failure))
                    logger.error(
                        "event hook's intents not stored",
                        metadata: [
                            "event": "\(event.name)", "location": "\(declaration.location)",
                            "error": "\(error)",
                        ])
                    outcomes.append(HookOutcome(hook: hook, failed: true))
                }
            }
        }
        return (report, outcomes)
    }

    /// (pack, declaration) of every hook on `name`, in pack order.
    func hooks(for name: String) -> [(Int, Int)] {
        rules.packs.enumerated().flatMap { packIndex, pack in
            pack.declarations.enumerated().compactMap { index, d in
                d.hook?.event == name ? (packIndex, index) : nil
            }
        }
    }
}

extension LuaValue {
    /// An event's value as a hook reads it: ids as integers, days as "YYYY-MM-DD".
    public init(_ field: EventField) {
        switch field {
        case .text(let text): self = .string(text)
        case .integer(let value): self = .int(value)
        case .day(let day): self = .string(day.description)
        }
    }
}
