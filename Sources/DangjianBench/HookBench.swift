import DangjianLua
import Foundation

/// `hook`: the measured path of issue 7's `hook` benchmark. It calls an
/// `on("member.updated", …)` hook with a member-sized record the way the host calls a hook:
/// through a pooled, sandboxed `LuaVM` under the configured limits, by the declaration's
/// function reference (`LuaVM.call(reference:_:)`, as `RuleEngine.run` does), with the record
/// pushed from Swift values and every answer converted back into Swift values.
/// Peers in the same run: bench/peers/hook.c, hook_lupa.py and hook_redis.py.
public enum HookBench {
    /// Calls the hook `calls` times and returns the figure.
    /// - Parameter visitPerCall: borrow the VM from the pool for every call, as `RuleEngine.handle`
    ///   does for each event, instead of once for all calls (reported as hook-visit).
    public static func run(script: String, limits: LuaLimits, calls: Int, visitPerCall: Bool) async throws
        -> BenchFigure
    {
        let source = try String(contentsOfFile: script, encoding: .utf8)
        let file = script
        // One VM, prepared as the engine prepares a pool's VMs: the file runs with the rule
        // surface, and the hook is found by its declaration.
        let pool = try LuaPool(size: 1, limits: limits) { vm in
            let declarations = try vm.declarations(in: source, file: file, globals: DJLibrary.checkGlobals).1
            vm.packs[file] = Dictionary(declarations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let (intents, seconds): (Int, Double)
        if visitPerCall {
            (intents, seconds) = try await timed {
                var intents = 0
                for _ in 0..<calls {
                    intents += try await pool.withVM { vm in try Self.call(Self.handler(in: vm, file: file), in: vm) }
                }
                return intents
            }
        } else {
            (intents, seconds) = try await timed {
                try await pool.withVM { vm in
                    let handler = try Self.handler(in: vm, file: file)
                    var intents = 0
                    for _ in 0..<calls { intents += try Self.call(handler, in: vm) }
                    return intents
                }
            }
        }
        guard intents == calls else {
            throw BenchError(description: "expected one intent a call, got \(intents) in \(calls) calls")
        }
        return BenchFigure(
            name: visitPerCall ? "hook-visit" : "hook", seconds: seconds, count: calls,
            extra: ["intents": Double(intents)])
    }

    /// The hook's function in `vm`, found as `RuleEngine.run` finds it: once per visit.
    static func handler(in vm: LuaVM, file: String) throws -> LuaReference {
        guard
            let hook = vm.packs[file]?.values.first(where: {
                $0.kind == .on && $0.fields["event"]?.string == "member.updated"
            }),
            let handler = hook.functions["handler"]
        else { throw BenchError(description: "\(file) declares no on(\"member.updated\", …) hook") }
        return handler
    }

    /// One call of the hook; returns how many intents it answered.
    static func call(_ handler: LuaReference, in vm: LuaVM) throws -> Int {
        // The record is built anew for every call, as `RuleEngine.handle` builds each event's
        // argument from Swift values; the C peer likewise builds its table each call.
        let answer = try vm.call(reference: handler, [BenchMember.sample.lua])
        return answer.first?.table?.array.count ?? 0
    }
}

/// A member as the host holds it, with dates as the text the database stores; the same member,
/// field for field, as the peers' `sample`.
public struct BenchMember: Sendable {
    let id: Int64
    let organizationID: Int64
    let name: String
    let gender: String
    let birthYear: Int64
    /// Masked, as rules only ever see it.
    let phone: String
    let status: String
    let appliedOn: String?
    let talkedOn: String?
    let activistOn: String?
    let candidateOn: String?
    let admittedOn: String?
    let fullOn: String?
    let retired: Bool
    let flowing: Bool
    let flowingTo: String?
    let lostContact: Bool
    let lostContactSince: String?
    let pendingTransfer: Bool
    let updatedAt: String

    /// The member every call sends, field for field the peers' `sample`.
    public static let sample = BenchMember(
        id: 1543, organizationID: 27, name: "李晓梅", gender: "女", birthYear: 1996, phone: "138****5678",
        status: "probationary", appliedOn: "2023-03-02", talkedOn: "2023-03-20", activistOn: "2023-09-01",
        candidateOn: "2024-09-10", admittedOn: "2025-07-15", fullOn: nil, retired: false, flowing: true,
        flowingTo: "广东省深圳市", lostContact: false, lostContactSince: nil, pendingTransfer: false,
        updatedAt: "2026-06-20T09:30:00Z")

    /// The record as a hook sees it: snake_case names, and an empty field left out (nil), as
    /// `LuaBridge.encode` leaves out an optional that is nil.
    public var lua: LuaValue {
        // Sized for every field up front, so the dictionary is not rehashed as it fills.
        var fields = [String: LuaValue](minimumCapacity: 20)
        fields["id"] = .int(id)
        fields["organization_id"] = .int(organizationID)
        fields["name"] = .string(name)
        fields["gender"] = .string(gender)
        fields["birth_year"] = .int(birthYear)
        fields["phone"] = .string(phone)
        fields["status"] = .string(status)
        fields["applied_on"] = appliedOn.map(LuaValue.string)
        fields["talked_on"] = talkedOn.map(LuaValue.string)
        fields["activist_on"] = activistOn.map(LuaValue.string)
        fields["candidate_on"] = candidateOn.map(LuaValue.string)
        fields["admitted_on"] = admittedOn.map(LuaValue.string)
        fields["full_on"] = fullOn.map(LuaValue.string)
        fields["retired"] = .bool(retired)
        fields["flowing"] = .bool(flowing)
        fields["flowing_to"] = flowingTo.map(LuaValue.string)
        fields["lost_contact"] = .bool(lostContact)
        fields["lost_contact_since"] = lostContactSince.map(LuaValue.string)
        fields["pending_transfer"] = .bool(pendingTransfer)
        fields["updated_at"] = .string(updatedAt)
        return .table(LuaTable(fields: fields))
    }
}
