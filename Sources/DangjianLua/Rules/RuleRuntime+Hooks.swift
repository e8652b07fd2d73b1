import Dangjian
import Foundation
import Logging
import Metrics
import Synchronization

/// One rule author's mistake must not stop a district's host: a hook that keeps failing, or
/// whose writes keep causing events past the bus's depth bound, is switched off until the
/// next reload, and the district admins above the organisation are told.
extension RuleRuntime {
    static let alertKind = "ruleAlert"

    /// Runs the hooks on one committed event, leaving out those switched off.
    func handle(_ event: HostEvent) async throws {
        let (engine, disabled) = state.withLock { ($0.engine, Set($0.disabled.keys)) }
        let (report, outcomes) = try await engine.handle(event, skipping: disabled)
        Self.count(report.failures)
        for outcome in outcomes {
            let reason = state.withLock { s -> String? in
                var health = s.hooks[outcome.hook] ?? HookHealth()
                health.failuresInARow = outcome.failed ? health.failuresInARow + 1 : 0
                s.hooks[outcome.hook] = health
                guard health.failuresInARow >= Self.hookFailureLimit else { return nil }
                return "连续失败 \(health.failuresInARow) 次 / failed \(health.failuresInARow) times in a row"
            }
            if let reason { await switchOff(outcome.hook, reason: reason, event: event) }
        }
    }

    /// An event the bus refused for its depth counts against the hook whose write caused it.
    func refused(_ event: HostEvent) async {
        // Only an event some hook would have taken feeds a loop: a notice's notification.created
        // at the bound stops nothing and counts against no one.
        guard let hook = event.causedBy, !engine.hooks(for: event.name).isEmpty,
            !RuleEngine.unhookableEvents.contains(event.name)
        else { return }
        let reason = state.withLock { s -> String? in
            var health = s.hooks[hook] ?? HookHealth()
            health.refusals += 1
            s.hooks[hook] = health
            guard health.refusals >= Self.hookRefusalLimit else { return nil }
            return "其引发的事件 \(health.refusals) 次超过连锁深度上限 \(host.events.maxDepth)（钩子互相触发）"
                + " / its writes caused events past the depth bound of \(host.events.maxDepth) \(health.refusals) times (hooks feeding each other)"
        }
        if let reason { await switchOff(hook, reason: reason, event: event) }
    }

    private func switchOff(_ hook: String, reason: String, event: HostEvent) async {
        let now = host.store.clock.now()
        let (first, loadedAt) = state.withLock { s -> (Bool, Date) in
            guard s.disabled[hook] == nil else { return (false, s.loadedAt) }
            s.disabled[hook] = DisabledHook(hook: hook, reason: reason, at: now)
            return (true, s.loadedAt)
        }
        guard first else { return }
        Counter(label: "dangjian_rule_hooks_disabled_total").increment()
        host.logger.error(
            "rule hook switched off until the rules are reloaded",
            metadata: [
                "hook": "\(hook)", "reason": "\(reason)", "event": "\(event.name)",
            ])
        do {
            try await tellAdmins(hook: hook, reason: reason, event: event, loadedAt: loadedAt)
        } catch {
            host.logger.error(
                "could not tell the admins that a hook was switched off",
                metadata: ["hook": "\(hook)", "error": "\(error)"])
        }
    }

    /// The district admins over the event's organisation (or every district admin when the
    /// event names none), once per hook and load of the rules.
    private func tellAdmins(hook: String, reason: String, event: HostEvent, loadedAt: Date) async throws {
        var ancestry: [Int64]?
        if let id = event.organizationID, let path = try? await host.organizations.get(id, by: .system).path {
            ancestry = path.split(separator: "/").compactMap { Int64($0) }
        }
        let admins = Set(
            try await host.users.holders(of: .districtAdmin, organizationIDs: ancestry).values.flatMap { $0 })
        guard !admins.isEmpty else { return }
        let body = """
            规则钩子 \(hook) 已自动停用：\(reason)。在规则重新加载之前它不再运行，其他规则照常运行。请修正规则包后重新加载（SIGHUP，或 POST /api/v1/admin/rules/reload）。
            The rule hook \(hook) was switched off: \(reason). It will not run until the rules are reloaded; every other rule runs as before. Fix the pack, then reload (SIGHUP, or POST /api/v1/admin/rules/reload).
            """
        let drafts = admins.sorted().map {
            NotificationDraft(
                userID: $0, kind: Self.alertKind, title: "规则钩子已停用 / A rule hook was switched off", body: body,
                organizationID: event.organizationID,
                idempotencyKey: "rules:hook-off:\(hook):\(Timestamp.format(loadedAt)):\($0)", ruleRef: hook)
        }
        _ = try await host.notifications.sendAll(drafts)
    }
}
