/// A module's catalogue of error codes: one enum per module whose cases are the codes, so each
/// code is declared once, a throw site names a case instead of a string, and the catalogue can
/// be listed (the OpenAPI document, the test that no code is thrown undeclared). Nobody
/// switches over a catalogue, so adding a case breaks no one.
public protocol ErrorCodes: RawRepresentable<String>, CaseIterable, Sendable, Hashable {}

extension ErrorCodes {
    /// Every raw code of the catalogue.
    public static var codes: [String] { allCases.map(\.rawValue) }

    /// The codes of some areas, the part before the first dot ("member" for "member.notFound").
    public static func codes(in areas: Set<String>) -> [String] {
        codes.filter { areas.contains(String($0.prefix { $0 != "." })) }
    }
}
