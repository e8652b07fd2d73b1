import Dangjian
import Foundation

/// One organisation the synthetic district will create, with what hangs under it.
struct PlannedOrganization: Sendable {
    let name: String
    let kind: Organization.Kind
    let domain: Organization.Domain
    let termStart: Day?
    var children: [PlannedOrganization] = []
    /// For a branch: how many members it holds, of every status.
    var members = 0
    /// For a branch: a retirees' branch (离退休党支部), whose members are all retired full members.
    var retirees = false

    var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Plans the synthetic district's tree: a district committee (区委) at the root; street and
/// township working committees and system committees under it; under them the units, each a
/// committee (large units), a general branch or a branch; party groups inside the larger
/// branches. About 5% committees and general branches, 75% branches, 20% groups, and exactly
/// `scale.organizations` in all. Branch sizes are skewed (3 to 120 members of every status, mean about 34).
struct SyntheticTree {
    let scale: SyntheticScale
    let today: Day
    private var random: SeededGenerator
    /// Units named so far, per domain, so each gets its own place name.
    private var named: [Organization.Domain: Int] = [:]

    init(scale: SyntheticScale, today: Day, seed: UInt64) {
        self.scale = scale
        self.today = today
        random = SeededGenerator(seed: seed &+ 101)
    }

    /// The whole plan, root first. It holds names and sizes only (a few megabytes for the city).
    mutating func plan() -> PlannedOrganization {
        // The second level grows with the square root of the scale, so a small district still
        // has a few streets and systems, and the city has its ~15 and ~20.
        let level = sqrt(scale.factor)
        let streets = SyntheticNames.streets.prefix(max(1, Int((15 * level).rounded())))
        let systems = SyntheticNames.systems.prefix(max(1, Int((20 * level).rounded())))
        let tops: [(name: String, domain: Organization.Domain, weight: Double)] =
            streets.map { ($0.name, $0.domain, SyntheticNames.streetWeight[$0.domain] ?? 1) } + Array(systems)
        let budgets = Self.share(max(0, scale.organizations - 1 - tops.count), by: tops.map(\.weight))
        var root = PlannedOrganization(
            name: "示范区委", kind: .committee, domain: .office, termStart: termStart(for: .committee, .office))
        for (top, budget) in zip(tops, budgets) {
            var committee = PlannedOrganization(
                name: top.name, kind: .committee, domain: top.domain,
                termStart: termStart(for: .committee, top.domain))
            var left = budget
            while left > 0 {
                var unit = self.unit(in: top.domain)
                // The last unit of a committee shrinks to a branch, so the total is exact.
                if unit.count > left { unit = branch(name: name(in: top.domain) + "党支部", top.domain, groups: false) }
                left -= unit.count
                committee.children.append(unit)
            }
            root.children.append(committee)
        }
        return root
    }

