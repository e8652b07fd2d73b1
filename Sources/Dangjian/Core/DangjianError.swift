/// An error a caller can act on. Its `code` is stable (clients and scripts match on it), its
/// message is given in Chinese and in English, and its `kind` picks the HTTP status.
public struct DangjianError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of refusal, which picks the HTTP status.
    public enum Kind: String, Sendable {
        case invalid  // 400: the input is malformed or breaks a rule
        case unauthorized  // 401: no valid credentials
        case forbidden  // 403: known caller, inside scope, lacking the right
        case notFound  // 404: absent, or outside the caller's subtree
        case conflict  // 409: clashes with existing data
        case tooLarge  // 413
        case tooManyRequests  // 429: slowed down, e.g. after repeated failed logins
        case unavailable  // 503: a part the request needs is not running yet
    }

    /// Picks the HTTP status.
    public let kind: Kind
    /// The stable code clients match on, e.g. "member.badPhone"; declared once in a catalogue.
    public let code: String
    /// The message in Chinese, shown to users.
    public let zh: String
    /// The message in English.
    public let en: String
    /// The input field at fault, when there is one.
    public let field: String?

    /// A refusal with a code from a catalogue and a message in both languages.
    public init(_ kind: Kind, code: some ErrorCodes, zh: String, en: String, field: String? = nil) {
        self.init(kind, rawCode: code.rawValue, zh: zh, en: en, field: field)
    }

    /// For the codes made from a name (`<entity>.notFound`), which the catalogues declare too.
    init(_ kind: Kind, rawCode code: String, zh: String, en: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.zh = zh
        self.en = en
        self.field = field
    }

    /// The same refusal about another field, e.g. "milestones.2.dueOn" for an item's "dueOn".
    public func at(field: String?) -> DangjianError {
        DangjianError(kind, rawCode: code, zh: zh, en: en, field: field)
    }

    /// "code: English message", for logs and test failures.
    public var description: String { "\(code): \(en)" }
    /// "中文 / English", the message as the API body carries it.
    public var message: String { "\(zh) / \(en)" }
}

extension DangjianError {
    /// A 400: the input breaks a rule.
    public static func invalid(_ code: some ErrorCodes, field: String? = nil, zh: String, en: String) -> DangjianError {
        DangjianError(.invalid, code: code, zh: zh, en: en, field: field)
    }

    /// A 404 `<entity>.notFound`: absent, or outside the caller's subtree (the same answer, so existence does not leak).
    public static func notFound(_ entity: Entity) -> DangjianError {
        DangjianError(.notFound, rawCode: entity.notFoundCode, zh: "\(entity.zh)不存在", en: "\(entity.en) not found")
    }

    /// A 409: the input clashes with stored data.
    public static func conflict(_ code: some ErrorCodes, field: String? = nil, zh: String, en: String) -> DangjianError
    {
        DangjianError(.conflict, code: code, zh: zh, en: en, field: field)
    }

    /// A 401 `auth.required`: the request carries no valid credentials.
    public static let unauthorized = DangjianError(
        .unauthorized, code: KernelErrorCode.authRequired, zh: "请先登录", en: "Authentication required")

    /// A 401 `auth.badCredentials` for a failed login; the same answer whether the account or the password is wrong.
    public static let badCredentials = DangjianError(
        .unauthorized, code: KernelErrorCode.authBadCredentials, zh: "用户名或密码错误", en: "Wrong username or password")

    /// A 403 naming the right the caller lacks inside their scope.
    public static func forbidden(_ right: Right) -> DangjianError {
        forbidden(zh: right.zh, en: right.en)
    }

    /// A 403 that names the step refused and who takes it, when the right alone would not tell
    /// the user (approving a topic needs writeLedger, but over the committee's organisation).
    public static func forbidden(zh: String, en: String) -> DangjianError {
        DangjianError(.forbidden, code: KernelErrorCode.authForbidden, zh: "没有权限：\(zh)", en: "Not allowed: \(en)")
    }

    /// A 400 `validation.required` for a missing field.
    public static func required(_ field: String) -> DangjianError {
        .invalid(
            KernelErrorCode.validationRequired, field: field, zh: "缺少必填字段 \(field)", en: "Field \(field) is required")
    }

    /// A 400 `validation.tooLong` for text over `max` characters.
    public static func tooLong(_ field: String, max: Int) -> DangjianError {
        .invalid(
            KernelErrorCode.validationTooLong, field: field, zh: "\(field) 不能超过 \(max) 个字符",
            en: "\(field) must be at most \(max) characters")
    }

    /// A 400 `validation.badValue` explaining what the field should hold.
    public static func badValue(_ field: String, zh: String, en: String) -> DangjianError {
        .invalid(KernelErrorCode.validationBadValue, field: field, zh: "\(field)：\(zh)", en: "\(field): \(en)")
    }
}

/// The things a registry can fail to find or audit, with their names in both languages. A
/// struct, not an enum, so that plugins name their own (e.g. `Entity("orglife.record", zh: "台账记录", en: "Ledger record")`).
public struct Entity: Sendable, Hashable {
    /// The code name, e.g. "member" or "orglife.record"; the prefix of its not-found code.
    public let rawValue: String
    /// The name in Chinese, as error messages use it.
    public let zh: String
    /// The name in English.
    public let en: String

    /// "<rawValue>.notFound", declared in the catalogue of the module that names the entity.
    public var notFoundCode: String { rawValue + ".notFound" }

    /// An entity by its code name ("orglife.record") and its names in both languages.
    public init(_ rawValue: String, zh: String, en: String) {
        self.rawValue = rawValue
        self.zh = zh
        self.en = en
    }

    /// 党组织; answers `organization.notFound`.
    public static let organization = Entity("organization", zh: "党组织", en: "Organization")
    /// 党员; answers `member.notFound`.
    public static let member = Entity("member", zh: "党员", en: "Member")
    /// A login account; answers `user.notFound`.
    public static let user = Entity("user", zh: "用户", en: "User")
    /// 任务; answers `task.notFound`.
    public static let task = Entity("task", zh: "任务", en: "Task")
    /// 任务清单; answers `taskList.notFound`.
    public static let taskList = Entity("taskList", zh: "任务清单", en: "Task list")
    /// 督查; answers `inspection.notFound`.
    public static let inspection = Entity("inspection", zh: "督查", en: "Inspection")
    /// 督查问题, a problem an inspection found; answers `finding.notFound`.
    public static let finding = Entity("finding", zh: "督查问题", en: "Finding")
    /// A notice in a user's inbox (通知); answers `notification.notFound`.
    public static let notification = Entity("notification", zh: "通知", en: "Notification")
    /// A group robot or webhook of an organisation (通知渠道); answers `channel.notFound`.
    public static let channel = Entity("channel", zh: "通知渠道", en: "Channel")
    /// One notice's delivery to one channel (投递记录); answers `delivery.notFound`.
    public static let delivery = Entity("delivery", zh: "投递记录", en: "Delivery")
    /// A bearer token (令牌); answers `token.notFound`.
    public static let token = Entity("token", zh: "令牌", en: "Token")
    /// 组织关系转接; answers `transfer.notFound`.
    public static let transfer = Entity("transfer", zh: "组织关系转接", en: "Relation transfer")
    /// An HTTP route; answers `route.notFound`.
    public static let route = Entity("route", zh: "接口", en: "Route")
}
