import Dangjian

/// The baseline packs (the kernel's and each rule plugin's) and the district packs bound to
/// subtrees. For an organisation, each rule id is resolved from the nearest binding up: the
/// deepest bound pack that declares the id (or disables it) wins, then the next one up, then
/// the baselines. Baseline packs never share an id, so their order does not matter.
public struct RuleSet: Sendable {
    /// A district pack bound to the subtree of an organisation.
    public struct Binding: Sendable {
        /// The district pack.
        public let pack: RulePack
        /// The organisation at the top of the subtree the pack applies to.
        public let organizationID: Int64
        /// Binds `pack` to the subtree of `organizationID`.
        public init(pack: RulePack, organizationID: Int64) {
            self.pack = pack
            self.organizationID = organizationID
        }
    }

    /// Where a rule comes from for one organisation.
    public struct Resolution: Sendable, Equatable {
        /// The rule id being resolved.
        public let ruleID: String
        /// Index into `packs`.
        public let pack: Int
        /// Index into that pack's declarations; nil when the nearest pack disables the rule.
        public let declaration: Int?
    }

    /// The kernel's baseline first, then the plugins' packs.
    public let baselines: [RulePack]
    /// The district packs, nearest binding first when subtrees nest.
    public let bindings: [Binding]

    /// The kernel's baseline, then each rule plugin's pack, then district bindings.
    public init(baseline: RulePack, plugins: [RulePack] = [], bindings: [Binding] = []) {
        baselines = [baseline] + plugins
        self.bindings = bindings
    }

    /// The baselines (the kernel's first) and the district bindings.
    public init(baselines: [RulePack], bindings: [Binding]) {
        self.baselines = baselines
        self.bindings = bindings
    }

    /// The kernel's own baseline pack.
    public var baseline: RulePack { baselines[0] }

    /// The baselines first, then each bound pack, in binding order.
    public var packs: [RulePack] { baselines + bindings.map(\.pack) }

    /// The binding of the pack at `index` into `packs`; nil for a baseline.
    public func binding(ofPack index: Int) -> Binding? {
        index < baselines.count ? nil : bindings[index - baselines.count]
    }

    /// The same baselines with other bindings, e.g. a pack under test bound at a fixture's root.
    public func rebound(_ bindings: [Binding]) -> RuleSet { RuleSet(baselines: baselines, bindings: bindings) }

    /// The rules that apply to an organisation at `path`, by id, in a stable order.
    public func resolve(path: String) -> [Resolution] {
        let ancestors = Set(path.split(separator: "/").compactMap { Int64($0) })
        // Nearest first: a binding deeper in the tree sits later in the path.
        let depth = Dictionary(
            uniqueKeysWithValues: path.split(separator: "/").enumerated().compactMap { index, id in
                Int64(id).map { ($0, index) }
            })
        let chain =
            bindings.enumerated()
            .filter { ancestors.contains($0.element.organizationID) }
            .sorted { depth[$0.element.organizationID]! > depth[$1.element.organizationID]! }
            .map { $0.offset + baselines.count } + Array(baselines.indices)
        var resolved: [String: Resolution] = [:]
        var order: [String] = []
        for packIndex in chain {
            for (index, d) in packs[packIndex].declarations.enumerated() {
                let id: String?
                switch d.kind {
                case .reminder, .rule: id = d.id
                case .score: id = d.name
                case .disable: id = d.fields["id"]?.string
                default: id = nil
                }
                guard let id, resolved[id] == nil else { continue }
                resolved[id] = Resolution(ruleID: id, pack: packIndex, declaration: d.kind == .disable ? nil : index)
                order.append(id)
            }
        }
        return order.sorted().compactMap { resolved[$0] }
    }
}
