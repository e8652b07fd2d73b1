import ArgumentParser
import Dangjian
import Foundation

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database, the top-level committee and the first district admin.",
        discussion:
            "The password comes from DANGJIAN_ADMIN_PASSWORD or, on a terminal, a prompt; never from a flag, so it stays out of shell history."
    )

    @OptionGroup var options: HostOptions

    @Option(help: "Username of the first district admin.")
    var admin: String

    @Option(help: "Name of the top-level committee (e.g. 某某区教育局党委).")
    var district = "区党委"

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration)
        defer { Task { await host.stop() } }
        guard try await host.isEmpty() else {
            throw Failure(
                description: "数据库已初始化 / the database at \(configuration.resolvedDatabasePath) already holds data")
        }
        let password: String
        if let fromEnvironment = ProcessInfo.processInfo.environment["DANGJIAN_ADMIN_PASSWORD"] {
            password = fromEnvironment
        } else if isatty(STDIN_FILENO) == 1, let typed = getpass("管理员密码 / admin password: ") {
            password = String(cString: typed)
        } else {
            throw Failure(
                description: "请设置 DANGJIAN_ADMIN_PASSWORD / set DANGJIAN_ADMIN_PASSWORD (no terminal to prompt on)")
        }
        // Check the account first: a refused password must not leave a district with no admin.
        do {
            _ = try PasswordHasher.checkStrength(password)
            _ = try Validate.text(district, field: "district", max: 100)
        } catch let error as DangjianError {
            await host.stop()
            throw Failure(description: "\(error.zh) / \(error.en)")
        }
        let root = try await host.organizations.create(
            OrganizationDraft(parentID: nil, name: district, kind: "committee"), by: .system)
        let user = try await host.users.create(
            UserDraft(
                username: admin, displayName: admin, password: password,
                grants: [GrantDraft(role: Role.districtAdmin.rawValue, organizationID: root.id)]), by: .system)
        print(
            "已创建 \(district)（id \(root.id)）和区级管理员 \(user.username) / created \(district) (id \(root.id)) and district admin \(user.username)"
        )
        await host.stop()
    }
}
