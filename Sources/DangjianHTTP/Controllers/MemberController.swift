import Dangjian
import Hummingbird

struct MemberController {
    let host: DangjianHost

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["member", "transfer", "import"])
                + HTTPErrorCode.codes(in: ["member", "transfer", "import"]))
        let members = host.members
        let tag = "members"
        let listQuery =
            QueryParameter.paging + [
                QueryParameter("within", "integer", "某组织下级范围内的党员 / members anywhere under this organisation"),
                QueryParameter("organizationID", "integer", "本组织直接管理的党员 / members held by exactly this organisation"),
                QueryParameter("status", "string", "applicant, activist, developmentCandidate, probationary, full"),
                QueryParameter("retired", "boolean", "离退休 / retired"),
                QueryParameter("flowing", "boolean", "流动党员 / flowing"),
                QueryParameter("lostContact", "boolean", "失联党员 / lost contact"),
                QueryParameter("stageFrom", "string", "当前阶段开始日期不早于 / current stage began on or after (needs status)"),
                QueryParameter("stageTo", "string", "当前阶段开始日期不晚于 / current stage began on or before (needs status)"),
                .sort("id, name, updatedAt"),
            ]
        api.add(
            .get, "/api/v1/members", "党员列表（身份证号、手机号脱敏）/ List members, personal data masked", tag: tag,
            query: listQuery
        ) { _, context, q in
            let filter = MemberRegistry.Filter(
                within: try q.int64("within"), organizationID: try q.int64("organizationID"),
                status: try q.enumValue("status"),
                retired: try q.bool("retired"), flowing: try q.bool("flowing"), lostContact: try q.bool("lostContact"),
                stageFrom: try q.day("stageFrom"), stageTo: try q.day("stageTo"), sort: try .members(q.string("sort")))
            return JSONReply(page: try await members.list(filter, page: try q.page(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/members", "登记党员 / Register a member", tag: tag, body: MemberDraft.self) {
            _, context, draft in
            JSONReply(try await members.create(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/members/{id}", "党员详情 / A member", tag: tag) { _, context, _ in
            JSONReply(try await members.get(try context.id(), by: try context.caller()))
        }
        api.add(
            .patch, "/api/v1/members/{id}", "修改党员信息 / Update contact data and flags", tag: tag,
            body: MemberPatch.self
        ) { _, context, patch in
            JSONReply(try await members.update(try context.id(), patch, by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/members/{id}/status", "变更发展阶段 / Change status along the pipeline", tag: tag,
            body: StatusChange.self
        ) { _, context, change in
            JSONReply(try await members.changeStatus(try context.id(), change, by: try context.caller()))
        }
        api.add(.get, "/api/v1/members/{id}/status-history", "阶段变更记录 / Status history", tag: tag) { _, context, _ in
            JSONReply(try await members.history(of: try context.id(), by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/members/{id}/transfers", "转出组织关系 / Send a relation transfer", tag: tag,
            body: TransferRequest.self
        ) { _, context, request in
            JSONReply(
                try await members.startTransfer(try context.id(), request, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/transfers/incoming", "待接收的组织关系 / Transfers waiting to be received", tag: tag) {
            _, context, _ in
            JSONReply(try await members.incomingTransfers(by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/transfers/{id}/receive", "接收组织关系 / Receive a transfer", tag: tag,
            body: TransferReceipt.self
        ) { _, context, receipt in
            JSONReply(try await members.receiveTransfer(try context.id(), receipt, by: try context.caller()))
        }
        api.add(.post, "/api/v1/transfers/{id}/cancel", "撤回组织关系转接 / Cancel a pending transfer", tag: tag) {
            _, context, _ in
            JSONReply(try await members.cancelTransfer(try context.id(), by: try context.caller()))
        }
    }
}
