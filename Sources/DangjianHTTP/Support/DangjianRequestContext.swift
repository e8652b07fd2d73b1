import Dangjian
import Hummingbird
import Foundation

/// Per-request state: the caller, once the auth middleware has resolved the bearer token.
public struct DangjianRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var token: String?

    /// Made by Hummingbird for each request; the caller is filled in by the auth middleware.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

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
