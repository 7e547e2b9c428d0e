import Foundation

/// Collects the records of one ingest run (all files), applies the data-quality gates and builds the
/// `IngestBatch` a store writes in one transaction. Pure: the store answers arrive as arguments of `finish`.
///
/// Duplicate ids in the batch: the record with the newer `updatedAt` wins, else the later line; the others
/// count as duplicates, not failures. Repeated derived records (mapping `also:`) merge silently.
public struct BatchBuilder {
    public let tenant: Tenant.ID
    public let catalogues: [String: StageCatalogue]
    public private(set) var files: [FileStats] = []
    public private(set) var batch = IngestBatch()
    /// Quarantined rows per gate.
    public private(set) var gateCounts: [QualityGate: Int] = [:]
    /// Engagement events dropped because their contact opted out of tracking (not quarantined: nothing is wrong).
    public private(set) var optedOutDropped = 0
    private var optOut = OptOutGate()

    private struct Key: Hashable {
        var kind: EntityKind
        var id: String
    }

    /// Where a record id lives in the batch; 16 bytes, as there is one per record.
    private struct Slot {
        private var index32: Int32
        private var file32: Int32
        private var event32: Int32
        var derived: Bool
        /// Streaming: the record waits in `held` for the end of the run (else it is in the chunk arrays).
        var held: Bool

        init(index: Int, file: Int, event: Int, derived: Bool, held: Bool = false) {
            index32 = Int32(truncatingIfNeeded: index)
            file32 = Int32(truncatingIfNeeded: file)
            event32 = Int32(truncatingIfNeeded: event)
            self.derived = derived
            self.held = held
        }

        var index: Int { Int(index32) }
        var file: Int { Int(file32) }
        var event: Int {
            get { Int(event32) }
            set { event32 = Int32(truncatingIfNeeded: newValue) }
        }
    }

    /// Where a record that may still fail a batch-level gate came from.
    private struct Origin {
        var index: Int
        var file: Int
        var line: Int
        var raw: String
        var label: String
    }

    private var slots: [Key: Slot] = [:]
    private var eventSlots: [String: Int] = [:]
    private var droppedEvents = IndexSet()
    private var droppedStageChanges = IndexSet()
    private var droppedEngagement = IndexSet()
    private var stageChangeOrigins: [Origin] = []
    private var unresolvedEngagement: [Origin] = []
    /// The file and kind of each event envelope, to drop its record when the store already has the event.
    private var eventRecords: [(file: Int, key: Key?, stageChange: Int?)] = []

    // MARK: Streaming state (see `takeChunk`); unused when the whole run is one batch.

    /// Whether `takeChunk` may hand records out before the end of the run.
    public let streaming: Bool
    /// Records that wait for the end of the run: tenants, deals, stage changes, usage rows without an account.
    private var held = IngestBatch()
    /// Held usage rows that replace a record already handed out, and held usage rows given up for a later one.
    private var heldReplacing = IndexSet()
    private var heldGone = IndexSet()
    private var finalDroppedUsage = IndexSet()
    /// Per kind, how many records earlier chunks handed out: a slot index below it is already written.
    private var recordBase: [EntityKind: Int] = [:]
    private var eventBase = 0
    /// Event ids of envelopes handed out earlier that a later line made obsolete (deleted by the store).
    private var obsoleteEvents: [String] = []
    private var eventIDs: [String] = []
    /// Chunk records (global indexes) that replace a record handed out earlier, or that were dropped.
    private var chunkReplacing: [EntityKind: IndexSet] = [:]
    private var chunkDropped: [EntityKind: IndexSet] = [:]
    /// Events whose id the store has and whose record is held: judged in `finish`, as in a single batch.
    private var storedHeldEvents: [Int] = []
    /// Subscription → account of the builder's tenant over the whole run, and every subscription id seen.
    private var runSubscriptionAccounts: [Subscription.ID: Account.ID] = [:]
    private var runSubscriptionIDs = Set<Subscription.ID>()
    /// The first quarantined rows of the run (for the circuit breaker's message).
    public private(set) var firstFailures: [QuarantineRecord] = []

    public init(
        tenant: Tenant.ID = Tenant.defaultID, catalogues: [String: StageCatalogue] = StageCatalogue.builtIn,
        streaming: Bool = false
    ) {
        self.tenant = tenant
        self.catalogues = catalogues
        self.streaming = streaming
    }

