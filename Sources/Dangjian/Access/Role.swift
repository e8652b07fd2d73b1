/// What a user may do over an organisation subtree. A user can hold several grants.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// 区党委/局党委 staff: everything in the subtree, including unmasked personal data.
    case districtAdmin
    /// 书记: the organisation's members, tasks and ledger, and its children's.
    case secretary
    /// 党员: themselves and their own inbox.
    case member
    /// 督查/审计: reads everything in the subtree, changes nothing.
    case auditor

    /// The rights the role gives over its subtree.
    public var rights: Set<Right> {
        switch self {
        case .districtAdmin: Set(Right.allCases)
        case .secretary:
            [
                .readOrganizations, .readMembers, .writeMembers, .readTasks, .writeTasks, .readLedger, .writeLedger,
                .readAudit,
            ]
        case .member: []
        case .auditor: [.readOrganizations, .readMembers, .readTasks, .readLedger, .readAudit]
        }
    }
}

/// What a role allows; checked over an organisation's subtree.
public enum Right: String, Sendable, CaseIterable {
    case readOrganizations, writeOrganizations
    case readMembers, writeMembers
    /// 查看完整身份证号和手机号
    case unmaskPersonalData
    case readTasks, writeTasks
    /// 台账: the records of organisational life and campaign work that plugins keep.
    case readLedger, writeLedger
    case manageUsers
    case readAudit
    /// 通知渠道: the subtree's group robots, routes and deliveries. Only district admins hold it.
    case manageChannels
    /// 运维: the host's jobs, rule packs and plugins. Only district admins hold it.
    case administerHost

    /// The right's Chinese name, as a 403's message names it.
    public var zh: String {
        switch self {
        case .readOrganizations: "查看党组织"
        case .writeOrganizations: "管理党组织"
        case .readMembers: "查看党员"
        case .writeMembers: "管理党员"
        case .unmaskPersonalData: "查看完整个人信息"
        case .readTasks: "查看任务"
        case .writeTasks: "管理任务"
        case .readLedger: "查看本组织台账"
        case .writeLedger: "记录本组织台账"
        case .manageUsers: "管理用户和授权"
        case .readAudit: "查看操作日志"
        case .manageChannels: "管理通知渠道（群机器人、推送规则、投递记录）"
        case .administerHost: "管理系统运行（定时任务、规则包、插件），仅区党委管理员可操作"
        }
    }

    var en: String {
        switch self {
        case .readOrganizations: "read organisations"
        case .writeOrganizations: "manage organisations"
        case .readMembers: "read members"
        case .writeMembers: "manage members"
        case .unmaskPersonalData: "see unmasked personal data"
        case .readTasks: "read tasks"
        case .writeTasks: "manage tasks"
        case .readLedger: "read this organisation's ledger"
        case .writeLedger: "record in this organisation's ledger"
        case .manageUsers: "manage users and their grants"
        case .readAudit: "read the audit log"
        case .manageChannels: "manage notification channels (group robots, routes, deliveries)"
        case .administerHost: "run the host (scheduled jobs, rule packs, plugins), which only a district admin does"
        }
    }
}
