import Dangjian
import DangjianHTTP
import Hummingbird

/// Programmes, projects, studies, inspections and bulletins, under /api/v1/secretary.
struct ProgrammeRoutes {
    let programmes: Programmes
    let projects: Projects
    let supervision: Supervision

    func register(_ routes: PluginRoutes) {
        let (programmes, projects, supervision) = (self.programmes, self.projects, self.supervision)
        routes.add(.post, "/programmes", "设立书记项目计划（工程与工作及其必选事项）/ Set up a programme", body: ProgrammeDraft.self) {
            _, context, draft in
            JSONReply(try await programmes.create(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/programmes/{id}", "书记项目计划及领导小组 / A programme and its leadership group") { _, context, _ in
            JSONReply(try await programmes.get(try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/programmes/{id}/group", "设定领导小组及办公室 / Set the leadership group and its office",
            body: LeadershipGroupDraft.self
        ) { _, context, draft in
            JSONReply(try await programmes.setGroup(of: try context.id(), draft, by: try context.caller()))
        }
        routes.add(.get, "/programmes/{id}/projects", "各单位书记项目及进度 / Every unit's project with its progress") {
            _, context, _ in
            JSONReply(try await projects.list(of: try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/programmes/{id}/template", "将项目模板复制到下级各支部 / Copy a project template to every branch of a subtree",
            body: TemplateDraft.self
        ) { _, context, draft in
            JSONReply(
                try await projects.copyTemplate(of: try context.id(), draft, by: try context.caller()), status: .created
            )
        }
        routes.add(.post, "/projects", "书记领办项目及工作计划 / A secretary's project and its work plan", body: ProjectDraft.self)
        { _, context, draft in
            JSONReply(try await projects.create(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/projects/{id}", "书记项目 / A project") { _, context, _ in
            JSONReply(try await projects.get(try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/projects/{id}/studies", "登记研究部署 / Record a study session", body: StudyDraft.self) {
            _, context, draft in
            JSONReply(
                try await projects.recordStudy(of: try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/projects/{id}/studies", "研究部署记录 / The project's study sessions") { _, context, _ in
            JSONReply(try await projects.studies(of: try context.id(), by: try context.caller()))
        }
        routes.add(
            .post, "/programmes/{id}/inspections",
            "季度督查（问题自动形成整改事项）/ The quarterly inspection; findings open rectification items",
            body: InspectionRequest.self
        ) { _, context, request in
            JSONReply(
                try await supervision.inspect(try context.id(), request, by: try context.caller()), status: .created)
        }
        routes.add(
            .get, "/programmes/{id}/bulletins/{quarter}", "季度督查通报 / The quarter's bulletin",
            query: [
                QueryParameter("format", "string", "json（默认）, csv, html")
            ]
        ) { request, context, query in
            let quarter = context.parameters.get("quarter")
            let bulletin = try await supervision.bulletin(try context.id(), quarter: quarter, by: try context.caller())
            switch query.string("format") ?? "json" {
            case "json": return try JSONReply(bulletin).response(from: request, context: context)
            case "csv":
                return try CSVReply(try bulletin.csv(), filename: "bulletin-\(bulletin.quarter).csv").response(
                    from: request, context: context)
            case "html": return HTMLReply(bulletin.html).response
            default: throw DangjianError.badValue("format", zh: "应为 json、csv 或 html", en: "must be json, csv or html")
            }
        }
        routes.add(
            .post, "/programmes/{id}/bulletins", "发布季度通报并通知各单位书记 / Publish the quarter's bulletin to every unit",
            body: QuarterRequest.self
        ) { _, context, request in
            JSONReply(
                try await supervision.publish(try context.id(), quarter: request.quarter, by: try context.caller()),
                status: .created)
        }
    }
}

/// A printable page.
struct HTMLReply {
    let text: String
    init(_ text: String) { self.text = text }
    var response: Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
