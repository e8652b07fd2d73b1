import Dangjian
import Hummingbird
import Logging

/// The one JSON error shape: `{"error": {"code", "message", "messageZh", "messageEn", "field"}}`.
/// Every error, including Hummingbird's own 404 and 413 and anything unexpected, leaves
/// through here, so a client never sees an empty body or an HTML page.
public struct APIErrorBody: Codable, Sendable, Equatable {
    /// The one error shape: a stable code, the message in both languages and the field at fault.
    public struct Detail: Codable, Sendable, Equatable {
        /// The stable code clients match on, e.g. "member.notFound".
        public let code: String
        /// "中文 / English": both messages in one line.
        public let message: String
        /// The message in Chinese.
        public let messageZh: String
        /// The message in English.
        public let messageEn: String
        /// The input field at fault, e.g. "milestones.2.dueOn"; absent when there is none.
        public let field: String?
    }

    /// The error itself.
    public let error: Detail
}

struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let body: APIErrorBody
    /// For a 405: the methods the path does take.
    var allow: [HTTPRequest.Method] = []

    init(status: HTTPResponse.Status, code: some ErrorCodes, zh: String, en: String, field: String? = nil) {
        self.init(status: status, rawCode: code.rawValue, zh: zh, en: en, field: field)
    }

    /// For the codes made from a status or a name ("http.<status>", "<entity>.notFound").
    init(status: HTTPResponse.Status, rawCode code: String, zh: String, en: String, field: String? = nil) {
        self.status = status
        body = APIErrorBody(
            error: .init(code: code, message: "\(zh) / \(en)", messageZh: zh, messageEn: en, field: field))
    }

    init(_ error: DangjianError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .invalid: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .tooLarge: .contentTooLarge
            case .tooManyRequests: .tooManyRequests
            case .unavailable: .serviceUnavailable
            }
        self.init(status: status, rawCode: error.code, zh: error.zh, en: error.en, field: error.field)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.status = status
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        if !allow.isEmpty { response.headers[.allow] = allow.map(\.rawValue).joined(separator: ", ") }
        return response
    }
}

struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    /// The methods routed at a path, so that a known path asked with another method is a 405.
    let allowedMethods: @Sendable (String) -> [HTTPRequest.Method]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as DangjianError {
            throw APIError(error)
        } catch is UniqueViolation {
            // A race between two writers past the registries' own duplicate checks.
            throw APIError(
                status: .conflict, code: HTTPErrorCode.storageDuplicate, zh: "数据重复，请刷新后重试",
                en: "Duplicate data; reload and try again")
        } catch is ReferenceViolation {
            throw APIError(
                status: .badRequest, code: HTTPErrorCode.storageBadReference, zh: "引用的数据不存在",
                en: "A referenced record does not exist")
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound:
                // A handler's own 404 on a routed method stays a 404.
                let allow = allowedMethods(request.uri.path)
                if !allow.isEmpty && !allow.contains(request.method) {
                    var refusal = APIError(
                        status: .methodNotAllowed, code: HTTPErrorCode.routeMethodNotAllowed,
                        zh: "该接口不支持此请求方法，可用：\(allow.map(\.rawValue).joined(separator: "、"))",
                        en:
                            "This endpoint does not take this method; it takes \(allow.map(\.rawValue).joined(separator: ", "))"
                    )
                    refusal.allow = allow
                    throw refusal
                }
                throw APIError(
                    status: .notFound, code: KernelErrorCode.routeNotFound, zh: "接口不存在", en: "No such endpoint")
            case .contentTooLarge:
                throw APIError(
                    status: .contentTooLarge, code: HTTPErrorCode.requestTooLarge, zh: "请求体过大",
                    en: "Request body too large")
            case .methodNotAllowed:
                throw APIError(
                    status: .methodNotAllowed, code: HTTPErrorCode.routeMethodNotAllowed, zh: "不支持该请求方法",
                    en: "Method not allowed")
            default:
                throw APIError(
                    status: error.status, rawCode: "http.\(error.status.code)", zh: "请求无法处理",
                    en: error.status.reasonPhrase)
            }
        } catch {
            logger.error("unexpected error", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(
                status: .internalServerError, code: HTTPErrorCode.internal, zh: "服务器内部错误，已记录",
                en: "Internal error; it has been logged")
        }
    }
}
