import PulseCore
import PulseDelivery

/// Everything `pulse serve` is configured with: `pulse.yaml`, then `PULSE_*` environment variables, then flags
/// (later wins). Tests build one directly.
public struct PulseConfiguration: Hashable, Sendable {
    /// Address and port the HTTP server listens on.
    public var host: String
    public var port: Int
    /// SQLite file of the embedded store.
    public var databasePath: String
    /// The tenant the CLI acts on and the scheduler evaluates (the API serves every tenant its tokens name).
    public var tenant: Tenant.ID
    /// A folder of rule files added to the built-in pack (nil: built-in only).
    public var rulesDirectory: String?
    public var includeBuiltInRules: Bool
    /// Seconds between scheduled full evaluations.
    public var evaluationIntervalSeconds: Double
    public var channels: ChannelSettings
    public var outbox: OutboxSettings
    /// Whether the scheduled reports run (hourly digest, morning brief, …).
    public var reportsEnabled: Bool
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// "trace" … "critical".
    public var logLevel: String

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "pulse.sqlite",
        tenant: Tenant.ID = Tenant.defaultID, rulesDirectory: String? = nil, includeBuiltInRules: Bool = true,
        evaluationIntervalSeconds: Double = 300, channels: ChannelSettings = .init(), outbox: OutboxSettings = .init(),
        reportsEnabled: Bool = true, maxBodyBytes: Int = 16 << 20, logLevel: String = "info"
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.tenant = tenant
        self.rulesDirectory = rulesDirectory
        self.includeBuiltInRules = includeBuiltInRules
        self.evaluationIntervalSeconds = evaluationIntervalSeconds
        self.channels = channels
        self.outbox = outbox
        self.reportsEnabled = reportsEnabled
        self.maxBodyBytes = maxBodyBytes
        self.logLevel = logLevel
    }
}
