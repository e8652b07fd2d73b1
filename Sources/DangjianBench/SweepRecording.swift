import DangjianLua
import Foundation

/// What a sweep read and ran, written out as a Lua data file so that the standalone `lua5.4`
/// interpreter can run the same rule functions over the same input rows (the `sweep`
/// benchmark's baseline, `bench/sweep/standalone.lua`). Every `dj` function answer is kept
/// under its name and arguments; every planned rule call under its declaration's "file:line".
/// Only the benchmark turns it on: it holds every answer of a sweep in memory.
public final class SweepRecording: SweepObserver, @unchecked Sendable {
    private let lock = NSLock()
    private enum Answer {
        case values([LuaValue])
        case failed(String)
    }

    private var answers: [String: Answer] = [:]
    private var values: [String: LuaValue] = [:]
    private var functionNames: Set<String> = []
    private var calls: [(location: String, function: String, arguments: [LuaValue])] = []

    /// An empty recording; pass it as the `observer` of a `RuleEngine` and write it after the sweep.
    public init() {}

    /// `globals` with every function wrapped to keep its answers; values are kept as they are.
    public func globals(_ globals: [String: LuaGlobal]) -> [String: LuaGlobal] {
        globals.mapValues(wrap)
    }

    private func wrap(_ global: LuaGlobal) -> LuaGlobal {
        switch global {
        case .value(let value):
            return .value(value)
        case .library(let name, let members):
            for case let (key, .value(value)) in members { keep(value: value, as: "\(name).\(key)") }
            return .library(name, members.mapValues(wrap))
        case .function(let name, let function):
            lock.withLock { _ = functionNames.insert(name) }
            return .function(name) { [self] arguments in
                let key = Self.key(name, arguments)
                do {
                    let answer = try function(arguments)
                    lock.withLock { answers[key] = .values(answer) }
                    return answer
                } catch {
                    lock.withLock { answers[key] = .failed((error as? LuaError)?.message ?? "\(error)") }
                    throw error
                }
            }
        }
    }

    private func keep(value: LuaValue, as name: String) {
        lock.withLock { values[name] = value }
    }

    /// Keeps the planned calls of one declaration, in order, for the standalone run to repeat.
    public func planned(location: String, function: String, arguments: [[LuaValue]]) {
        lock.withLock { calls += arguments.map { (location, function, $0) } }
    }

    /// The lookup key of one `dj` call; `bench/sweep/standalone.lua` builds the same string.
    static func key(_ name: String, _ arguments: [LuaValue]) -> String {
        name + "(" + arguments.map(serialized).joined(separator: ",") + ")"
    }

    static func serialized(_ value: LuaValue) -> String {
        switch value {
        case .nil: "n"
        case .bool(let b): b ? "T" : "F"
        case .int(let i): "i\(i)"
        case .number(let d): "f" + String(format: "%.17g", d)
        case .string(let s): "s\(s.utf8.count):\(s)"
        case .table(let t):
            "{" + t.array.map(serialized).joined(separator: ",") + "|"
                + t.fields.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                .map { "\($0.key)=\(serialized($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// The Lua data file: `return { files, functions, values, answers, calls }`. Repeated
    /// arguments (the same organisation's table for every rule) are written once in `shared`.
    /// Entries go out in small functions: one chunk with millions of constants would not load.
    /// Writes the recording as the Lua data file `bench/sweep/standalone.lua` reads.
    public func write(to path: String, files: [(name: String, source: String)]) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? handle.close() }
        var buffer = ""
        func emit(_ text: String) {
            buffer += text
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        let (answers, values, names, calls) = lock.withLock {
            (self.answers, self.values, self.functionNames, self.calls)
        }
        emit("local D = { files = {}, functions = {}, values = {}, answers = {}, calls = {}, shared = {} }\n")
        emit("local S = D.shared\n")
        for file in files {
            emit(
                "D.files[#D.files + 1] = { name = \(Self.literal(.string(file.name))), source = \(Self.literal(.string(file.source))) }\n"
            )
        }
        for name in names.sorted() { emit("D.functions[#D.functions + 1] = \(Self.literal(.string(name)))\n") }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            emit("D.values[\(Self.literal(.string(name)))] = \(Self.literal(value))\n")
        }
        var chunk = 0
        func statement(_ text: String) {
            if chunk % 2_000 == 0 { emit(chunk == 0 ? ";(function()\n" : "end)()\n;(function()\n") }
            emit(text)
            chunk += 1
        }
        for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
            switch answer {
            case .values(let values):
                statement(
                    "D.answers[\(Self.literal(.string(key)))] = { n = \(values.count)\(values.map { ", " + Self.literal($0) }.joined()) }\n"
                )
            case .failed(let message):
                statement("D.answers[\(Self.literal(.string(key)))] = { err = \(Self.literal(.string(message))) }\n")
            }
        }
        var shared: [String: Int] = [:]
        for call in calls {
            let arguments = call.arguments.map { argument -> String in
                let text = Self.literal(argument)
                guard case .table = argument else { return text }
                if let index = shared[text] { return "S[\(index)]" }
                let index = shared.count + 1
                shared[text] = index
                statement("S[\(index)] = \(text)\n")
                return "S[\(index)]"
            }
            statement(
                "D.calls[#D.calls + 1] = { \(Self.literal(.string(call.location))), \(Self.literal(.string(call.function))), "
                    + "{ n = \(arguments.count)\(arguments.map { ", " + $0 }.joined()) } }\n")
        }
        if chunk > 0 { emit("end)()\n") }
        emit("return D\n")
        handle.write(Data(buffer.utf8))
    }

    /// A Lua literal for `value`: integers stay integers and floats stay floats.
    static func literal(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return i == .min ? "math.mininteger" : "\(i)"
        case .number(let d):
            if d.isNaN { return "(0/0)" }
            if d.isInfinite { return d > 0 ? "math.huge" : "-math.huge" }
            let text = String(format: "%.17g", d)
            return text.contains(where: { ".en".contains($0) }) ? text : text + ".0"
        case .string(let s):
            // Only ASCII is escaped, so UTF-8 sequences pass through whole.
            var bytes: [UInt8] = [UInt8(ascii: "\"")]
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
                case 0..<32, 127: bytes += Array(("\\" + String(format: "%03d", byte)).utf8)
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
            return String(decoding: bytes, as: UTF8.self)
        case .table(let t):
            let items =
                t.array.map(literal)
                + t.fields.sorted { $0.key < $1.key }.map { "[\(literal(.string($0.key)))] = \(literal($0.value))" }
            return "{" + items.joined(separator: ", ") + "}"
        }
    }
}
