/// Watches a sweep from outside the engine, e.g. a benchmark that replays the sweep in a
/// standalone interpreter. The product runs without one; the engine only knows this protocol.
public protocol SweepObserver: Sendable {
    /// The globals each pooled VM loads a pack with; may wrap the functions to see their answers.
    func globals(_ globals: [String: LuaGlobal]) -> [String: LuaGlobal]
    /// The calls the sweep is about to make of one declaration's function (`done` or `check`),
    /// declared at `location` ("file:line"), one argument list per organisation.
    func planned(location: String, function: String, arguments: [[LuaValue]])
}
