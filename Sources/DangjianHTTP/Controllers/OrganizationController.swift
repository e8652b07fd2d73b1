import Dangjian
import Hummingbird

struct OrganizationController {
    let host: DangjianHost

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["organization", "import"]) + HTTPErrorCode.codes(in: ["organization", "import"]))
        let organizations = host.organizations
        let tag = "organizations"
        let listQuery =
            QueryParameter.paging + [
                QueryParameter("parentID", "integer", "直属上级 / direct parent"),
                QueryParameter("within", "integer", "某组织的整个下级范围 / the subtree of this organisation"),
                QueryParameter("kind", "string", "committee, generalBranch, branch, jointBranch, group"),
                QueryParameter("includeArchived", "boolean", "包含已撤销组织 / include archived ones"),
                QueryParameter("termEndsBy", "string", "任期在此日期前届满 / term ends on or before (YYYY-MM-DD)"),
                .sort("id, name, path, termEnd"),
            ]
        api.add(.get, "/api/v1/organizations", "党组织列表 / List organisations", tag: tag, query: listQuery) {
            _, context, q in
            let filter = OrganizationRegistry.Filter(
                parentID: try q.int64("parentID"), within: try q.int64("within"), kind: try q.enumValue("kind"),
                includeArchived: try q.bool("includeArchived") ?? false, termEndsBy: try q.day("termEndsBy"),
                sort: try .organizations(q.string("sort")))
            return JSONReply(page: try await organizations.list(filter, page: try q.page(), by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/organizations", "新建党组织 / Create an organisation", tag: tag, body: OrganizationDraft.self
        ) { _, context, draft in
            JSONReply(try await organizations.create(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/organizations/{id}", "党组织详情 / An organisation with its committee", tag: tag) {
            _, context, _ in
            JSONReply(try await organizations.get(try context.id(), by: try context.caller()))
        }
        api.add(
            .patch, "/api/v1/organizations/{id}", "修改党组织 / Rename, set secretary, committee, term", tag: tag,
            body: OrganizationPatch.self
        ) { _, context, patch in
            JSONReply(try await organizations.update(try context.id(), patch, by: try context.caller()))
        }
        api.add(
            .get, "/api/v1/organizations/{id}/subtree", "整个下级组织树 / The whole subtree in one list", tag: tag,
            query: [QueryParameter("includeArchived", "boolean", "包含已撤销组织 / include archived ones")]
        ) { _, context, q in
            JSONReply(
                try await organizations.subtree(
                    of: try context.id(), includeArchived: try q.bool("includeArchived") ?? false,
                    by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/organizations/{id}/move", "调整隶属关系 / Move under another parent", tag: tag,
            body: MoveRequest.self
        ) { _, context, move in
            guard let parentID = move.parentID else { throw DangjianError.required("parentID") }
            return JSONReply(try await organizations.move(try context.id(), under: parentID, by: try context.caller()))
        }
        api.add(.post, "/api/v1/organizations/{id}/archive", "撤销党组织（保留历史）/ Archive, keeping history", tag: tag) {
            _, context, _ in
            JSONReply(try await organizations.archive(try context.id(), by: try context.caller()))
        }
    }
}
