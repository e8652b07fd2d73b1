import Foundation
@testable import Dangjian
import DangjianTestSupport

typealias TestHost = TemporaryHost

extension TemporaryHost {
    static func make(plugins: [any HostPlugin] = [], disabled: [String] = [], at date: Date = start) async throws
        -> TemporaryHost
    {
        try await open(plugins: plugins, at: date) { $0.disabledPlugins = disabled }
    }
}

/// A small tree: 区委 (committee) → 一中党总支 (general branch) → 一中第一/第二支部 (branches);
/// 二中支部 (branch) directly under the committee.
struct SmallTree {
    let root: Organization
    let general: Organization
    let branchA: Organization
    let branchB: Organization
    let otherSchool: Organization

    static func make(_ t: TestHost) async throws -> SmallTree {
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区教育局党委", kind: "committee"), by: .system)
        let general = try await o.create(
            .init(parentID: root.id, name: "一中党总支", kind: "generalBranch", domain: "school"), by: .system)
        let a = try await o.create(
            .init(parentID: general.id, name: "一中第一支部", kind: "branch", domain: "school"), by: .system)
        let b = try await o.create(
            .init(parentID: general.id, name: "一中第二支部", kind: "branch", domain: "school"), by: .system)
        let other = try await o.create(
            .init(parentID: root.id, name: "二中支部", kind: "branch", domain: "school"), by: .system)
        return SmallTree(root: root, general: general, branchA: a, branchB: b, otherSchool: other)
    }
}

/// Expects `body` to throw a `DangjianError` with `code`, and returns it.
@discardableResult
func expectError(_ code: String, _ body: () async throws -> Void) async -> DangjianError? {
    do {
        try await body()
    } catch let error as DangjianError {
        if error.code != code { Issue.record("expected \(code), got \(error.code): \(error.en)") }
        return error
    } catch {
        Issue.record("expected DangjianError \(code), got \(error)")
        return nil
    }
    Issue.record("expected \(code), nothing was thrown")
    return nil
}

import Testing