    /// Starts a file; returns its index for the other calls.
    public mutating func beginFile(source: String, format: String) -> Int {
        files.append(FileStats(source: source, format: format))
        return files.count - 1
    }

    /// Reserves room for about `rows` more records (saves rehashing on big files).
    public mutating func reserve(rows: Int) {
        slots.reserveCapacity(slots.count + rows)
        eventSlots.reserveCapacity(eventSlots.count + rows)
        eventRecords.reserveCapacity(eventRecords.count + rows)
        batch.events.reserveCapacity(batch.events.count + rows)
    }

    /// Marks a file as recognised but not loaded (documentation) or empty.
    public mutating func setNotice(_ notice: String, file: Int) { files[file].notice = notice }

    /// Counts one data row read from a file (call once per row, whatever happens to it).
    public mutating func countRow(file: Int) { files[file].rows += 1 }

    /// Total data rows and rows that failed a gate, over all files.
    public var totals: (rows: Int, failed: Int) {
        (files.reduce(0) { $0 + $1.rows }, files.reduce(0) { $0 + $1.quarantined })
    }

    /// Records a row that failed parsing or a gate.
    public mutating func reject(_ error: FieldError, file: Int, line: Int, raw: String, recordID: String? = nil) {
        let record = QuarantineRecord(
            source: files[file].source, line: line, field: error.field, gate: error.gate, reason: error.reason,
            raw: raw, recordID: recordID)
        batch.quarantine.append(record)
        if firstFailures.count < 5 { firstFailures.append(record) }
        files[file].quarantined += 1
        gateCounts[error.gate, default: 0] += 1
    }

    /// Adds one row's records after running the row-level gates; the first record is the row's own, the rest
    /// derived. `event` is the NDJSON envelope, if any. A gate failure quarantines the whole row.
    public mutating func add(
        _ records: [(record: BuiltRecord, derived: Bool)], event: PulseEvent? = nil, file: Int, line: Int,
        raw: @autoclosure () -> String, label: (String) -> String
    ) {
        var checked: [(BuiltRecord, Bool, [QualityGates.Fix])] = []
        for (record, derived) in records {
            do {
                let (fixed, fixes) = try QualityGates.check(record, catalogues: catalogues, label: label)
                checked.append((fixed, derived, fixes))
            } catch {
                reject(error, file: file, line: line, raw: raw(), recordID: Self.id(of: record.payload))
                return
            }
        }
        files[file].accepted += 1
        var eventIndex = -1
        if let event {
            if let previous = eventSlots[event.id] {
                // Same event id twice in the batch: the later line wins. A repeated record is counted as a
                // duplicate by `place`; a repeated stage change is counted here.
                dropEvent(previous)
                let earlier = eventRecords[previous]
                if let stage = earlier.stageChange, !droppedStageChanges.contains(stage) {
                    droppedStageChanges.insert(stage)
                    files[earlier.file].duplicates += 1
                    unaccept(file: earlier.file, kind: "stageChanges", row: false)
                }
                if let key = earlier.key, slots[key]?.event == previous { slots[key]?.event = -1 }
            }
            eventIndex = eventBase + batch.events.count
            eventSlots[event.id] = eventIndex
            if streaming { eventIDs.append(event.id) }
            batch.events.append(
                EventRecord(
                    id: event.id, type: event.type.rawValue, occurredAt: event.occurredAt, tenant: event.tenant,
                    source: files[file].source, line: line))
            eventRecords.append((file, nil, nil))
        }
        var rowCorrected = false
        for (record, derived, fixes) in checked {
            let placed = place(
                record.payload, file: file, event: eventIndex, derived: derived, line: line, raw: raw, label: label)
            if eventIndex >= 0 && !derived {
                eventRecords[eventIndex].key = placed.key
                eventRecords[eventIndex].stageChange = placed.stageChange
            }
            for fix in fixes {
                batch.corrections.append(
                    Correction(
                        source: files[file].source, line: line, recordID: Self.id(of: record.payload) ?? "",
                        field: fix.field, from: fix.from, to: fix.to, reason: fix.reason))
                rowCorrected = true
            }
        }
        if rowCorrected { files[file].corrected += 1 }
    }

