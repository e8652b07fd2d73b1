import Dangjian

extension Evaluations {
    /// The rounds the caller may read (their organisers' readers, and their evaluators), newest
    /// first, each as `get` answers it: an evaluator sees no ranking before publication.
    public func list(by actor: Principal) async throws -> [EvaluationRound] {
        try await host.store.read { s in
            try s.query("SELECT id FROM brand_rounds ORDER BY id DESC LIMIT 200", []).compactMap {
                try? Self.readable(try $0.int64("id"), actor: actor, in: s)
            }
        }
    }
}
