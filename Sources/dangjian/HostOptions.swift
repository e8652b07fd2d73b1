import ArgumentParser
import Dangjian
import Foundation
import Logging

/// Options every command that opens the host shares.
struct HostOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "YAML configuration file (default: $DANGJIAN_CONFIG, else config/dangjian.yaml when present).")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Directory for the SQLite database (overrides dataDirectory).")
    var dataDirectory: String?

    var configFile: String? {
        if let config { return config }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DANGJIAN_CONFIG"] { return fromEnvironment }
        return FileManager.default.fileExists(atPath: "config/dangjian.yaml") ? "config/dangjian.yaml" : nil
    }

    func loadConfiguration() async throws -> HostConfiguration {
        let (configuration, problems) = try await readConfiguration()
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// The configuration and every problem in it, for `config check` to go on checking.
    func readConfiguration() async throws -> (HostConfiguration, [String]) {
        var (configuration, problems) = try await HostConfiguration.read(file: configFile)
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        return (configuration, problems)
    }

    /// - Parameter readOnly: for a command that says it writes nothing: the database must exist
    ///   and be migrated, and is not changed.
    func openHost(_ configuration: HostConfiguration, readOnly: Bool = false) async throws -> DangjianHost {
        var logger = Logger(label: "dangjian")
        logger.logLevel = configuration.logLevel
        let clock = try Self.clock(logger: logger)
        do {
            return try await DangjianHost.open(
                configuration: configuration, plugins: try CompiledPlugins.make(configuration), clock: clock,
                logger: logger, readOnly: readOnly)
        } catch let unavailable as DatabaseUnavailable {
            throw Failure(description: unavailable.description)
        }
    }
}

extension HostOptions {
    /// The system clock, or the clock `DANGJIAN_CLOCK_START` moves to another day (for demos and
    /// tests whose dates are fixed in writing, such as the README's tour).
    static func clock(logger: Logger) throws -> any HostClock {
        guard let text = ProcessInfo.processInfo.environment[ShiftedClock.variable], !text.isEmpty else {
            return SystemClock()
        }
        guard let start = ShiftedClock.start(text) else {
            throw Failure(
                description: "\(ShiftedClock.variable)=\(text)：应为日期 2026-12-07 或带时区的时刻 2026-12-07T09:00:00+08:00 / "
                    + "must be a day like 2026-12-07 or an instant with its offset like 2026-12-07T09:00:00+08:00")
        }
        logger.warning(
            "the host's clock is moved: it started at this instant", metadata: ["start": "\(Timestamp.format(start))"])
        return ShiftedClock(startingAt: start)
    }
}

/// Progress on a terminal: one line rewritten in place; nothing when output is redirected.
struct Progress: Sendable {
    let enabled = isatty(STDERR_FILENO) == 1

    func report(_ label: String, _ done: Int, _ total: Int) {
        guard enabled else { return }
        // Erase to the end of the line: a shorter label must not leave the end of a longer one.
        let line = "\r\(label): \(done)/\(total)\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// A failure told to the operator in both languages, with exit code 1 and no stack trace.
struct Failure: Error, CustomStringConvertible {
    let description: String
}
