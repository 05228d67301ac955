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
        /// The session's read is over (`result` set, nil when it could not be read).
        var finished = false
        /// Questionnaire loads still under way (the guessed one, and the named one if the guess was wrong).
        var loading = 0
        var result: (stamp: FileStamp, session: Session)?

        func update(_ change: (Entry) -> Void) {
            done.lock()
            change(self)
            done.broadcast()
            done.unlock()
        }
    }

    static let entries = Mutex<[String: Entry]>([:])

    /// Starts reading session `id` of `store` (and, when `catalog` is given, its questionnaire) on a
    /// new thread. Nothing happens when no thread can be started.
    public static func start(_ id: String, in store: SessionStore, catalog: QuestionnaireCatalog?) {
        guard let path = try? store.path(for: id) else { return }
        let entry = Entry()
        // The questionnaire and its index go where the front end will ask for them (the catalog, the
        // questionnaire's index cache). The front end waits on `entry` until they are there, asleep: on
        // the catalog's lock it would spin and take a core from the threads it waits for.
        @Sendable func loadQuestionnaire(_ qid: String) {
            entry.update { $0.loading += 1 }
            let detached = Condition.detach {
                if let q = try? catalog?.questionnaire(qid) { _ = q.index }
                entry.update { $0.loading -= 1 }
            }
            if !detached { entry.update { $0.loading -= 1 } }
        }
        // The questionnaire the file names is decoded on a third thread while the second reads the
        // session: the two were a chain the first frame waited for. It is named near the file's end (keys
        // are sorted), so a look at the end starts it before the whole file is read; a wrong guess only
        // costs work.
        var tailGuess: String?
        if catalog != nil, let tail = FileIO.readTail(path, count: 4096), let g = questionnaireID(in: tail) {
            tailGuess = g
            loadQuestionnaire(g)
        }
        let started = Condition.detach { [tailGuess] in
            var result: (stamp: FileStamp, session: Session)?
            var guess = tailGuess
            if let (bytes, stamp) = try? FileIO.readStamped(path) {
                if catalog != nil, guess == nil, let g = questionnaireID(in: bytes) {
                    guess = g
                    loadQuestionnaire(g)
                }
                if case let .success(s) = SessionCodec.check(bytes) { result = (stamp, s) }
            }
            if catalog != nil, let named = result?.session.questionnaire.id, named != guess { loadQuestionnaire(named) }
            entry.update { $0.result = result; $0.finished = true }
        }
        // Registered once the threads run (they hold the entry itself): its table's first use costs
        // type look-ups that the threads need not wait for.
        if started { entries.withLock { $0[path] = entry } }
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

    /// The session read in the background for `path`, if the file is still that one. Waits for a read
    /// still under way; the result is given out once.
    static func take(_ path: String) -> Session? {
        guard let entry = entries.withLock({ $0.removeValue(forKey: path) }) else { return nil }
        entry.done.lock()
        while !entry.finished || entry.loading > 0 { entry.done.wait() }
        let result = entry.result
        entry.done.unlock()
        guard let result, FileStamp.of(path) == result.stamp else { return nil }
        return result.session
    }
}
