import Dangjian

/// 创建层级: the "攀登" plan of seed 001. Each tier fits one kind of organisation and has its own
/// criteria checklist; a brand is recognised at its tier only when every item has evidence.
public enum Tier: String, Sendable, Codable, CaseIterable {
    /// 样板支部: a branch.
    case modelBranch
    /// 标杆院系: a department's organisation (a general branch or a department committee).
    case benchmarkDepartment
    /// 特色高校(医院): a unit's committee.
    case distinctive
    /// 示范高校(医院): a unit's committee.
    case demonstration

    public var zh: String {
        switch self {
        case .modelBranch: "党建工作样板支部"
        case .benchmarkDepartment: "党建工作标杆院系"
        case .distinctive: "党建工作特色单位"
        case .demonstration: "党建工作示范单位"
        }
    }

    /// The kinds of organisation that may be created at this tier. A party group is never a unit.
    public var kinds: Set<Organization.Kind> {
        switch self {
        case .modelBranch: [.branch, .jointBranch]
        case .benchmarkDepartment: [.generalBranch, .committee]
        case .distinctive, .demonstration: [.committee]
        }
    }

    /// The checklist's name in the seed.
    public var checklistName: String {
        switch self {
        case .modelBranch: "七个有力"
        case .benchmarkDepartment: "五个到位"
        case .distinctive: "特色创建要求"
        case .demonstration: "示范创建要求"
        }
    }

    /// The checklist, numbered from 1. Seed 001 names "七个有力" (样板支部) and "五个到位" (标杆院系)
    /// without listing them; their items follow the MOE "对标争先" plan the seed cites (教育党员、管理
    /// 党员…服务师生有力; the 院系党组织's five duties). The unit tiers quote the seed's own words for
    /// 示范 and 特色 创建.
    public var checklist: [String] {
        switch self {
        case .modelBranch:
            ["教育党员有力", "管理党员有力", "监督党员有力", "组织师生有力", "宣传师生有力", "凝聚师生有力", "服务师生有力"]
        case .benchmarkDepartment:
            ["把好政治方向到位", "参与决策到位", "推动发展到位", "监督保障到位", "自身建设到位"]
        case .distinctive:
            ["党建工作有一定基础和特色", "聚焦党建工作特色", "创新工作载体和方法", "打造党建工作特色品牌"]
        case .demonstration:
            ["党建工作综合水平高、特色鲜明", "探索新时代党建工作规律", "形成可复制可推广经验", "打造党建工作示范品牌", "注重发挥示范辐射作用"]
        }
    }
}
