import ArgumentParser
import Dangjian
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import data from files.", subcommands: [ImportMembers.self])
}

struct ImportMembers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Import a member roster from CSV.",
        discussion: """
            By default every valid row is imported and each rejected row is reported with its line number and reason. \
            With --all-or-nothing, one bad row means nothing is imported. Headers may be field names (organizationID, name, \
            idNumber, status, …) or Chinese labels (组织ID, 姓名, 身份证号, 状态, …).
            """)

    @OptionGroup var options: HostOptions

    @Argument(help: "The CSV file (UTF-8, with a header row).")
    var file: String

    @Flag(
        name: .customLong("all-or-nothing"),
        help: "Import nothing if any row is invalid (default: import the valid rows).")
    var allOrNothing = false

    func run() async throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Failure(description: "无法读取 \(file)（须为 UTF-8 编码）/ cannot read \(file) as UTF-8")
        }
        let parsed = try MemberCSV.parse(text)
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration)
        let progress = Progress()
        progress.report("校验并写入 validating and writing", 0, parsed.rows.count)
        // An unreadable row is a rejection like an invalid one: with --all-or-nothing it refuses the batch.
        let all = try await host.members.createBatch(
            parsed.rows.map { ($0.line, $0.draft) }, unreadable: parsed.errors,
            allOrNothing: allOrNothing, by: .system)
        progress.report("校验并写入 validating and writing", parsed.rows.count, parsed.rows.count)
        let rejected = all.filter { $0.error != nil }
        let rolledBack = allOrNothing && !rejected.isEmpty
        for row in rejected {
            print(
                "第 \(row.line) 行 / line \(row.line): \(row.error!.field.map { "[\($0)] " } ?? "")\(row.error!.zh) / \(row.error!.en)"
            )
        }
        let imported = all.filter { $0.memberID != nil }.count
        print(
            "导入 \(imported) 行，拒绝 \(rejected.count) 行 / imported \(imported), rejected \(rejected.count)\(rolledBack ? " (all-or-nothing: nothing written)" : "")"
        )
        await host.stop()
        if !rejected.isEmpty { throw ExitCode(2) }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export data to files.", subcommands: [ExportMembers.self])
}

struct ExportMembers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Export the member roster. ID and phone numbers are masked unless --unmasked is given.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv }

    @OptionGroup var options: HostOptions

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(help: "Only members under this organisation id.")
    var within: Int64?

    @Flag(help: "Write full ID and phone numbers. The file then holds personal data: keep it safe.")
    var unmasked = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration, readOnly: true)
        var members: [Member] = []
        var page = PageRequest.first
        while true {
            let result = try await host.members.list(.init(within: within), page: page, by: .system)
            members += unmasked ? result.items : result.items.map { $0.masked() }
            guard let next = result.nextCursor else { break }
            page = try PageRequest(limit: PageRequest.maxLimit, cursor: next)
        }
        let csv = try MemberCSV.export(members)
        if let output {
            try csv.write(toFile: output, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(
                Data("已导出 \(members.count) 名党员 / exported \(members.count.counted("member")) to \(output)\n".utf8))
        } else {
            print(csv, terminator: "")
        }
        await host.stop()
    }
}
