/// SQLite refuses a statement with more than 32,766 arguments, so lists of ids go in chunks of
/// this many, which leaves room for a statement's other arguments.
let idChunkSize = 10_000

extension SQLSession {
    /// Runs `sql` once per chunk of the distinct `ids` and returns the rows of every run.
    /// `sql` receives the chunk's placeholders ("?, ?, ?") to put inside `IN (…)`; the chunk's
    /// ids are bound after `before` and before `after`. The ids go in ascending order, so a
    /// statement that orders by the listed column answers in that order across chunks too.
    /// No ids run no statement.
    public func query(
        ids: some Sequence<Int64>, before: [SQLValue] = [], after: [SQLValue] = [], _ sql: (_ marks: String) -> String
    ) throws -> [SQLRow] {
        let unique = Set(ids).sorted()
        var rows: [SQLRow] = []
        for start in stride(from: 0, to: unique.count, by: idChunkSize) {
            let chunk = unique[start..<min(start + idChunkSize, unique.count)]
            rows += try query(
                sql(chunk.map { _ in "?" }.joined(separator: ", ")), before + chunk.map { .integer($0) } + after)
        }
        return rows
    }
}

extension SQLSession {
    /// Runs `sql` over every row when `ids` is nil, else once per chunk of `ids` (as
    /// `query(ids:)`, so a list of any length is read). `sql` receives a function that turns a
    /// column into the condition: "1 = 1", or `column IN (?, …)` for the chunk. No ids, no rows.
    func query(
        orAll ids: [Int64]?, before: [SQLValue] = [], _ sql: (_ condition: (String) -> String) -> String
    ) throws -> [SQLRow] {
        guard let ids else { return try query(sql { _ in "1 = 1" }, before) }
        return try query(ids: ids, before: before) { marks in sql { "\($0) IN (\(marks))" } }
    }
}
