import Dangjian

/// What the README's tour shows as `demo-secretary`, who holds the first branch: its probationary
/// members and the task it is late on. The seeded draw gave that branch neither, so it is shaped
/// here without drawing anything, and the rest of the district stays as the seed makes it.
extension DemoDistrict {
    /// The first two members on their way in (activists or development candidates) were admitted
    /// 4 and 7 months ago, with each earlier stage lasting its national minimum or more.
    static func admitTwoForTheTour(_ drafts: inout [(line: Int, draft: MemberDraft)], today: Day) {
        let onTheirWay: Set<String> = [MemberStatus.activist.rawValue, MemberStatus.developmentCandidate.rawValue]
        let chosen = drafts.indices.filter { drafts[$0].draft.status.map(onTheirWay.contains) ?? false }.prefix(2)
        for (k, index) in chosen.enumerated() {
            let admitted = today.adding(months: -(4 + 3 * k))
            let candidate = admitted.adding(months: -5)
            let activist = candidate.adding(months: -13)
            let applied = activist.adding(months: -3)
            var draft = drafts[index].draft
            draft.status = MemberStatus.probationary.rawValue
            draft.appliedOn = applied.description
            draft.talkedOn = applied.adding(days: 12).description
            draft.activistOn = activist.description
            draft.candidateOn = candidate.description
            draft.admittedOn = admitted.description
            draft.fullOn = nil
            drafts[index].draft = draft
        }
    }
}
