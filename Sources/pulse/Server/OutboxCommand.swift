import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import PulseCore
import PulseDelivery
import PulseServer
import PulseStore

/// `pulse outbox [list|retry|flush]`: the messages waiting for delivery, delivered, or given up on (dead letters).
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Show the delivery outbox and its dead letters; retry or deliver now.",
        subcommands: [List.self, Retry.self, Flush.self], defaultSubcommand: List.self)

    /// `pulse outbox list [--status dead]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outbox messages, newest first, with counts.")
        @Option(help: "pending, delivered or dead (default: all).")
        var status: String?
        @Option(help: "At most this many rows.")
        var limit = 50
        @OptionGroup var access: AccessOptions

        func validate() throws {
            if let status, OutboxItem.Status(rawValue: status) == nil {
                throw ValidationError("--status must be pending, delivered or dead, got '\(status)'")
            }
        }

        func run() async throws {
            let store = try access.store.openStore()
            let counts = try await store.outboxCounts(tenant: access.tenantID)
            print(
                OutboxItem.Status.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: " · "))
            let rows = try await store.outbox(
                tenant: access.tenantID, status: status.flatMap(OutboxItem.Status.init(rawValue:)), limit: limit)
            guard !rows.isEmpty else { return }
            var table = DemoTextTable([
                ("id", .left), ("channel", .left), ("to", .left), ("severity", .left), ("status", .left),
                ("tries", .right), ("next try / delivered", .left), ("last error", .left),
            ])
            for row in rows {
                let when = row.status == .delivered ? row.deliveredAt : row.status == .pending ? row.nextAttemptAt : nil
                table.add([
                    row.id, row.channel.rawValue, row.recipient, row.severity.rawValue, row.status.rawValue,
                    String(row.attempts), when.map(ISODate.format) ?? "—",
                    row.lastError.map { String($0.prefix(60)) } ?? "",
                ])
            }
            for line in table.render(indent: 0) { print(line) }
        }
    }

    /// `pulse outbox retry ID… | --all-dead`.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead letters back in the queue.")
        @Argument(help: "Outbox ids to retry.")
        var ids: [String] = []
        @Flag(name: .customLong("all-dead"), help: "Retry every dead letter of the tenant.")
        var allDead = false
        @OptionGroup var access: AccessOptions

        func validate() throws {
            if ids.isEmpty, !allDead { throw ValidationError("name outbox ids to retry, or pass --all-dead") }
        }

        func run() async throws {
            let store = try access.store.openStore()
            var chosen = ids
            if allDead {
                chosen += try await store.outbox(tenant: access.tenantID, status: .dead, limit: 100_000).map(\.id)
            }
            let now = Date()
            let changed = try await store.retryDead(ids: chosen, tenant: access.tenantID, at: now)
            try await access.audit(
                store, "outbox.retry", target: "outbox:\(changed) rows",
                detail: chosen.prefix(20).joined(separator: ", "), at: now)
            print("\(changed) dead letter(s) queued again; `pulse outbox flush` or a running `pulse serve` sends them")
        }
    }

    /// `pulse outbox flush`: one delivery pass now, with the channels of `pulse.yaml`.
    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver what is due now (one pass), using the channels configured in pulse.yaml.")
        @Option(
            help: ArgumentHelp(
                "A pulse.yaml (default: $PULSE_CONFIG, else ./pulse.yaml if present).", valueName: "file"))
        var config: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let configuration: PulseConfiguration
            do {
                configuration = try ConfigurationLoader.load(file: config, environment: environment)
            } catch {
                throw ValidationError(error.message)
            }
            let database = try store.openStore()
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let summary: DispatchSummary
            do {
                let deliverer = OutboxDeliverer(
                    store: database,
                    channels: DeliveryChannels.make(settings: configuration.channels, httpClient: client),
                    settings: configuration.channels, outbox: configuration.outbox)
                summary = try await deliverer.runOnce(now: Date())
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            print(summary.isEmpty ? "nothing was due" : summary.description)
        }
    }
}
