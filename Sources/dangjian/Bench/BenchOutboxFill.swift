import ArgumentParser
import Dangjian
import DangjianBench
import Foundation

/// `dangjian bench outbox-fill`: puts reminders in the outbox of a data directory before
/// `serve` starts, for the kill-loop soak (`OutboxFill`). Prints one JSON line: the figure, and
/// the robots' paths on the peer (never their secrets, which the caller chose).
struct BenchOutboxFill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox-fill",
        abstract: "Store reminders routed to robots on a peer and by email, for the kill-loop soak to send.")

    @OptionGroup var options: HostOptions

    @Option(help: "Reminders to store.")
    var count: Int = 1000

    @Option(help: "The robots' peer (robots.py), e.g. http://127.0.0.1:8125.")
    var robotsURL: String

    @Option(help: "Branches to share the reminders among (each with one or two robots).")
    var branches: Int = 20

    @Option(help: "Recipients per branch.")
    var recipients: Int = 3

    @Option(help: "Each signed robot's secret is this, a dash and the robot's name.")
    var secretPrefix: String = "SECkill-loop"

    /// The line printed: the figure's fields and the robots' paths.
    struct Line: Encodable {
        let name: String
        let seconds: Double
        let count: Int
        let extra: [String: Double]
        let robots: [String]
    }

    func run() async throws {
        var configuration = try await options.loadConfiguration()
        // The recipients never sign in; hashing their passwords at full cost would only slow the fill.
        configuration.bcryptCost = 4
        let host = try await options.openHost(configuration)
        var plan = OutboxFill.Plan(count: count, robotsURL: robotsURL, secretPrefix: secretPrefix)
        plan.branches = branches
        plan.recipients = recipients
        let (figure, robots) = try await OutboxFill.run(host: host, plan: plan)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(
            name: figure.name, seconds: figure.seconds, count: figure.count, extra: figure.extra, robots: robots)
        print(String(decoding: try encoder.encode(line), as: UTF8.self))
    }
}
