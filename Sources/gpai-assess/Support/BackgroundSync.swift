import AssessmentStore
import CursesBackend
import FoundationEssentials
import StoreSync

/// The full screen's sync: just after opening, every 60 s, and once more on quit, on its own thread so that
/// typing never waits. Results reach the status line through `TerminalApp.idleHook`.
final class BackgroundSync: @unchecked Sendable {
    let syncer: StoreSyncer
    let interval: TimeInterval
    private let lock = Condition()
    private var news: (message: String, changed: Set<String>)?
    private var stopping = false
    private var running = false

    static let firstSyncDelay: TimeInterval = 0.5

    init(syncer: StoreSyncer, interval: TimeInterval = 60) {
        self.syncer = syncer
        self.interval = interval
    }

    /// Starts when the store has a remote, `--no-sync` is not given and GPAI_ASSESS_NO_SYNC is unset.
    static func start(_ ctx: Context, disabled: Bool) -> BackgroundSync? {
        guard !disabled, ProcessEnvironment.value("GPAI_ASSESS_NO_SYNC") == nil, StoreSyncer.remoteURL(ctx.store) != nil else { return nil }
        let interval = ProcessEnvironment.value("GPAI_ASSESS_SYNC_INTERVAL").flatMap(TimeInterval.init).map { max(1, $0) } ?? 60
        var syncer = StoreSyncer(store: ctx.store, user: ctx.user, driver: SyncSupport.executablePath())
        syncer.measures = SyncSupport.measures(ctx.catalog)
        let b = BackgroundSync(syncer: syncer, interval: interval)
        TerminalApp.idleHook = { [b] in b.take() }
        Condition.detach { b.loop() }
        return b
    }

    func take() -> (message: String, changed: Set<String>)? {
        lock.lock(); defer { lock.unlock() }
        let n = news
        news = nil
        return n
    }

    private func loop() {
        // The first sync starts a moment after the screen: its git processes never compete with the first frame.
        lock.lock()
        if !stopping { lock.wait(seconds: Self.firstSyncDelay) }
        lock.unlock()
        while true {
            lock.lock()
            if stopping { lock.unlock(); return }
            running = true
            lock.unlock()
            let result = once()
            lock.lock()
            running = false
            if let result { news = result }
            lock.broadcast()
            if stopping { lock.unlock(); return }
            lock.wait(seconds: interval)
            lock.unlock()
        }
    }

    /// One sync; a message only when something came in, went out, or failed.
    func once() -> (message: String, changed: Set<String>)? {
        do {
            let r = try syncer.sync(StoreSyncer.Options(background: true))
            let changed = Set(r.received + r.merged + r.removed)
            var parts: [String] = []
            if !changed.isEmpty { parts.append("\(changed.count) session\(changed.count == 1 ? "" : "s") updated from the remote") }
            if !r.newConflicts.isEmpty { parts.append("\(r.newConflicts.count) conflict\(r.newConflicts.count == 1 ? "" : "s") to resolve") }
            if r.pushed && parts.isEmpty { parts.append("your changes are on the remote") }
            return parts.isEmpty ? nil : ("synced: " + parts.joined(separator: ", "), changed)
        } catch {
            return ("not synced: \(error.short) — your answers are safe here", [])
        }
    }

    /// Stops the timer, waits for a sync under way, then syncs once more (on quit). Returns a line for stderr.
    func finish(finalSync: Bool) -> String? {
        lock.lock()
        stopping = true
        lock.broadcast()
        while running { lock.wait() }
        lock.unlock()
        TerminalApp.idleHook = nil
        guard finalSync else { return nil }
        do {
            let r = try syncer.sync(StoreSyncer.Options(background: true))
            return r.newConflicts.isEmpty ? nil : "gpai-assess: note: \(r.newConflicts.count) new conflict(s) after syncing; see 'gpai-assess status'"
        } catch {
            return "gpai-assess: warning: not synced: \(error.description)"
        }
    }
}
