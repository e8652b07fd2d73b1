import Foundation
import DangjianTestSupport

/// `dangjian serve` (with `--demo-if-empty`, as `make run` starts it, unless `demo` is false) on a
/// free port in its own data directory, started from the package root.
final class ServedDemo: @unchecked Sendable {
    // `process` and `output` are set once in init and only read afterwards.
    private let process = Process()
    private let output = Pipe()
    private let channels: Bool

    static let clockVariable = "DANGJIAN_CLOCK_START"
    /// The day the README's tour was written and checked.
    static let tourDay = "2026-12-07"

    /// With `channels`, as `make run` starts it: through `scripts/demo/run.sh`, with the
    /// channels' stand-ins, which `stop` ends with the script.
    init(binary: URL, root: URL, dataDirectory: URL, demo: Bool = true, channels: Bool = false) throws {
        self.channels = channels
        if channels {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                root.appendingPathComponent("scripts/demo/run.sh").path, dataDirectory.path, "0", binary.path,
            ]
        } else {
            process.executableURL = binary
            process.arguments =
                ["serve", "--data-dir", dataDirectory.path, "--host", "127.0.0.1", "--port", "0"]
                + (demo ? ["--demo-if-empty"] : [])
        }
        process.currentDirectoryURL = root
        // The README's tour names fixed days and periods: the demo runs as of the day it was written.
        process.environment = ProcessInfo.processInfo.environment.merging([Self.clockVariable: Self.tourDay]) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.launchAlone()
    }

    /// The port from the banner `serve` prints once it listens, after the demo has loaded.
    func port(timeout: TimeInterval = 180) async throws -> Int {
        // Reading the pipe blocks: off the cooperative pool, or other tests stall meanwhile.
        try await offThePool { try self.readPort(timeout: timeout) }
    }

    private func readPort(timeout: TimeInterval) throws -> Int {
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline, process.isRunning {
            let chunk = handle.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.1); continue }
            text += String(decoding: chunk, as: UTF8.self)
            // The banner's address, not the channels' stand-ins that `run.sh` names before it.
            if let range = text.range(of: #"running at http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let address = text[range].dropFirst("running at http://127.0.0.1:".count).dropLast()
                if let port = Int(address) { return port }
            }
        }
        throw TourError("serve printed no address in \(Int(timeout)) s: \(text)")
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits for the process to end by itself and returns its exit status.
    func exitStatus() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stop() {
        guard process.isRunning else { return }
        if channels {
            // serve and both stand-ins are the script's children; a test's children may not hear SIGTERM.
            let children = Process()
            children.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            children.arguments = ["-KILL", "-P", String(process.processIdentifier)]
            try? children.launchAlone()
            children.waitUntilExit()
            kill(process.processIdentifier, SIGKILL)
        } else {
            process.terminate()
        }
        process.waitUntilExit()
    }
}

/// The tour's commands as one bash script, with `curl` wrapped so that each request's status
/// and body are kept per command.
struct TourRun {
    struct Step {
        var statuses: [Int] = []
        var lastBody = ""
    }

    let script: TourScript
    let port: Int
    let work: URL

    func run() throws -> [Step] {
        let log = work.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        var bash = """
            cd "\(work.path)"
            __step=0
            curl() {
              local body="\(log.path)/$__step.$RANDOM$RANDOM"
              command curl --max-time 60 -o "$body" -w '%{http_code}\\n' "$@" >> "\(log.path)/$__step.status"
              echo "$body" >> "\(log.path)/$__step.bodies"
              cat "$body"
            }

            """
        for (index, command) in script.commands.enumerated() {
            bash += "__step=\(index)\n"
            bash += command.text.replacingOccurrences(of: "localhost:8080", with: "localhost:\(port)") + "\n"
        }
        let file = work.appendingPathComponent("tour.sh")
        try bash.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [file.path]
        process.currentDirectoryURL = work
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.launchAlone()
        process.waitUntilExit()
        return script.commands.indices.map { index in
            var step = Step()
            let statuses =
                (try? String(contentsOf: log.appendingPathComponent("\(index).status"), encoding: .utf8)) ?? ""
            step.statuses = statuses.split(separator: "\n").compactMap { Int($0) }
            let bodies = (try? String(contentsOf: log.appendingPathComponent("\(index).bodies"), encoding: .utf8)) ?? ""
            if let last = bodies.split(separator: "\n").last {
                step.lastBody = (try? String(contentsOf: URL(fileURLWithPath: String(last)), encoding: .utf8)) ?? ""
            }
            return step
        }
    }
}
