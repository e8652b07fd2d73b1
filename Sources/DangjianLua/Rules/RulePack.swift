import Dangjian
import Foundation

/// A directory of rule files: the baseline (`scripts/rules`) or a district's overlay
/// (`scripts/districts/NAME`). `*_test.lua` files are fixtures, not rules.
public struct RulePack: Sendable {
    /// One rule file of the pack, kept with its text so every VM loads exactly what was checked.
    public struct File: Sendable, Equatable {
        /// The path as given, e.g. "scripts/rules/terms.lua".
        public let path: String
        /// SHA-256 of the file's bytes; a rule's version is its file's hash.
        public let hash: String
        /// The text that was checked, so every VM loads exactly what was checked.
        public let source: String
    }

    /// The directory the pack was loaded from; VMs keep its functions under this name.
    public let directory: String
    /// Its rule files in name order, `*_test.lua` fixtures left out.
    public let files: [File]
    /// What its files declared, file by file in name order and in order within a file, each with
    /// its typed reminder, rule, hook or score.
    public let declarations: [Declaration]

    /// The pack's version: the first 12 hex digits of a SHA-256 over its files' hashes, so that
    /// editing any file gives a new version.
    public var version: String { String(ContentHash.sha256(files.map(\.hash).joined()).prefix(12)) }

    /// "id@version" of a declaration: its id and the first 12 hex digits of its file's hash.
    public func reference(of declaration: Declaration) -> String {
        let path = declaration.location.split(separator: ":").dropLast().joined(separator: ":")
        let hash = files.first { $0.path == path }?.hash.prefix(12) ?? "unknown"
        return "\(declaration.name)@\(hash)"
    }

    /// Loads this pack's files into `vm`, so that its declarations' functions live there.
    public func load(into vm: LuaVM, globals: [String: LuaGlobal] = DJLibrary.checkGlobals) throws {
        var declarations: [Declaration] = []
        for file in files {
            declarations += try vm.declarations(in: file.source, file: file.path, globals: globals).1
        }
        // Functions are found by key, so the order may differ between VMs, but every VM must
        // declare the same rules as the checked copy. A pack whose top level varies (os.time) is refused.
        let found = Dictionary(declarations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        guard Set(self.declarations.map(\.key)) == Set(found.keys), found.count == declarations.count else {
            throw PackErrors(problems: [
                PackProblem(
                    directory,
                    "the pack declares different rules each time it runs (e.g. a loop over pairs, or os.time at the top level); declare each rule explicitly"
                )
            ])
        }
        vm.packs[directory] = found
    }

    /// Loads and checks every rule file in `directory`, each in a fresh sandboxed environment of
    /// one throwaway VM under `limits`. Returns the pack only when there is no problem at all;
    /// otherwise every problem found, in file and line order, so an author fixes them in one go.
    /// A check that only reads the pack (`rules check`, `config check`) uses this form.
    public static func load(
        directory: String, limits: LuaLimits = LuaLimits(),
        globals: [String: LuaGlobal] = DJLibrary.checkGlobals
    ) -> Result<RulePack, PackErrors> {
        do {
            return load(directory: directory, into: try LuaVM(limits: limits), globals: globals)
        } catch {
            return .failure(PackErrors(problems: [PackProblem(directory, "cannot start Lua: \(error)")]))
        }
    }

    /// Checks the pack in `vm`, with the globals it will run with, and leaves its functions
    /// there: the VM that checked a pack is the first VM that runs it, so a running host loads
    /// each pack once per VM and no more. On failure `vm` holds a half-loaded pack; drop it.
    public static func load(directory: String, into vm: LuaVM, globals: [String: LuaGlobal]) -> Result<
        RulePack, PackErrors
    > {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(PackErrors(problems: [PackProblem(directory, "no such directory")]))
        }
        let names = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasSuffix("_test.lua") }.sorted()
        var files: [File] = []
        var declarations: [Declaration] = []
        var problems: [PackProblem] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = fileManager.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
                problems.append(PackProblem(path, "cannot read the file as UTF-8"))
                continue
            }
            files.append(File(path: path, hash: ContentHash.sha256(data), source: source))
            do {
                let (_, found) = try vm.declarations(in: source, file: path, globals: globals)
                // Read once, here: the schema check, the planner and the notice's wording use
                // the typed values (the reminder's templates are parsed for both).
                let templates = found.map(Reminder.templates)
                problems += check(found, source: source, templates: templates)
                declarations += zip(found, templates).map { d, templates in
                    var d = d
                    d.reminder = Reminder(d, templates: templates)
                    d.rule = CheckRule(d)
                    d.hook = Hook(d)
                    d.score = Score(d)
                    return d
                }
            } catch let error as LuaError {
                problems.append(PackProblem(error.location ?? path, "\(error.kind.rawValue) error: \(error.message)"))
            } catch {
                problems.append(PackProblem(path, "\(error)"))
            }
        }
        problems += duplicates(declarations)
        if names.isEmpty { problems.append(PackProblem(directory, "no rule files (*.lua) in the pack")) }
        guard problems.isEmpty else {
            return .failure(
                PackErrors(
                    problems: problems.sorted {
                        ($0.location.localizedStandardCompare($1.location)) == .orderedAscending
                    }))
        }
        vm.packs[directory] = Dictionary(declarations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        return .success(RulePack(directory: directory, files: files, declarations: declarations))
    }

    /// Checks one file's declarations against the schema, each field's problem at its own line.
    static func check(_ declarations: [Declaration], source: String, templates: [Reminder.Templates]) -> [PackProblem] {
        var seen: [String: Int] = [:]
        return zip(declarations, templates).flatMap { d, templates in
            let occurrence = seen[d.kind.rawValue + "@" + d.location, default: 0]
            seen[d.kind.rawValue + "@" + d.location] = occurrence + 1
            let line = d.location.split(separator: ":").last.flatMap { Int($0) } ?? 0
            return RuleSchema.check(
                d, fields: FieldLines(source: source, keyword: d.kind.rawValue, line: line, occurrence: occurrence),
                templates: templates)
        }
    }

    /// Two declarations with one id in one pack: the second is reported, naming the first.
    static func duplicates(_ declarations: [Declaration]) -> [PackProblem] {
        var first: [String: String] = [:]
        var problems: [PackProblem] = []
        for d in declarations where [.reminder, .rule, .score].contains(d.kind) {
            guard let id = d.kind == .score ? d.name : d.id else { continue }
            if let earlier = first[id] {
                problems.append(PackProblem(d.location, "duplicate id \(id) (first declared at \(earlier))"))
            } else {
                first[id] = d.location
            }
        }
        return problems
    }
}

/// Every problem of a pack that was refused.
public struct PackErrors: Error, Sendable, CustomStringConvertible {
    /// Every problem found, sorted by file and line, so an author fixes them in one go.
    public let problems: [PackProblem]
    /// The problems one per line, "file:line: message", as `rules check` prints them.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
