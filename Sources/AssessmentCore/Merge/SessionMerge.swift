import FoundationEssentials

/// Three-way merge of one session changed on two machines, at the level of its data: what one
/// side changed since the common ancestor is taken; what both changed differently becomes a
/// `Conflict` holding both values. Nothing either side recorded is dropped: history is the
/// union, and a conflicted answer lives on as a side of its conflict.
///
/// `ours` is this machine's copy, `theirs` the one that arrived (already shared with others).
/// Where a choice must be made without a conflict, the later side wins, so the result does not
/// depend on which machine merges.
public enum SessionMerge {
    public struct Outcome: Sendable, Equatable {
        public var session: Session
        /// Conflicts this merge created (not those already in either side).
        public var newConflicts: [Conflict]
        /// Things worth telling the user (renamed actions, an action kept that one side deleted).
        public var notes: [String]
    }

    /// Merges `ours` and `theirs` (same session id) from `base`, their last common version;
    /// nil when the session was created on both sides independently.
    public static func merge(base: Session?, ours: Session, theirs: Session) -> Outcome {
        if ours == theirs { return Outcome(session: ours, newConflicts: [], notes: []) }
        if let base, base == ours { return Outcome(session: theirs, newConflicts: [], notes: []) }
        if let base, base == theirs { return Outcome(session: ours, newConflicts: [], notes: []) }
        var m = Merger(base: base, ours: ours, theirs: theirs)
        return m.run()
    }

    enum Pick<T> { case take(T), conflict }

    /// The three-way rule for one value.
    static func pick<T: Equatable>(_ b: T?, _ o: T?, _ t: T?, same: (T?, T?) -> Bool = { $0 == $1 }) -> Pick<T?> {
        if same(o, t) { return .take(o) }
        if same(o, b) { return .take(t) }
        if same(t, b) { return .take(o) }
        return .conflict
    }

    struct Merger {
        let base: Session?
        let ours: Session
        let theirs: Session
        var out: Session
        var conflicts: [String: Conflict] = [:]
        var created: [Conflict] = []
        var notes: [String] = []
        /// The later side wins choices that are not conflicts.
        let theirsLater: Bool

        init(base: Session?, ours: Session, theirs: Session) {
            self.base = base; self.ours = ours; self.theirs = theirs
            out = ours
            theirsLater = theirs.updated != ours.updated ? theirs.updated > ours.updated : theirs.updatedBy > ours.updatedBy
        }

        static func key(_ k: Conflict.Kind, _ key: String) -> String { k.rawValue + "\u{0}" + key }

        mutating func run() -> Outcome {
            mergeConflictLists()
            mergeAnswers()
            out.history = SessionMerge.unionHistory(ours.history, theirs.history)
            mergeScalars()
            mergeActions()
            out.events = mergeTextMap(.event, base?.events, ours.events, theirs.events)
            out.discussion = mergeTextMap(.discussion, base?.discussion, ours.discussion, theirs.discussion)
            mergeReviews()
            foldAnswersIntoConflicts()
            out.conflicts = conflicts.values.sorted { ($0.kind.rawValue, $0.key) < ($1.kind.rawValue, $1.key) }
            if theirsLater { out.updated = theirs.updated; out.updatedBy = theirs.updatedBy }
            return Outcome(session: out, newConflicts: created, notes: notes)
        }

        /// Conflicts already recorded, three-way by kind and key; when both sides changed one, all its sides are kept.
        mutating func mergeConflictLists() {
            func map(_ s: Session?) -> [String: Conflict] {
                Dictionary((s?.conflicts ?? []).map { (Merger.key($0.kind, $0.key), $0) }, uniquingKeysWith: { a, _ in a })
            }
            let b = map(base), o = map(ours), t = map(theirs)
            for k in Set(o.keys).union(t.keys) {
                switch SessionMerge.pick(b[k], o[k], t[k]) {
                case let .take(c): if let c { conflicts[k] = c }
                case .conflict:
                    let x = o[k] ?? t[k]!
                    conflicts[k] = Conflict(kind: x.kind, key: x.key, sides: SessionMerge.unique((o[k]?.sides ?? []) + (t[k]?.sides ?? [])))
                }
            }
        }

        mutating func mergeAnswers() {
            let b = base?.answers ?? [:]
            if ours.answers == theirs.answers { return }
            var keys = Set(ours.answers.keys)
            keys.formUnion(theirs.answers.keys)
            keys.formUnion(b.keys)
            for q in keys {
                let bo = b[q], o = ours.answers[q], t = theirs.answers[q]
                if o == t { continue }
                switch SessionMerge.pick(bo, o, t) {
                case let .take(a): out.answers[q] = a
                case .conflict:
                    if let o, o.sameContent(as: t), let t {
                        out.answers[q] = (t.at, t.by) > (o.at, o.by) ? t : o
                        continue
                    }
                    let k = Merger.key(.answer, q)
                    let sides = side(q, in: ours) + side(q, in: theirs) + (conflicts[k]?.sides ?? [])
                    let c = Conflict(kind: .answer, key: q, sides: SessionMerge.unique(sides))
                    conflicts[k] = c
                    created.append(c)
                    out.answers[q] = nil
                }
            }
        }

