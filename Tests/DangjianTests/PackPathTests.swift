import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport

/// Relative pack paths are found from the configuration file's directory, then the install
/// prefix, then the working directory (issue 14, point 10).
@Suite struct PackPathTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    func folder(_ files: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-packs-\(UUID().uuidString)")
        for file in files {
            let path = url.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "".write(to: path, atomically: true, encoding: .utf8)
        }
        return url
    }

    @Test func aRelativePackIsFoundBesideTheFileThenUnderThePrefixAndAMissingOneNamesEveryPlaceTried() async throws {
        let dir = try folder(["etc/rules/r.lua", "etc/plugin-rules/p.lua", "prefix/share/dangjian/calendar.json"])
        let file = dir.appendingPathComponent("etc/dangjian.yaml")
        try
            "rules:\n  baseline: rules\n  calendar: calendar.json\n  districts: [districts/nowhere=1]\n  plugins: [orglife=plugin-rules]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let prefix = dir.appendingPathComponent("prefix").path
        let (c, problems) = try await HostConfiguration.read(
            file: file.path, environment: [HostConfiguration.prefixVariable: prefix])
        #expect(problems.isEmpty, "\(problems)")
        #expect(c.rulesBaseline == dir.appendingPathComponent("etc/rules").path && c.rulesBaselineConfigured)
        #expect(c.rulesPlugins["orglife"] == dir.appendingPathComponent("etc/plugin-rules").path)
        #expect(c.rulesCalendar == prefix + "/share/dangjian/calendar.json")
        let nowhere = try #require(c.rulesDistricts.first?.directory)
        #expect(nowhere == "districts/nowhere")
        #expect(
            c.missingPack(nowhere) == "no such directory or file; tried \(dir.path)/etc/districts/nowhere, "
                + "\(prefix)/share/dangjian/districts/nowhere, districts/nowhere (working directory)")
        // An absolute path is used as it is; the defaults are not "configured".
        #expect(c.packCandidates("/opt/rules") == ["/opt/rules"])
        let (defaults, _) = try await HostConfiguration.read(file: nil, environment: [:])
        #expect(!defaults.rulesBaselineConfigured && defaults.rulesBaseline == "scripts/rules")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary)))
    func configCheckFromAnotherWorkingDirectoryFindsEveryPackUnderThePrefix() async throws {
        let dir = try folder(["elsewhere/.keep", "etc/.keep"])
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("prefix/share"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("prefix/share/dangjian"), withDestinationURL: Self.checkout)
        try "dataDirectory: \(dir.appendingPathComponent("db").path)\n".write(
            to: dir.appendingPathComponent("etc/dangjian.yaml"), atomically: true, encoding: .utf8)
        let arguments = ["config", "check", "--config", dir.appendingPathComponent("etc/dangjian.yaml").path]
        let elsewhere = dir.appendingPathComponent("elsewhere")
        let found = try await CommandLineTests().run(
            arguments, environment: [HostConfiguration.prefixVariable: dir.appendingPathComponent("prefix").path],
            in: elsewhere)
        #expect(found.status == 0 && found.output.contains("configuration OK"), "\(found.output)")
        for pack in ["share/dangjian/scripts/rules (", "share/dangjian/plugins/OrgLife/rules ("] {
            #expect(found.output.contains(pack), "missing \(pack) in \(found.output)")
        }
        // Without the prefix the default baseline is not there: rules are off, as before.
        let off = try await CommandLineTests().run(arguments, in: elsewhere)
        #expect(off.status == 0 && off.output.contains("rules           off"), "\(off.output)")
        try? FileManager.default.removeItem(at: dir)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandLineTests.binary)))
    func aConfiguredPackThatIsMissingStopsConfigCheckAndServeNamingThePathsTried() async throws {
        let dir = try folder(["etc/.keep"])
        let file = dir.appendingPathComponent("etc/dangjian.yaml")
        try
            "dataDirectory: \(dir.appendingPathComponent("db").path)\nhttp:\n  port: 0\nrules:\n  baseline: nowhere\n  calendar: \"\"\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let tried = "nowhere: no such directory or file; tried \(dir.path)/etc/nowhere"
        let check = try await CommandLineTests().run(["config", "check", "--config", file.path], in: dir)
        #expect(
            check.status == 1 && check.output.contains(tried) && check.output.contains("nowhere (working directory)"),
            "\(check.output)")
        let serve = try await CommandLineTests().run(
            ["serve", "--config", file.path], environment: ["DANGJIAN_ADMIN_PASSWORD": "Secret2026"], in: dir)
        #expect(serve.status != 0 && serve.output.contains(tried), "\(serve.output)")
        try? FileManager.default.removeItem(at: dir)
    }
}
