import Dangjian

/// Invented names for the synthetic district's committees and units. Place names are two
/// characters from fixed lists, walked in a fixed order, so no real unit is named on purpose
/// and the same seed always gives the same names.
enum SyntheticNames {
    /// The street working committees (街道党工委, community) and township committees (乡镇党委,
    /// village), mixed so that a small district still has both.
    static let streets: [(name: String, domain: Organization.Domain)] = [
        ("城东街道党工委", .community), ("青溪镇党委", .village), ("城西街道党工委", .community), ("城南街道党工委", .community),
        ("桃源镇党委", .village), ("城北街道党工委", .community), ("江湾街道党工委", .community), ("凤鸣镇党委", .village),
        ("新华街道党工委", .community), ("长桥街道党工委", .community), ("金沙镇党委", .village), ("凌云街道党工委", .community),
        ("龙华街道党工委", .community), ("白鹤镇党委", .village), ("田林街道党工委", .community),
    ]

    /// The system committees and working committees, the largest first, with the domain of
    /// their units and a weight for their share of the district's organisations.
    static let systems: [(name: String, domain: Organization.Domain, weight: Double)] = [
        ("区委教育工委", .school, 3), ("区两新组织工委", .enterprise, 3), ("区国资委党委", .enterprise, 2),
        ("区级机关工委", .office, 2), ("区卫生健康委党委", .hospital, 1.5), ("区社会组织党委", .socialOrganization, 1),
        ("区公安分局党委", .office, 0.8), ("区交通委党委", .enterprise, 0.6), ("区商务委党委", .enterprise, 0.6),
        ("区科委党委", .enterprise, 0.6), ("区建设管理委党委", .enterprise, 0.6), ("区金融工委", .enterprise, 0.6),
        ("区委政法委", .office, 0.5), ("区民政局党委", .socialOrganization, 0.5), ("区市场监管局党委", .office, 0.5),
        ("区城管执法局党委", .office, 0.5), ("区文化旅游局党委", .office, 0.4), ("区税务局党委", .office, 0.4),
        ("区生态环境局党委", .office, 0.3), ("区农业农村委党委", .office, 0.3),
    ]
    /// A street's or township's share, against the systems' weights.
    static let streetWeight: [Organization.Domain: Double] = [.community: 1.2, .village: 1.5]

    static let firstCharacters = Array("东西南北金银青白新长和平光明星翠松柳桃梅兰竹荷枫杨泉溪湖海江河山岭桥塘湾浦港")
    static let secondCharacters = Array("华兴安宁康泰丰盛源林园苑城庄阳晖湖桥港田川宇鑫达通")
    static let numerals = Array("一二三四五六七八九十")

    /// The n-th place name; after every pair has been used, "第二", "第三"… tell them apart.
    static func place(_ n: Int) -> (name: String, round: String) {
        let pairs = firstCharacters.count * secondCharacters.count
        // A stride coprime to the number of pairs visits every pair before repeating one.
        let k = (n % pairs) * 7 % pairs
        let name =
            String(firstCharacters[k % firstCharacters.count]) + String(secondCharacters[k / firstCharacters.count])
        let round = n / pairs
        return (name, round == 0 ? "" : "第" + numeral(round + 1))
    }

    static func numeral(_ n: Int) -> String {
        switch n {
        case 1...10: String(numerals[n - 1])
        case 11...19: "十" + String(numerals[n - 11])
        default: String(n)
        }
    }

    /// What units of a domain are called, and the parts (departments) their branches serve.
    static func unitKinds(_ domain: Organization.Domain) -> [String] {
        switch domain {
        case .school: ["中学", "小学", "幼儿园", "职业学校"]
        case .hospital: ["医院", "社区卫生服务中心", "中医医院"]
        case .enterprise: ["科技有限公司", "实业有限公司", "建设集团", "物流有限公司", "电子有限公司", "食品有限公司", "环保科技有限公司"]
        case .office: ["局", "办公室", "服务中心", "管理所"]
        case .village: ["村"]
        case .community: ["社区", "居民区"]
        case .socialOrganization: ["协会", "促进会", "社会工作服务社", "基金会"]
        }
    }

    static func parts(_ domain: Organization.Domain) -> [String] {
        switch domain {
        case .school: ["教学", "行政", "后勤", "初中部", "高中部"]
        case .hospital: ["内科", "外科", "医技", "护理", "行政后勤"]
        case .enterprise: ["生产", "营销", "研发", "机关", "工程"]
        case .office: ["办公室", "业务一科", "业务二科", "综合科", "执法"]
        case .village: ["第一", "第二", "第三", "第四", "第五"]
        case .community: ["第一居民区", "第二居民区", "第三居民区", "物业", "驻区单位"]
        case .socialOrganization: ["会员", "项目", "秘书处"]
        }
    }
}
