import Configuration
import Foundation
import Logging
import SystemPackage
import Yams

extension HostConfiguration {
    /// Reads the YAML file (when given) under the environment, checks every value, and throws
    /// one `ConfigurationError` listing every problem, before anything starts.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> HostConfiguration
    {
        let (configuration, problems) = try await read(file: file, environment: environment)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// `load` without the verdict: the configuration with each wrong value left at its default,
    /// and every problem found, so `config check` can go on to check the rest. Throws only when
    /// there is nothing to read (a missing or unparseable file).
    public static func read(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> (HostConfiguration, [String])
    {
        var problems: [String] = []
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "dangjian")
        ]
        if let file {
            guard FileManager.default.fileExists(atPath: file) else {
                throw ConfigurationError(problems: ["\(file): 文件不存在 / file not found"])
            }
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                for key in try Self.leafKeys(yaml: text) where !keys.contains(key) {
                    problems.append("\(key): 未知配置项 / unknown key (in \(file))")
                }
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file)))
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError(problems: ["\(file): YAML 无法解析 / cannot parse YAML: \(error)"])
            }
        }
        let known = Set(keys.map(Self.environmentName)).union(commandVariables)
        for name in environment.keys.sorted() where name.hasPrefix("DANGJIAN_") && !known.contains(name) {
            problems.append("\(name): 未知环境变量 / unknown environment variable")
        }

        var reading = TypedReading(reader: ConfigReader(providers: providers))
        var c = HostConfiguration()
        c.dataDirectory = reading.string("dataDirectory", default: c.dataDirectory, nonEmpty: true)
        let driver = reading.string("database.driver", default: "sqlite", nonEmpty: true)
        if driver != "sqlite" {
            reading.problems.append(
                "database.driver: 目前只支持 sqlite / only sqlite is supported in this version, got \(driver)")
        }
        c.databasePath = reading.string("database.path", default: c.databasePath)
        c.httpHost = reading.string("http.host", default: c.httpHost, nonEmpty: true)
        c.httpPort = reading.int("http.port", default: c.httpPort, range: 0...65535)
        c.maxBodyBytes = reading.int("http.maxBodyBytes", default: c.maxBodyBytes, range: 1024...(64 << 20))
        c.bcryptCost = reading.int("security.bcryptCost", default: c.bcryptCost, range: 4...16)
        c.sessionHours = reading.int("security.sessionHours", default: c.sessionHours, range: 1...720)
        c.consoleSecureCookies = reading.bool("console.secureCookies", default: c.consoleSecureCookies)
        c.schedulerEnabled = reading.bool("scheduler.enabled", default: c.schedulerEnabled)
        c.schedulerTickSeconds = reading.int("scheduler.tickSeconds", default: c.schedulerTickSeconds, range: 1...3600)
        c.disabledPlugins = reading.strings("plugins.disabled")
        c.luaInstructionBudget = reading.int(
            "lua.instructionBudget", default: c.luaInstructionBudget, range: 10_000...2_000_000_000)
        c.luaMemoryBytes = reading.int("lua.memoryBytes", default: c.luaMemoryBytes, range: (1 << 20)...(1 << 32))
        c.luaTimeoutMilliseconds = reading.int(
            "lua.timeoutMilliseconds", default: c.luaTimeoutMilliseconds, range: 10...600_000)
        c.rulesBaseline = reading.string("rules.baseline", default: c.rulesBaseline, nonEmpty: true)
        c.rulesBaselineConfigured = reading.reader.string(forKey: ConfigKey("rules.baseline")) != nil
        c.rulesCalendar = reading.string("rules.calendar", default: c.rulesCalendar)
        // "scripts/districts/baoshan=12": a pack directory bound to an organisation id.
        for (directory, id) in reading.pairs(
            "rules.districts", zh: "目录=组织ID", en: "DIRECTORY=ORGANIZATION_ID",
            valid: { Int64($1).map { $0 > 0 } ?? false })
        {
            c.rulesDistricts.append(.init(directory: directory, organizationID: Int64(id)!))
        }
        // "orglife=/opt/dangjian/plugins/OrgLife/rules": a plugin's pack somewhere else.
        for (id, directory) in reading.pairs("rules.plugins", zh: "插件ID=目录", en: "PLUGIN_ID=DIRECTORY") {
            c.rulesPlugins[id] = directory
        }
        // "liaison.maxSubCouncilsPerPerson=2": a plugin's setting; the plugin checks the value.
        let qualified = { (key: String, _: String) in
            key.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty }
                && key.contains(".")
        }
        for (key, value) in reading.pairs(
            "plugins.settings", zh: "插件ID.设置=值", en: "PLUGIN_ID.SETTING=VALUE", valid: qualified)
        {
            c.pluginSettings[key] = value
        }
        c.delivery = reading.delivery(c.delivery)
        let level = reading.string("log.level", default: c.logLevel.rawValue, nonEmpty: true)
        if let parsed = Logger.Level(rawValue: level) {
            c.logLevel = parsed
        } else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            reading.problems.append("log.level: 应为 \(allowed) 之一 / must be one of \(allowed), got \(level)")
        }
        problems += reading.problems
        c.packRoots = packRoots(file: file, environment: environment)
        c.resolvePackPaths()
        return (c, problems)
    }

    /// `http.port` → `DANGJIAN_HTTP_PORT`, as swift-configuration's environment provider maps keys.
    static func environmentName(_ key: String) -> String {
        var name = "DANGJIAN"
        for part in key.split(separator: ".") {
            name += "_"
            for character in part {
                if character.isUppercase { name += "_" }
                name += character.uppercased()
            }
        }
        return name
    }

    static func leafKeys(yaml: String) throws -> [String] {
        guard let node = try Yams.compose(yaml: yaml) else { return [] }
        func walk(_ node: Yams.Node, _ prefix: [String]) -> [String] {
            guard let mapping = node.mapping else { return [prefix.joined(separator: ".")] }
            return mapping.flatMap { key, value in walk(value, prefix + [key.string ?? "?"]) }
        }
        guard node.mapping != nil else {
            throw ConfigurationError(problems: ["配置文件顶层应为映射 / the file's top level must be a mapping"])
        }
        return walk(node, [])
    }
}

