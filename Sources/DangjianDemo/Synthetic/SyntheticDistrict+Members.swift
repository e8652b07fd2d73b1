import Dangjian

/// The synthetic district's members: every branch filled to its planned size in batches of a
/// few thousand, then its secretary and, with seven or more full members, its committee.
extension SyntheticDistrict {
    /// Secretaries by branch, for the logins.
    struct Officers {
        var secretaries: [Int64: Int64] = [:]
    }

    func createMembers(
        _ branches: [Branch], officers: inout Officers,
        progress: @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage {
        let label = "党员 members"
        let total = branches.reduce(0) { $0 + $1.members }
        var random = SeededGenerator(seed: seed &+ 202)
        var idNumbers = IDNumberBook()
        var created = 0
        var officerUpdates = 0
        var drafts: [(line: Int, draft: MemberDraft)] = []
        var pending: [(branch: Branch, lines: Range<Int>)] = []
        func flush() async throws {
            guard !drafts.isEmpty else { return }
            let results = try await host.members.createBatch(drafts, allOrNothing: true, by: .system)
            if let refused = results.first(where: { $0.error != nil })?.error { throw refused }
            created += results.count
            var patches: [(id: Int64, patch: OrganizationPatch)] = []
            for (branch, lines) in pending {
                let full = lines.filter { drafts[$0].draft.status == MemberStatus.full.rawValue }.compactMap {
                    results[$0].memberID
                }
                guard let secretary = full.first else { continue }
                officers.secretaries[branch.organization.id] = secretary
                patches.append(
                    (
                        branch.organization.id,
                        OrganizationPatch(secretaryMemberID: secretary, committee: Self.committee(of: full))
                    ))
            }
            officerUpdates += try await host.organizations.updateBatch(patches, by: .system).count
            drafts.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            progress(label, created, total)
        }
        for branch in branches {
            let people = Self.people(branch.organization.domain ?? .office, today: today)
            let first = drafts.count
            for n in 0..<branch.members {
                // The first three are full members: a branch needs three to exist (CONST art. 30).
                let draft = people.memberDraft(
                    branch.organization.id, retiredBranch: branch.retirees, status: n < 3 ? .full : nil,
                    idNumbers: &idNumbers, &random)
                drafts.append((line: drafts.count, draft: draft))
            }
            pending.append((branch, first..<drafts.count))
            if drafts.count >= Self.membersPerBatch { try await flush() }
        }
        try await flush()
        return SyntheticStage(
            name: label, counts: [.init("members", created), .init("officer updates", officerUpdates)],
            summary: "\(created) 名党员（含入党申请人、积极分子、发展对象）/ members in every status")
    }

    /// A branch with seven or more full members elects a committee (支委会, RULES.md); three
    /// seats, five from thirty full members. The secretary takes the first seat.
    static func committee(of full: [Int64]) -> [CommitteeSeat]? {
        guard full.count >= 7 else { return nil }
        let positions = full.count >= 30 ? ["书记", "组织委员", "宣传委员", "纪检委员", "青年委员"] : ["书记", "组织委员", "宣传委员"]
        return zip(full, positions).map { CommitteeSeat(memberID: $0, position: $1) }
    }

    /// The member mix of a domain: mostly full members everywhere, more migrant workers
    /// (flowing members) in villages and enterprises, and working ages up to 65, so full
    /// members of 60 and above are counted as retired (离退休) beside the retirees' branches.
    static func people(_ domain: Organization.Domain, today: Day) -> DemoPeople {
        var people = DemoPeople(today: today)
        people.statusShares = [
            (.full, 0.80), (.probationary, 0.85), (.developmentCandidate, 0.89), (.activist, 0.95), (.applicant, 1),
        ]
        people.workingAges = 23...65
        switch domain {
        case .village: people.flowingShare = 0.12
        case .enterprise: people.flowingShare = 0.06
        default: people.flowingShare = 0.03
        }
        return people
    }
}
