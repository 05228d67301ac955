import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import StoreSync
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Git runs this for `sessions/*.json` (see the store's .gitattributes) so that a plain
/// `git pull` in the store merges sessions answer by answer, as `sync` does.
struct MergeDriver: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge-driver", abstract: "Git merge driver for session files.",
                                                    shouldDisplay: false)

    @Argument(help: "The common ancestor (%O).") var base: String
    @Argument(help: "This side, replaced by the result (%A).") var ours: String
    @Argument(help: "The other side (%B).") var theirs: String

    func run() throws {
        func load(_ p: String) throws -> Session? {
            let bytes: [UInt8]
            do { bytes = try FileIO.read(p, limit: 32 * 1024 * 1024) } catch { throw CLIError(error.description, code: Exit.problems) }
            if bytes.isEmpty { return nil }
            switch SessionCodec.check(bytes) {
            case let .success(s): return s
            case let .failure(u): throw CLIError("'\(p)': \(u.reason)", code: Exit.problems)
            }
        }
        // A non-zero exit leaves the file to git's conflict handling, untouched.
        guard let o = try load(ours), let t = try load(theirs) else { throw CLIError("merge-driver: a side is empty", code: Exit.problems) }
        let b = try load(base)
        let outcome = SessionMerge.merge(base: b, ours: o, theirs: t)
        let bytes: [UInt8]
        do { bytes = try SessionCodec.encode(outcome.session) } catch { throw CLIError("\(error)", code: Exit.problems) }
        var mode = mode_t(0o600)
        var st = stat()
        if stat(ours, &st) == 0 { mode = st.st_mode & 0o777 }
        do { try FileIO.atomicWrite(bytes, to: ours, mode: mode) } catch { throw CLIError("\(error)", code: Exit.ioError) }
        for c in outcome.newConflicts { Output.note("\(o.id): conflict on \(c.label); see 'gpai-assess conflicts \(o.id)'") }
        if !outcome.session.conflicts.isEmpty {
            // Tell `list` and `status` that this session holds conflicts. Git runs the driver at the
            // top of the work tree: the store's root.
            let store = SessionStore(root: ".")
            var ids = Set(ConflictHint.read(store))
            if ids.insert(o.id).inserted { ConflictHint.write(ids, in: store) }
        }
    }
}
