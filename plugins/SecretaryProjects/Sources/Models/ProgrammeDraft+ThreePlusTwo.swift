import Dangjian

/// The "3+2" programme as Baoshan runs it (seed 003): three projects (工程) and two kinds of
/// work, each with its required items. The demo and the fixtures open their programmes with it.
extension ProgrammeDraft.ComponentDraft {
    public static let threePlusTwo: [ProgrammeDraft.ComponentDraft] = [
        .init(
            key: "standardisation", kind: "engineering", name: "基层党建规范化强基工程",
            requiredItems: ["细化规范化建设指标体系和任务清单", "推进党的组织生活规范化", "落实党员档案、按期换届、党费等基础性工作"]),
        .init(
            key: "exemplar", kind: "engineering", name: "示范性带动工程",
            requiredItems: ["党员示范岗、示范团队建设", "培育身边典型", "特色党建品牌创建"]),
        .init(
            key: "smart", kind: "engineering", name: "智慧型扬帆工程",
            requiredItems: ["智慧党建平台使用", "党员信息库更新", "“互联网+”党建宣传"]),
        .init(key: "guidance", kind: "work", name: "在联系服务群众中教育引导群众", requiredItems: ["民生政策宣讲", "学法用法", "育人阵地建设"]),
        .init(key: "organising", kind: "work", name: "提高群众组织化程度", requiredItems: ["培育教育体育类社会组织", "党的组织和工作全覆盖"]),
    ]
}
