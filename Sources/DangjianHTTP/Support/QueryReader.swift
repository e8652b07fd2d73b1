import Dangjian
import Hummingbird

/// Typed query parameters. A parameter the endpoint does not document is refused, so a
/// misspelt filter (`?staus=open`) fails loudly instead of returning everything.
public struct QueryReader {
    let parameters: [String: String]

    init(_ request: Request, allowed: [QueryParameter]) throws {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            parameters[String(key)] = String(value)
        }
        let names = Set(allowed.map(\.name))
        if let unknown = parameters.keys.filter({ !names.contains($0) }).sorted().first {
            throw DangjianError.invalid(
                HTTPErrorCode.requestUnknownParameter, field: unknown,
                zh: "未知查询参数 \(unknown)", en: "Unknown query parameter \(unknown)")
        }
        self.parameters = parameters
    }

    /// The parameter's text; nil when absent or empty.
    public func string(_ name: String) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The parameter as an integer; other text is a 400 naming it.
    public func int64(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text) else {
            throw DangjianError.badValue(name, zh: "应为整数", en: "must be an integer")
        }
        return value
    }

    /// As `int64`.
    public func int(_ name: String) throws -> Int? { try int64(name).map { Int($0) } }

    /// `true`/`1` or `false`/`0`; other text is a 400.
    public func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw DangjianError.badValue(name, zh: "应为 true 或 false", en: "must be true or false")
        }
    }

    /// A `YYYY-MM-DD` day; other text is a 400.
    public func day(_ name: String) throws -> Day? { try Validate.day(string(name), field: name) }

    /// One of an enum's raw values; the 400 lists the values allowed.
    public func enumValue<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type = E.self) throws -> E?
    where E.RawValue == String {
        guard let text = string(name) else { return nil }
        return try Validate.enumValue(text, field: name, as: type)
    }

    /// `limit` and `cursor` as a page request.
    public func page() throws -> PageRequest { try PageRequest(limit: try int("limit"), cursor: string("cursor")) }
}

extension DangjianRequestContext {
    /// A positive integer path parameter (`{id}`); anything else is a 400, never a lookup.
    public func id(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else {
            throw DangjianError.badValue(name, zh: "应为正整数", en: "must be a positive integer")
        }
        return id
    }
}
