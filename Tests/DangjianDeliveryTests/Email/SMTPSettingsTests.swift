import DangjianDelivery
import Foundation
import Testing

/// The configuration check's view of the SMTP settings: each problem in Chinese and English,
/// and the password never shown.
@Suite struct SMTPSettingsTests {
    static let good = SMTPSettings(
        host: "smtp.example.cn", username: "notice@example.cn", password: "hunter2-密码", from: "notice@example.cn",
        fromName: "党建工作提醒")

    @Test func goodSettingsHaveNoProblems() {
        #expect(Self.good.problems().isEmpty)
        #expect(Self.good.security == .starttls && Self.good.port == 587)
        var local = SMTPSettings(host: "127.0.0.1", port: 1025, security: .none, from: "demo@localhost")
        #expect(local.problems().isEmpty)
        local.username = "demo"
        local.password = "demo"
        #expect(local.problems().isEmpty, "AUTH in plain text is fine on loopback")
    }

    @Test func eachProblemIsNamedInBothLanguages() {
        var settings = Self.good
        settings.host = ""
        settings.from = "党建办 <notice@example.cn>"
        settings.port = 0
        settings.password = nil
        settings.caFile = "/nonexistent/ca.pem"
        settings.commandTimeout = .zero
        let problems = settings.problems()
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.allSatisfy { $0.contains(" / ") && $0.unicodeScalars.contains { $0.value > 0x4E00 } })
        #expect(problems.contains("smtp.host 未设置 / smtp.host is not set"))
        #expect(problems.contains("smtp.from 不是有效的邮件地址 / smtp.from is not a valid email address"))
    }

    @Test func authOverPlainTextToAnotherHostIsAProblem() {
        var settings = Self.good
        settings.security = .none
        let problems = settings.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("AUTH over plain text to smtp.example.cn") == true)
        settings.username = nil
        settings.password = nil
        #expect(
            settings.problems() == [
                "smtp.security: none 只允许本机的邮件服务器 / smtp.security: none is only allowed for a loopback relay"
            ])
    }

    @Test func addressesArePlainLocalAtDomain() {
        for good in ["a@b.cn", "li.hong+notice@branch-3.example.cn", "demo@localhost"] {
            #expect(SMTPSettings.isAddress(good), "\(good)")
        }
        for bad in [
            "", "a", "a@", "@b.cn", "a@b", "a b@c.cn", "a@b.cn\r\nRCPT TO:<x@y.cn>", "<a@b.cn>", "李红@b.cn", "a@b..cn",
        ] {
            #expect(!SMTPSettings.isAddress(bad), "\(bad)")
        }
    }

    @Test func theDescriptionMasksThePassword() {
        #expect(!"\(Self.good)".contains("hunter2"))
        #expect(
            "\(Self.good)"
                == "smtp starttls://smtp.example.cn:587 from notice@example.cn user notice@example.cn password ***")
    }

    @Test func onlyThisMachineCountsAsLoopback() {
        func plainLoginIsAllowed(to host: String) -> Bool {
            SMTPSettings(host: host, security: .none, username: "u", password: "p", from: "n@example.cn").problems()
                .isEmpty
        }
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "::1"] {
            #expect(plainLoginIsAllowed(to: host), "\(host)")
        }
        for host in [
            "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "128.0.0.1", "smtp.qq.com", "127.0.0.256",
        ] {
            #expect(!plainLoginIsAllowed(to: host), "\(host)")
        }
    }
}
