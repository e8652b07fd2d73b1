import Foundation
import Testing
import Dangjian
@testable import DangjianHTTP

/// Request bodies are decoded once, by the type's own Decodable, and a key it never reads is an
/// unknown field at any depth, with no field list kept by hand (issue 14, point 9).
@Suite struct StrictDecoderTests {
    struct Visit: Decodable {
        var memberID: Int64?
        var notes: [Note]?
    }

    struct Note: Decodable {
        var text: String?
        var hours: Double?
    }

    struct Body: Decodable {
        var title: String?
        var urgent: Bool?
        var count: Int8?
        var visits: [Visit]?
        var tags: [String: String]?
    }

    func decode(_ json: String) throws -> (value: Body, unknownField: String?) {
        try StrictDecoder.decode(Body.self, from: try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
    }

    @Test func aKeyNothingReadsIsUnknownAtAnyDepth() throws {
        #expect(try decode(#"{"title":"走访","visits":[{"memberID":1,"notes":[{"text":"好"}]}]}"#).unknownField == nil)
        #expect(try decode(#"{"title":"走访","nickname":"x"}"#).unknownField == "nickname")
        #expect(
            try decode(#"{"visits":[{"memberID":1},{"memberID":2,"place":"社区"}]}"#).unknownField == "visits.1.place")
        #expect(
            try decode(#"{"visits":[{"notes":[{"text":"好","minutes":30}]}]}"#).unknownField
                == "visits.0.notes.0.minutes")
        // A dictionary reads every key it holds: none is unknown.
        #expect(try decode(#"{"tags":{"a":"1","b":"2"}}"#).unknownField == nil)
    }

    @Test func wrongTypesNameTheirFieldAndNothingPassesForAnother() throws {
        func mismatch(_ json: String) -> String? {
            do { _ = try decode(json); return nil } catch let DecodingError.typeMismatch(_, context) {
                return StrictDecoder.Reads.dotted(context.codingPath)
            } catch { return "other: \(error)" }
        }
        #expect(mismatch(#"{"urgent":1}"#) == "urgent")
        #expect(mismatch(#"{"title":true}"#) == "title")
        #expect(mismatch(#"{"count":"3"}"#) == "count")
        #expect(mismatch(#"{"visits":{"memberID":1}}"#) == "visits")
        #expect(throws: DecodingError.self) { try decode(#"{"count":300}"#) }
        // A fraction in an integer field is a bad value, as JSONDecoder said, naming the field.
        do { _ = try decode(#"{"visits":[{"memberID":1.5}]}"#); Issue.record("1.5 passed for an integer") } catch let
            DecodingError.dataCorrupted(context)
        {
            #expect(StrictDecoder.Reads.dotted(context.codingPath) == "visits.0.memberID")
        }
        #expect(try decode(#"{"visits":[{"notes":[{"hours":2}]}]}"#).value.visits?.first?.notes?.first?.hours == 2)
        #expect(try decode(#"{"title":null}"#).value.title == nil)
    }

    struct Extras: Decodable {
        var when: Date?
        var link: URL?
        var amount: Decimal?
        var ids: [Int64?]?
    }

    /// What JSONDecoder read itself still reads: ISO 8601 dates, URLs, decimals, and nulls in a list of optionals.
    @Test func foundationTypesAndNullsInOptionalListsStillDecode() throws {
        let tree = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(
                #"""
                {"when":"2026-12-07T09:00:00+08:00","link":"https://example.org/a","amount":1.25,"ids":[1,null]}
                """#.utf8))
        let decoded = try StrictDecoder.decode(Extras.self, from: tree)
        #expect(decoded.unknownField == nil)
        #expect(decoded.value.when == ISO8601DateFormatter().date(from: "2026-12-07T01:00:00Z"))
        #expect(decoded.value.link?.host == "example.org" && decoded.value.amount == Decimal(string: "1.25"))
        #expect(decoded.value.ids! == [1, nil])
    }
}