        /// What one side holds for a question: its answer (or its clearing), or the sides of its own conflict.
        func side(_ q: String, in s: Session) -> [Conflict.Side] {
            if let c = s.conflict(onQuestion: q) { return c.sides }
            if let a = s.answers[q] { return [Conflict.Side(answer: a, by: a.by, at: a.at)] }
            let last = s.history.last { $0.question == q }
            return [Conflict.Side(answer: nil, by: last?.by ?? s.updatedBy, at: last?.at ?? s.updated)]
        }

        /// An answer that ended up next to a surviving conflict on its question joins the conflict.
        mutating func foldAnswersIntoConflicts() {
            for (k, c) in conflicts where c.kind == .answer {
                guard let a = out.answers[c.key] else { continue }
                conflicts[k] = Conflict(kind: .answer, key: c.key, sides: SessionMerge.unique(c.sides + [Conflict.Side(answer: a, by: a.by, at: a.at)]))
                out.answers[c.key] = nil
            }
        }

        mutating func textConflict(_ kind: Conflict.Kind, _ key: String, _ o: String?, _ t: String?, oBy: String, oAt: Date, tBy: String, tAt: Date) {
            let k = Merger.key(kind, key)
            let c = Conflict(kind: kind, key: key, sides: SessionMerge.unique((conflicts[k]?.sides ?? []) + [
                Conflict.Side(text: o, by: oBy, at: oAt), Conflict.Side(text: t, by: tBy, at: tAt)]))
            conflicts[k] = c
            created.append(c)
        }

        mutating func mergeScalars() {
            func text(_ kind: Conflict.Kind, _ path: KeyPath<Session, String?>) -> String? {
                switch SessionMerge.pick(base?[keyPath: path], ours[keyPath: path], theirs[keyPath: path]) {
                case let .take(v): return v ?? nil
                case .conflict:
                    textConflict(kind, "", ours[keyPath: path], theirs[keyPath: path],
                                 oBy: ours.updatedBy, oAt: ours.updated, tBy: theirs.updatedBy, tAt: theirs.updated)
                    return theirsLater ? theirs[keyPath: path] : ours[keyPath: path]
                }
            }
            out.title = text(.title, \.optionalTitle) ?? ours.title
            out.organisation = text(.organisation, \.organisation)
            out.model = text(.model, \.model)
            out.schemaVersion = max(ours.schemaVersion, theirs.schemaVersion)
            if case let .take(v) = SessionMerge.pick(base?.questionnaire, ours.questionnaire, theirs.questionnaire), let v { out.questionnaire = v }
            else { out.questionnaire = theirsLater ? theirs.questionnaire : ours.questionnaire }
            if case let .take(v) = SessionMerge.pick(base?.position, ours.position, theirs.position) { out.position = v ?? nil }
            switch SessionMerge.pick(base?.facilitator, ours.facilitator, theirs.facilitator) {
            case let .take(v): out.facilitator = v ?? nil
            case .conflict: out.facilitator = theirsLater ? theirs.facilitator : ours.facilitator
            }
        }

        mutating func mergeTextMap(_ kind: Conflict.Kind, _ b: [String: String]?, _ o: [String: String], _ t: [String: String]) -> [String: String] {
            if o == t { return o }
            let b = b ?? [:]
            var result = o
            for k in Set(o.keys).union(t.keys).union(b.keys) {
                switch SessionMerge.pick(b[k], o[k], t[k]) {
                case let .take(v): result[k] = v ?? nil
                case .conflict:
                    textConflict(kind, k, o[k], t[k], oBy: ours.updatedBy, oAt: ours.updated, tBy: theirs.updatedBy, tAt: theirs.updated)
                    result[k] = theirsLater ? t[k] : o[k]
                }
            }
            return result
        }

        mutating func mergeReviews() {
            let b = base?.reviews ?? [:]
            if ours.reviews == theirs.reviews { return }
            for k in Set(ours.reviews.keys).union(theirs.reviews.keys).union(b.keys) {
                switch SessionMerge.pick(b[k], ours.reviews[k], theirs.reviews[k]) {
                case let .take(v): out.reviews[k] = v ?? nil
                case .conflict:
                    // A review is a mark, not an answer: the later one stands.
                    let o = ours.reviews[k], t = theirs.reviews[k]
                    out.reviews[k] = (t?.at ?? .distantPast) > (o?.at ?? .distantPast) ? t : o
                }
            }
        }

