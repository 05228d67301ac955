@preconcurrency import CNcursesw
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import TUI

extension Runtime {
    /// `watch`: shows one session read-only and reloads it within a second of each save made elsewhere.
    ///
    /// Waiting is one `poll` on the terminal and the inotify descriptor together, so an idle viewer uses no
    /// CPU; it wakes for a key, a save of this session, a running timer (once a second), or every 2 s to
    /// notice a vanished terminal. A burst of saves is read once (after 40 ms, at most four reads a second),
    /// and only when the folder event names this session's file. Without inotify the file is stat'ed every
    /// 500 ms and read only when its inode, size or time changed.
    mutating func watchLoop(_ id: String, forcePolling: Bool) -> Int32 {
        state.hasHome = false
        neverWrite = true
        let path: String
        do { path = try store.path(for: id) } catch {
            finalMessage = "gpai-assess: \(error)"
            return 1
        }
        let watcher = SessionFileWatcher(path: path, forcePolling: forcePolling)
        var last = watcher.fingerprint()
        do {
            let s = try store.load(id)
            guard let q = questionnaires.find(s.questionnaire.id) else {
                finalMessage = "gpai-assess: questionnaire '\(s.questionnaire.id)' of session '\(s.id)' is not installed"
                return 1
            }
            send(.watch(s, q))
            if watcher.polling { send(.info("watching (read-only; inotify unavailable: checking every 0.5 s) · f follows · q quits")) }
        } catch {
            finalMessage = "gpai-assess: \(error)"
            return 1
        }
        screen.present(view(state))
        var reloadDue: Int64?
        var lastLoad: Int64 = monotonicMs()
        var nextPoll = monotonicMs() + 500
        while !done {
            var timeout: Int32 = 2000
            let now = monotonicMs()
            if watcher.polling { timeout = Int32(max(0, nextPoll - now)) }
            if let d = reloadDue { timeout = min(timeout, Int32(max(0, d - now))) }
            state.now = Date()
            let ticking = state.clockTicking
            if ticking { timeout = min(timeout, msToNextSecond()) }
            let fileEvent = screen.wait(extraFD: watcher.fd, timeoutMs: timeout)
            var redraw = ticking
            if fileEvent, watcher.drain(), reloadDue == nil {
                reloadDue = max(monotonicMs() + 40, lastLoad + 250)
            }
            if watcher.polling, monotonicMs() >= nextPoll {
                nextPoll = monotonicMs() + 500
                if reloadDue == nil, watcher.fingerprint() != last { reloadDue = monotonicMs() }
            }
            if let d = reloadDue, monotonicMs() >= d {
                reloadDue = nil
                lastLoad = monotonicMs()
                let fp = watcher.fingerprint()
                if fp != last {
                    last = fp
                    do { send(.reloaded(try store.load(id))) } catch { send(.reloadFailed("\(error)")) }
                    redraw = true
                }
            }
            // Everything the terminal has for us (keys, a resize, a signal), without waiting.
            while !done {
                let input = screen.read(timeoutMs: 0)
                if input == .timeout { break }
                guard let event = self.event(for: input) else { continue }
                state.now = Date()
                perform(step(&state, event))
                redraw = true
                if hungUp { done = true }
            }
            if redraw && !done { state.now = Date(); screen.present(view(state)) }
        }
        return exitCode
    }
}
