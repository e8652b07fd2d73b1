import Dangjian

extension RuleSet {
    /// Loads and checks the baseline and every bound district pack. Any problem in any pack
    /// refuses the whole set, listing every problem: the running rules stay as they were.
    /// - Parameter vm: where a host that will run the set checks it, with the sweep's globals
    ///   (`RuleEngine(prepared:)` then runs it there); nil checks each pack in a throwaway VM.
    public static func load(
        _ configuration: HostConfiguration, plugins: [any RulePlugin] = [], into vm: LuaVM? = nil,
        calendar: WorkCalendar = .weekendsOnly
    ) -> Result<RuleSet, PackErrors> {
        func loadPack(_ directory: String) -> Result<RulePack, PackErrors> {
            guard let vm else { return RulePack.load(directory: directory, limits: configuration.luaLimits) }
            let globals = DJLibrary.sweepGlobals(vm.callContext, calendar: calendar, plugins: plugins)
            return RulePack.load(directory: directory, into: vm, globals: globals)
        }
        var problems: [PackProblem] = []
        var baselines: [RulePack] = []
        for id in configuration.rulesPlugins.keys.sorted() where !plugins.contains(where: { $0.id == id }) {
            problems.append(PackProblem("rules.plugins", "no enabled plugin with rules has the id \(id)"))
        }
        for directory in [configuration.rulesBaseline] + plugins.map(configuration.rulesDirectory(of:)) {
            if let missing = configuration.missingPack(directory) {
                problems.append(PackProblem(directory, missing))
                continue
            }
            switch loadPack(directory) {
            case .success(let pack): baselines.append(pack)
            case .failure(let errors): problems += errors.problems
            }
        }
        problems += sharedIDs(baselines)
        var loaded: [String: RulePack] = [:]
        var bindings: [Binding] = []
        for binding in configuration.rulesDistricts {
            if loaded[binding.directory] == nil {
                if let missing = configuration.missingPack(binding.directory) {
                    problems.append(PackProblem(binding.directory, missing))
                    continue
                }
                switch loadPack(binding.directory) {
                case .success(let pack): loaded[binding.directory] = pack
                case .failure(let errors): problems += errors.problems
                }
            }
            if let pack = loaded[binding.directory] {
                bindings.append(Binding(pack: pack, organizationID: binding.organizationID))
            }
        }
        guard problems.isEmpty else { return .failure(PackErrors(problems: problems)) }
        // disable("id") must name a rule that exists: a typo would leave the rule running.
        let known = Set(
            (baselines + bindings.map(\.pack)).flatMap { pack in
                pack.declarations.filter { $0.kind == .reminder || $0.kind == .rule }.compactMap(\.id)
            })
        for binding in bindings {
            for d in binding.pack.declarations where d.kind == .disable {
                if let id = d.fields["id"]?.string, !known.contains(id) {
                    problems.append(PackProblem(d.location, "disable: no rule \(id) in the baseline or another pack"))
                }
            }
        }
        guard problems.isEmpty else { return .failure(PackErrors(problems: problems)) }
        return .success(RuleSet(baselines: baselines, bindings: bindings))
    }

    /// Two baseline packs declaring one id: nothing says which should win, so both are named.
    static func sharedIDs(_ baselines: [RulePack]) -> [PackProblem] {
        var first: [String: String] = [:]
        var problems: [PackProblem] = []
        for pack in baselines {
            for d in pack.declarations where [.reminder, .rule, .score].contains(d.kind) {
                let id = d.kind == .score ? d.name : (d.id ?? "")
                if let earlier = first[id] {
                    problems.append(
                        PackProblem(d.location, "id \(id) is also declared by another baseline pack at \(earlier)"))
                } else {
                    first[id] = d.location
                }
            }
        }
        return problems
    }

    /// `load`, then `checkBindings`: the set the host can run, or every problem found.
    public static func load(
        _ configuration: HostConfiguration, checkingAgainst host: DangjianHost, into vm: LuaVM? = nil,
        calendar: WorkCalendar = .weekendsOnly
    ) async throws -> Result<RuleSet, PackErrors> {
        switch load(configuration, plugins: host.rulePlugins, into: vm, calendar: calendar) {
        case .success(let rules):
            let problems = try await rules.checkBindings(against: host)
            return problems.isEmpty ? .success(rules) : .failure(PackErrors(problems: problems))
        case .failure(let errors):
            return .failure(errors)
        }
    }

    /// Every binding must name an organisation that exists and is not archived.
    public func checkBindings(against host: DangjianHost) async throws -> [PackProblem] {
        var problems: [PackProblem] = []
        for binding in bindings {
            do {
                let organization = try await host.organizations.get(binding.organizationID, by: .system)
                if organization.isArchived {
                    problems.append(
                        PackProblem(binding.pack.directory, "bound to archived organisation \(binding.organizationID)"))
                }
            } catch {
                problems.append(
                    PackProblem(
                        binding.pack.directory, "bound to organisation \(binding.organizationID), which does not exist")
                )
            }
        }
        return problems
    }

    /// What `rules explain` shows: each rule for an organisation, with its pack and version.
    public func explain(path: String) -> [(rule: String, pack: String, version: String, active: Bool)] {
        resolve(path: path).map { resolution in
            let pack = packs[resolution.pack]
            guard let index = resolution.declaration else {
                return (resolution.ruleID, pack.directory, "disabled", false)
            }
            let declaration = pack.declarations[index]
            let enabled = declaration.isEnabled
            return (
                resolution.ruleID, pack.directory, enabled ? pack.reference(of: declaration) : "enabled = false",
                enabled
            )
        }
    }
}
