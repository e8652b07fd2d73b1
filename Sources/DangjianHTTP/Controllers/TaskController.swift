import Dangjian
import Hummingbird

struct TaskController {
    let host: DangjianHost

    func register(_ api: APIRouter) {
        api.answering(
            KernelErrorCode.codes(in: ["task", "taskList", "inspection", "finding"])
                + HTTPErrorCode.codes(in: ["task", "taskList", "inspection", "finding"]))
        let tasks = host.tasks
        let tag = "tasks"
        let listQuery =
            QueryParameter.paging + [
                QueryParameter("listID", "integer", "任务清单 / task list"),
                QueryParameter("responsibleWithin", "integer", "责任单位在此组织范围内 / responsible organisation under this one"),
                QueryParameter("status", "string", "open, inProgress, submitted, accepted, returned, overdue"),
                QueryParameter("kind", "string", "任务类型 / task kind"),
                QueryParameter("dueFrom", "string", "完成时限不早于 / due on or after (YYYY-MM-DD)"),
                QueryParameter("dueTo", "string", "完成时限不晚于 / due on or before (YYYY-MM-DD)"),
                QueryParameter("assignedToMe", "boolean", "只看分派给我的 / only tasks assigned to the caller"),
                .sort("id, dueOn, title"),
            ]
        api.add(.get, "/api/v1/tasks", "任务列表 / List tasks", tag: tag, query: listQuery) { _, context, q in
            let filter = TaskRegistry.Filter(
                listID: try q.int64("listID"), responsibleWithin: try q.int64("responsibleWithin"),
                status: try q.enumValue("status"),
                kind: q.string("kind"), dueFrom: try q.day("dueFrom"), dueTo: try q.day("dueTo"),
                assignedToMe: try q.bool("assignedToMe") ?? false, sort: try .tasks(q.string("sort")))
            return JSONReply(page: try await tasks.list(filter, page: try q.page(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/tasks", "下达任务 / Issue a task", tag: tag, body: TaskDraft.self) { _, context, draft in
            JSONReply(try await tasks.create(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/tasks/{id}", "任务详情与佐证 / A task with its evidence", tag: tag) { _, context, _ in
            JSONReply(try await tasks.get(try context.id(), by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/tasks/{id}/status", "推进、提交、验收或退回 / Start, submit, accept or return", tag: tag,
            body: TaskTransition.self
        ) { _, context, change in
            JSONReply(try await tasks.transition(try context.id(), change, by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/tasks/{id}/evidence", "补充佐证说明 / Add an evidence note", tag: tag,
            body: EvidenceNote.self
        ) { _, context, evidence in
            JSONReply(
                try await tasks.addEvidence(try context.id(), note: evidence.note, by: try context.caller()),
                status: .created)
        }
        api.add(.post, "/api/v1/task-lists", "新建任务清单 / Create a task list", tag: tag, body: TaskListDraft.self) {
            _, context, draft in
            JSONReply(try await tasks.createList(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/organizations/{id}/task-lists", "本组织的任务清单 / An organisation's task lists", tag: tag) {
            _, context, _ in
            JSONReply(try await tasks.lists(of: try context.id(), by: try context.caller()))
        }
        api.add(.post, "/api/v1/inspections", "记录督查 / Record an inspection", tag: tag, body: InspectionDraft.self) {
            _, context, draft in
            JSONReply(try await tasks.recordInspection(draft, by: try context.caller()), status: .created)
        }
        api.add(.get, "/api/v1/inspections/{id}", "督查及问题清单 / An inspection with its findings", tag: tag) {
            _, context, _ in
            JSONReply(try await tasks.inspection(try context.id(), by: try context.caller()))
        }
        api.add(
            .post, "/api/v1/inspections/{id}/findings", "登记问题并限期整改 / Record a finding with a rectification deadline",
            tag: tag, body: FindingDraft.self
        ) { _, context, draft in
            JSONReply(
                try await tasks.addFinding(to: try context.id(), draft, by: try context.caller()), status: .created)
        }
    }
}
