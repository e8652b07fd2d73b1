import Dangjian
import Foundation

/// One channel's documented format: how a message becomes its request, how big the channel
/// lets it be, and what the channel's answer means. One small type per channel implements it.
protocol RobotFormat: Sendable {
    /// The bytes of `message` the channel limits (the whole body, or the text), and the limit.
    func size(of message: OutboundMessage) -> (bytes: Int, limit: Int)
    /// The request that sends `message`, already within the limit, to `target` at `now`.
    func post(_ message: OutboundMessage, to target: ChannelTarget, at now: Date) -> HTTPPost
    /// What an answer other than a 429 or a 5xx means; nil when it is not the channel's JSON.
    func verdict(status: Int, answer: String) -> RobotVerdict?
}

/// What a channel's answer means, before the answer itself is attached.
enum RobotVerdict: Equatable {
    /// The channel took the message.
    case delivered
    /// Worth another try, after `retryAfter` when the channel documents one.
    case temporary(retryAfter: Duration?)
    /// Never worth another try.
    case permanent
}

/// Reading the JSON the group robots answer with.
enum RobotAnswer {
    /// The first of `keys` that holds an integer in the answer's JSON object, with the object's
    /// message (`errmsg` or `msg`); nil when the answer is not such an object.
    static func code(_ answer: String, keys: [String]) -> (code: Int, message: String)? {
        guard case .object(let object)? = try? JSONValue(text: answer) else { return nil }
        for key in keys {
            if case .integer(let code)? = object[key] {
                let words = ["errmsg", "msg", "StatusMessage"].lazy.compactMap { key -> String? in
                    if case .string(let text)? = object[key] { return text }
                    return nil
                }
                return (Int(code), words.first ?? "")
            }
        }
        return nil
    }

    /// A verdict from a robot's code: 0 delivered, one of `limited` a rate limit (temporary,
    /// after `penalty` when the channel documents one), one of `busy` temporary, any other permanent.
    static func verdict(_ code: Int, limited: Set<Int>, busy: Set<Int> = [-1], penalty: Duration? = nil) -> RobotVerdict
    {
        if code == 0 { return .delivered }
        if limited.contains(code) { return .temporary(retryAfter: penalty) }
        return busy.contains(code) ? .temporary(retryAfter: nil) : .permanent
    }

    /// The JSON text of `object` (sorted keys, slashes as they are), the body of every robot request.
    static func json(_ object: [String: JSONValue]) -> String { JSONText.encode(JSONValue.object(object)) }

    /// `strings` as a JSON array.
    static func array(_ strings: [String]) -> JSONValue { .array(strings.map(JSONValue.string)) }
}
