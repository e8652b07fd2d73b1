import Dangjian
import Foundation

/// Invented members with consistent stage dates, for the demo and the synthetic district. The
/// shares and ages are settings, so that each district draws its own mix through one piece of
/// code. No real person is copied: names come from `ChineseNames`, ID numbers use the region
/// code 990101, which no real region has, and phone numbers start with 100, which no carrier issues.
struct DemoPeople {
    let today: Day
    /// Cumulative shares of a roll in 0..<1: below the first bound is the first status, and so on.
    var statusShares: [(status: MemberStatus, below: Double)] = [
        (.full, 0.68), (.probationary, 0.78), (.developmentCandidate, 0.85), (.activist, 0.93), (.applicant, 1),
    ]
    var workingAges = 23...58
    var retiredAges = 62...85
    var flowingShare = 0.04
    var lostContactShare = 0.01
    var flowingPlaces = ["深圳市南山区", "苏州工业园区", "杭州市西湖区", "成都市高新区"]

    /// A member in a status drawn from `statusShares` (or the one given), with stage dates that
    /// walk backwards from today so each stage has lasted its national minimum.
    func memberDraft(
        _ organizationID: Int64, retiredBranch: Bool, status given: MemberStatus? = nil,
        idNumbers: inout IDNumberBook, _ random: inout SeededGenerator
    ) -> MemberDraft {
        let roll = Double.random(in: 0..<1, using: &random)
        let drawn = statusShares.first { roll < $0.below }?.status ?? .applicant
        let status: MemberStatus = retiredBranch ? .full : given ?? drawn
        let age =
            retiredBranch ? Int.random(in: retiredAges, using: &random) : Int.random(in: workingAges, using: &random)
        let birth = today.adding(years: -age).adding(days: -Int.random(in: 0...364, using: &random))
        let male = random.chance(0.45)
        let idNumber = idNumbers.draw(born: birth, male: male, &random)
        var applied = today.adding(days: -Int.random(in: 20...200, using: &random))
        var activist: Day?, candidate: Day?, admitted: Day?, full: Day?
        switch status {
        case .applicant: break
        case .activist:
            activist = today.adding(days: -Int.random(in: 30...400, using: &random))
            applied = activist!.adding(months: -Int.random(in: 2...6, using: &random))
        case .developmentCandidate:
            candidate = today.adding(days: -Int.random(in: 10...200, using: &random))
            activist = candidate!.adding(months: -Int.random(in: 12...18, using: &random))
            applied = activist!.adding(months: -3)
        case .probationary:
            admitted = today.adding(days: -Int.random(in: 30...360, using: &random))
            candidate = admitted!.adding(months: -Int.random(in: 3...8, using: &random))
            activist = candidate!.adding(months: -13)
            applied = activist!.adding(months: -3)
        case .full:
            let partyYears = max(1, min(Int.random(in: 1...40, using: &random), age - 24))
            full = today.adding(years: -partyYears).adding(days: -Int.random(in: 0...300, using: &random))
            admitted = full!.adding(years: -1)
            candidate = admitted!.adding(months: -6)
            activist = candidate!.adding(months: -13)
            applied = activist!.adding(months: -3)
        }
        let flowing = !retiredBranch && random.chance(flowingShare)
        let lost = status == .full && random.chance(lostContactShare)
        // The first talk, within a month of the application; one recent applicant in five has
        // not been talked to yet. Derived from the dates, so the seeded sequence is unchanged.
        let talked = applied.adding(days: 5 + applied.ordinal % 20)
        let talkedOn = status == .applicant && applied.ordinal % 5 == 0 || talked > today ? nil : talked
        return MemberDraft(
            organizationID: organizationID, name: ChineseNames.make(using: &random), gender: male ? "male" : "female",
            idNumber: idNumber, phone: "100" + String(format: "%08d", Int.random(in: 0...99_999_999, using: &random)),
            status: status.rawValue, appliedOn: applied.description, activistOn: activist?.description,
            candidateOn: candidate?.description, admittedOn: admitted?.description, fullOn: full?.description,
            retired: retiredBranch || (status == .full && age >= 60), flowing: flowing,
            flowingTo: flowing ? random.pick(flowingPlaces) : nil,
            lostContact: lost, lostContactSince: lost ? today.adding(months: -7).description : nil,
            talkedOn: talkedOn?.description)
    }
}

/// Draws resident ID numbers in region 990101 (which does not exist), with the sequence's
/// parity telling the gender as in real numbers. A number drawn before is drawn again: a few
/// thousand members rarely draw one twice, half a million would draw thousands, each refused
/// as a duplicate.
struct IDNumberBook {
    /// The first 17 digits issued so far.
    private var issued: Set<Int64> = []

    mutating func draw(born birth: Day, male: Bool, _ random: inout SeededGenerator) -> String {
        while true {
            let sequence = Int.random(in: 0...49, using: &random) * 2 + (male ? 1 : 0)
            let first17 =
                "990101" + String(format: "%04d%02d%02d", birth.year, birth.month, birth.day)
                + String(format: "%03d", Int.random(in: 0...9, using: &random) * 100 + sequence)
            if issued.insert(Int64(first17)!).inserted { return ResidentID.withCheckDigit(first17) }
        }
    }
}
