import Dangjian
import HTTPTypes
import Hummingbird
import Logging

/// A query parameter an endpoint accepts, for validation and for the OpenAPI document.
public struct QueryParameter: Sendable {
    /// The name as it appears in the query string, e.g. "limit".
    public let name: String
    /// The OpenAPI type: "string", "integer", "boolean".
    public let type: String
    /// What it means, in Chinese and English.
    public let description: String

    /// A parameter by name, OpenAPI type and a description in both languages.
    public init(_ name: String, _ type: String = "string", _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }

    static let limit = QueryParameter("limit", "integer", "每页条数 page size (1–500, default 50)")
    static let cursor = QueryParameter("cursor", "string", "上一页返回的 nextCursor / the previous page's nextCursor")
    static func sort(_ fields: String) -> QueryParameter {
        QueryParameter("sort", "string", "排序字段，前加 - 为倒序 / sort field, prefix - for descending: \(fields)")
    }
    /// `limit` and `cursor`, the parameters every paged list takes.
    public static let paging = [limit, cursor]
}

/// One documented endpoint.
public struct RouteDoc: Sendable {
    /// GET, POST, PATCH or DELETE.
    public let method: HTTPRequest.Method
    /// The path as registered, e.g. "/api/v1/members/{id}".
    public let path: String
    /// The summary for the OpenAPI document, "中文 / English".
    public let summary: String
    /// The OpenAPI tag the route is listed under, e.g. "audit" or "admin".
    public let tag: String
    /// The query parameters it accepts.
    public let query: [QueryParameter]
    /// The JSON Schema of the body, read from its type's `Decodable` (`BodySchema`); nil without a body.
    public let bodySchema: JSONValue?
    /// The Swift type the body decodes to; nil for a route without a body.
    public let bodyType: String?
    /// Whether the route needs a bearer token; without one it answers 401 `auth.required`.
    public let requiresAuth: Bool
    /// Every error code the route can answer, sorted.
    public let errors: [String]
}

/// Registers routes on the Hummingbird router and records their documentation in the same
/// call, so no route exists without an entry in the OpenAPI document. A test compares the
/// router's own route table with the served document to catch any that slip past.
public final class APIRouter: @unchecked Sendable {
    // Only mutated while the application is being built, before it serves any request.
    /// The Hummingbird router the routes are added to.
    public let router: Router<DangjianRequestContext>
    /// Every route added so far, with its documentation and error codes: what the OpenAPI document
    /// at `/api/v1/openapi.json` is built from.
    public private(set) var docs: [RouteDoc] = []
    /// The console's pages on the same router ("GET /members/{id}"), which are not part of the
    /// API and so not in its document; the route-table test tells the two apart by this list.
    public internal(set) var consoleRoutes: Set<String> = []
    let maxBodyBytes: Int
    let strictErrorCodes: Bool
    let logger: Logger
    /// The codes the routes being added answer besides the common ones: set by each controller
    /// and each plugin before it adds its routes.
    private var answering: Set<String> = []

    init(
        router: Router<DangjianRequestContext>, maxBodyBytes: Int, strictErrorCodes: Bool = false,
        logger: Logger = Logger(label: "dangjian.http")
    ) {
        self.router = router
        self.maxBodyBytes = maxBodyBytes
        self.strictErrorCodes = strictErrorCodes
        self.logger = logger
    }

    /// The routes added from now on answer these codes too (each controller's areas, each
    /// plugin's catalogue), until the next call.
    func answering(_ codes: [String]) { answering = Set(codes) }

    /// What every route can answer: a malformed request, a field that fails a common check,
    /// a storage race, an organisation or member outside the caller's subtree.
    static let commonCodes: Set<String> = Set(
        HTTPErrorCode.codes.filter { !$0.hasPrefix("rules.") && $0 != HTTPErrorCode.authBadToken.rawValue }
    )
    .union(KernelErrorCode.codes.filter { $0.hasPrefix("validation.") })
    .union([Entity.organization.notFoundCode, Entity.member.notFoundCode])

