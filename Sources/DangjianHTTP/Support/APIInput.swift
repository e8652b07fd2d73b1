import Dangjian
import Foundation
import Hummingbird
import NIOCore

/// A request body type. Bodies are decoded strictly (`StrictDecoder`): a field the type's
/// `Decodable` does not read, at any depth, is refused instead of silently dropped. Every field
/// is optional, so a body with none of them is an empty draft (`init()`), and the validation
/// that follows names the field that is missing. The OpenAPI document's schema of the body is
/// read from the same `Decodable` (`BodySchema`).
public protocol APIInput: Decodable, Sendable {
    /// The empty draft, every field nil: what a body with none of the fields decodes to, so the
    /// validation that follows names what is missing.
    init()
}

extension APIInput {
    /// The top-level fields the body takes, as the OpenAPI document lists them.
    static var fieldNames: Set<String> { Set(BodySchema.properties(of: Self.self, depth: 0).map(\.0)) }
}

extension Request {
    /// Reads a JSON object body of at most `limit` bytes and decodes it, refusing unknown
    /// fields and naming the field at fault in every error.
    func decodeInput<T: APIInput>(as type: T.Type, context: DangjianRequestContext, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw DangjianError(
                .tooLarge, code: HTTPErrorCode.requestTooLarge, zh: "请求体超过 \(limit) 字节",
                en: "Request body exceeds \(limit) bytes")
        }
        // Parsed once; the type's own Decodable then reads the tree, and a key it never asked
        // for, at any depth, is an unknown field: a typo is refused, not silently dropped.
        guard let tree = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)),
            case .object = tree
        else {
            throw DangjianError.invalid(
                HTTPErrorCode.requestMalformedJSON, zh: "请求体不是有效的 JSON 对象", en: "The body is not a valid JSON object")
        }
        let decoded: (value: T, unknownField: String?)
        do {
            decoded = try StrictDecoder.decode(T.self, from: tree)
        } catch let error as DecodingError {
            throw Self.describe(error)
        }
        if let unknown = decoded.unknownField {
            throw DangjianError.invalid(
                HTTPErrorCode.requestUnknownField, field: unknown, zh: "未知字段 \(unknown)", en: "Unknown field \(unknown)"
            )
        }
        return decoded.value
    }

    static func describe(_ error: DecodingError) -> DangjianError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            let expected = BodySchema.of(type).typeName
            return .invalid(
                HTTPErrorCode.requestWrongType, field: field, zh: "\(field) 的类型应为 \(expected)",
                en: "\(field) must be of type \(expected)")
        case .keyNotFound(let key, let context):
            return .required(path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .invalid(
                HTTPErrorCode.requestBadValue, field: field, zh: "\(field) 的值无效", en: "\(field) has an invalid value")
        @unknown default:
            return .invalid(HTTPErrorCode.requestMalformedJSON, zh: "请求体无法解析", en: "The body cannot be read")
        }
    }
}

// The kernel's drafts are the API's request bodies.
extension OrganizationDraft: APIInput { public init() { self.init(parentID: nil, name: nil, kind: nil) } }
extension OrganizationPatch: APIInput {
    /// The empty patch, which the decoder fills field by field.
    public init() { self.init(name: nil) }
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
    /// The empty draft, which the decoder fills field by field.
    public init() { self.init(username: nil, displayName: nil, password: nil, grants: nil) }
}
extension Credentials: APIInput { public init() { self.init(username: nil, password: nil) } }
extension TokenDraft: APIInput { public init() { self.init(name: nil) } }

/// `{"parentID": 3}` for a move.
public struct MoveRequest: APIInput {
    /// The new parent organisation; required. One outside the caller's subtree answers 404.
    public var parentID: Int64?
    /// The empty request, which the decoder fills.
    public init() {}
}

/// `{"note": "..."}` for task evidence.
public struct EvidenceNote: APIInput {
    /// The evidence note (佐证材料说明); required, at most 2,000 characters.
    public var note: String?
    /// The empty note, which the decoder fills.
    public init() {}
}
