extension PluginContext {
    /// Subscribes the plugin to one kind of fact, as its own type; delivered after commit.
    public func on<Fact: DomainEvent>(
        _ kind: Fact.Type, _ handler: @escaping @Sendable (Fact, HostEvent) async throws -> Void
    ) {
        host.events.subscribe(kind, subscriber: pluginID, handler)
    }
}
