import AssessmentCore
import Synchronization

/// The questionnaire of the session a front end is about to open, decoded with its index on a second
/// thread while the main thread sets up the terminal and reads the session: on two cores the first
/// frame no longer waits for the one and then the other. It is named near the session file's end
/// (keys are sorted), so it is guessed from the last 4 KB (`questionnaireID(in:)`); a wrong guess only
/// costs work, as the catalog then loads the one the session names. `SessionStore.open` reads the
/// session as always (`load`), then waits here for the decode, asleep: on the catalog's lock it would
/// spin and take the core that the decode needs.
///
/// The session itself used to be read on a third thread. With the terminal's set-up that made three
/// busy threads on two cores, and each thread that lost its core waited a whole time slice (about
/// 0.75 ms) for it; read where it is needed, after the set-up, it fits in the decode's time.
public enum QuestionnairePrefetch {
    /// Work for the waiting thread while the decode goes on, in steps: before each step it asks
    /// `stillWaiting` and stops when the decode is done, so that it holds up the first frame by one
    /// step at most.
    public typealias IdleWork = (_ stillWaiting: () -> Bool) -> Void

    final class Entry: @unchecked Sendable {
        let done = Condition()
        /// The decode is still under way.
        var loading = true
    }

    /// The one decode started (a process opens one session at start-up), by the session file's path.
    static let pending = Mutex<(path: String, entry: Entry)?>(nil)

    /// Starts decoding the questionnaire that session `id` of `store` names, and its index, on a new
    /// thread. Nothing happens when the file's end names none or no thread can be started.
    public static func start(_ id: String, in store: SessionStore, catalog: QuestionnaireCatalog) {
        guard let path = try? store.path(for: id), let tail = FileIO.readTail(path, count: 4096),
              let qid = questionnaireID(in: tail) else { return }
        let entry = Entry()
        let started = Condition.detach {
            // Into the catalog and the questionnaire's index cache, where the front end asks for them.
            if let q = try? catalog.questionnaire(qid) { _ = q.index }
            entry.done.lock()
            entry.loading = false
            entry.done.broadcast()
            entry.done.unlock()
        }
        if started { pending.withLock { $0 = (path, entry) } }
    }

    /// The questionnaire id a session file names, found without parsing it: the last `"questionnaire"`
    /// member that is an object, and its `"id"` string (as the program writes sessions: keys sorted, so
    /// it is a few hundred bytes from the end, and the search goes backwards). Nil when the bytes do
    /// not look so; a guess, checked by the parse.
    static func questionnaireID(in bytes: [UInt8]) -> String? {
        let key = Array("\"questionnaire\"".utf8), idKey = Array("\"id\"".utf8)
        func skipSpace(_ i: inout Int) {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }
        func matches(_ k: [UInt8], at i: Int) -> Bool {
            guard i + k.count <= bytes.count else { return false }
            for n in 0..<k.count where bytes[i + n] != k[n] { return false }
            return true
        }
        var i = bytes.count - key.count
        while i >= 0 {
            guard bytes[i] == UInt8(ascii: "\""), matches(key, at: i) else { i -= 1; continue }
            var j = i + key.count
            skipSpace(&j)
            guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { i -= 1; continue }
            j += 1
            skipSpace(&j)
            guard j < bytes.count, bytes[j] == UInt8(ascii: "{") else { i -= 1; continue }
            // Inside that object (flat: digest, id, version), up to its closing brace.
            while j < bytes.count, bytes[j] != UInt8(ascii: "}") {
                if matches(idKey, at: j) {
                    var k = j + idKey.count
                    skipSpace(&k)
                    guard k < bytes.count, bytes[k] == UInt8(ascii: ":") else { return nil }
                    k += 1
                    skipSpace(&k)
                    guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") else { return nil }
                    let start = k + 1
                    guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")), end - start <= 128 else { return nil }
                    let id = String(decoding: bytes[start..<end], as: UTF8.self)
                    return QuestionnaireLoader.isValidID(id) ? id : nil
                }
                j += 1
            }
            return nil
        }
        return nil
    }

    /// Waits for the decode started for the session at `path`, once. `whileWaiting` runs first if the
    /// decode is still under way: this thread would otherwise sleep while a core is free.
    static func wait(for path: String, whileWaiting: IdleWork? = nil) {
        let taken: Entry? = pending.withLock { p in
            guard let (pending, entry) = p, pending == path else { return nil }
            p = nil
            return entry
        }
        guard let entry = taken else { return }
        entry.done.lock()
        if entry.loading, let whileWaiting {
            entry.done.unlock()
            whileWaiting {
                entry.done.lock()
                defer { entry.done.unlock() }
                return entry.loading
            }
            entry.done.lock()
        }
        while entry.loading { entry.done.wait() }
        entry.done.unlock()
    }
}
