import ArgumentParser
import Dangjian
import DangjianDelivery
import DangjianLua
import Foundation

struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the configuration.", subcommands: [ConfigCheck.self])
}

struct ConfigCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Read the configuration file and environment, report every wrong value with its key, and show the result.",
        discussion: """
            Checks what `serve` checks before it starts: every value, the plugins and their settings, the data directory, \
            and the rule packs, loaded as `serve` loads them (bindings against the database when it exists). \
            Every problem is listed at once. Writes nothing.
            """)

    @OptionGroup var options: HostOptions

    func run() async throws {
        let configuration: HostConfiguration
        var problems: [String]
        do {
            (configuration, problems) = try await options.readConfiguration()
        } catch {
            print(error)
            throw ExitCode(1)
        }
        var notes: [String] = []
        var plugins: PluginSet?
        let compiled = try CompiledPlugins.make(configuration)
        do {
            plugins = try PluginSet(available: compiled, disabledIDs: configuration.disabledPlugins)
        } catch {
            problems.append("plugins.disabled: \(error)")
        }
        problems += PluginSet.settingsProblems(configuration.pluginSettings, available: compiled)
        problems += Self.dataDirectoryProblems(configuration)
        problems += DeliveryService.smtp(configuration.delivery)?.problems().map { "delivery.smtp: \($0)" } ?? []
        // A wrong value was left at its default above, so the packs are still checked with the rest.
        if let plugins {
            problems += await Self.ruleProblems(configuration, plugins: plugins, notes: &notes)
        }
        guard problems.isEmpty else {
            print(ConfigurationError(problems: problems))
            throw ExitCode(1)
        }
        print(
            """
            配置正确 / configuration OK (\(options.configFile ?? "defaults and environment only"))
              database        sqlite \(configuration.resolvedDatabasePath)
              http            \(configuration.httpHost):\(configuration.httpPort) (max body \(configuration.maxBodyBytes) bytes)
              security        bcrypt cost \(configuration.bcryptCost), sessions \(configuration.sessionHours) h
              scheduler       \(configuration.schedulerEnabled ? "on" : "off"), tick \(configuration.schedulerTickSeconds) s
              plugins off     \(configuration.disabledPlugins.isEmpty ? "none" : configuration.disabledPlugins.joined(separator: ", "))
              plugin settings \(configuration.pluginSettings.isEmpty ? "none" : configuration.pluginSettings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
              log level       \(configuration.logLevel)
              delivery        \(Self.delivery(configuration.delivery))
            """)
        for note in notes { print("  \(note)") }
    }

    /// The sender, its routes and the relay, without the password.
    static func delivery(_ d: DeliveryConfiguration) -> String {
        guard d.enabled else { return "off (another host sends)" }
        let routes = d.routes.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.map(\.rawValue).joined(separator: "+"))"
        }
        let email =
            d.smtp.host.isEmpty
            ? "email off (no smtp.host)" : "email via \(d.smtp.host):\(d.smtp.port) \(d.smtp.security)"
        return
            "on, \(d.maxAttempts) attempts; routes \(routes.joined(separator: ", ")); \(email); links to \(d.consoleURL)"
    }

    /// serve creates the database when it is missing: the directory must allow that.
    static func dataDirectoryProblems(_ configuration: HostConfiguration) -> [String] {
        let path = configuration.resolvedDatabasePath
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: path) else { return [] }
        var existing = URL(
            fileURLWithPath: (path as NSString).deletingLastPathComponent.isEmpty
                ? "." : (path as NSString).deletingLastPathComponent
        )
        .standardizedFileURL
        var isDirectory: ObjCBool = false
        while !fileManager.fileExists(atPath: existing.path, isDirectory: &isDirectory), existing.path != "/" {
            existing.deleteLastPathComponent()
        }
        let key = configuration.databasePath.isEmpty ? "dataDirectory" : "database.path"
        guard isDirectory.boolValue, fileManager.isWritableFile(atPath: existing.path) else {
            return [
                "\(key): 无法在 \(existing.path) 下创建数据库 \(path) / cannot create the database \(path): \(existing.path) is not a writable directory"
            ]
        }
        return []
    }

    /// The rule packs as serve loads them: every pack, the calendar, each binding against the
    /// database (opened read-only, when it exists), and the packs compiled for the sweep.
    static func ruleProblems(_ configuration: HostConfiguration, plugins: PluginSet, notes: inout [String]) async
        -> [String]
    {
        guard
            configuration.rulesBaselineConfigured || FileManager.default.fileExists(atPath: configuration.rulesBaseline)
        else {
            notes.append(
                "rules           off: no baseline pack at \(configuration.rulesBaseline) (serve starts without rules)")
            return []
        }
        var problems: [String] = []
        let rulePlugins = plugins.ordered.compactMap { $0 as? any RulePlugin }
        let calendar: WorkCalendar
        do {
            calendar = try configuration.workCalendar()
        } catch {
            problems.append(
                "rules.calendar: 无法读取节假日日历 / cannot read the holiday calendar \(configuration.rulesCalendar): \(error)")
            calendar = .weekendsOnly
        }
        let rules: RuleSet
        switch RuleSet.load(configuration, plugins: rulePlugins) {
        case .success(let loaded): rules = loaded
        case .failure(let errors): return problems + errors.problems.map { "规则包 / rule pack: \($0)" }
        }
        let loaded =
            "rules           \(rules.packs.count.counted("pack")): \(rules.packs.map { "\($0.directory) (\($0.version))" }.joined(separator: ", "))"
        let host: DangjianHost
        do {
            host = try await DangjianHost.open(
                configuration: configuration, plugins: try CompiledPlugins.make(configuration), readOnly: true)
        } catch {
            // No database yet: serve would create an empty one, where no bound organisation exists.
            let unavailable = (error as? DatabaseUnavailable).map { "\($0.zh) / \($0.en)" } ?? "\(error)"
            if !FileManager.default.fileExists(atPath: configuration.resolvedDatabasePath) {
                problems += rules.bindings.map {
                    "rules.districts: 规则包 \($0.pack.directory) 绑定组织 \($0.organizationID)，但数据库尚不存在 / \($0.pack.directory) is bound to organisation \($0.organizationID), but there is no database yet"
                }
            } else if !rules.bindings.isEmpty {
                notes.append("rules.districts not checked against the organisations: \(unavailable)")
            }
            if problems.isEmpty { notes.append(loaded) }
            return problems
        }
        do {
            problems += try await rules.checkBindings(against: host).map { "rules.districts: \($0)" }
            if problems.isEmpty {
                _ = try RuleEngine(
                    host: host, rules: rules, limits: configuration.luaLimits, calendar: calendar, poolSize: 1)
            }
        } catch {
            problems.append("规则包 / rule pack: \(error)")
        }
        await host.stop()
        if problems.isEmpty { notes.append(loaded) }
        return problems
    }
}
