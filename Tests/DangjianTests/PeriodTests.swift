import Testing
@testable import Dangjian

/// The kernel's one period type (issue 14, point 3): what OrgLife's ledger and the rule engine
/// each had their own copy of.
@Suite struct PeriodTests {
    @Test func aDayLiesInOnePeriodOfEachLength() {
        let day = Day("2026-08-31")!
        #expect(
            Period.containing(day, .month) == Period(key: "2026-08", start: Day("2026-08-01")!, end: Day("2026-08-31")!)
        )
        #expect(
            Period.containing(day, .quarter)
                == Period(key: "2026-Q3", start: Day("2026-07-01")!, end: Day("2026-09-30")!))
        #expect(
            Period.containing(day, .halfYear)
                == Period(key: "2026-H2", start: Day("2026-07-01")!, end: Day("2026-12-31")!))
        #expect(
            Period.containing(day, .year) == Period(key: "2026", start: Day("2026-01-01")!, end: Day("2026-12-31")!))
        #expect(Period.containing(Day("2028-02-10")!, .month).end == Day("2028-02-29"))
    }

    @Test func keysAreReadBackAndImpossibleOnesRefused() {
        for key in ["2026-06", "2026-Q2", "2026-H1", "2026"] { #expect(Period(key)?.key == key) }
        for key in ["2026-13", "2026-Q5", "2026-H3", "2026-6", "26-Q1", "2026-Q", "2026-06-01", ""] {
            #expect(Period(key) == nil, "\(key)")
        }
    }

    @Test func partsAndPreviousPeriods() {
        #expect(Period("2026")!.parts(.quarter).map(\.key) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(Period("2026-Q1")!.parts(.month).map(\.key) == ["2026-01", "2026-02", "2026-03"])
        #expect(Period("2026-Q1")!.previous(.quarter).key == "2025-Q4")
        let yearly = Period.yearly("02-29", onOrAfter: Day("2026-03-01")!)!
        #expect(yearly.end == Day("2027-02-28") && yearly.start == Day("2026-03-01"))
        #expect(yearly.previous(nil).end == Day("2026-02-28"))
        // No day lies in two yearly periods, even around a leap day.
        let leap = Period.yearly("02-29", onOrAfter: Day("2028-02-29")!)!
        let after = Period.yearly("02-29", onOrAfter: Day("2028-03-01")!)!
        #expect(leap.end == Day("2028-02-29") && after.start == Day("2028-03-01") && after.end == Day("2029-02-28"))
    }
}
