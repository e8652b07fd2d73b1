import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport

/// Runs the built `dangjian` binary as an operator would.
@Suite struct CommandLineTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/debug/dangjian").standardized.path

    struct Outcome {
        let status: Int32
        let output: String
    }

    func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DANGJIAN_") }
        env["DANGJIAN_LOG_LEVEL"] = "error"
        env["DANGJIAN_SECURITY_BCRYPT_COST"] = "4"
        process.environment = env.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.launchAlone()
        let data = try await offThePool {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    func workspace() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func initImportAndExportAsAnOperator() async throws {
        let dir = try workspace()
        // A refused password leaves nothing behind, so init can be run again.
        let weak = try await run(
            ["init", "--admin", "zhang", "--data-dir", "db"], environment: ["DANGJIAN_ADMIN_PASSWORD": "short"], in: dir
        )
        #expect(weak.status != 0 && weak.output.contains("8"), "\(weak.output)")
        let initialised = try await run(
            ["init", "--admin", "zhang", "--district", "测试区党委", "--data-dir", "db"],
            environment: ["DANGJIAN_ADMIN_PASSWORD": "Secret2026"], in: dir)
        #expect(initialised.status == 0, "\(initialised.output)")
        #expect(initialised.output.contains("zhang"))
        let again = try await run(
            ["init", "--admin", "li", "--data-dir", "db"], environment: ["DANGJIAN_ADMIN_PASSWORD": "Secret2026"],
            in: dir)
        #expect(again.status != 0 && again.output.contains("already holds data"))

        let good = IDs.make(born: "1980-01-02", sequence: 101)
        let csv = "组织ID,姓名,身份证号,状态,申请入党日期\n1,张三,\(good),applicant,2026-01-05\n1,李四,12345,applicant,2026-01-05\n"
        try csv.write(to: dir.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let strict = try await run(
            ["import", "members", "roster.csv", "--all-or-nothing", "--data-dir", "db"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.output.contains("line 3") && strict.output.contains("imported 0"))
        let lenient = try await run(["import", "members", "roster.csv", "--data-dir", "db"], in: dir)
        #expect(lenient.status == 2 && lenient.output.contains("imported 1, rejected 1"))

        let masked = try await run(["export", "members", "--data-dir", "db"], in: dir)
        #expect(masked.status == 0 && masked.output.contains("张三") && !masked.output.contains(good))
        let full = try await run(["export", "members", "--unmasked", "--data-dir", "db"], in: dir)
        #expect(full.output.contains(good))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func configCheckNamesTheBadKey() async throws {
        let dir = try workspace()
        try "http:\n  port: 99999\n".write(
            to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try await run(["config", "check", "--config", "bad.yaml"], in: dir)
        #expect(bad.status == 1 && bad.output.contains("http.port"))
        let good = try await run(["config", "check"], environment: ["DANGJIAN_HTTP_PORT": "9090"], in: dir)
        #expect(good.status == 0 && good.output.contains(":9090"))
        let help = try await run(["import", "members", "--help"], in: dir)
        #expect(
            help.output.contains("--all-or-nothing") && help.output.contains("By default every valid row is imported"))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func commandsThatWriteNothingNeverCreateTheDatabase() async throws {
        let dir = try workspace()
        let data = dir.appendingPathComponent("data").path
        for arguments in [["rules", "run", "--dry-run"], ["rules", "explain", "1"], ["export", "members"]] {
            let outcome = try await run(arguments, in: dir)
            #expect(outcome.status != 0, "\(arguments): \(outcome.output)")
            #expect(
                outcome.output.contains(data) && outcome.output.contains("dangjian init")
                    && outcome.output.contains("请先运行"),
                "\(arguments): \(outcome.output)")
        }
        #expect(try await run(["plugins", "list"], in: dir).status == 0)
        #expect(try await run(["config", "check"], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: data))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func allOrNothingImportWritesNothingWhenALineHasExtraFields() async throws {
        let dir = try workspace()
        let initialised = try await run(
            ["init", "--admin", "zhang"], environment: ["DANGJIAN_ADMIN_PASSWORD": "Secret2026"], in: dir)
        #expect(initialised.status == 0, "\(initialised.output)")
        var lines = ["组织ID,姓名,身份证号,状态,申请入党日期"]
        for n in 1...1000 {
            lines.append(
                "1,党员\(n),\(IDs.make(born: "1980-01-02", sequence: n % 1000)),applicant,2026-01-05\(n == 699 ? ",x,y" : "")"
            )
        }
        try lines.joined(separator: "\n").write(
            to: dir.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let strict = try await run(["import", "members", "roster.csv", "--all-or-nothing"], in: dir)
        #expect(strict.status == 2)
        #expect(
            strict.output.contains("line 700: ")
                && strict.output.contains("imported 0, rejected 1 (all-or-nothing: nothing written)"),
            "\(strict.output)")
        let exported = try await run(["export", "members"], in: dir)
        // The header line only.
        #expect(exported.status == 0 && exported.output.split(separator: "\n").count == 1, "\(exported.output)")
        try? FileManager.default.removeItem(at: dir)
    }

    /// A workspace whose only rules are `rule`, with every plugin switched off, initialised.
    func ruleWorkspace(_ rule: String) async throws -> URL {
        let dir = try workspace()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try rule.write(to: dir.appendingPathComponent("rules/r.lua"), atomically: true, encoding: .utf8)
        try
            "rules:\n  baseline: rules\n  calendar: \"\"\nplugins:\n  disabled: [orglife, council, secretary, liaison, brand]\n"
            .write(to: dir.appendingPathComponent("dangjian.yaml"), atomically: true, encoding: .utf8)
        let initialised = try await run(
            ["init", "--admin", "zhang", "--config", "dangjian.yaml"],
            environment: ["DANGJIAN_ADMIN_PASSWORD": "Secret2026"], in: dir)
        #expect(initialised.status == 0, "\(initialised.output)")
        return dir
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func theDryRunListsNoticesWithoutARecipientOnceAndTasksWithoutAUser() async throws {
        let dir = try await ruleWorkspace(
            """
            rule { id = "dry-reach", title = "x", source = "测试", applies_to = { kind = "committee" },
              check = function(org, today)
                return { { notify = "secretary", title = "请召开会议", key = "k1" }, { notify = "secretary", title = "请召开会议", key = "k2" },
                         { open = "task", title = "整改", key = "t" } }
              end }
            """)
        let text = try await run(["rules", "run", "--dry-run", "--config", "dangjian.yaml"], in: dir)
        #expect(text.status == 0, "\(text.output)")
        #expect(
            text.output.contains("NO RECIPIENT dry-reach  区党委(1): 没有书记账号 / no secretary account (2 notices: k1, k2)"),
            "\(text.output)")
        #expect(
            text.output.contains("dry-reach  区党委(1) → task [task:t]: 整改") && !text.output.contains("user 0"),
            "\(text.output)")
        #expect(
            text.output.contains("1 evaluation, 1 notification (0 sent already), 0 failures, 2 without a recipient"),
            "\(text.output)")
        let json = try await run(["rules", "run", "--dry-run", "--json", "--config", "dangjian.yaml"], in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let unaddressed = try #require(object?["withoutRecipient"] as? [[String: Any]], "\(json.output)")
        #expect(unaddressed.map { $0["key"] as? String } == ["k1", "k2"])
        #expect(
            unaddressed.allSatisfy {
                $0["organization"] as? String == "区党委" && $0["recipient"] as? String == "secretary"
            })
        #expect((object?["planned"] as? [[String: Any]])?.first?["intent"] as? String == "task")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func configCheckListsEveryProblemThatServeWouldRefuseAtOnce() async throws {
        let rule = #"rule { id = "%@", title = "x", source = "测试", check = function(org, today) return {} end }"#
        let dir = try await ruleWorkspace(rule.replacingOccurrences(of: "%@", with: "base-rule"))
        let bad = try await run(
            ["config", "check", "--config", "dangjian.yaml"],
            environment: [
                "DANGJIAN_HTTP_PORT": "abc", "DANGJIAN_RULES_DISTRICTS": "districts/nowhere=1",
                "DANGJIAN_PLUGINS_SETTINGS": "orglife.colour=red",
            ], in: dir)
        #expect(bad.status == 1)
        for expected in [
            "http.port: 应为整数 / must be an integer, got abc", "plugins.settings: orglife.colour",
            "districts/nowhere: no such directory",
            "configuration is invalid, 3 problems:",
        ] {
            #expect(bad.output.contains(expected), "missing \(expected) in \(bad.output)")
        }
        // The configuration library's own words stay out.
        #expect(!bad.output.contains("Error") && !bad.output.contains("ConfigKey"), "\(bad.output)")

        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("district"), withIntermediateDirectories: true)
        try rule.replacingOccurrences(of: "%@", with: "district-rule").write(
            to: dir.appendingPathComponent("district/d.lua"), atomically: true, encoding: .utf8)
        let unbound = try await run(
            ["config", "check", "--config", "dangjian.yaml"], environment: ["DANGJIAN_RULES_DISTRICTS": "district=99"],
            in: dir)
        #expect(
            unbound.status == 1 && unbound.output.contains("bound to organisation 99, which does not exist"),
            "\(unbound.output)")
        #expect(unbound.output.contains("1 problem:") && !unbound.output.contains("1 problems"), "\(unbound.output)")
        let bound = try await run(
            ["config", "check", "--config", "dangjian.yaml"], environment: ["DANGJIAN_RULES_DISTRICTS": "district=1"],
            in: dir)
        #expect(
            bound.status == 0 && bound.output.contains("configuration OK") && bound.output.contains("2 packs: rules ("),
            "\(bound.output)")
        let nowhere = try await run(
            ["config", "check", "--config", "dangjian.yaml", "--data-dir", "dangjian.yaml/db"], in: dir)
        #expect(
            nowhere.status == 1 && nowhere.output.contains("dataDirectory: ")
                && nowhere.output.contains("is not a writable directory"),
            "\(nowhere.output)")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func rulesCheckReportsAFieldAtItsOwnLine() async throws {
        let dir = try workspace()
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("pack"), withIntermediateDirectories: true)
        try """
        -- notfy = { } in a comment is no field
        reminder {
          id = "field-lines",
          title = "notfy = 不是字段",
          source = [[多行
        notfy = 也不是]],
          applies_to = { kind = "branch" },
          every = "month",
          done = function(org, period)
            local a, notfy = 1, 2
            if a then notfy = 3 end
            return { notfy = notfy } ~= nil
          end,
          notify = {
            before_end = { 7, 3 },
            tp = "secretary",
          },
          notfy = true,
        }
        """.write(to: dir.appendingPathComponent("pack/r.lua"), atomically: true, encoding: .utf8)
        let checked = try await run(["rules", "check", "pack"], in: dir)
        #expect(checked.status == 1)
        let lines = checked.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("pack/r.lua:18: reminder: unknown field notfy") }, "\(checked.output)")
        #expect(lines.contains { $0.hasPrefix("pack/r.lua:16: notify: unknown key tp") }, "\(checked.output)")
        #expect(lines.contains { $0.hasPrefix("pack/r.lua:14: notify.to must be one of") }, "\(checked.output)")
        #expect(lines.last == "pack: 3 problems", "\(checked.output)")
        // Counts take the singular when they are one.
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("good"), withIntermediateDirectories: true)
        try #"rule { id = "one-rule", title = "x", source = "测试", check = function() return {} end }"#
            .write(to: dir.appendingPathComponent("good/r.lua"), atomically: true, encoding: .utf8)
        let good = try await run(["rules", "check", "good"], in: dir)
        #expect(good.status == 0 && good.output.hasPrefix("good: OK, 1 file, 1 rule, version "), "\(good.output)")
        // The help is wrapped to the terminal: compare its words.
        let demo = try await run(["demo", "--help"], in: dir).output.split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        #expect(
            demo.contains("29,000 ledger records") && demo.contains("2.9 million ledger records")
                && !demo.contains("2.5 million"), "\(demo)")
        try? FileManager.default.removeItem(at: dir)
    }
}
