import Dangjian

/// How large a synthetic district is, as numbers: the city (about 20,000 organisations,
/// 500,000 members and 2.5 million ledger records) times a factor, so that a benchmark can
/// measure how a sweep grows with the district. `district` is a tenth of the city, `small` a
/// hundredth, and `fraction` scales any of them further.
public struct SyntheticScale: Sendable, Equatable, CustomStringConvertible {
    /// The named sizes: `small` a hundredth of the city, `district` a tenth, `city` the whole.
    public enum Size: String, Sendable, CaseIterable {
        case small, district, city

        var shareOfCity: Double {
            switch self {
            case .small: 0.01
            case .district: 0.1
            case .city: 1
            }
        }
    }

    /// The named size the scale starts from.
    public let size: Size
    /// The share of `size` taken, above 0 and at most 1 (e.g. 0.5 for half a district).
    public let fraction: Double

    /// `fraction` of the named `size`, e.g. `SyntheticScale(.district, fraction: 0.5)`.
    /// - Throws: 400 `validation.badValue` on `fraction` unless 0 < fraction ≤ 1.
    public init(_ size: Size, fraction: Double = 1) throws {
        guard fraction > 0, fraction <= 1 else {
            throw DangjianError.badValue(
                "fraction", zh: "比例应大于 0 且不超过 1", en: "the fraction must be above 0 and at most 1")
        }
        self.size = size
        self.fraction = fraction
    }

    /// The share of the city this scale stands for.
    public var factor: Double { size.shareOfCity * fraction }

    /// Organisations in the whole tree, the district committee at the root included.
    public var organizations: Int { scaled(20_000, minimum: 12) }
    /// What the city's figure for members gives at this scale; the real count follows from
    /// the branches' drawn sizes and comes out close to it.
    public var members: Int { scaled(500_000) }
    /// What the city's figure for ledger records gives at this scale; the real count follows
    /// from each organisation's size, committee and habit.
    public var ledgerRecords: Int { scaled(2_500_000) }

    /// A count that is `cityCount` in the city, at this scale, and at least `minimum`.
    public func scaled(_ cityCount: Double, minimum: Int = 1) -> Int {
        max(minimum, Int((cityCount * factor).rounded()))
    }

    /// "district", or "district×0.5" with a fraction: how benchmark tables name the scale.
    public var description: String { fraction == 1 ? size.rawValue : "\(size.rawValue)×\(fraction)" }
}

/// What one stage of loading a synthetic district wrote, and how long it took, for the rates
/// printed at the end.
public struct SyntheticStage: Sendable {
    /// Rows of one kind a stage wrote.
    public struct Count: Sendable {
        /// e.g. "ledger records", "attendance rows"
        public let what: String
        /// How many rows of that kind were written.
        public let rows: Int

        /// `rows` rows of `what`, e.g. `Count("attendance rows", 120_000)`.
        public init(_ what: String, _ rows: Int) {
            self.what = what
            self.rows = rows
        }
    }

    /// The stage's name as progress and the summary show it, in both languages ("任务 tasks").
    public let name: String
    /// The rows written, by kind; empty for a stage that found nothing to write.
    public let counts: [Count]
    /// A line for the summary in both languages, like `seedDemo`'s.
    public let summary: String
    /// Filled in by the loader, which times every stage the same way.
    public var seconds: Double = 0

    /// A stage's result as a seeder returns it; the loader fills in `seconds`.
    public init(name: String, counts: [Count], summary: String) {
        self.name = name
        self.counts = counts
        self.summary = summary
    }

    /// All rows the stage wrote, every kind together.
    public var rows: Int { counts.reduce(0) { $0 + $1.rows } }
    /// Rows written per second of the stage's wall-clock time (a stage under a millisecond counts as one).
    public var rowsPerSecond: Double { Double(rows) / max(seconds, 0.001) }
}