    /// Puts a record into the batch, resolving duplicate ids; returns its key, or its index for stage changes.
    private mutating func place(
        _ payload: PulseEvent.Payload, file: Int, event: Int, derived: Bool, line: Int, raw: () -> String,
        label: (String) -> String
    ) -> (key: Key?, stageChange: Int?) {
        let kind = EntityKind(payload)
        let kindName = Self.batchName(kind)
        if case .stageChange(let change) = payload {
            let index = streaming ? held.stageChanges.count : batch.stageChanges.count
            stageChangeOrigins.append(Origin(index: index, file: file, line: line, raw: raw(), label: label("deal")))
            if streaming { held.stageChanges.append(change) } else { batch.stageChanges.append(change) }
            files[file].acceptedByKind[kindName, default: 0] += 1
            return (nil, index)
        }
        let key = Key(kind: kind, id: Self.id(of: payload) ?? "")
        let updatedAt: Date? = if case .deal(let deal) = payload { deal.updatedAt } else { nil }
        let holds = streaming && Self.isHeld(payload)
        if let existing = slots[key] {
            let newWins: Bool
            if existing.derived != derived {
                newWins = !derived
            } else if key.kind == .deal, let old = deals[existing.index].updatedAt, let new = updatedAt {
                newWins = new >= old
            } else {
                newWins = true
            }
            if !(existing.derived && derived) {
                let loserFile = newWins ? existing.file : file
                if !(existing.derived || derived) { files[loserFile].duplicates += 1 }
            }
            if newWins {
                let index = replace(existing, with: payload, key: key, holds: holds)
                if existing.event >= 0 { dropEvent(existing.event) }
                if !(existing.derived && derived) {
                    files[existing.file].acceptedByKind[kindName, default: 0] -= 1
                    files[file].acceptedByKind[kindName, default: 0] += 1
                }
                slots[key] = Slot(index: index, file: file, event: event, derived: derived, held: holds)
                notePlaced(payload, index: index, file: file, line: line, raw: raw, label: label)
            } else if event >= 0 {
                dropEvent(event)
            }
            return (key, nil)
        }
        let index = holds ? appendHeld(payload) : append(payload)
        files[file].acceptedByKind[kindName, default: 0] += 1
        slots[key] = Slot(index: index, file: file, event: event, derived: derived, held: holds)
        notePlaced(payload, index: index, file: file, line: line, raw: raw, label: label)
        return (key, nil)
    }

    /// Remembers what later gates need of a record just placed at `index`: subscriptions of the run, and usage
    /// rows whose account must still come from a subscription.
    private mutating func notePlaced(
        _ payload: PulseEvent.Payload, index: Int, file: Int, line: Int, raw: () -> String, label: (String) -> String
    ) {
        noteSubscription(payload)
        if case .contact(let contact) = payload { optOut.note(contact) }
        if case .engagement(let engagement) = payload, engagement.account.rawValue.isEmpty {
            unresolvedEngagement.append(
                Origin(index: index, file: file, line: line, raw: raw(), label: label("subscription")))
        }
    }

    /// The deals placed so far (held when streaming).
    private var deals: [Deal] { streaming ? held.deals : batch.deals }

    /// Streaming: records that wait for the end of the run (they depend on the whole run, or a later version
    /// of them must replace an earlier one whole: a deal's stage history). Usage rows wait when they have no
    /// account yet or name a contact (whose opt-out the whole run and the store decide).
    private static func isHeld(_ payload: PulseEvent.Payload) -> Bool {
        switch payload {
        case .tenant, .deal, .stageChange: true
        case .engagement(let usage): usage.account.rawValue.isEmpty || usage.contact != nil
        default: false
        }
    }

    private mutating func noteSubscription(_ payload: PulseEvent.Payload) {
        guard streaming, case .subscription(let subscription) = payload else { return }
        runSubscriptionIDs.insert(subscription.id)
        if subscription.tenant == tenant { runSubscriptionAccounts[subscription.id] = subscription.account }
    }