/// Reads typed values and collects, instead of swallowing, every value of the wrong type.
struct TypedReading {
    let reader: ConfigReader
    var problems: [String] = []

    mutating func string(_ key: String, default value: String, nonEmpty: Bool = false) -> String {
        guard !isList(key) else { return value }
        let text = reader.string(forKey: ConfigKey(key), default: value)
        if nonEmpty && text.isEmpty {
            problems.append("\(key): 不能为空 / must not be empty")
            return value
        }
        return text
    }

    /// A list where one value belongs: the reader would skip it silently and use the default.
    mutating func isList(_ key: String) -> Bool {
        guard reader.string(forKey: ConfigKey(key)) == nil, let list = reader.stringArray(forKey: ConfigKey(key)) else {
            return false
        }
        problems.append("\(key): 应为单个值，而不是列表 / must be one value, not a list, got [\(list.joined(separator: ", "))]")
        return true
    }

    mutating func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard !isList(key), let text = reader.string(forKey: ConfigKey(key)) else { return value }
        // The library's own error is English and names its internals; the operator gets our words and the value.
        guard let number = try? reader.requiredInt(forKey: ConfigKey(key)) else {
            problems.append("\(key): 应为整数 / must be an integer, got \(text)")
            return value
        }
        guard range.contains(number) else {
            problems.append(
                "\(key): 应在 \(range.lowerBound) 到 \(range.upperBound) 之间 / must be between \(range.lowerBound) and \(range.upperBound), got \(number)"
            )
            return value
        }
        return number
    }

    mutating func bool(_ key: String, default value: Bool) -> Bool {
        guard !isList(key), let text = reader.string(forKey: ConfigKey(key)) else { return value }
        guard let flag = try? reader.requiredBool(forKey: ConfigKey(key)) else {
            problems.append("\(key): 应为 true 或 false / must be true or false, got \(text)")
            return value
        }
        return flag
    }

    mutating func strings(_ key: String) -> [String] {
        guard let list = reader.stringArray(forKey: ConfigKey(key)) else {
            // One value where a list belongs (`disabled: dues`): the reader would drop it silently.
            if let text = reader.string(forKey: ConfigKey(key)), !text.isEmpty {
                problems.append("\(key): 应为列表 / must be a list, e.g. [\(text)], got \(text)")
            }
            return []
        }
        return list.filter { !$0.isEmpty }
    }

    /// A list of "NAME=VALUE" entries, both sides non-empty and `valid`; each other entry is a
    /// problem naming the shape it should have.
    mutating func pairs(_ key: String, zh: String, en: String, valid: (String, String) -> Bool = { _, _ in true }) -> [(
        String, String
    )] {
        strings(key).compactMap { entry in
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, valid(parts[0], parts[1]) else {
                problems.append("\(key): 应为 \(zh) / must be \(en), got \(entry)")
                return nil
            }
            return (parts[0], parts[1])
        }
    }
}
