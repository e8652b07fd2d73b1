import Dangjian
import Foundation
import Hummingbird
import NIOCore

/// A request body type. Every field is optional, so `init()` exists and reflecting it lists the
/// accepted fields: a field the type does not know is refused instead of silently dropped.
public protocol APIInput: Decodable, Sendable {
    init()
    /// Fields holding arrays of objects, with the fields those objects accept.
    static var nestedFields: [String: Set<String>] { get }
}

extension APIInput {
    public static var nestedFields: [String: Set<String>] { [:] }

    /// The first field, at any depth, that the type does not accept, as a dotted path.
    static func unknownField(in object: [String: Any]) -> String? {
        if let top = object.keys.filter({ !fieldNames.contains($0) }).sorted().first { return top }
        for (field, allowed) in nestedFields.sorted(by: { $0.key < $1.key }) {
            guard let items = object[field] as? [Any] else { continue }
            for (index, item) in items.enumerated() {
                guard let item = item as? [String: Any] else { continue }
                if let unknown = item.keys.filter({ !allowed.contains($0) }).sorted().first { return "\(field).\(index).\(unknown)" }
            }
        }
        return nil
    }

    static var fieldTypes: [(name: String, type: String)] {
        Mirror(reflecting: Self()).children.compactMap { child in
            child.label.map { ($0, JSONSchemaType.of(type(of: child.value))) }
        }
    }

    static var fieldNames: Set<String> { Set(fieldTypes.map(\.name)) }
}

enum JSONSchemaType {
    /// Maps `Optional<Int64>`-style type names to JSON Schema types, for the OpenAPI document.
    static func of(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.contains("Array<") || name.hasPrefix("Optional<[") { return "array" }
        if name.contains("Int") { return "integer" }
        if name.contains("Bool") { return "boolean" }
        if name.contains("String") { return "string" }
        return "object"
    }
}

extension Request {
    /// Reads a JSON object body of at most `limit` bytes and decodes it, refusing unknown
    /// fields and naming the field at fault in every error.
    func decodeInput<T: APIInput>(as type: T.Type, context: DangjianRequestContext, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw DangjianError(.tooLarge, code: "request.tooLarge", zh: "请求体超过 \(limit) 字节", en: "Request body exceeds \(limit) bytes")
        }
        let data = Data(buffer.readableBytesView)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw DangjianError.invalid("request.malformedJSON", zh: "请求体不是有效的 JSON 对象", en: "The body is not a valid JSON object")
        }
        if let unknown = T.unknownField(in: object) {
            throw DangjianError.invalid("request.unknownField", field: unknown, zh: "未知字段 \(unknown)", en: "Unknown field \(unknown)")
        }
        do {
            return try context.requestDecoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> DangjianError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            let expected = JSONSchemaType.of(type)
            return .invalid("request.wrongType", field: field, zh: "\(field) 的类型应为 \(expected)", en: "\(field) must be of type \(expected)")
        case .keyNotFound(let key, let context):
            return .required(path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .invalid("request.badValue", field: field, zh: "\(field) 的值无效", en: "\(field) has an invalid value")
        @unknown default:
            return .invalid("request.malformedJSON", zh: "请求体无法解析", en: "The body cannot be read")
        }
    }
}

// The kernel's drafts are the API's request bodies.
extension OrganizationDraft: APIInput { public init() { self.init(parentID: nil, name: nil, kind: nil) } }
extension OrganizationPatch: APIInput {
    public init() { self.init(name: nil) }
    public static var nestedFields: [String: Set<String>] { ["committee": ["memberID", "position"]] }
}
extension MemberDraft: APIInput { public init() { self.init(organizationID: nil) } }
extension MemberPatch: APIInput { public init() { self.init(name: nil) } }
extension StatusChange: APIInput { public init() { self.init(status: nil, reason: nil) } }
extension TransferRequest: APIInput { public init() { self.init(toOrganizationID: nil) } }
extension TransferReceipt: APIInput { public init() { self.init(receivedOn: nil) } }
extension TaskListDraft: APIInput { public init() { self.init(organizationID: nil, title: nil) } }
extension TaskDraft: APIInput { public init() { self.init(responsibleOrganizationID: nil, title: nil, dueOn: nil) } }
extension TaskTransition: APIInput { public init() { self.init(status: nil) } }
extension InspectionDraft: APIInput { public init() { self.init(organizationID: nil, title: nil, inspectedOn: nil) } }
extension FindingDraft: APIInput { public init() { self.init(organizationID: nil, description: nil, rectifyBy: nil) } }
extension UserDraft: APIInput {
    public init() { self.init(username: nil, displayName: nil, password: nil, grants: nil) }
    public static var nestedFields: [String: Set<String>] { ["grants": ["role", "organizationID"]] }
}
extension Credentials: APIInput { public init() { self.init(username: nil, password: nil) } }
extension TokenDraft: APIInput { public init() { self.init(name: nil) } }

/// `{"parentID": 3}` for a move.
public struct MoveRequest: APIInput {
    public var parentID: Int64?
    public init() {}
}

/// `{"note": "..."}` for task evidence.
public struct EvidenceNote: APIInput {
    public var note: String?
    public init() {}
}
