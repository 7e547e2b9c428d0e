import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse users add|list|disable`: the people who may use the API, with their roles.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage the users of the API (roles: rep, manager, executive, admin).",
        subcommands: [Add.self, List.self, Disable.self], defaultSubcommand: List.self)

    /// `pulse users add ID --name NAME --role ROLE`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user, or replace one with the same id.",
            discussion: "A rep sees their own deals, accounts and alerts; a manager their team (reps whose manager "
                + "chain reaches their --rep); an executive the whole tenant; an admin also manages users, rules "
                + "and channels.")

        @Argument(help: "The user's id (what they are called in the audit log).")
        var id: String
        @Option(help: "Display name.")
        var name: String
        @Option(help: "rep, manager, executive or admin.")
        var role: String
        @Option(help: ArgumentHelp("The CRM rep id this user is (required for rep and manager).", valueName: "rep-id"))
        var rep: String?
        @Option(help: "Email address for email delivery and reports.")
        var email: String?
        @Option(name: .customLong("time-zone"), help: "IANA time zone for quiet hours and reports.")
        var timeZone = "UTC"
        @Option(
            help: ArgumentHelp(
                "Channels for one severity, e.g. critical=slack,pagerduty,email or low= (repeatable; others keep "
                    + "the standard choice: critical slack+pagerduty+email, high slack+email, medium slack, low none).",
                valueName: "severity=channels"))
        var notify: [String] = []
        @Option(
            name: .customLong("quiet-hours"),
            help: ArgumentHelp(
                "Hold non-critical messages in this local window, e.g. 22:00-07:00.", valueName: "HH:MM-HH:MM"))
        var quietHours: String?
        @Option(name: .customLong("slack-webhook"), help: "A personal Slack incoming webhook.")
        var slackWebhook: String?
        @OptionGroup var access: AccessOptions

        /// The preferences the flags describe, on top of `base`.
        func preferences(base: DeliveryPreferences) throws -> DeliveryPreferences {
            var preferences = base
            for entry in notify {
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let severity = Severity(rawValue: String(parts[0])) else {
                    throw ValidationError(
                        "--notify takes severity=channels (severity: critical, high, medium, low), got '\(entry)'")
                }
                var channels: [DeliveryChannelKind] = []
                for name in parts[1].split(separator: ",") {
                    guard let channel = DeliveryChannelKind(rawValue: String(name)) else {
                        throw ValidationError(
                            "--notify: unknown channel '\(name)'; use "
                                + DeliveryChannelKind.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    channels.append(channel)
                }
                switch severity {
                case .critical: preferences.critical = channels
                case .high: preferences.high = channels
                case .medium: preferences.medium = channels
                case .low: preferences.low = channels
                }
            }
            if let quietHours {
                preferences.quietHours = try Self.quietHours(quietHours)
            }
            if let slackWebhook { preferences.slackWebhook = slackWebhook }
            return preferences
        }

        /// Parses "22:00-07:00".
        static func quietHours(_ text: String) throws -> QuietHours {
            func minute(_ part: Substring) -> Int? {
                let pieces = part.split(separator: ":")
                guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
                    (0..<24).contains(hour),
                    (0..<60).contains(minute)
                else { return nil }
                return hour * 60 + minute
            }
            let ends = text.split(separator: "-")
            guard ends.count == 2, let start = minute(ends[0]), let end = minute(ends[1]), start != end else {
                throw ValidationError("--quiet-hours takes HH:MM-HH:MM with two different times, got '\(text)'")
            }
            return QuietHours(startMinute: start, endMinute: end)
        }

        func validate() throws {
            guard UserRole(rawValue: role) != nil else {
                throw ValidationError(
                    "--role must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")), got '\(role)'")
            }
            if UserRole(rawValue: role) == .rep || UserRole(rawValue: role) == .manager, rep == nil {
                throw ValidationError("a \(role) needs --rep: the CRM rep id whose records they see")
            }
            _ = try preferences(base: .standard)
            guard TimeZone(identifier: timeZone) != nil else {
                throw ValidationError("--time-zone '\(timeZone)' is not an IANA time zone (e.g. Europe/Berlin)")
            }
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
                throw ValidationError("the user id may use letters, digits and - _ . @ only, got '\(id)'")
            }
        }

        func run() async throws {
            let store = try access.store.openStore()
            let now = Date()
            let existing = try await store.user(User.ID(id), tenant: access.tenantID)
            let user = User(
                id: User.ID(id), tenant: access.tenantID, name: name, email: email, role: UserRole(rawValue: role)!,
                rep: rep.map { Rep.ID($0) }, timeZone: timeZone,
                preferences: try preferences(base: existing?.preferences ?? .standard),
                createdAt: existing?.createdAt ?? now)
            try await store.saveUser(user)
            try await access.audit(
                store, existing == nil ? "user.create" : "user.update", target: "user:\(id)",
                detail: "role \(role)" + (rep.map { ", rep \($0)" } ?? ""), at: now)
            print("\(existing == nil ? "added" : "updated") \(role) \(id) in tenant \(access.tenant)")
            print("next: pulse tokens create --user \(id)")
        }
    }

    /// `pulse users list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's users.")
        @OptionGroup var access: AccessOptions

        func run() async throws {
            let store = try access.store.openStore()
            let users = try await store.users(tenant: access.tenantID)
            let tokens = try await store.tokens(tenant: access.tenantID, user: nil)
            guard !users.isEmpty else {
                print("no users in tenant \(access.tenant); add one with `pulse users add ID --name … --role admin`")
                return
            }
            let now = Date()
            var table = DemoTextTable([
                ("id", .left), ("name", .left), ("role", .left), ("rep", .left), ("email", .left),
                ("time zone", .left), ("tokens", .right), ("status", .left),
            ])
            for user in users {
                let live = tokens.filter { $0.user == user.id && $0.isValid(at: now) }.count
                table.add([
                    user.id.rawValue, user.name, user.role.rawValue, user.rep?.rawValue ?? "—", user.email ?? "—",
                    user.timeZone, String(live), user.disabled ? "disabled" : "active",
                ])
            }
            for line in table.render(indent: 0) { print(line) }
        }
    }

    /// `pulse users disable ID`.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: their tokens stop working.")
        @Argument(help: "The user's id.")
        var id: String
        @OptionGroup var access: AccessOptions

        func run() async throws {
            let store = try access.store.openStore()
            guard var user = try await store.user(User.ID(id), tenant: access.tenantID) else {
                throw ValidationError("tenant \(access.tenant) has no user '\(id)' (see `pulse users list`)")
            }
            user.disabled = true
            try await store.saveUser(user)
            try await access.audit(store, "user.disable", target: "user:\(id)")
            print("disabled \(id); their tokens are refused from now on")
        }
    }
}
