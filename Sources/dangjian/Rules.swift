import ArgumentParser
import Dangjian
import DangjianLua

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tools for rule authors.", subcommands: [RulesCheck.self])
}

struct RulesCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile and lint rule packs: syntax errors, unknown fields, missing or duplicate ids, a wrong applies_to.",
        discussion: "Every problem is printed as FILE:LINE: message. Exits 1 when any pack has a problem.")

    @OptionGroup var options: HostOptions

    @Argument(help: "Pack directories (default: the configured baseline, rules.baseline).")
    var directories: [String] = []

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let limits = configuration.luaLimits
        var failed = false
        for directory in directories.isEmpty ? [configuration.rulesBaseline] : directories {
            switch RulePack.load(directory: directory, limits: limits) {
            case .success(let pack):
                let counts = Dictionary(grouping: pack.declarations, by: \.kind.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
                print("\(directory): OK, \(pack.files.count) files, \(counts.joined(separator: ", ")), version \(pack.version)")
            case .failure(let errors):
                failed = true
                for problem in errors.problems { print(problem) }
                print("\(directory): \(errors.problems.count) problem\(errors.problems.count == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