    /// Puts the winning `payload` where the `existing` record was; returns the new record's index.
    ///
    /// Single batch: in place. Streaming: in place when the old record is still in memory in the same area;
    /// otherwise the old one is dropped (in memory) or stays written and the new one is marked as replacing it.
    private mutating func replace(_ existing: Slot, with payload: PulseEvent.Payload, key: Key, holds: Bool) -> Int {
        guard streaming else {
            replace(payload, at: existing.index)
            return existing.index
        }
        let base = recordBase[key.kind, default: 0]
        let written = !existing.held && existing.index < base
        if existing.held == holds && !written {
            if holds { replaceHeld(payload, at: existing.index) } else { replace(payload, at: existing.index - base) }
            return existing.index
        }
        var replacing = written
        if existing.held {
            heldGone.insert(existing.index)
            replacing = heldReplacing.contains(existing.index)
        } else if !written {
            chunkDropped[key.kind, default: []].insert(existing.index)
            replacing = chunkReplacing[key.kind]?.contains(existing.index) ?? false
        }
        if holds {
            let index = appendHeld(payload)
            if replacing { heldReplacing.insert(index) }
            return index
        }
        let index = base + append(payload)
        if replacing { chunkReplacing[key.kind, default: []].insert(index) }
        return index
    }

    /// Marks an event envelope as not to be written; one handed out already is deleted by the store.
    private mutating func dropEvent(_ index: Int) {
        droppedEvents.insert(index)
        if streaming && index < eventBase { obsoleteEvents.append(eventIDs[index]) }
    }

    private mutating func appendHeld(_ payload: PulseEvent.Payload) -> Int {
        switch payload {
        case .tenant(let value): held.tenants.append(value); return held.tenants.count - 1
        case .deal(let value): held.deals.append(value); return held.deals.count - 1
        case .engagement(let value): held.engagement.append(value); return held.engagement.count - 1
        default: preconditionFailure("only tenants, deals, stage changes and usage rows are held")
        }
    }

    private mutating func replaceHeld(_ payload: PulseEvent.Payload, at index: Int) {
        switch payload {
        case .tenant(let value): held.tenants[index] = value
        case .deal(let value): held.deals[index] = value
        case .engagement(let value): held.engagement[index] = value
        default: preconditionFailure("only tenants, deals, stage changes and usage rows are held")
        }
    }

    private mutating func append(_ payload: PulseEvent.Payload) -> Int {
        switch payload {
        case .tenant(let value): batch.tenants.append(value); return batch.tenants.count - 1
        case .account(let value): batch.accounts.append(value); return batch.accounts.count - 1
        case .contact(let value): batch.contacts.append(value); return batch.contacts.count - 1
        case .rep(let value): batch.reps.append(value); return batch.reps.count - 1
        case .product(let value): batch.products.append(value); return batch.products.count - 1
        case .deal(let value): batch.deals.append(value); return batch.deals.count - 1
        case .stageChange(let value): batch.stageChanges.append(value); return batch.stageChanges.count - 1
        case .activity(let value): batch.activities.append(value); return batch.activities.count - 1
        case .engagement(let value): batch.engagement.append(value); return batch.engagement.count - 1
        case .ticket(let value): batch.tickets.append(value); return batch.tickets.count - 1
        case .target(let value): batch.targets.append(value); return batch.targets.count - 1
        case .subscription(let value): batch.subscriptions.append(value); return batch.subscriptions.count - 1
        case .churn(let value): batch.churnEvents.append(value); return batch.churnEvents.count - 1
        }
    }

    private mutating func replace(_ payload: PulseEvent.Payload, at index: Int) {
        switch payload {
        case .tenant(let value): batch.tenants[index] = value
        case .account(let value): batch.accounts[index] = value
        case .contact(let value): batch.contacts[index] = value
        case .rep(let value): batch.reps[index] = value
        case .product(let value): batch.products[index] = value
        case .deal(let value): batch.deals[index] = value
        case .stageChange(let value): batch.stageChanges[index] = value
        case .activity(let value): batch.activities[index] = value
        case .engagement(let value): batch.engagement[index] = value
        case .ticket(let value): batch.tickets[index] = value
        case .target(let value): batch.targets[index] = value
        case .subscription(let value): batch.subscriptions[index] = value
        case .churn(let value): batch.churnEvents[index] = value
        }
    }

