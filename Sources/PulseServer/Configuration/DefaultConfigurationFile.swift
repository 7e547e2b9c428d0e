/// The commented default `pulse.yaml` that `pulse init` writes, generated from the key table so it always lists
/// every key the loader accepts.
public enum DefaultConfigurationFile {
    /// The file's text.
    public static var text: String {
        var lines = [
            "# Pulse configuration. Every key is optional; the value shown is the default.",
            "# Each key can be overridden by an environment variable: PULSE_ + the key path in capitals with _ for",
            "# dots (server.port → PULSE_SERVER_PORT), and some by flags of `pulse serve` (flags win).",
            "# A channel (Slack, email, webhook, PagerDuty) is used once its keys are filled in.",
        ]
        var open: [String] = []
        for key in ConfigurationKey.all {
            let parts = key.path.split(separator: ".").map(String.init)
            let sections = Array(parts.dropLast())
            var common = 0
            while common < min(open.count, sections.count), open[common] == sections[common] { common += 1 }
            if common < sections.count || common < open.count { lines.append("") }
            for depth in common..<sections.count {
                lines.append(String(repeating: "  ", count: depth) + sections[depth] + ":")
            }
            open = sections
            let indent = String(repeating: "  ", count: sections.count)
            lines.append(indent + "# " + key.help + "  (env: \(key.environmentName))")
            // A channel is on as soon as one of its keys is set, so channel keys are shown commented out.
            let commented = key.example == nil || key.path.hasPrefix("channels.")
            lines.append(indent + (commented ? "# " : "") + parts.last! + ":" + (key.example.map { " " + $0 } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
