import Dispatch
import Foundation
import Synchronization

/// One VM per core. A task borrows a VM, uses it on that VM's own serial queue, and gives it
/// back; a VM whose state can no longer be trusted (a limit was hit, memory ran out) is
/// replaced by a fresh one, prepared the same way, before anyone borrows it again.
public final class LuaPool: Sendable {
    private let slots: [Slot]
    private let free: FreeList
    /// The limits every VM of the pool runs under, replacements included.
    public let limits: LuaLimits
    private let prepare: @Sendable (LuaVM) throws -> Void

    /// A pool of `size` VMs (at least one), each opened under `limits` and set up by `prepare`.
    /// - Throws: a `LuaError` when a VM cannot be opened, or what `prepare` throws.
    /// - Parameters:
    ///   - first: a VM already set up (e.g. the one that checked the rule packs), used as the
    ///     first slot after `prepare`, which should skip what it finds done. A VM that is no
    ///     longer trusted is not taken.
    ///   - prepare: sets up each VM, including every replacement.
    public init(
        size: Int = ProcessInfo.processInfo.activeProcessorCount, limits: LuaLimits = LuaLimits(),
        first: LuaVM? = nil, prepare: @escaping @Sendable (LuaVM) throws -> Void = { _ in }
    ) throws {
        self.limits = limits
        self.prepare = prepare
        let count = max(size, 1)
        var slots: [Slot] = []
        let prepared = first.flatMap { $0.isTrusted ? $0 : nil }
        for index in 0..<count {
            let vm = try (index == 0 ? prepared : nil) ?? LuaVM(limits: limits)
            try prepare(vm)
            slots.append(Slot(vm: vm, queue: DispatchQueue(label: "dangjian.lua.\(index)")))
        }
        self.slots = slots
        free = FreeList(Array(0..<count))
    }

    /// How many VMs the pool holds (at least 1): how many calls can run at once.
    public var size: Int { slots.count }

    /// Runs `body` with a VM of its own, off the cooperative thread pool.
    public func withVM<T: Sendable>(_ body: @escaping @Sendable (LuaVM) throws -> T) async throws -> T {
        let index = await free.acquire()
        defer { free.release(index) }
        let slot = slots[index]
        let prepare = self.prepare
        let limits = self.limits
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                let result = Result { try body(slot.vm) }
                if !slot.vm.isTrusted {
                    // Replace the VM; if even that fails, keep the old one rather than none.
                    if let fresh = try? LuaVM(limits: limits), (try? prepare(fresh)) != nil { slot.vm = fresh }
                }
                continuation.resume(with: result)
            }
        }
    }

    /// How many VMs have been replaced since start, for /metrics and tests.
    public var replacements: Int { slots.reduce(0) { $0 + $1.replaced } }
}

/// A VM and the queue it lives on. `@unchecked Sendable` because the VM is touched only on
/// `queue`, and only by the one task that borrowed this slot from the free list.
private final class Slot: @unchecked Sendable {
    var vm: LuaVM {
        didSet { replaced += 1 }
    }
    private(set) var replaced = 0
    let queue: DispatchQueue

    init(vm: LuaVM, queue: DispatchQueue) {
        self.vm = vm
        self.queue = queue
    }
}

/// Indices of idle slots, with tasks waiting in arrival order when none is idle.
private final class FreeList: Sendable {
    private struct State {
        var idle: [Int]
        var waiting: [CheckedContinuation<Int, Never>] = []
    }

    private let state: Mutex<State>

    init(_ indices: [Int]) { state = Mutex(State(idle: indices)) }

    func acquire() async -> Int {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let index = state.idle.popLast() {
                    continuation.resume(returning: index)
                } else {
                    state.waiting.append(continuation)
                }
            }
        }
    }

    func release(_ index: Int) {
        state.withLock { state in
            if state.waiting.isEmpty {
                state.idle.append(index)
            } else {
                state.waiting.removeFirst().resume(returning: index)
            }
        }
    }
}
