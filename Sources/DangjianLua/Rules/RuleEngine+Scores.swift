import Dangjian

/// What a `score(name, fn)` function gave one organisation: the total and the evidence for
/// each point, so a ranking can always be explained.
public struct RuleScore: Sendable, Codable, Equatable {
    /// One scored item: what it is, its points, and the evidence that earned them.
    public struct Item: Sendable, Codable, Equatable {
        /// What was scored, as the function named it (at most 200 characters).
        public let item: String
        /// The points it gave, any finite number.
        public let points: Double
        /// Why, in words a secretary can check (at most 1,000 characters; "" when none).
        public let evidence: String
    }

    /// The organisation scored.
    public let organizationID: Int64
    /// The function's total, or the sum of the items' points when it gave none.
    public let total: Double
    /// Every item, in the order the function gave them.
    public let items: [Item]
    /// "score:name@hash": which version of which pack's function scored it.
    public let ruleRef: String

    /// The score with its total and every item's points to two decimals, for output.
    public var rounded: RuleScore {
        RuleScore(
            organizationID: organizationID, total: total.roundedScore,
            items: items.map { Item(item: $0.item, points: $0.points.roundedScore, evidence: $0.evidence) },
            ruleRef: ruleRef)
    }
}

extension RuleEngine {
    /// Items one score may list.
    static let maxScoreItems = 200

    /// Runs the score function `name` for each organisation (all of them, or `entries`),
    /// resolved like any rule: a district's `score("name", fn)` replaces the baseline's for its
    /// subtree. The function is called as `fn(org, argument)` and returns a number, or
    /// `{ total = n?, items = { { item = "…", points = n, evidence = "…" }, … } }` (the total
    /// defaults to the sum of the items). Organisations no pack scores are left out.
    public func scores(_ name: String, argument: LuaValue, entries given: [OrganizationRegistry.SweepEntry]? = nil)
        async throws
        -> (scores: [RuleScore], failures: [RuleFailure])
    {
        var entries = given ?? []
        if given == nil { entries = try await host.organizations.sweepEntries() }
        // The bound organisations may not be among the scored ones (a district pack is bound to
        // its committee, and branches are scored): their paths are read on their own.
        let bound = try await host.organizations.sweepEntries(ids: rules.bindings.map(\.organizationID))
        let snapshot = SweepSnapshot(members: [:], entries: entries)
        let batches = BatchReads(database: host.database)
        var scores: [RuleScore] = []
        var failures: [RuleFailure] = []
        for (source, members) in groups(entries).sorted(by: { $0.key < $1.key }) {
            let pack = rules.packs[source.pack]
            let declaration = pack.declarations[source.declaration]
            guard declaration.score?.name == name else { continue }
            let calls = members.map {
                Call(organization: $0.organization, arguments: [RuleMatcher.lua($0), argument], notices: [])
            }
            let outcomes = try await runSpread(
                calls, function: "score", directory: pack.directory, key: declaration.key,
                snapshot: snapshot, batches: batches, scope: scope(ofPack: source.pack, entries: bound))
            for (call, outcome) in zip(calls, outcomes) {
                do {
                    scores.append(
                        try score(
                            outcome.get().first ?? .nil, organizationID: call.organization.id,
                            ref: pack.reference(of: declaration)))
                } catch let error as LuaError {
                    failures.append(
                        RuleFailure(
                            rule: declaration.name, organizationID: call.organization.id,
                            error: error.location == nil
                                ? LuaError(
                                    kind: error.kind, message: error.message,
                                    location: declaration.location) : error))
                }
            }
        }
        return (scores, failures)
    }

    func score(_ answer: LuaValue, organizationID: Int64, ref: String) throws -> RuleScore {
        if let number = answer.number, number.isFinite {
            return RuleScore(organizationID: organizationID, total: number, items: [], ruleRef: ref)
        }
        guard answer.table != nil else {
            throw LuaError(
                kind: .badValue, message: "a score must be a number or { total = …, items = { … } }, got \(answer)")
        }
        let list = answer["items"].table?.array ?? []
        guard list.count <= Self.maxScoreItems else {
            throw LuaError(kind: .badValue, message: "a score lists \(list.count) items; at most \(Self.maxScoreItems)")
        }
        let items = try list.map { entry in
            guard let item = entry["item"].string, let points = entry["points"].number, points.isFinite else {
                throw LuaError(
                    kind: .badValue, message: "each score item needs item (text) and points (a number): \(entry)")
            }
            return RuleScore.Item(
                item: String(item.prefix(200)), points: points,
                evidence: String((entry["evidence"].string ?? "").prefix(1000)))
        }
        let total = answer["total"].number ?? items.reduce(0) { $0 + $1.points }
        guard total.isFinite else {
            throw LuaError(kind: .badValue, message: "a score's total must be a finite number")
        }
        return RuleScore(organizationID: organizationID, total: total, items: items, ruleRef: ref)
    }
}
