import Foundation
import Logging

/// Everything an operator can set. Defaults live in config/dangjian.yaml and here; every key can
/// be overridden by an environment variable: `http.port` → `DANGJIAN_HTTP_PORT`.
public struct HostConfiguration: Sendable, Equatable {
    /// The folder that holds the SQLite file when `database.path` is not set (`dataDirectory`).
    public var dataDirectory = "data"
    /// The SQLite file; empty means `<dataDirectory>/dangjian.sqlite`.
    public var databasePath = ""
    /// The address the HTTP server binds (`http.host`); anything but loopback listens beyond this machine.
    public var httpHost = "127.0.0.1"
    /// The HTTP port (`http.port`).
    public var httpPort = 8080
    /// The largest request body accepted, in bytes (`http.maxBodyBytes`); 1 MiB by default.
    public var maxBodyBytes = 1 << 20
    /// Tests and development: a route that answers an error code it does not list in the
    /// OpenAPI document answers 500 `error.undeclared` instead, so the list cannot drift.
    /// Production only logs it. Not read from the configuration file.
    public var strictErrorCodes = false
    /// The bcrypt cost for new password hashes (`security.bcryptCost`).
    public var bcryptCost = 11
    /// How long a login session's token lasts, in hours (`security.sessionHours`).
    public var sessionHours = 12
    /// Whether the console's session cookie is marked Secure (`console.secureCookies`): set it
    /// when the host is served over TLS, e.g. behind nginx with HTTPS.
    public var consoleSecureCookies = false
    /// Whether this host runs the scheduled jobs, such as the daily sweep (`scheduler.enabled`).
    public var schedulerEnabled = true
    /// How often the scheduler looks for due jobs, in seconds (`scheduler.tickSeconds`).
    public var schedulerTickSeconds = 60
    /// Plugin ids not to start (`plugins.disabled`).
    public var disabledPlugins: [String] = []
    /// The lowest level logged (`log.level`).
    public var logLevel: Logger.Level = .info
    /// Limits on every call into a Lua rule: VM instructions, bytes per VM, milliseconds.
    public var luaInstructionBudget = 10_000_000
    /// The most memory one Lua VM may use, in bytes (`lua.memoryBytes`); 64 MiB by default.
    public var luaMemoryBytes = 64 << 20
    /// The longest one call into Lua may run, in milliseconds (`lua.timeoutMilliseconds`).
    public var luaTimeoutMilliseconds = 2000
    /// The baseline rule pack.
    public var rulesBaseline = "scripts/rules"
    /// Public holidays and makeup working days for `dj.date`'s working-day helpers; empty means
    /// Monday to Friday only.
    public var rulesCalendar = "scripts/calendar/cn-holidays.json"
    /// District packs bound to organisation subtrees, nearest binding first when they nest.
    public var rulesDistricts: [DistrictBinding] = []
    /// Where a plugin's baseline pack lives when not at its default (`plugins/NAME/rules`
    /// under the working directory), by plugin id: for hosts run from another directory.
    public var rulesPlugins: [String: String] = [:]
    /// A plugin's own settings, as "ID.KEY" → value (`plugins.settings: [liaison.maxSubCouncilsPerPerson=2]`).
    /// Each plugin checks its own (`HostPlugin.checkSettings`) before the host starts.
    public var pluginSettings: [String: String] = [:]
    /// Where relative pack paths are looked for before the working directory (`packCandidates`):
    /// the configuration file's directory and the install prefix, set when the file is read.
    public var packRoots: [String] = []
    /// How notices leave the host: the outbox sender, routes and SMTP (`delivery.*`).
    public var delivery = DeliveryConfiguration()
    /// Whether `rules.baseline` was set (in the file or the environment): a missing default
    /// baseline turns rules off, a missing configured one stops the host.
    public var rulesBaselineConfigured = false

    /// A district rule pack and the organisation whose subtree it applies to (`rules.districts`).
    public struct DistrictBinding: Sendable, Equatable {
        /// The pack's folder, resolved against `packRoots` when read from the file.
        public let directory: String
        /// The organisation at the top of the subtree the pack covers.
        public let organizationID: Int64
        /// A binding of the pack in `directory` to the subtree of `organizationID`.
        public init(directory: String, organizationID: Int64) {
            self.directory = directory
            self.organizationID = organizationID
        }
    }

    /// The defaults, as if the configuration file were empty.
    public init() {}

    /// The settings under `pluginID`, keyed without the "ID." prefix.
    public func settings(of pluginID: String) -> [String: String] {
        var own: [String: String] = [:]
        for (key, value) in pluginSettings where key.hasPrefix(pluginID + ".") {
            own[String(key.dropFirst(pluginID.count + 1))] = value
        }
        return own
    }

    /// The SQLite file to open: `databasePath`, or `<dataDirectory>/dangjian.sqlite` when that is empty.
    public var resolvedDatabasePath: String {
        databasePath.isEmpty ? (dataDirectory as NSString).appendingPathComponent("dangjian.sqlite") : databasePath
    }

    /// Whether the server listens beyond this machine.
    public var listensBeyondLoopback: Bool {
        !(httpHost == "127.0.0.1" || httpHost == "localhost" || httpHost == "::1")
    }

    /// Every key the file may hold, with how to read it. Unknown keys are refused, since a
    /// typo would otherwise be silently ignored.
    static let keys: [String] = [
        "dataDirectory", "database.driver", "database.path", "http.host", "http.port", "http.maxBodyBytes",
        "security.bcryptCost", "security.sessionHours", "console.secureCookies", "scheduler.enabled",
        "scheduler.tickSeconds",
        "plugins.disabled", "plugins.settings", "log.level", "lua.instructionBudget", "lua.memoryBytes",
        "lua.timeoutMilliseconds",
        "rules.baseline", "rules.districts", "rules.calendar", "rules.plugins",
        "delivery.enabled", "delivery.key", "delivery.keyFile", "delivery.consoleUrl", "delivery.routes",
        "delivery.maxAttempts", "delivery.retryBaseSeconds", "delivery.tickMilliseconds", "delivery.smtp.host",
        "delivery.smtp.port", "delivery.smtp.security", "delivery.smtp.username", "delivery.smtp.password",
        "delivery.smtp.from", "delivery.smtp.fromName", "delivery.smtp.caFile",
    ]

    /// Environment variables that belong to commands, not to the configuration.
    static let commandVariables: Set<String> = [
        "DANGJIAN_ADMIN_PASSWORD", "DANGJIAN_CONFIG", "DANGJIAN_SQL_TRACE", ShiftedClock.variable, prefixVariable,
    ]
}

/// A configuration that cannot be used, with every problem found, each naming its key.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// One line per problem, each naming its key.
    public let problems: [String]

    /// An error listing `problems`.
    public init(problems: [String]) { self.problems = problems }

    /// Every problem, one line each, under a Chinese and English heading.
    public var description: String {
        "配置有误，共 \(problems.count) 处 / configuration is invalid, \(problems.count.counted("problem")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
