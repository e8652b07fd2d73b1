/// An error a caller can act on. Its `code` is stable (clients and scripts match on it), its
/// message is given in Chinese and in English, and its `kind` picks the HTTP status.
public struct DangjianError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case invalid        // 400: the input is malformed or breaks a rule
        case unauthorized   // 401: no valid credentials
        case forbidden      // 403: known caller, inside scope, lacking the right
        case notFound       // 404: absent, or outside the caller's subtree
        case conflict       // 409: clashes with existing data
        case tooLarge       // 413
    }

    public let kind: Kind
    public let code: String
    public let zh: String
    public let en: String
    /// The input field at fault, when there is one.
    public let field: String?

    public init(_ kind: Kind, code: String, zh: String, en: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.zh = zh
        self.en = en
        self.field = field
    }

    public var description: String { "\(code): \(en)" }
    public var message: String { "\(zh) / \(en)" }
}

extension DangjianError {
    public static func invalid(_ code: String, field: String? = nil, zh: String, en: String) -> DangjianError {
        DangjianError(.invalid, code: code, zh: zh, en: en, field: field)
    }

    public static func notFound(_ entity: Entity) -> DangjianError {
        DangjianError(.notFound, code: "\(entity.rawValue).notFound", zh: "\(entity.zh)不存在", en: "\(entity.en) not found")
    }

    public static func conflict(_ code: String, field: String? = nil, zh: String, en: String) -> DangjianError {
        DangjianError(.conflict, code: code, zh: zh, en: en, field: field)
    }

    public static let unauthorized = DangjianError(
        .unauthorized, code: "auth.required", zh: "请先登录", en: "Authentication required")

    public static let badCredentials = DangjianError(
        .unauthorized, code: "auth.badCredentials", zh: "用户名或密码错误", en: "Wrong username or password")

    public static func forbidden(_ right: Right) -> DangjianError {
        DangjianError(.forbidden, code: "auth.forbidden", zh: "没有权限：\(right.zh)", en: "Not allowed: \(right.en)")
    }

    public static func required(_ field: String) -> DangjianError {
        .invalid("validation.required", field: field, zh: "缺少必填字段 \(field)", en: "Field \(field) is required")
    }

    public static func tooLong(_ field: String, max: Int) -> DangjianError {
        .invalid("validation.tooLong", field: field, zh: "\(field) 不能超过 \(max) 个字符", en: "\(field) must be at most \(max) characters")
    }

    public static func badValue(_ field: String, zh: String, en: String) -> DangjianError {
        .invalid("validation.badValue", field: field, zh: "\(field)：\(zh)", en: "\(field): \(en)")
    }
}

/// The things the kernel can fail to find, with their names in both languages.
public enum Entity: String, Sendable {
    case organization, member, user, task, taskList, inspection, finding, notification, token, transfer, route

    var zh: String {
        switch self {
        case .organization: "党组织"
        case .member: "党员"
        case .user: "用户"
        case .task: "任务"
        case .taskList: "任务清单"
        case .inspection: "督查"
        case .finding: "督查问题"
        case .notification: "通知"
        case .token: "令牌"
        case .transfer: "组织关系转接"
        case .route: "接口"
        }
    }

    var en: String {
        switch self {
        case .taskList: "Task list"
        case .transfer: "Relation transfer"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}
