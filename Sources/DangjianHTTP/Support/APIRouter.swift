import Dangjian
import HTTPTypes
import Hummingbird

/// A query parameter an endpoint accepts, for validation and for the OpenAPI document.
public struct QueryParameter: Sendable {
    public let name: String
    public let type: String
    public let description: String

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
    public static let paging = [limit, cursor]
}

/// One documented endpoint.
public struct RouteDoc: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let summary: String
    public let tag: String
    public let query: [QueryParameter]
    public let bodyFields: [(name: String, type: String)]?
    public let bodyType: String?
    public let requiresAuth: Bool
}

/// Registers routes on the Hummingbird router and records their documentation in the same
/// call, so no route exists without an entry in the OpenAPI document. A test compares the
/// router's own route table with the served document to catch any that slip past.
public final class APIRouter: @unchecked Sendable {
    // Only mutated while the application is being built, before it serves any request.
    public let router: Router<DangjianRequestContext>
    public private(set) var docs: [RouteDoc] = []
    let maxBodyBytes: Int

    init(router: Router<DangjianRequestContext>, maxBodyBytes: Int) {
        self.router = router
        self.maxBodyBytes = maxBodyBytes
    }

    /// Adds an endpoint whose handler receives the parsed query.
    func add<R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: String,
        query: [QueryParameter] = [], auth: Bool = true,
        handler: @escaping @Sendable (Request, DangjianRequestContext, QueryReader) async throws -> R
    ) {
        docs.append(RouteDoc(method: method, path: path, summary: summary, tag: tag, query: query,
                             bodyFields: nil, bodyType: nil, requiresAuth: auth))
        router.on(RouterPath(path), method: method) { request, context in
            // Who is asking comes first: an anonymous caller learns nothing about the input rules.
            if auth { _ = try context.caller() }
            return try await handler(request, context, try QueryReader(request, allowed: query))
        }
    }

    /// Adds an endpoint that takes a JSON body of type `Input`.
    func add<Input: APIInput, R: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, tag: String, body: Input.Type,
        auth: Bool = true,
        handler: @escaping @Sendable (Request, DangjianRequestContext, Input) async throws -> R
    ) {
        docs.append(RouteDoc(method: method, path: path, summary: summary, tag: tag, query: [],
                             bodyFields: Input.fieldTypes, bodyType: String(describing: Input.self), requiresAuth: auth))
        let limit = maxBodyBytes
        router.on(RouterPath(path), method: method) { request, context in
            if auth { _ = try context.caller() }
            _ = try QueryReader(request, allowed: [])
            let input = try await request.decodeInput(as: Input.self, context: context, limit: limit)
            return try await handler(request, context, input)
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
