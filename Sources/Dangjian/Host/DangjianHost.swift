import Foundation
import Logging

/// The running kernel: storage, registries, events, plugins and the scheduler. `serve`, the
/// CLI commands and the tests all build it through `open`, so they run the same host.
public final class DangjianHost: Sendable {
    /// The configuration the host was opened with.
    public let configuration: HostConfiguration
    /// The open database (SQLite today); plugins reach it through `store`.
    public let database: any DatabaseDriver
    /// Reads and writes in transactions, with audit and events after commit.
    public let store: Store
    /// Where committed facts are published to Swift subscribers and Lua hooks.
    public let events: EventBus
    /// The task and notification kinds the kernel and the plugins have registered.
    public let kinds: KindCatalog
    /// The scheduled jobs (the daily sweep, plugins' jobs) and their run history.
    public let scheduler: Scheduler
    /// The organisation tree (党组织).
    public let organizations: OrganizationRegistry
    /// Members (党员), their status history and relation transfers.
    public let members: MemberRegistry
    /// Task lists, tasks and inspections (督查) with their findings.
    public let tasks: TaskRegistry
    /// Users' inboxes and the outbox to other channels.
    public let notifications: NotificationCenter
    /// Accounts, grants, logins and tokens.
    public let users: UserRegistry
    /// The organisations' group robots, the users' own channels and mutes, and the routes.
    public let channels: ChannelDirectory
    /// The outbox rows the sender claims, records and gives up on.
    public let outbox: Outbox
    /// The audit log, read within the caller's subtree.
    public let audit: AuditReader
    /// The enabled plugins, in dependency order.
    public let plugins: PluginSet
    /// The host's logger; personal data never goes into it.
    public let logger: Logger

    /// The kernel's own schema, in dependency order of its tables.
    static var kernelMigrations: [Migration] {
        OrganizationRegistry.migrations + MemberRegistry.migrations + UserRegistry.migrations
            + TaskRegistry.migrations + NotificationCenter.migrations + [AuditLog.migration] + Scheduler.migrations
    }

    private init(
        configuration: HostConfiguration, database: any DatabaseDriver, clock: any HostClock,
        plugins: PluginSet, box: SecretBox, logger: Logger
    ) {
        self.configuration = configuration
        self.database = database
        self.logger = logger
        events = EventBus(logger: logger)
        store = Store(database: database, events: events, clock: clock)
        kinds = KindCatalog()
        scheduler = Scheduler(store: store, tickSeconds: configuration.schedulerTickSeconds, logger: logger)
        organizations = OrganizationRegistry(store: store)
        members = MemberRegistry(store: store)
        tasks = TaskRegistry(store: store, kinds: kinds)
        notifications = NotificationCenter(store: store, kinds: kinds, routes: configuration.delivery.routes)
        channels = ChannelDirectory(store: store, box: box, kinds: kinds)
        outbox = Outbox(store: store, notifications: notifications)
        users = UserRegistry(
            store: store, hasher: PasswordHasher(cost: UInt8(configuration.bcryptCost)),
            sessionLifetime: TimeInterval(configuration.sessionHours) * 3600)
        audit = AuditReader(store: store)
        self.plugins = plugins
    }

    /// Opens the database, migrates the kernel and every enabled plugin, registers the plugins
    /// and validates them. Nothing is started yet: `start` does that.
    /// - Parameter readOnly: for commands that promise to write nothing (a dry run, an
    ///   export): the database must exist and be migrated already, and is neither created,
    ///   migrated nor written (`DatabaseUnavailable` otherwise).
    public static func open(
        configuration: HostConfiguration,
        plugins available: [any HostPlugin] = [],
        clock: any HostClock = SystemClock(),
        logger: Logger = Logger(label: "dangjian"),
        readOnly: Bool = false
    ) async throws -> DangjianHost {
        let plugins = try PluginSet(available: available, disabledIDs: configuration.disabledPlugins)
        let problems = PluginSet.settingsProblems(configuration.pluginSettings, available: available)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        let path = configuration.resolvedDatabasePath
        // A read-only command writes no key file; it sends nothing, so a passing key will do.
        let box =
            readOnly && configuration.delivery.key.isEmpty
            ? try SecretBox.configuredIfPresent(configuration.delivery, dataDirectory: configuration.dataDirectory)
            : try SecretBox.configured(configuration.delivery, dataDirectory: configuration.dataDirectory)
        let database = try SQLiteDatabase(path: path, readOnly: readOnly)
        let host = DangjianHost(
            configuration: configuration, database: database, clock: clock, plugins: plugins, box: box, logger: logger)
        let migrations = kernelMigrations + plugins.ordered.flatMap(\.migrations)
        if readOnly {
            let pending = try await Migrator(database: database).pending(migrations)
            guard pending.isEmpty else {
                try? await database.close()
                throw DatabaseUnavailable.notMigrated(path: path, pending: pending)
            }
        } else {
            let applied = try await Migrator(database: database).migrate(migrations)
            for step in applied { logger.info("migrated", metadata: ["step": "\(step)"]) }
        }
        try host.registerKernelJobs()
        for plugin in plugins.ordered {
            try plugin.register(into: PluginContext(pluginID: plugin.id, host: host))
        }
        for plugin in plugins.ordered { try await plugin.validate(host) }
        return host
    }

    /// Starts every enabled plugin in dependency order. Throws the first plugin's failure; plugins started
    /// before it keep running until `stop`.
    public func start() async throws {
        for plugin in plugins.ordered {
            try await plugin.start(self)
            logger.info("plugin started", metadata: ["plugin": "\(plugin.id)"])
        }
    }

    /// Stops in reverse start order: first the events still queued are delivered (for at most
    /// `eventDrain`), then the plugins stop, then the database closes.
    public func stop(eventDrain: Duration = .seconds(10)) async {
        await events.shutdown(within: eventDrain)
        for plugin in plugins.ordered.reversed() { await plugin.stop() }
        try? await database.close()
    }

    private func registerKernelJobs() throws {
        let tasks = self.tasks
        try scheduler.add(
            ScheduledJob(id: "kernel.task-overdue", title: "标记逾期任务", cadence: .daily(hour: 0, minute: 10)) { run in
                try await tasks.markOverdue(asOf: Day(run.scheduledFor))
            })
    }

    /// Whether the database holds nothing yet (no organisation), for `make run`'s first start.
    public func isEmpty() async throws -> Bool {
        try await store.read { s in try s.scalarInt("SELECT COUNT(*) FROM organizations") == 0 }
    }
}