    /// The record id of a payload (stage changes have none).
    public static func id(of payload: PulseEvent.Payload) -> String? {
        switch payload {
        case .tenant(let value): value.id.rawValue
        case .account(let value): value.id.rawValue
        case .contact(let value): value.id.rawValue
        case .rep(let value): value.id.rawValue
        case .product(let value): value.id.rawValue
        case .deal(let value): value.id.rawValue
        case .stageChange(let value): value.deal.rawValue
        case .activity(let value): value.id.rawValue
        case .engagement(let value): value.id.rawValue
        case .ticket(let value): value.id.rawValue
        case .target(let value): value.id.rawValue
        case .subscription(let value): value.id.rawValue
        case .churn(let value): value.id.rawValue
        }
    }

    /// The `IngestBatch` / `ApplySummary` name of a kind ("deals", "churnEvents").
    public static func batchName(_ kind: EntityKind) -> String {
        switch kind {
        case .tenant: "tenants"
        case .account: "accounts"
        case .contact: "contacts"
        case .rep: "reps"
        case .product: "products"
        case .deal: "deals"
        case .stageChange: "stageChanges"
        case .activity: "activities"
        case .engagement: "engagement"
        case .ticket: "tickets"
        case .kpiTarget: "targets"
        case .subscription: "subscriptions"
        case .churn: "churnEvents"
        }
    }

    // MARK: Streaming

    /// Streaming: rows read since the last `takeChunk` (envelopes, records, quarantine rows).
    public var pendingCount: Int {
        batch.events.count + batch.recordCount + batch.quarantine.count + batch.corrections.count
            + obsoleteEvents.count
    }

    /// Streaming: the ids of the envelopes read since the last `takeChunk`, to ask the store which it has.
    public var pendingEventIDs: Set<String> {
        var ids = Set<String>(minimumCapacity: batch.events.count)
        for (local, event) in batch.events.enumerated() where !droppedEvents.contains(eventBase + local) {
            ids.insert(event.id)
        }
        return ids
    }

    /// Streaming: hands out what was read since the last call, for the store to write in the run's open
    /// transaction. `storedEvents` are the ids (of `pendingEventIDs`) the store had before the run.
    ///
    /// Records that depend on the whole run (tenants, deals, stage changes, usage rows without an account) stay
    /// until `finish`. A record that replaces one handed out earlier comes in `replacements`; an envelope
    /// handed out earlier that lost to a later line is named in `obsoleteEventIDs`.
    public mutating func takeChunk(storedEvents: Set<String>) -> IngestChunk {
        precondition(streaming, "takeChunk needs a streaming BatchBuilder")
        // Envelopes the store has, of held records: judged in `finish`, not written (the store has them).
        var storedHeld = IndexSet()
        if !storedEvents.isEmpty {
            for (local, event) in batch.events.enumerated() {
                let index = eventBase + local
                guard !droppedEvents.contains(index), storedEvents.contains(event.id) else { continue }
                let origin = eventRecords[index]
                if origin.stageChange != nil {
                    storedHeldEvents.append(index)
                    storedHeld.insert(index)
                    continue
                }
                if let key = origin.key, let slot = slots[key], slot.event == index, slot.held {
                    storedHeldEvents.append(index)
                    storedHeld.insert(index)
                    continue
                }
                droppedEvents.insert(index)
                files[origin.file].duplicates += 1
                if let key = origin.key, let slot = slots[key], slot.event == index {
                    chunkDropped[key.kind, default: []].insert(slot.index)
                    files[origin.file].acceptedByKind[Self.batchName(key.kind), default: 0] -= 1
                    slots[key] = nil
                }
            }
        }
        var chunk = IngestChunk()
        chunk.obsoleteEventIDs = obsoleteEvents
        obsoleteEvents = []
        var events: [EventRecord] = []
        events.reserveCapacity(batch.events.count)
        for (local, event) in batch.events.enumerated()
        where !droppedEvents.contains(eventBase + local) && !storedHeld.contains(eventBase + local) {
            events.append(event)
        }
        chunk.records.events = events
        eventBase += batch.events.count
        chunk.records.quarantine = batch.quarantine
        chunk.records.corrections = batch.corrections
        split(\.accounts, .account, into: &chunk)
        split(\.contacts, .contact, into: &chunk)
        split(\.reps, .rep, into: &chunk)
        split(\.products, .product, into: &chunk)
        split(\.activities, .activity, into: &chunk)
        split(\.engagement, .engagement, into: &chunk)
        split(\.tickets, .ticket, into: &chunk)
        split(\.targets, .kpiTarget, into: &chunk)
        split(\.subscriptions, .subscription, into: &chunk)
        split(\.churnEvents, .churn, into: &chunk)
        batch = IngestBatch()
        chunkReplacing = [:]
        chunkDropped = [:]
        return chunk
    }

