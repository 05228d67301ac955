/// `resume SESSION` with only the usual options (`--store DIR`, `--as NAME`, `--plain`,
/// `--facilitate`, `--at NODE`), read without ArgumentParser, whose command tree took about 2 ms of the first
/// frame. Anything else (help, `--x=y`, repeated or unknown options, values starting with `-`)
/// returns nil and goes through the parser, so its messages and help stay the only ones.
struct ResumeFastPath: Equatable {
    var session: String
    var store: String?
    var asUser: String?
    var plain = false
    var facilitate = false
    var at: String?

    init?<Args: Sequence>(_ args: Args) where Args.Element == String {
        var it = args.makeIterator()
        guard it.next() == "resume" else { return nil }
        var session: String?
        while let a = it.next() {
            switch a {
            case "--store":
                guard store == nil, let v = it.next(), !v.hasPrefix("-") else { return nil }
                store = v
            case "--as":
                guard asUser == nil, let v = it.next(), !v.hasPrefix("-") else { return nil }
                asUser = v
            case "--plain":
                guard !plain else { return nil }
                plain = true
            case "--at":
                guard at == nil, let v = it.next(), !v.hasPrefix("-") else { return nil }
                at = v
            case "--facilitate":
                guard !facilitate else { return nil }
                facilitate = true
            default:
                guard session == nil, !a.hasPrefix("-") else { return nil }
                session = a
            }
        }
        guard let session else { return nil }
        self.session = session
    }

    init(session: String, store: String? = nil, asUser: String? = nil, plain: Bool = false, facilitate: Bool = false, at: String? = nil) {
        self.session = session; self.store = store; self.asUser = asUser; self.plain = plain; self.facilitate = facilitate; self.at = at
    }

    /// `Resume.run` with the same arguments: the same `Resume.start`.
    func run() throws {
        try Resume.start(try Context(store: store, asUser: asUser, plain: plain), session: session, at: at, facilitate: facilitate)
    }
}