    private func codes(auth: Bool) -> [String] {
        var codes = Self.commonCodes.union(answering)
        if auth {
            codes.formUnion([
                KernelErrorCode.authRequired.rawValue, KernelErrorCode.authForbidden.rawValue,
                HTTPErrorCode.authBadToken.rawValue,
            ])
        }
        return codes.sorted()
    }

    /// Runs a handler; a refusal with a code the route does not list is a bug in the list. In
    /// tests it answers 500 so that the list cannot drift; in production it is logged.
    private func checked<R>(
        _ method: HTTPRequest.Method, _ path: String, _ codes: Set<String>,
        _ body: () async throws -> R
    ) async throws -> R {
        do {
            return try await body()
        } catch let error as DangjianError where !codes.contains(error.code) {
            logger.error("undeclared error code", metadata: ["route": "\(method) \(path)", "code": "\(error.code)"])
            guard strictErrorCodes else { throw error }
            throw APIError(
                status: .internalServerError, code: HTTPErrorCode.errorUndeclared,
                zh: "接口 \(method) \(path) 未声明错误码 \(error.code)",
                en: "\(method) \(path) answered \(error.code), which its OpenAPI entry does not list")
        }
    }

    /// Adds an endpoint whose handler receives the parsed query.
    func add<R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: String,
        query: [QueryParameter] = [], auth: Bool = true,
        handler: @escaping @Sendable (Request, DangjianRequestContext, QueryReader) async throws -> R
    ) {
        let errors = codes(auth: auth)
        docs.append(
            RouteDoc(
                method: method, path: path, summary: summary, tag: tag, query: query,
                bodySchema: nil, bodyType: nil, requiresAuth: auth, errors: errors))
        let listed = Set(errors)
        router.on(RouterPath(path), method: method) { request, context in
            // Who is asking comes first: an anonymous caller learns nothing about the input rules.
            if auth { _ = try context.caller() }
            return try await self.checked(method, path, listed) {
                try await handler(request, context, try QueryReader(request, allowed: query))
            }
        }
    }

    /// Adds an endpoint that takes a JSON body of type `Input`.
    func add<Input: APIInput, R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: String, body: Input.Type,
        auth: Bool = true,
        handler: @escaping @Sendable (Request, DangjianRequestContext, Input) async throws -> R
    ) {
        let errors = codes(auth: auth)
        docs.append(
            RouteDoc(
                method: method, path: path, summary: summary, tag: tag, query: [],
                bodySchema: BodySchema.of(Input.self), bodyType: String(describing: Input.self), requiresAuth: auth,
                errors: errors))
        let limit = maxBodyBytes
        let listed = Set(errors)
        router.on(RouterPath(path), method: method) { request, context in
            if auth { _ = try context.caller() }
            return try await self.checked(method, path, listed) {
                _ = try QueryReader(request, allowed: [])
                let input = try await request.decodeInput(as: Input.self, context: context, limit: limit)
                return try await handler(request, context, input)
            }
        }
    }
}

extension APIRouter {
    /// The methods served at the route that `path` resolves to, for a 405's `Allow`; empty when
    /// no route has this path. Like Hummingbird's trie, a literal segment wins over a parameter.
    func allowedMethods(at path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var bestRank: [Bool]?
        var methods: Set<HTTPRequest.Method> = []
        for doc in docs {
            let pattern = doc.path.split(separator: "/")
            guard pattern.count == segments.count else { continue }
            // true where the pattern's segment is literal, false where it is a parameter.
            var rank: [Bool] = []
            for (want, have) in zip(pattern, segments) {
                let parameter = want.hasPrefix("{") || want.hasPrefix(":") || want == "*"
                guard parameter || want == have else { break }
                rank.append(!parameter)
            }
            guard rank.count == segments.count else { continue }
            if let best = bestRank, rank == best {
                methods.insert(doc.method)
            } else if bestRank.map({ $0.lexicographicallyPrecedes(rank) { !$0 && $1 } }) ?? true {
                bestRank = rank
                methods = [doc.method]
            }
        }
        return methods.map(\.rawValue).sorted().compactMap { HTTPRequest.Method($0) }
    }
}