    /// Moves one kind's chunk records into `chunk` (new ones to `records`, replacing ones to `replacements`).
    private mutating func split<R>(
        _ path: WritableKeyPath<IngestBatch, [R]>, _ kind: EntityKind, into chunk: inout IngestChunk
    ) {
        let records = batch[keyPath: path]
        let base = recordBase[kind, default: 0]
        recordBase[kind] = base + records.count
        let dropped = chunkDropped[kind] ?? []
        let replacing = chunkReplacing[kind] ?? []
        if dropped.isEmpty && replacing.isEmpty {
            chunk.records[keyPath: path] = records
            return
        }
        var fresh: [R] = []
        var again: [R] = []
        fresh.reserveCapacity(records.count)
        for (local, record) in records.enumerated() where !dropped.contains(base + local) {
            if replacing.contains(base + local) { again.append(record) } else { fresh.append(record) }
        }
        chunk.records[keyPath: path] = fresh
        chunk.replacements[keyPath: path] = again
    }

    /// Streaming: the held records and the batch-level gates' results, after the last `takeChunk`; ask the store
    /// `storeQuestions(includeEvents: false)` first (the event ids were asked chunk by chunk).
    public mutating func finishChunk(_ answers: StoreAnswers) -> IngestChunk {
        precondition(streaming && batch.recordCount == 0 && batch.events.isEmpty, "call takeChunk before finishChunk")
        let result = finish(answers)
        // The run's id indexes are no longer needed; free them before the store's last write.
        eventIDs = []
        runSubscriptionAccounts = [:]
        runSubscriptionIDs = []
        var chunk = IngestChunk()
        chunk.obsoleteEventIDs = obsoleteEvents
        obsoleteEvents = []
        chunk.records = result
        if !heldReplacing.isEmpty {
            chunk.records.engagement = []
            for (index, usage) in batch.engagement.enumerated() where !finalDroppedUsage.contains(index) {
                if heldReplacing.contains(index) {
                    chunk.replacements.engagement.append(usage)
                } else {
                    chunk.records.engagement.append(usage)
                }
            }
        }
        return chunk
    }

    /// What `finish` needs from the store, per tenant: deals named by stage changes but not in the batch,
    /// subscriptions of usage rows that give no account, and every event id.
    public var storeQuestions: StoreQuestions { storeQuestions(includeEvents: true) }

    /// The store questions; `includeEvents: false` leaves out the event ids (for a store that holds no events,
    /// where collecting a set of every id of a million-event run would cost more than the answer is worth).
    public func storeQuestions(includeEvents: Bool) -> StoreQuestions {
        var questions = StoreQuestions()
        var batchDeals = Set<Deal.ID>()
        for deal in deals { batchDeals.insert(deal.id) }
        let stageChanges = streaming ? held.stageChanges : batch.stageChanges
        for (index, change) in stageChanges.enumerated()
        where !droppedStageChanges.contains(index) && !batchDeals.contains(change.deal) {
            questions.deals[change.tenant, default: []].insert(change.deal)
        }
        let inBatch = streaming ? runSubscriptionIDs : Set(batch.subscriptions.map(\.id))
        for origin in unresolvedEngagement where !heldGone.contains(origin.index) {
            let usage = (streaming ? held.engagement : batch.engagement)[origin.index]
            if let id = usage.subscription, !inBatch.contains(id) {
                questions.subscriptions[usage.tenant, default: []].insert(id)
            }
        }
        let usage = streaming ? held.engagement : batch.engagement
        optOut.ask(
            about: usage.indices.lazy.filter { !heldGone.contains($0) }.map { usage[$0] }, into: &questions)
        if includeEvents {
            questions.events.reserveCapacity(batch.events.count)
            for (index, event) in batch.events.enumerated() where !droppedEvents.contains(index) {
                questions.events.insert(event.id)
            }
        }
        return questions
    }

