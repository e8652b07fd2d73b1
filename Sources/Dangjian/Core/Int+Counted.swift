extension Int {
    /// "1 problem", "3 problems": a count with its English noun in the right number.
    /// - Parameter plural: for a noun whose plural is not noun + "s" ("entry" → "entries").
    public func counted(_ noun: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? noun : plural ?? noun + "s")"
    }
}
