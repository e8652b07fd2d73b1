import Dangjian
import Hummingbird

/// Any Encodable value as a JSON response with a chosen status.
public struct JSONReply<Value: Encodable & Sendable>: ResponseGenerator {
    public let value: Value
    public let status: HTTPResponse.Status

    /// `value` as JSON with `status` (201 for a creation).
    public init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(value, from: request, context: context)
        response.status = status
        return response
    }
}

/// A page of a list, as every list endpoint returns it.
public struct PageBody<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]
    public let nextCursor: String?
}

extension JSONReply {
    /// A page as `{"items": […], "nextCursor": …}`.
    public init<Item>(page: Page<Item>) where Value == PageBody<Item> {
        self.init(PageBody(items: page.items, nextCursor: page.nextCursor))
    }
}