    /// Runs the batch-level gates with the store's answers and returns the batch to apply.
    public mutating func finish(_ answers: StoreAnswers) -> IngestBatch {
        if streaming {
            // The chunks are handed out; what is left to judge is the held records.
            batch = held
            held = IngestBatch()
        }
        let storedEvents = answers.events
        // Events the store already has: their records are not written again.
        var dropRecords: [EntityKind: Set<Int>] = [:]
        if streaming || !storedEvents.isEmpty {
            let stored =
                streaming
                ? storedHeldEvents : batch.events.indices.filter { storedEvents.contains(batch.events[$0].id) }
            for index in stored where !droppedEvents.contains(index) {
                droppedEvents.insert(index)
                let origin = eventRecords[index]
                files[origin.file].duplicates += 1
                if let key = origin.key, let slot = slots[key], slot.event == index {
                    dropRecords[key.kind, default: []].insert(slot.index)
                    files[origin.file].acceptedByKind[Self.batchName(key.kind), default: 0] -= 1
                } else if let stage = origin.stageChange, !droppedStageChanges.contains(stage) {
                    droppedStageChanges.insert(stage)
                    files[origin.file].acceptedByKind["stageChanges", default: 0] -= 1
                }
            }
        }
        // Usage rows that name only a subscription: take the account from the batch, else from the store.
        var accountOf: [Subscription.ID: Account.ID] = runSubscriptionAccounts
        for subscription in batch.subscriptions where subscription.tenant == tenant {
            accountOf[subscription.id] = subscription.account
        }
        for origin in unresolvedEngagement
        where !(dropRecords[.engagement]?.contains(origin.index) ?? false) && !heldGone.contains(origin.index) {
            let usage = batch.engagement[origin.index]
            let subscription = usage.subscription
            let fromBatch = usage.tenant == tenant ? subscription.flatMap { accountOf[$0] } : nil
            let stored = subscription.flatMap { answers.subscriptionAccounts[usage.tenant]?[$0] }
            if let account = fromBatch ?? stored {
                batch.engagement[origin.index].account = account
            } else if batch.engagement[origin.index].account.rawValue.isEmpty {
                droppedEngagement.insert(origin.index)
                unaccept(file: origin.file, kind: "engagement")
                reject(
                    FieldError(
                        field: origin.label, gate: .reference,
                        reason: "subscription '\(subscription?.rawValue ?? "")' is not in this batch or the store, "
                            + "so the usage has no account"),
                    file: origin.file, line: origin.line, raw: origin.raw,
                    recordID: batch.engagement[origin.index].id.rawValue)
            }
        }
        dropOptedOut(answers, storedEventRecords: dropRecords[.engagement] ?? [])
        // Stage changes need their deal, in the batch or the store, and a stage of its pipeline.
        var pipelines: [Deal.ID: String] = [:]
        for deal in batch.deals { pipelines[deal.id] = deal.pipeline }
        for origin in stageChangeOrigins where !droppedStageChanges.contains(origin.index) {
            let change = batch.stageChanges[origin.index]
            var failure: FieldError?
            if let pipeline = pipelines[change.deal] {
                if catalogues[pipeline]?.stage(change.stage) == nil {
                    failure = FieldError(
                        field: origin.label.replacingOccurrences(of: "deal", with: "stage"), gate: .outcome,
                        reason: "'\(change.stage)' is not a stage of the \(pipeline) pipeline of deal '\(change.deal)'")
                }
            } else if !(answers.deals[change.tenant]?.contains(change.deal) ?? false) {
                failure = FieldError(
                    field: origin.label, gate: .reference,
                    reason: "deal '\(change.deal)' is not in this batch or the store")
            }
            if let failure {
                droppedStageChanges.insert(origin.index)
                unaccept(file: origin.file, kind: "stageChanges")
                reject(failure, file: origin.file, line: origin.line, raw: origin.raw, recordID: change.deal.rawValue)
            }
        }
        var result = batch
        result.events = Self.removing(droppedEvents, from: batch.events)
        result.stageChanges = Self.removing(droppedStageChanges, from: batch.stageChanges)
        var droppedUsage = droppedEngagement
        droppedUsage.formUnion(IndexSet(dropRecords[.engagement] ?? []))
        droppedUsage.formUnion(heldGone)
        finalDroppedUsage = droppedUsage
        result.engagement = Self.removing(droppedUsage, from: batch.engagement)
        for (kind, indexes) in dropRecords where kind != .engagement {
            let set = IndexSet(indexes)
            switch kind {
            case .tenant: result.tenants = Self.removing(set, from: result.tenants)
            case .account: result.accounts = Self.removing(set, from: result.accounts)
            case .contact: result.contacts = Self.removing(set, from: result.contacts)
            case .rep: result.reps = Self.removing(set, from: result.reps)
            case .product: result.products = Self.removing(set, from: result.products)
            case .deal: result.deals = Self.removing(set, from: result.deals)
            case .activity: result.activities = Self.removing(set, from: result.activities)
            case .ticket: result.tickets = Self.removing(set, from: result.tickets)
            case .kpiTarget: result.targets = Self.removing(set, from: result.targets)
            case .subscription: result.subscriptions = Self.removing(set, from: result.subscriptions)
            case .churn: result.churnEvents = Self.removing(set, from: result.churnEvents)
            case .stageChange, .engagement: break
            }
        }
        result.quarantine = batch.quarantine
        // The indexes are no longer needed; free them before the store writes (they are as big as the batch).
        slots = [:]
        eventSlots = [:]
        eventRecords = []
        return result
    }