        mutating func mergeActions() {
            if ours.actions == theirs.actions { return }
            let b = Dictionary((base?.actions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            if let base, base.actions == ours.actions { out.actions = theirs.actions; return }
            if let base, base.actions == theirs.actions { out.actions = ours.actions; return }
            let o = Dictionary(ours.actions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let t = Dictionary(theirs.actions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var result: [Action] = []
            var renamed: [Action] = []
            for id in Set(o.keys).union(t.keys) {
                let ba = b[id], oa = o[id], ta = t[id]
                switch (oa, ta) {
                case let (x?, y?) where ba == nil && (x.created != y.created || x.createdBy != y.createdBy):
                    // Two machines added different actions under the same id: theirs keeps it, ours gets a new one.
                    result.append(y)
                    renamed.append(x)
                case let (x?, y?): result.append(mergeAction(ba, x, y))
                case let (x?, nil):
                    if ba == nil { result.append(x) }
                    else if ba != x { result.append(x); notes.append("action \(id) was deleted on the other machine but changed here; kept") }
                case let (nil, y?):
                    if ba == nil { result.append(y) }
                    else if ba != y { result.append(y); notes.append("action \(id) was deleted here but changed on the other machine; kept") }
                case (nil, nil): break
                }
            }
            for var x in renamed.sorted(by: { ($0.created, $0.id) < ($1.created, $1.id) }) {
                let old = x.id
                x.id = ActionPlan.nextID(result)
                result.append(x)
                notes.append("action \(old) added on both machines; this machine's is now \(x.id)")
            }
            out.actions = result.sorted { ($0.created, ActionPlan.idOrder($0.id).0, $0.id) < ($1.created, ActionPlan.idOrder($1.id).0, $1.id) }
        }

        mutating func mergeAction(_ b: Action?, _ o: Action, _ t: Action) -> Action {
            if o == t { return o }
            if b == o { return t }
            if b == t { return o }
            let tLater = t.updated != o.updated ? t.updated > o.updated : t.title > o.title
            var r = tLater ? t : o
            r.updated = max(o.updated, t.updated)
            func field(_ name: String, _ path: WritableKeyPath<Action, String?>) {
                switch SessionMerge.pick(b?[keyPath: path], o[keyPath: path], t[keyPath: path]) {
                case let .take(v): r[keyPath: path] = v ?? nil
                case .conflict:
                    textConflict(.action, "\(o.id).\(name)", o[keyPath: path], t[keyPath: path],
                                 oBy: ours.updatedBy, oAt: o.updated, tBy: theirs.updatedBy, tAt: t.updated)
                }
            }
            field("title", \.optionalTitle)
            r.title = r.optionalTitle ?? r.title
            field("question", \.question)
            field("measure", \.measure)
            field("owner", \.owner)
            field("due", \.due)
            field("note", \.note)
            field("status", \.statusText)
            field("priority", \.priorityText)
            return r
        }
    }

    /// Both histories, each entry once, in time order.
    public static func unionHistory(_ a: [Session.Change], _ b: [Session.Change]) -> [Session.Change] {
        if a == b { return a }
        var seen = Set<String>()
        var all: [(key: String, change: Session.Change)] = []
        for c in a + b {
            let k = historyKey(c)
            if seen.insert(k).inserted { all.append((k, c)) }
        }
        all.sort { x, y in x.change.at != y.change.at ? x.change.at < y.change.at : x.key < y.key }
        return all.map(\.change)
    }

    static func historyKey(_ c: Session.Change) -> String {
        func a(_ x: Answer?) -> String {
            guard let x else { return "-" }
            return "\(x.value.map { "\($0)" } ?? "")|\(x.notApplicable)|\(x.justification ?? "")|\(x.note ?? "")|\(x.evidence)|\(x.by)|\(x.at.timeIntervalSince1970)"
        }
        return "\(c.at.timeIntervalSince1970)|\(c.by)|\(c.question)|\(a(c.old))|\(a(c.new))"
    }

    /// Sides without repeats, in the stored order.
    static func unique(_ sides: [Conflict.Side]) -> [Conflict.Side] {
        var out: [Conflict.Side] = []
        for s in sides where !out.contains(s) { out.append(s) }
        return Conflict.ordered(out)
    }
}

extension Session {
    /// The title as an optional, for the merge's generic rule.
    var optionalTitle: String? { title }
}

extension Action {
    var optionalTitle: String? {
        get { title }
        set { title = newValue ?? title }
    }
    var statusText: String? {
        get { status.rawValue }
        set { status = newValue.flatMap(State.init(rawValue:)) ?? status }
    }
    var priorityText: String? {
        get { priority.map { $0.description } }
        set { priority = newValue.flatMap(Double.init) }
    }
}