    /// `total` split by `weights`, the remainders going to the largest fractions (the first on a tie).
    static func share(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0) }
        let order = exact.indices.sorted {
            (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1)
        }
        for index in order.prefix(total - counts.reduce(0, +)) { counts[index] += 1 }
        return counts
    }

    // MARK: Units

    private mutating func unit(in domain: Organization.Domain) -> PlannedOrganization {
        let unit = name(in: domain)
        let roll = Double.random(in: 0..<1, using: &random)
        let (committeeShare, generalShare) = Self.largeShares(domain)
        if roll < committeeShare {
            var committee = PlannedOrganization(
                name: unit + "党委", kind: .committee, domain: domain, termStart: termStart(for: .committee, domain))
            let parts = SyntheticNames.parts(domain)
            for part in parts.prefix(Int.random(in: 0...2, using: &random)) {
                var general = PlannedOrganization(
                    name: "\(unit)\(part)党总支", kind: .generalBranch, domain: domain,
                    termStart: termStart(for: .generalBranch, domain))
                for n in 1...Int.random(in: 2...4, using: &random) {
                    general.children.append(branch(name: "\(unit)\(part)第\(SyntheticNames.numeral(n))党支部", domain))
                }
                committee.children.append(general)
            }
            for n in 1...Int.random(in: 2...5, using: &random) {
                committee.children.append(
                    branch(name: "\(unit)\(parts[n % parts.count])党支部" + (n >= parts.count ? "（\(n)）" : ""), domain))
            }
            if domain != .village, domain != .socialOrganization {
                committee.children.append(branch(name: "\(unit)离退休党支部", domain, retirees: true))
            }
            return committee
        }
        if roll < committeeShare + generalShare {
            var general = PlannedOrganization(
                name: unit + "党总支", kind: .generalBranch, domain: domain,
                termStart: termStart(for: .generalBranch, domain))
            let parts = SyntheticNames.parts(domain)
            for n in 0..<Int.random(in: 2...4, using: &random) {
                general.children.append(branch(name: "\(unit)\(parts[n % parts.count])党支部", domain))
            }
            // Communities hold many retired members in a branch of their own.
            if domain == .community, random.chance(0.5) {
                general.children.append(branch(name: "\(unit)离退休党支部", domain, retirees: true))
            }
            return general
        }
        // Small private enterprises and social organisations often share a joint branch (联合党支部).
        let joint = (domain == .enterprise || domain == .socialOrganization) && random.chance(0.25)
        return branch(
            name: unit + (joint ? "等单位联合党支部" : "党支部"), domain, joint: joint,
            retirees: domain == .community && random.chance(0.15))
    }

    /// The chance that a unit of the domain is large enough for a committee, or for a general branch.
    static func largeShares(_ domain: Organization.Domain) -> (committee: Double, general: Double) {
        switch domain {
        case .hospital: (0.12, 0.12)
        case .school, .office, .community: (0.015, 0.05)
        case .enterprise: (0.012, 0.03)
        case .village: (0, 0.06)
        case .socialOrganization: (0, 0.02)
        }
    }

    /// A branch with its drawn size and, from 70 members, its party groups (one per ~30 members).
    private mutating func branch(
        name: String, _ domain: Organization.Domain, joint: Bool = false, retirees: Bool = false,
        groups: Bool = true
    ) -> PlannedOrganization {
        let kind: Organization.Kind = joint ? .jointBranch : .branch
        var branch = PlannedOrganization(
            name: name, kind: kind, domain: domain, termStart: termStart(for: kind, domain))
        branch.retirees = retirees
        branch.members = memberCount()
        if groups, branch.members >= 70 {
            for n in 1...branch.members / 30 {
                branch.children.append(
                    PlannedOrganization(
                        name: "\(name)第\(SyntheticNames.numeral(n))党小组", kind: .group,
                        domain: domain, termStart: nil))
            }
        }
        return branch
    }

    /// A skewed size: log-normal with a median near 27 and a mean near 34, kept within 3…120.
    private mutating func memberCount() -> Int {
        // Box–Muller on two seeded uniforms.
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let v = Double.random(in: 0..<1, using: &random)
        let normal = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        return min(120, max(3, Int(exp(3.28 + 0.75 * normal).rounded())))
    }

    private mutating func name(in domain: Organization.Domain) -> String {
        let n = named[domain, default: 0]
        named[domain] = n + 1
        let kinds = SyntheticNames.unitKinds(domain)
        let place = SyntheticNames.place(n)
        return place.name + place.round + kinds[(n / 3) % kinds.count]
    }

    /// A term that began between 100 days and just under a full term ago, so some end within days.
    private mutating func termStart(for kind: Organization.Kind, _ domain: Organization.Domain) -> Day? {
        guard kind != .group else { return nil }
        let years = Organization.defaultTermYears(kind: kind, domain: domain)
        return today.adding(days: -Int.random(in: 100...(years * 365 - 3), using: &random))
    }
}
