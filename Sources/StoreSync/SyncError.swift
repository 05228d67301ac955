/// Why a sync stopped. Local answers are never touched by any of these.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    case gitMissing
    case noRemote
    case badRemote(String, reason: String)
    case unreachable(String)
    case authRefused(String)
    case pushRejected(attempts: Int)
    case gitFailed(command: String, message: String)
    case storeNotWritable(path: String, reason: String)
    case busy

    public var description: String {
        switch self {
        case .gitMissing: return "git not found on PATH; install git to sync"
        case .noRemote: return "this store has no remote yet; run 'gpai-assess sync --remote URL' once"
        case let .badRemote(u, r): return "invalid remote '\(u)': \(r)"
        case let .unreachable(m): return "remote unreachable (\(m)) — your answers are safe here"
        case let .authRefused(m): return "the remote refused access (\(m)); check your SSH key or git credentials — your answers are safe here"
        case let .pushRejected(n): return "the remote kept changing while syncing (\(n) attempts); run sync again — your answers are safe here"
        case let .gitFailed(c, m): return "git \(c) failed: \(m)"
        case let .storeNotWritable(p, r): return "cannot write '\(p)': \(r)"
        case .busy: return "another sync of this store is running"
        }
    }

    /// A short form for a status line.
    public var short: String {
        switch self {
        case .unreachable: return "remote unreachable"
        case .authRefused: return "access refused"
        case .pushRejected: return "remote busy"
        case .noRemote: return "no remote"
        case .gitMissing: return "git missing"
        case .busy: return "sync running elsewhere"
        default: return "sync failed"
        }
    }
}
