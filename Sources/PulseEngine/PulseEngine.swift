/// PulseEngine: the alert engine's edge — rule files (YAML via Yams), the built-in rule pack, the engine that
/// feeds store data through the evaluator and the alert book, and the scheduler service the server reuses.
public enum PulseEngineInfo {
    /// Folder name of the built-in rule pack inside the module's resources.
    public static let builtInFolder = "BuiltInRules"
}
