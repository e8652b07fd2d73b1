import Dangjian

/// The quota: by default one sub-council per person and role, the document's one-to-one
/// pairing ("每人联系一个分会"). A district with more sub-councils than leaders relaxes it with
/// `plugins.settings: [liaison.maxSubCouncilsPerPerson=2]`.
extension Liaisons {
    static let quotaKey = "maxSubCouncilsPerPerson"
    static let quotaRange = 1...20

    /// The configured quota; the host refuses to open with a wrong one (`checkSettings`), so
    /// reading falls back to the default only when the key is absent.
    static func quota(_ settings: [String: String]) -> Int {
        settings[quotaKey].flatMap { Int($0) }.map { min(max($0, quotaRange.lowerBound), quotaRange.upperBound) } ?? 1
    }

    static func checkSettings(_ settings: [String: String]) -> [String] {
        settings.keys.sorted().compactMap { key in
            guard key == quotaKey else { return PluginSet.unknownSetting(DualLiaisonPlugin.pluginID, key) }
            guard let value = settings[key].flatMap({ Int($0) }), quotaRange.contains(value) else {
                return "plugins.settings: \(DualLiaisonPlugin.pluginID).\(key): 应为 \(quotaRange.lowerBound) 到 \(quotaRange.upperBound) 之间的整数 "
                    + "/ must be a whole number from \(quotaRange.lowerBound) to \(quotaRange.upperBound), got \(settings[key] ?? "")"
            }
            return nil
        }
    }
}
