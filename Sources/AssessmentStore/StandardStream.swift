#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error written with write(2), unbuffered: a line is out once `write` returns
/// (the crash-safety test relies on that), and a closed pipe drops the text instead of trapping.
public enum StandardStream {
    case output, error

    public func write(_ s: String) {
        let fd: Int32 = self == .output ? 1 : 2
        var bytes = Array(s.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}
