import Dangjian
import DangjianHTTP
import Hummingbird

/// Joint projects, under /api/v1/council.
struct ProjectRoutes {
    let projects: JointProjects

    func register(_ routes: PluginRoutes) {
        let projects = self.projects
        routes.add(
            .post, "/projects", "登记联建项目及其节点 / Register a joint project with its milestones",
            body: JointProjectDraft.self
        ) { _, context, draft in
            JSONReply(try await projects.create(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/projects/{id}", "联建项目 / A joint project") { _, context, _ in
            JSONReply(try await projects.get(try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/projects/{id}/results", "报告项目成效 / Report results", body: JointProjectDraft.self) {
            _, context, draft in
            JSONReply(try await projects.report(try context.id(), draft, by: try context.caller()))
        }
        routes.add(.get, "/committees/{id}/projects", "专委会的联建项目 / The committee's joint projects") { _, context, _ in
            JSONReply(try await projects.list(of: try context.id(), by: try context.caller()))
        }
    }
}
