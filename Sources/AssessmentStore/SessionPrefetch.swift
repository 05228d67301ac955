import AssessmentCore
import Synchronization

/// The session a front end is about to open, read on a second thread while the terminal is being
/// set up, with its questionnaire and that questionnaire's index: on two cores the first frame no
/// longer waits for the one and then the other. `SessionStore.load` takes the result only if the file
/// is still the one that was read (same device, inode, size and times; every save replaces the
/// file), and only once; otherwise it reads the file as always.
public enum SessionPrefetch {
    final class Entry: @unchecked Sendable {
        let done = Condition()
        var finished = false
        var result: (stamp: FileStamp, session: Session)?
    }

    static let entries = Mutex<[String: Entry]>([:])

    /// Starts reading session `id` of `store` (and, when `catalog` is given, its questionnaire) on a
    /// new thread. Nothing happens when no thread can be started.
    public static func start(_ id: String, in store: SessionStore, catalog: QuestionnaireCatalog?) {
        guard let path = try? store.path(for: id) else { return }
        let entry = Entry()
        entries.withLock { $0[path] = entry }
        let started = Condition.detach {
            var result: (stamp: FileStamp, session: Session)?
            if let (bytes, stamp) = try? FileIO.readStamped(path), case let .success(s) = SessionCodec.check(bytes) {
                result = (stamp, s)
            }
            entry.done.lock()
            entry.result = result
            entry.finished = true
            entry.done.broadcast()
            entry.done.unlock()
            // The questionnaire and its index are kept where the front end will ask for them (the
            // catalog, the questionnaire's index cache), each under its own lock.
            if let id = result?.session.questionnaire.id, let q = try? catalog?.questionnaire(id) { _ = q.index }
        }
        if !started { _ = entries.withLock { $0.removeValue(forKey: path) } }
    }

    /// The session read in the background for `path`, if the file is still that one. Waits for a read
    /// still under way; the result is given out once.
    static func take(_ path: String) -> Session? {
        guard let entry = entries.withLock({ $0.removeValue(forKey: path) }) else { return nil }
        entry.done.lock()
        while !entry.finished { entry.done.wait() }
        let result = entry.result
        entry.done.unlock()
        guard let result, FileStamp.of(path) == result.stamp else { return nil }
        return result.session
    }
}
