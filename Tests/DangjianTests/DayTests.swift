import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct DayTests {
    @Test func parsesOnlyExactISODates() {
        #expect(Day("2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day("2023-02-29") == nil)
        #expect(Day("2024-2-29") == nil)
        #expect(Day("2024-02-29T00:00") == nil)
        #expect(Day("2024-13-01") == nil)
        #expect(Day("２０２４-01-01") == nil)
    }

    @Test func addingMonthsClampsToMonthEnd() {
        #expect(Day("2024-01-31")!.adding(months: 1) == Day("2024-02-29"))
        #expect(Day("2023-01-31")!.adding(months: 1) == Day("2023-02-28"))
        #expect(Day("2024-03-31")!.adding(months: -1) == Day("2024-02-29"))
        #expect(Day("2024-12-15")!.adding(months: 1) == Day("2025-01-15"))
        #expect(Day("2024-02-29")!.adding(years: 1) == Day("2025-02-28"))
    }

    @Test func ordinalRoundTripsAcrossLeapYears() {
        var day = Day("1999-12-25")!
        for _ in 0..<3000 {
            let next = day.adding(days: 1)
            #expect(Day(ordinal: next.ordinal) == next)
            #expect(next > day)
            day = next
        }
        #expect(Day("2000-02-28")!.days(until: Day("2000-03-01")!) == 2)
        #expect(Day("1900-02-28")!.adding(days: 1) == Day("1900-03-01"))
    }

    @Test func weekdayAndAge() {
        #expect(Day("2026-11-24")!.weekday == 2)  // a Tuesday
        #expect(Day("2008-03-01")!.wholeYears(until: Day("2026-02-28")!) == 17)
        #expect(Day("2008-03-01")!.wholeYears(until: Day("2026-03-01")!) == 18)
    }

    @Test func timestampsRoundTripToTheMillisecond() {
        for millis in 0..<1000 {
            let text = String(format: "2026-06-15T10:11:12.%03dZ", millis)
            #expect(Timestamp.format(Timestamp.parse(text)!) == text)
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test func storedTimestampsReadAsTheFormatterReadsThem() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in [
            "2026-06-15T10:11:12.345Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
            "1969-12-31T23:59:59.500Z",
        ] {
            #expect(Timestamp.parseWritten(text) == formatter.date(from: text), "\(text)")
        }
        #expect(Timestamp.parseWritten("2026-06-15T10:11:12Z") == Timestamp.parse("2026-06-15T10:11:12.000Z"))
        // Other forms go to the formatter; nonsense is nil either way.
        for text in [
            "2026-06-15T10:11:12+08:00", "2026-02-30T10:11:12.000Z", "2026-06-15T24:00:00.000Z",
            "2026-06-15 10:11:12.000Z",
        ] {
            #expect(Timestamp.parseWritten(text) == nil, "\(text)")
        }
        #expect(Timestamp.parse("2026-06-15T18:11:12+08:00") == Timestamp.parse("2026-06-15T10:11:12.000Z"))
    }

    @Test func startIsMidnightInChina() {
        let start = Day("2026-01-01")!.start
        #expect(Timestamp.format(start) == "2025-12-31T16:00:00.000Z")
        #expect(Day(start) == Day("2026-01-01"))
    }
}

@Suite struct ResidentIDTests {
    let today = Day("2026-06-15")!

    @Test func acceptsAValidNumberAndReadsBirthAndGender() throws {
        let number = IDs.make(born: "1985-07-09", sequence: 241)
        let id = try ResidentID.parse(number, today: today).get()
        #expect(id.birthDate == Day("1985-07-09"))
        #expect(id.isMale)  // the 17th digit, 1, is odd
        // The standard's published example: 11010519491231002X.
        #expect((try? ResidentID.parse("11010519491231002x", today: today).get())?.value == "11010519491231002X")
    }

    @Test func refusesWrongCheckDigitLengthAndBirthDate() {
        let number = IDs.make(born: "1985-07-09")
        let last = number.last!
        let wrong = String(number.dropLast()) + (last == "1" ? "2" : "1")
        #expect(ResidentID.parse(wrong, today: today) == .failure(.checkDigit))
        #expect(ResidentID.parse("12345", today: today) == .failure(.length))
        #expect(ResidentID.parse("99010119850709A231", today: today) == .failure(.characters))
        #expect(ResidentID.parse(ResidentID.withCheckDigit("99010119850230123"), today: today) == .failure(.birthDate))
        #expect(ResidentID.parse(ResidentID.withCheckDigit("99010120300101123"), today: today) == .failure(.birthDate))
    }

    @Test func masksKeepRegionAndTail() {
        #expect(ResidentID.mask("11010519491231002X") == "110105********002X")
        #expect(PhoneNumber.mask("13812345678") == "138****5678")
        #expect(PhoneNumber.isValid("13812345678"))
        #expect(!PhoneNumber.isValid("23812345678"))
    }
}

extension Result where Success == ResidentID, Failure == ResidentID.Problem {
    static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.failure(let a), .failure(let b)): a == b
        case (.success(let a), .success(let b)): a == b
        default: false
        }
    }
}
