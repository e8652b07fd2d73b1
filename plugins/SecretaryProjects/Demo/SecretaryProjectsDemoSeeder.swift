import Dangjian
import DangjianDemo
import SecretaryProjects

/// SecretaryProjects' part of the demo: a running "3+2" programme with projects, inspections,
/// a bulletin and last year's ratings. It takes no part in the synthetic district.
public struct SecretaryProjectsDemoSeeder: DemoSeeder {
    public static let pluginID = SecretaryProjectsPlugin.pluginID

    public init() {}

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        try await SecretaryDemo(host: host, today: today).seed()
    }
}
