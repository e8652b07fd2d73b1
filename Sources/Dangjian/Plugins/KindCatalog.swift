import Synchronization

/// The task and notification kinds the kernel and the plugins declare. A task or notification
/// of an undeclared kind is refused, so every kind shown to a secretary has a Chinese title.
public final class KindCatalog: Sendable {
    /// One declared kind: its id, its Chinese title for the console, and who declared it.
    public struct Kind: Sendable, Codable, Equatable {
        /// The kind's id as tasks and notifications carry it, e.g. "rectification".
        public let id: String
        /// The Chinese title a secretary sees, e.g. "整改任务".
        public let title: String
        /// "kernel" or the id of the plugin that declared it.
        public let owner: String
    }

    private let taskKinds = Mutex<[String: Kind]>([:])
    private let notificationKinds = Mutex<[String: Kind]>([:])

    /// A catalogue holding the kernel's kinds: tasks "general", "rectification", "case"; notifications
    /// "general", "task", "reminder".
    public init() {
        registerTaskKind("general", title: "工作任务", owner: "kernel")
        registerTaskKind("rectification", title: "整改任务", owner: "kernel")
        // A matter a rule found for a person to decide (e.g. whether an admonition talk is due).
        registerTaskKind("case", title: "待研判事项", owner: "kernel")
        registerNotificationKind("general", title: "通知", owner: "kernel")
        registerNotificationKind("task", title: "任务提醒", owner: "kernel")
        registerNotificationKind("reminder", title: "规则提醒", owner: "kernel")
        registerNotificationKind("escalation", title: "逾期升级提醒", owner: "kernel")
        registerNotificationKind("delivery.dead", title: "投递失败告警", owner: "kernel")
    }

    /// Declares a task kind; declaring an id again replaces its title and owner.
    public func registerTaskKind(_ id: String, title: String, owner: String) {
        taskKinds.withLock { $0[id] = Kind(id: id, title: title, owner: owner) }
    }

    /// Declares a notification kind; declaring an id again replaces its title and owner.
    public func registerNotificationKind(_ id: String, title: String, owner: String) {
        notificationKinds.withLock { $0[id] = Kind(id: id, title: title, owner: owner) }
    }

    /// Every task kind, sorted by id.
    public var allTaskKinds: [Kind] { taskKinds.withLock { $0.values.sorted { $0.id < $1.id } } }
    /// Every notification kind, sorted by id.
    public var allNotificationKinds: [Kind] { notificationKinds.withLock { $0.values.sorted { $0.id < $1.id } } }

    func requireTaskKind(_ id: String) throws {
        guard taskKinds.withLock({ $0[id] }) != nil else {
            throw DangjianError.badValue("kind", zh: "未登记的任务类型 \(id)", en: "unknown task kind \(id)")
        }
    }

    func requireNotificationKind(_ id: String) throws {
        guard notificationKinds.withLock({ $0[id] }) != nil else {
            throw DangjianError.badValue("kind", zh: "未登记的通知类型 \(id)", en: "unknown notification kind \(id)")
        }
    }
}
