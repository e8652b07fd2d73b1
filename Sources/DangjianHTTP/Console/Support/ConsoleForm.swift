import Dangjian
import Foundation
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`): each name with its values in order,
/// so a roster's checkboxes (`present=12&present=15`) arrive as a list.
public struct ConsoleForm: Sendable {
    /// Every field's values, in the order the browser sent them.
    public let fields: [String: [String]]

    /// Parses a form body; `+` is a space and `%XX` a byte, as browsers encode them.
    public init(encoded text: String) {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        self.fields = fields
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The field's first value, trimmed; nil when absent or blank, as the registries expect
    /// an optional field left empty.
    public func text(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// Every value of a repeated field, blanks dropped.
    public func texts(_ name: String) -> [String] {
        (fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A whole number, or a 400 naming the field.
    public func int(_ name: String) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text) else {
            throw DangjianError.badValue(name, zh: "应为整数", en: "must be a whole number")
        }
        return value
    }

    /// An id, or a 400 naming the field.
    public func id(_ name: String) throws -> Int64? { try int(name).map(Int64.init) }

    /// Every value of a repeated id field.
    public func ids(_ name: String) throws -> [Int64] {
        try texts(name).map {
            guard let id = Int64($0) else {
                throw DangjianError.badValue(name, zh: "应为编号", en: "must be an id")
            }
            return id
        }
    }

    /// A checkbox: present and not "0".
    public func flag(_ name: String) -> Bool { text(name).map { $0 != "0" && $0 != "false" } ?? false }

    /// Reads a form body, at most `maxBytes` long.
    static func read(_ request: Request, context: DangjianRequestContext, maxBytes: Int) async throws -> ConsoleForm {
        let buffer = try await request.body.collect(upTo: maxBytes)
        return ConsoleForm(encoded: String(buffer: buffer))
    }
}
