import Dangjian
import Hummingbird
import Foundation

/// Per-request state: the caller, once the auth middleware has resolved the bearer token.
public struct DangjianRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The caller; nil until the auth middleware resolves a token, and on routes that need none.
    public var principal: Principal?
    /// The bearer token the request carried, kept so that logout can revoke it.
    public var token: String?

    /// Made by Hummingbird for each request; the caller is filled in by the auth middleware.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Decodes request bodies, reading dates as ISO 8601.
    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Encodes answers with sorted keys, unescaped slashes and the API's time format.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = AnswerTime.strategy
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The caller, or 401.
    public func caller() throws -> Principal {
        guard let principal else { throw DangjianError.unauthorized }
        return principal
    }
}
