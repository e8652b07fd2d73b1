import Foundation

extension AuditEntry {
    private enum CodingKeys: String, CodingKey {
        case id, at, actorUserID, actorName, entity, entityID, action, before, after
    }

    /// Writes `before` and `after` as JSON objects, not as text, and leaves out an absent actor.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encodeIfPresent(actorUserID, forKey: .actorUserID)
        try container.encode(actorName, forKey: .actorName)
        try container.encode(entity, forKey: .entity)
        try container.encode(entityID, forKey: .entityID)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(try before.map(JSONValue.init(text:)), forKey: .before)
        try container.encodeIfPresent(try after.map(JSONValue.init(text:)), forKey: .after)
    }

    /// Reads an answer back: `before` and `after` as objects (or, from older answers, as text).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
            return try container.decodeIfPresent(JSONValue.self, forKey: key).map(JSONText.encode)
        }
        self.init(
            id: try container.decode(Int64.self, forKey: .id), at: try container.decode(Date.self, forKey: .at),
            actorUserID: try container.decodeIfPresent(Int64.self, forKey: .actorUserID),
            actorName: try container.decode(String.self, forKey: .actorName),
            entity: try container.decode(String.self, forKey: .entity),
            entityID: try container.decode(Int64.self, forKey: .entityID),
            action: try container.decode(String.self, forKey: .action), before: try text(.before),
            after: try text(.after))
    }
}
