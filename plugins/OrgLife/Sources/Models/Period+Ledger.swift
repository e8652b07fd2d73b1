import Dangjian
import Foundation

extension Period {
    /// A period a secretary wrote ("2026-06", "2026-Q2", "2026-H1", "2026"); one that does not
    /// exist ("2026-13", "2026-Q5") is refused, naming the field.
    public static func parse(_ text: String, field: String = "period") throws -> Period {
        guard let period = Period(text) else {
            throw DangjianError.invalid(
                OrgLifeErrorCode.badPeriod, field: field,
                zh: "期间 \(text) 不存在，应写作 2026-06、2026-Q2、2026-H1 或 2026",
                en: "No such period \(text); write 2026-06, 2026-Q2, 2026-H1 or 2026")
        }
        return period
    }
}
