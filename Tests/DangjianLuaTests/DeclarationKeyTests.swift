import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// A declaration's functions are found by its key, never by its position, so a VM whose pack
/// declared in another order still runs the checked declaration's function (issue 14, point 2).
@Suite struct DeclarationKeyTests {
    static func rules(_ ids: [String]) -> String {
        ids.map {
            "rule { id = \"\($0)\", title = \"x\", source = \"测试\", check = function(org, today) return \"\($0)\" end }"
        }
        .joined(separator: " ") + "\n"
    }

    @Test func aVMThatDeclaredInAnotherOrderRunsTheCheckedDeclarationsFunction() throws {
        let checked = try RulePack.load(
            directory: try TemporaryFiles.directory(["two.lua": Self.rules(["rule-a", "rule-b"])])
        ).get()
        #expect(checked.declarations.map(\.key) == checked.declarations.map { "rule:\($0.id!)@\($0.location)" })
        // The same declarations at the same line, run in the other order, as a top level that
        // loops over pairs may do in another VM.
        let file = try #require(checked.files.first)
        let drifted = RulePack(
            directory: checked.directory,
            files: [RulePack.File(path: file.path, hash: file.hash, source: Self.rules(["rule-b", "rule-a"]))],
            declarations: checked.declarations)
        let vm = try LuaVM(limits: LuaLimits())
        try drifted.load(into: vm)
        for declaration in checked.declarations {
            let function = try #require(vm.packs[checked.directory]?[declaration.key]?.functions["check"])
            let answer = try vm.call(reference: function, [.nil, .nil])
            #expect(answer.first?.string == declaration.id)
        }
    }

    @Test func twoHooksOnOneEventAtOneLineHaveTwoKeys() throws {
        let source = "for _ = 1, 2 do on(\"member.updated\", function(event) end) end\n"
        let pack = try RulePack.load(directory: try TemporaryFiles.directory(["hooks.lua": source])).get()
        let keys = pack.declarations.map(\.key)
        #expect(keys.count == 2)
        #expect(Set(keys).count == 2)
        #expect(keys[1] == keys[0] + "#1")
    }

    @Test func aVMThatDeclaresOtherRulesIsRefused() throws {
        let checked = try RulePack.load(
            directory: try TemporaryFiles.directory(["two.lua": Self.rules(["rule-a", "rule-b"])])
        ).get()
        let file = try #require(checked.files.first)
        let other = RulePack(
            directory: checked.directory,
            files: [RulePack.File(path: file.path, hash: file.hash, source: Self.rules(["rule-a", "rule-c"]))],
            declarations: checked.declarations)
        #expect(throws: PackErrors.self) { try other.load(into: try LuaVM(limits: LuaLimits())) }
    }
}

/// A rule, a hook and a score are typed values with their file and line once their pack loads.
@Suite struct TypedDeclarationTests {
    @Test func aRuleAHookAndAScoreCarryTheirFieldsFileAndLine() throws {
        let source = """
            rule { id = "rule-a", title = "标题", source = "依据", applies_to = { has_committee = true }, enabled = false,
                   check = function(org, today) return {} end }
            on("member.updated", function(event) end)
            score("rubric-a", function(org, input) return 1 end)

            """
        let pack = try RulePack.load(directory: try TemporaryFiles.directory(["all.lua": source])).get()
        // The file as Lua names the chunk (a long path is shortened), as in every author's message.
        let file = Reminder.split(try #require(pack.declarations.first).location).0
        #expect(file.hasSuffix("/all.lua"))
        let rule = try #require(pack.declarations.compactMap(\.rule).first)
        #expect(
            (rule.id, rule.title, rule.source, rule.file, rule.line, rule.enabled) == (
                "rule-a", "标题", "依据", file, 1, false
            ))
        #expect(rule.appliesTo?["has_committee"].bool == true)
        let hook = try #require(pack.declarations.compactMap(\.hook).first)
        #expect((hook.event, hook.file, hook.line) == ("member.updated", file, 3))
        let score = try #require(pack.declarations.compactMap(\.score).first)
        #expect((score.name, score.file, score.line) == ("rubric-a", file, 4))
        #expect(pack.declarations.map(\.isEnabled) == [false, true, true])
    }
}
