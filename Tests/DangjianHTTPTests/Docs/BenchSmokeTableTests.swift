import Foundation
import Testing
import DangjianTestSupport

/// `make test` ends with the benchmark harness's smoke run, whose figures mean nothing: its tables
/// must say so and judge no goal, or a newcomer reads a column of NO as failures.
@Suite struct BenchSmokeTableTests {
    /// Runs `python3` in the package root and returns what it printed.
    static func python(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.launchAlone()
        let data = try await offThePool {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    static let results = "bench/results/latest.json"

    @Test func theSmokeTablesSayTheirFiguresMeanNothingAndJudgeNoGoal() async throws {
        let printed = try await Self.python([
            "-c",
            """
            import json, sys; sys.path.insert(0, "bench"); import run
            print(run.table(json.load(open("\(Self.results)"))["results"], smoke=True))
            """,
        ])
        #expect(printed.hasPrefix("smoke run:") && printed.contains("mean nothing"), "\(printed)")
        let rows = printed.split(separator: "\n").dropFirst()
        #expect(rows.first?.hasSuffix("met") == false, "\(printed)")
        #expect(!rows.contains { $0.hasSuffix(" NO") || $0.hasSuffix(" yes") }, "\(printed)")
        let markdown = try await Self.python(["bench/run.py", "--markdown", Self.results, "--smoke"])
        #expect(markdown.hasPrefix("smoke run:"), "\(markdown)")
        #expect(!markdown.contains("**no**") && !markdown.contains("| met |"), "\(markdown)")
    }

    @Test func aRealRunStillJudgesEveryGoal() async throws {
        let markdown = try await Self.python(["bench/run.py", "--markdown", Self.results])
        #expect(markdown.hasPrefix("| benchmark |") && markdown.contains("| met |"))
        #expect(markdown.contains("**no**") && markdown.contains("| yes |"))
    }
}
