import Dangjian

/// 季度通报 published for a programme's quarter.
public struct BulletinPublished: DomainEvent {
    public static let name = "secretary.bulletinPublished"
    public let programmeID: Int64
    public let organizationID: Int64?
    public let quarter: Period
    public var entityID: Int64? { programmeID }
    public var fields: [String: EventField] { ["quarter": .text(quarter.key)] }
}
