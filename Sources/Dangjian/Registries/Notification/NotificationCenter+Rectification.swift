extension NotificationCenter {
    /// Tells the secretaries of the unit a rectification item was opened for, in the transaction
    /// that opens it: without this they would find it only by polling their tasks. Keyed by the
    /// task and the user, so a run repeated after a crash tells nobody twice. Returns how many
    /// were told.
    @discardableResult
    public func announceRectification(_ task: TaskItem, in tx: Transaction) throws -> Int {
        let unit = task.responsibleOrganizationID
        let secretaries = try UserRegistry.holders(of: .secretary, organizationIDs: [unit], in: tx.session)[unit] ?? []
        var told = 0
        for user in secretaries {
            let sent = try send(
                NotificationDraft(
                    userID: user, kind: "task", title: String("新的整改任务：\(task.title)".prefix(200)),
                    body: "\(task.description ?? task.title)\n完成时限：\(task.dueOn)。请在待办中查看，整改后提交佐证。",
                    organizationID: unit, idempotencyKey: "rectification:\(task.id):\(user)", ruleRef: task.ruleRef),
                in: tx)
            told += sent == nil ? 0 : 1
        }
        return told
    }
}
