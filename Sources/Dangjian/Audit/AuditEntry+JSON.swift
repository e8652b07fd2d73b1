import Foundation

extension AuditEntry {
    private enum CodingKeys: String, CodingKey {
        case id, at, actorUserID, actorName, entity, entityID, action, before, after
    }

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
        self.init(id: try container.decode(Int64.self, forKey: .id), at: try container.decode(Date.self, forKey: .at),
                  actorUserID: try container.decodeIfPresent(Int64.self, forKey: .actorUserID),
                  actorName: try container.decode(String.self, forKey: .actorName),
                  entity: try container.decode(String.self, forKey: .entity),
                  entityID: try container.decode(Int64.self, forKey: .entityID),
                  action: try container.decode(String.self, forKey: .action), before: try text(.before), after: try text(.after))
    }
}

/// Any JSON value, to carry stored JSON text into an answer as JSON rather than as a string.
enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(text: String) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