    /// The opted-out-contacts gate: drops (and counts) usage rows whose contact opted out. Runs in `finish`, on
    /// the whole batch (streaming: on the held rows, which include every usage row naming a contact).
    private mutating func dropOptedOut(_ answers: StoreAnswers, storedEventRecords: Set<Int>) {
        for (index, usage) in batch.engagement.enumerated() where usage.contact != nil {
            guard !droppedEngagement.contains(index), !storedEventRecords.contains(index), !heldGone.contains(index),
                optOut.drops(usage, answers: answers)
            else { continue }
            droppedEngagement.insert(index)
            optedOutDropped += 1
            // The row's slot (streaming: every row judged here is held, so a chunk slot is another row).
            if let slot = slots[Key(kind: .engagement, id: usage.id.rawValue)], slot.index == index,
                slot.held == streaming
            {
                files[slot.file].optedOut += 1
                unaccept(file: slot.file, kind: "engagement", row: !slot.derived)
            }
        }
    }

    private mutating func unaccept(file: Int, kind: String, row: Bool = true) {
        if row { files[file].accepted -= 1 }
        files[file].acceptedByKind[kind, default: 0] -= 1
    }

    private static func removing<Element>(_ indexes: IndexSet, from array: [Element]) -> [Element] {
        guard !indexes.isEmpty else { return array }
        var result: [Element] = []
        result.reserveCapacity(array.count - indexes.count)
        for (index, element) in array.enumerated() where !indexes.contains(index) { result.append(element) }
        return result
    }
}

/// What a `BatchBuilder` needs to ask the store before it can finish.
public struct StoreQuestions: Sendable, Equatable {
    /// Deals named by stage changes that are not in the batch.
    public var deals: [Tenant.ID: Set<Deal.ID>] = [:]
    /// Subscriptions of usage rows without an account that are not in the batch.
    public var subscriptions: [Tenant.ID: Set<Subscription.ID>] = [:]
    /// Every event id in the batch.
    public var events: Set<String> = []
    /// Contacts named by usage rows whose opt-out the batch does not give.
    public var contacts: [Tenant.ID: Set<Contact.ID>] = [:]

    public init() {}
}

/// The store's answers to `StoreQuestions`.
public struct StoreAnswers: Sendable, Equatable {
    /// Which of the asked deals exist.
    public var deals: [Tenant.ID: Set<Deal.ID>] = [:]
    public var subscriptionAccounts: [Tenant.ID: [Subscription.ID: Account.ID]] = [:]
    /// Which event ids were ingested before.
    public var events: Set<String> = []
    /// Which of the asked contacts are stored as opted out.
    public var optedOutContacts: [Tenant.ID: Set<Contact.ID>] = [:]

    public init(
        deals: [Tenant.ID: Set<Deal.ID>] = [:], subscriptionAccounts: [Tenant.ID: [Subscription.ID: Account.ID]] = [:],
        events: Set<String> = [], optedOutContacts: [Tenant.ID: Set<Contact.ID>] = [:]
    ) {
        self.deals = deals
        self.subscriptionAccounts = subscriptionAccounts
        self.events = events
        self.optedOutContacts = optedOutContacts
    }
}
