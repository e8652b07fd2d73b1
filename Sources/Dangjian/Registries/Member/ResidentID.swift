/// A mainland resident identity number (居民身份证号码, GB 11643-1999): 6 digits of region,
/// 8 of birth date, 3 of sequence (odd for men), and a check character over the first 17.
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    /// The 18 characters as stored, a final x upper-cased to X. Personal data: never log it.
    public let value: String
    /// Digits 7–14, checked to be a real day from 1900 to today.
    public let birthDate: Day
    /// Digit 17 is odd.
    public let isMale: Bool

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    /// Why a number was refused: not 18 characters, not digits (a final X allowed), no real birth date,
    /// or a wrong check character.
    public enum Problem: Error, Sendable, Equatable {
        case length, characters, birthDate, checkDigit
    }

    /// Parses and checks a number; a lowercase x is accepted and stored as X.
    public static func parse(_ text: String, today: Day) -> Result<ResidentID, Problem> {
        let chars = Array(text.uppercased())
        guard chars.count == 18 else { return .failure(.length) }
        guard chars[0..<17].allSatisfy(\.isASCIIDigit), chars[17].isASCIIDigit || chars[17] == "X" else {
            return .failure(.characters)
        }
        let digits = chars[0..<17].map { Int(String($0))! }
        guard
            let birth = Day(
                year: digits[6...9].reduce(0) { $0 * 10 + $1 },
                month: digits[10] * 10 + digits[11], day: digits[12] * 10 + digits[13]),
            birth.year >= 1900, birth <= today
        else { return .failure(.birthDate) }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard checkCharacters[sum % 11] == chars[17] else { return .failure(.checkDigit) }
        return .success(ResidentID(value: String(chars), birthDate: birth, isMale: digits[16] % 2 == 1))
    }

    /// Completes 17 digits with their check character (used by the demo generator and tests).
    public static func withCheckDigit(_ first17: String) -> String {
        let digits = first17.compactMap { $0.wholeNumberValue }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return first17 + String(checkCharacters[sum % 11])
    }

    /// "110105********123X": region and the last four stay, the birth date does not.
    public static func mask(_ value: String) -> String {
        guard value.count == 18 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4))
    }

    /// The full number; mask it with `mask` before showing it to a caller without the right.
    public var description: String { value }
}

/// Mainland mobile numbers: 11 digits starting with 1.
public enum PhoneNumber {
    /// Whether `text` is 11 ASCII digits starting with 1.
    public static func isValid(_ text: String) -> Bool {
        text.count == 11 && text.first == "1" && text.allSatisfy(\.isASCIIDigit)
    }

    /// "138****5678"
    public static func mask(_ value: String) -> String {
        guard value.count >= 7 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(3)) + String(repeating: "*", count: value.count - 7) + String(value.suffix(4))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
