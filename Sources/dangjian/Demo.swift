import ArgumentParser
import Dangjian
import DangjianDemo
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Load the demo district (about 40 schools and 1,500 members) into an empty database and print its logins.",
        discussion: """
            With --scale, a synthetic district for benchmarks instead: small (about 200 organisations, 5,000 members, \
            29,000 ledger records), district (ten times that) or city (a hundred times: 20,000 organisations, \
            500,000 members, 2.9 million ledger records). Build in release for the larger scales.
            """)

    @OptionGroup var options: HostOptions

    @Option(help: "Seed for the generator; the same seed builds the same district.")
    var seed: UInt64 = 2026

    @Option(help: "Load a synthetic district of this size: small, district or city.")
    var scale: SyntheticScale.Size?

    @Option(help: "With --scale: the share of that size to load, above 0 and at most 1 (e.g. 0.25).")
    var fraction: Double?

    @Flag(
        name: .customLong("organizations-only"),
        help:
            "With --scale: load only the organisations (same ids as the whole district), e.g. as a target for `import members`."
    )
    var organizationsOnly = false

    func validate() throws {
        if fraction != nil || organizationsOnly, scale == nil {
            throw ValidationError("--fraction and --organizations-only need --scale")
        }
        if let fraction, !(fraction > 0 && fraction <= 1) {
            throw ValidationError("--fraction must be above 0 and at most 1")
        }
    }

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration)
        guard try await host.isEmpty() else {
            await host.stop()
            throw Failure(
                description: "数据库不为空，演示数据只能载入空库 / the database is not empty; the demo loads into an empty one only")
        }
        let progress = Progress()
        if let scale {
            let scale = try SyntheticScale(scale, fraction: fraction ?? 1)
            let summary = try await SyntheticDistrict(
                host: host, scale: scale, seed: seed, seeders: CompiledPlugins.demoSeeders
            ).load(organizationsOnly: organizationsOnly, progress: progress.report)
            print(
                summary.report(
                    scale: scale, seed: seed, organizationsOnly: organizationsOnly,
                    databasePath: configuration.resolvedDatabasePath))
        } else {
            let clock = ContinuousClock()
            let start = clock.now
            let summary = try await DemoDistrict(host: host, seed: seed, seeders: CompiledPlugins.demoSeeders)
                .load(progress: progress.report)
            print(summary.report(seconds: (clock.now - start) / .seconds(1)))
        }
        await host.stop()
    }
}

extension SyntheticScale.Size: ExpressibleByArgument {}
