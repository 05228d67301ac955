#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A mutex with a condition variable, and a way to start a thread: what `NSCondition` and
/// `Thread` gave, without linking full Foundation (and its ICU data) into the binary.
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)  // timed waits unaffected by clock changes
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond); pthread_mutex_destroy(mutex)
        cond.deallocate(); mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func broadcast() { pthread_cond_broadcast(cond) }
    /// Waits (the lock held) until woken.
    public func wait() { pthread_cond_wait(cond, mutex) }

    /// Waits (the lock held) until woken or `seconds` have passed.
    public func wait(seconds: Double) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let total = Int(ts.tv_nsec) + Int(max(0, seconds) * 1_000_000_000)
        ts.tv_sec += total / 1_000_000_000
        ts.tv_nsec = total % 1_000_000_000
        pthread_cond_timedwait(cond, mutex, &ts)
    }

    /// Runs `body` on a new detached thread; false (and `body` not run) when no thread could be made.
    @discardableResult
    public static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        let arg = Unmanaged.passRetained(Box(body)).toOpaque()
        var t = pthread_t()
        let rc = pthread_create(&t, nil, { p in
            Unmanaged<Box>.fromOpaque(p!).takeRetainedValue().body()
            return nil
        }, arg)
        guard rc == 0 else { Unmanaged<Box>.fromOpaque(arg).release(); return false }
        pthread_detach(t)
        return true
    }
}
