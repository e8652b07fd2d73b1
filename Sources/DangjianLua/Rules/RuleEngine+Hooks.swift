import Dangjian
import Foundation
import Logging

extension RuleEngine {
    /// Events no hook may take: a hook that notifies on `notification.created` would feed itself.
    static let unhookableEvents: Set<String> = [HostEvent.Name.notificationCreated]

    /// Runs the `on(name, fn)` hooks for a committed event. The baseline's hooks see every
    /// event; a district pack's hooks see the events of organisations in its subtree. Each hook
    /// returns intents, stored under keys made of the event, the intent's key and the recipient.
    @discardableResult
    public func handle(_ event: HostEvent) async throws -> SweepReport {
        var report = SweepReport()
        guard !Self.unhookableEvents.contains(event.name), let organizationID = event.organizationID else { return report }
        let hooks = hooks(for: event.name)
        guard !hooks.isEmpty else { return report }
        // The event's organisation and its ancestors: enough for parent.secretary and for the
        // bindings above it, without reading the district on the write path.
        guard let path = try? await host.organizations.get(organizationID, by: .system).path else { return report }
        let ancestry = path.split(separator: "/").compactMap { Int64($0) }
        let entries = try await host.organizations.sweepEntries(ids: ancestry)
        guard let entry = entries.first(where: { $0.organization.id == organizationID }) else { return report }
        var directory = try await SweepDirectory.load(host, entries: entries, organizationIDs: ancestry)
        // Fresh data for the event's organisation: the change that fired the event is in it.
        let snapshot = SweepSnapshot(members: try await host.members.sweepMembers(statuses: Self.pipeline, organizationID: organizationID),
                                     entries: entries)
        var payload = event.payload.mapValues { LuaValue.string($0) }
        payload["name"] = .string(event.name)
        if let id = event.entityID { payload["entity_id"] = .int(id) }
        payload["organization_id"] = .int(organizationID)
        let argument = LuaValue.table(LuaTable(fields: payload))
        let batches = BatchReads(database: host.database)
        var intents = RuleIntents()
        for (packIndex, declarationIndex) in hooks {
            let pack = rules.packs[packIndex]
            if let binding = rules.binding(ofPack: packIndex), !entry.organization.path.contains("/\(binding.organizationID)/") { continue }
            let declaration = pack.declarations[declarationIndex]
            let call = Call(organization: entry.organization, arguments: [argument], notices: [])
            let scope = scope(ofPack: packIndex, entries: entries)
            let outcome = try await run([call], function: "handler", directory: pack.directory, index: declarationIndex,
                                        snapshot: snapshot, batches: batches, scope: scope)[0]
            report.evaluated += 1
            switch outcome {
            case .failure(let error):
                report.failures.append(RuleFailure(rule: declaration.name, organizationID: organizationID, error: error))
                logger.error("event hook failed", metadata: ["event": "\(event.name)", "location": "\(error.location ?? declaration.location)",
                                                             "error": "\(error.message)"])
            case .success(let values):
                try await directory.addAccounts(namedIn: values.first ?? .nil, host)
                var found = try self.intents(declaration, of: pack, call: call, answer: values.first ?? .nil, day: Day(event.at),
                                             directory: directory, scope: scope, report: &report)
                // The event (name, entity, commit time) and the hook's own line tell two
                // events, and two packs' hooks on one event, apart.
                let prefix = "event:\(event.name):\(event.entityID ?? 0):\(Timestamp.format(event.at)):\(declaration.location):"
                for index in found.notices.indices { found.notices[index].idempotencyKey = prefix + found.notices[index].idempotencyKey }
                for index in found.tasks.indices { found.tasks[index].idempotencyKey = prefix + found.tasks[index].idempotencyKey }
                intents += found
            }
        }
        try await store(intents, into: &report)
        return report
    }

    /// (pack, declaration) of every hook on `name`, in pack order.
    func hooks(for name: String) -> [(Int, Int)] {
        rules.packs.enumerated().flatMap { packIndex, pack in
            pack.declarations.enumerated().compactMap { index, d in
                d.kind == .on && d.fields["event"]?.string == name ? (packIndex, index) : nil
            }
        }
    }
}
