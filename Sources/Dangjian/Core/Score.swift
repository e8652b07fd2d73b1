extension Double {
    /// A score as it is shown: two decimals. Scores are kept as computed (a mean of score sheets,
    /// a Lua rubric's sum) and rounded only on their way out, so 9.585666293393057 reads 9.59.
    public var roundedScore: Double { (self * 100).rounded() / 100 }
}
