import AssessmentCore
import FoundationEssentials

/// Hand-written JSON for sessions, on the hot path of every save and load.
///
/// `JSONEncoder`/`JSONDecoder` cost about 9 ms to write and 14 ms to read a session of
/// 1,000 answers, most of it in the Codable machinery. The writer here produces the same
/// bytes as `SessionCodec`'s `JSONEncoder` (pretty-printed, keys sorted by UTF-8, slashes
/// not escaped; see `SessionJSONTests`), and the reader builds the same `Session` from the
/// tree that `SessionCodec.check` has already parsed. Both give up (return nil) on anything
/// unusual, and the caller then takes the Foundation path, so error messages stay the same.
///
/// When a stored property is added to `Session`, `Answer`, `Session.Change`, `Action` or
/// `Review`, add it here too: `SessionJSONTests.testEveryStoredPropertyIsHandled` fails until then.
enum SessionJSON {
    /// The stored properties each writer/reader below handles, checked against `Mirror` by the tests.
    static let handledProperties: [String: Set<String>] = [
        "Session": ["schemaVersion", "id", "title", "organisation", "model", "modelVersion", "questionnaire", "answers", "history", "position",
                    "actions", "reviews", "discussion", "facilitator", "events", "conflicts", "created", "createdBy", "updated", "updatedBy"],
        "QuestionnaireRef": ["id", "version", "digest"],
        "Position": ["question", "node", "guidance"],
        "Change": ["at", "by", "question", "old", "new"],
        "Answer": ["value", "notApplicable", "justification", "note", "evidence", "by", "at"],
        "Action": ["id", "title", "question", "measure", "owner", "due", "status", "priority", "note", "created", "createdBy", "updated"],
        "Review": ["by", "at", "note"],
        "Facilitator": ["question", "node", "by", "since", "timerStartedAt"],
        "Conflict": ["kind", "key", "sides"],
        "Side": ["answer", "text", "by", "at"],
    ]

    // MARK: - Writing

    /// The bytes `JSONEncoder` would write (without the final newline), or nil when a number
    /// cannot be written (non-finite), which `JSONEncoder` reports as an error.
    static func encode(_ s: Session) -> [UInt8]? {
        var w = Writer()
        w.out.reserveCapacity(4096 + s.answers.count * 220 + s.history.count * 420)
        guard w.session(s) else { return nil }
        return w.out
    }

    struct Writer {
        var out: [UInt8] = []
        var indent = 0

        mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { out.append(contentsOf: $0) }
        }

        mutating func writeIndent() {
            for _ in 0..<indent { out.append(0x20); out.append(0x20) }
        }

        /// `{`, then members via `key`, then `endObject`. `count` is the number of members that follow.
        mutating func beginObject(count: Int) {
            out.append(UInt8(ascii: "{")); out.append(0x0A)
            indent += 1
            if count > 0 { writeIndent() }
        }

        mutating func key(_ k: String, first: inout Bool) {
            if first { first = false } else { out.append(UInt8(ascii: ",")); out.append(0x0A); writeIndent() }
            string(k)
            raw(" : ")
        }

        mutating func endObject() {
            out.append(0x0A)
            indent -= 1
            writeIndent()
            out.append(UInt8(ascii: "}"))
        }

        mutating func beginArray() {
            out.append(UInt8(ascii: "[")); out.append(0x0A)
            indent += 1
        }

        mutating func element(first: inout Bool) {
            if first { first = false } else { out.append(UInt8(ascii: ",")); out.append(0x0A) }
            writeIndent()
        }

        mutating func endArray() {
            out.append(0x0A)
            indent -= 1
            writeIndent()
            out.append(UInt8(ascii: "]"))
        }

        mutating func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            // Most strings need no escape: copy them whole.
            let plain: Bool? = s.utf8.withContiguousStorageIfAvailable { buf in
                for b in buf where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
                out.append(contentsOf: buf)
                return true
            }
            if plain == true { out.append(UInt8(ascii: "\"")); return }
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\""): out.append(0x5C); out.append(b)
                case UInt8(ascii: "\\"): out.append(0x5C); out.append(b)
                case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x00...0x1F:
                    raw("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }

        mutating func date(_ d: Date) {
            out.append(UInt8(ascii: "\""))
            Timestamp.append(d, to: &out)
            out.append(UInt8(ascii: "\""))
        }

        mutating func number(_ d: Double) -> Bool {
            guard d.isFinite else { return false }
            var t = d.description
            if t.hasSuffix(".0") { t.removeLast(2) }
            out.append(contentsOf: t.utf8)
            return true
        }

        mutating func strings(_ a: [String]) {
            beginArray()
            var first = true
            for s in a { element(first: &first); string(s) }
            endArray()
        }

        /// A `[String: String]` as an object with sorted keys.
        mutating func stringMap(_ m: [String: String]) {
            let keys = m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            beginObject(count: keys.count)
            var first = true
            for k in keys { key(k, first: &first); string(m[k]!) }
            endObject()
        }

        mutating func session(_ s: Session) -> Bool {
            // Keys in UTF-8 order, optional ones only when present (encodeIfPresent).
            var n = 15
            if s.model != nil { n += 1 }
            if s.modelVersion != nil { n += 1 }
            if s.organisation != nil { n += 1 }
            if s.position != nil { n += 1 }
            if s.facilitator != nil { n += 1 }
            if !s.conflicts.isEmpty { n += 1 }
            beginObject(count: n)
            var first = true
            key("actions", first: &first)
            beginArray()
            var fa = true
            for a in s.actions {
                element(first: &fa)
                guard action(a) else { return false }
            }
            endArray()
            key("answers", first: &first)
            let ids = s.answers.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            beginObject(count: ids.count)
            var fq = true
            for id in ids {
                key(id, first: &fq)
                guard answer(s.answers[id]!) else { return false }
            }
            endObject()
            if !s.conflicts.isEmpty {
                key("conflicts", first: &first)
                beginArray()
                var fc = true
                for c in s.conflicts {
                    element(first: &fc)
                    guard conflict(c) else { return false }
                }
                endArray()
            }
            key("created", first: &first); date(s.created)
            key("createdBy", first: &first); string(s.createdBy)
            key("discussion", first: &first); stringMap(s.discussion)
            key("events", first: &first); stringMap(s.events)
            if let f = s.facilitator {
                key("facilitator", first: &first)
                beginObject(count: 2 + (f.node == nil ? 0 : 1) + (f.question == nil ? 0 : 1) + (f.timerStartedAt == nil ? 0 : 1))
                var ff = true
                key("by", first: &ff); string(f.by)
                if let v = f.node { key("node", first: &ff); string(v) }
                if let v = f.question { key("question", first: &ff); string(v) }
                key("since", first: &ff); date(f.since)
                if let v = f.timerStartedAt { key("timerStartedAt", first: &ff); date(v) }
                endObject()
            }
            key("history", first: &first)
            beginArray()
            var fh = true
            for c in s.history {
                element(first: &fh)
                guard change(c) else { return false }
            }
            endArray()
            key("id", first: &first); string(s.id)
            if let m = s.model { key("model", first: &first); string(m) }
            if let v = s.modelVersion { key("modelVersion", first: &first); string(v) }
            if let o = s.organisation { key("organisation", first: &first); string(o) }
            if let p = s.position {
                key("position", first: &first)
                beginObject(count: (p.guidance == nil ? 0 : 1) + (p.node == nil ? 0 : 1) + (p.question == nil ? 0 : 1))
                var fp = true
                if let v = p.guidance { key("guidance", first: &fp); raw(v ? "true" : "false") }
                if let v = p.node { key("node", first: &fp); string(v) }
                if let v = p.question { key("question", first: &fp); string(v) }
                endObject()
            }
            key("questionnaire", first: &first)
            beginObject(count: 3)
            var fr = true
            key("digest", first: &fr); string(s.questionnaire.digest)
            key("id", first: &fr); string(s.questionnaire.id)
            key("version", first: &fr); string(s.questionnaire.version)
            endObject()
            key("reviews", first: &first)
            let rids = s.reviews.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            beginObject(count: rids.count)
            var fv = true
            for id in rids {
                key(id, first: &fv)
                let r = s.reviews[id]!
                beginObject(count: r.note == nil ? 2 : 3)
                var f = true
                key("at", first: &f); date(r.at)
                key("by", first: &f); string(r.by)
                if let v = r.note { key("note", first: &f); string(v) }
                endObject()
            }
            endObject()
            key("schemaVersion", first: &first); out.append(contentsOf: String(s.schemaVersion).utf8)
            key("title", first: &first); string(s.title)
            key("updated", first: &first); date(s.updated)
            key("updatedBy", first: &first); string(s.updatedBy)
            endObject()
            return true
        }

        mutating func answer(_ a: Answer) -> Bool {
            var n = 2
            if !a.evidence.isEmpty { n += 1 }
            if a.justification != nil { n += 1 }
            if a.notApplicable { n += 1 }
            if a.note != nil { n += 1 }
            if a.value != nil { n += 1 }
            beginObject(count: n)
            var f = true
            key("at", first: &f); date(a.at)
            key("by", first: &f); string(a.by)
            if !a.evidence.isEmpty { key("evidence", first: &f); strings(a.evidence) }
            if let j = a.justification { key("justification", first: &f); string(j) }
            if a.notApplicable { key("notApplicable", first: &f); raw("true") }
            if let v = a.note { key("note", first: &f); string(v) }
            if let v = a.value {
                key("value", first: &f)
                switch v {
                case let .text(t): string(t)
                case let .number(d): guard number(d) else { return false }
                case let .choices(c): strings(c)
                }
            }
            endObject()
            return true
        }

        mutating func conflict(_ c: Conflict) -> Bool {
            beginObject(count: 3)
            var f = true
            key("key", first: &f); string(c.key)
            key("kind", first: &f); string(c.kind.rawValue)
            key("sides", first: &f)
            beginArray()
            var fs = true
            for side in c.sides {
                element(first: &fs)
                beginObject(count: 2 + (side.answer == nil ? 0 : 1) + (side.text == nil ? 0 : 1))
                var g = true
                if let a = side.answer { key("answer", first: &g); guard answer(a) else { return false } }
                key("at", first: &g); date(side.at)
                key("by", first: &g); string(side.by)
                if let t = side.text { key("text", first: &g); string(t) }
                endObject()
            }
            endArray()
            endObject()
            return true
        }

        mutating func change(_ c: Session.Change) -> Bool {
            beginObject(count: 3 + (c.new == nil ? 0 : 1) + (c.old == nil ? 0 : 1))
            var f = true
            key("at", first: &f); date(c.at)
            key("by", first: &f); string(c.by)
            if let a = c.new { key("new", first: &f); guard answer(a) else { return false } }
            if let a = c.old { key("old", first: &f); guard answer(a) else { return false } }
            key("question", first: &f); string(c.question)
            endObject()
            return true
        }

        mutating func action(_ a: Action) -> Bool {
            var n = 6
            for present in [a.due != nil, a.measure != nil, a.note != nil, a.owner != nil, a.priority != nil, a.question != nil] where present { n += 1 }
            beginObject(count: n)
            var f = true
            key("created", first: &f); date(a.created)
            key("createdBy", first: &f); string(a.createdBy)
            if let v = a.due { key("due", first: &f); string(v) }
            key("id", first: &f); string(a.id)
            if let v = a.measure { key("measure", first: &f); string(v) }
            if let v = a.note { key("note", first: &f); string(v) }
            if let v = a.owner { key("owner", first: &f); string(v) }
            if let v = a.priority { key("priority", first: &f); guard number(v) else { return false } }
            if let v = a.question { key("question", first: &f); string(v) }
            key("status", first: &f); string(a.status.rawValue)
            key("title", first: &f); string(a.title)
            key("updated", first: &f); date(a.updated)
            endObject()
            return true
        }
    }

    // MARK: - Reading

    /// The session in an already parsed document, or nil when anything is not exactly as
    /// `Session.init(from:)` expects (the caller then decodes with `JSONDecoder` for its message).
    static func decode(_ root: JSONNode) -> Session? {
        guard let members = root.members else { return nil }
        var schemaVersion: Int?, id: String?, title: String?, organisation: String?, model: String?, modelVersion: String?
        var questionnaire: Session.QuestionnaireRef?
        var answers: [String: Answer] = [:], history: [Session.Change] = [], position: Session.Position?
        var facilitator: Session.Facilitator?
        var conflicts: [Conflict] = []
        var actions: [Action] = [], reviews: [String: Review] = [:], discussion: [String: String] = [:], events: [String: String] = [:]
        var created: Date?, createdBy = "", updated: Date?, updatedBy = ""
        var seen = Set<String>()
        for (k, v) in members {
            guard seen.insert(k).inserted else { return nil }
            switch k {
            case "schemaVersion":
                guard let d = v.number, d == d.rounded(), abs(d) < 1e15 else { return nil }
                schemaVersion = Int(d)
            case "id": guard let s = v.string else { return nil }; id = s
            case "title": guard let s = v.string else { return nil }; title = s
            case "organisation": guard optionalString(v, into: &organisation) else { return nil }
            case "model": guard optionalString(v, into: &model) else { return nil }
            case "modelVersion": guard optionalString(v, into: &modelVersion) else { return nil }
            case "questionnaire":
                guard let m = object(v), let qid = m["id"]?.string, let ver = m["version"]?.string, let dig = m["digest"]?.string else { return nil }
                questionnaire = Session.QuestionnaireRef(id: qid, version: ver, digest: dig)
            case "answers":
                if isNull(v) { continue }
                guard let ms = v.members else { return nil }
                answers.reserveCapacity(ms.count)
                for (qid, a) in ms {
                    guard let x = answer(a) else { return nil }
                    answers[qid] = x
                }
                guard answers.count == ms.count else { return nil }
            case "history":
                if isNull(v) { continue }
                guard let items = v.array else { return nil }
                history.reserveCapacity(items.count)
                for c in items {
                    guard let x = change(c) else { return nil }
                    history.append(x)
                }
            case "position":
                if isNull(v) { continue }
                guard let m = object(v) else { return nil }
                var p = Session.Position()
                guard optionalString(m["question"], into: &p.question), optionalString(m["node"], into: &p.node) else { return nil }
                if let g = m["guidance"] {
                    switch g.value { case .null: break; case let .bool(b): p.guidance = b; default: return nil }
                }
                position = p
            case "facilitator":
                if isNull(v) { continue }
                guard let m = object(v), let by = m["by"]?.string, let since = date(m["since"]) else { return nil }
                var f = Session.Facilitator(by: by, since: since)
                guard optionalString(m["question"], into: &f.question), optionalString(m["node"], into: &f.node) else { return nil }
                if let t = m["timerStartedAt"], !isNull(t) { guard let d = date(t) else { return nil }; f.timerStartedAt = d }
                facilitator = f
            case "actions":
                if isNull(v) { continue }
                guard let items = v.array else { return nil }
                for a in items {
                    guard let m = object(a), let aid = m["id"]?.string, let t = m["title"]?.string,
                          let st = m["status"]?.string, let status = Action.State(rawValue: st),
                          let cr = date(m["created"]), let crBy = m["createdBy"]?.string, let up = date(m["updated"]) else { return nil }
                    var x = Action(id: aid, title: t, status: status, by: crBy, at: cr)
                    x.updated = up
                    guard optionalString(m["question"], into: &x.question), optionalString(m["measure"], into: &x.measure),
                          optionalString(m["owner"], into: &x.owner), optionalString(m["due"], into: &x.due),
                          optionalString(m["note"], into: &x.note) else { return nil }
                    if let p = m["priority"], !isNull(p) { guard let d = p.number else { return nil }; x.priority = d }
                    actions.append(x)
                }
            case "reviews":
                if isNull(v) { continue }
                guard let ms = v.members else { return nil }
                for (mid, r) in ms {
                    guard let m = object(r), let by = m["by"]?.string, let at = date(m["at"]) else { return nil }
                    var note: String?
                    guard optionalString(m["note"], into: &note) else { return nil }
                    reviews[mid] = Review(by: by, at: at, note: note)
                }
                guard reviews.count == ms.count else { return nil }
            case "discussion":
                if isNull(v) { continue }
                guard let m = stringMap(v) else { return nil }
                discussion = m
            case "events":
                if isNull(v) { continue }
                guard let m = stringMap(v) else { return nil }
                events = m
            case "conflicts":
                if isNull(v) { continue }
                guard let items = v.array else { return nil }
                for c in items {
                    guard let x = conflict(c) else { return nil }
                    conflicts.append(x)
                }
            case "created": guard let d = date(v) else { return nil }; created = d
            case "createdBy": if !isNull(v) { guard let s = v.string else { return nil }; createdBy = s }
            case "updated": guard let d = date(v) else { return nil }; updated = d
            case "updatedBy": if !isNull(v) { guard let s = v.string else { return nil }; updatedBy = s }
            default: continue  // unknown keys are ignored, as JSONDecoder does
            }
        }
        guard let schemaVersion, let id, let title, let questionnaire, let created, let updated else { return nil }
        var s = Session(id: id, title: title, questionnaire: Questionnaire(id: questionnaire.id, title: "", version: questionnaire.version, nodes: []),
                        by: createdBy, at: created, organisation: organisation, model: model, modelVersion: modelVersion)
        s.schemaVersion = schemaVersion
        s.questionnaire = questionnaire
        s.answers = answers; s.history = history; s.position = position
        s.actions = actions; s.reviews = reviews; s.discussion = discussion; s.facilitator = facilitator; s.events = events
        s.conflicts = conflicts
        s.updated = updated; s.updatedBy = updatedBy
        return s
    }

    static func isNull(_ n: JSONNode) -> Bool { if case .null = n.value { return true }; return false }

    /// Members of an object with unique keys, for look-up by name.
    static func object(_ n: JSONNode) -> [String: JSONNode]? {
        guard let ms = n.members else { return nil }
        var d: [String: JSONNode] = [:]
        d.reserveCapacity(ms.count)
        for (k, v) in ms { guard d.updateValue(v, forKey: k) == nil else { return nil } }
        return d
    }

    /// Absent or null → nil; a string → the string; anything else fails.
    static func optionalString(_ n: JSONNode?, into out: inout String?) -> Bool {
        guard let n, !isNull(n) else { out = nil; return true }
        guard let s = n.string else { return false }
        out = s
        return true
    }

    static func date(_ n: JSONNode?) -> Date? {
        guard let s = n?.string else { return nil }
        return SessionCodec.parseDate(s)
    }

    static func stringMap(_ n: JSONNode) -> [String: String]? {
        guard let ms = n.members else { return nil }
        var d: [String: String] = [:]
        for (k, v) in ms { guard let s = v.string, d.updateValue(s, forKey: k) == nil else { return nil } }
        return d
    }

    static func conflict(_ n: JSONNode) -> Conflict? {
        guard let m = object(n), let k = m["kind"]?.string, let kind = Conflict.Kind(rawValue: k), let key = m["key"]?.string,
              let items = m["sides"]?.array else { return nil }
        var sides: [Conflict.Side] = []
        for i in items {
            guard let sm = object(i), let by = sm["by"]?.string, let at = date(sm["at"]) else { return nil }
            var side = Conflict.Side(by: by, at: at)
            if let a = sm["answer"], !isNull(a) { guard let x = answer(a) else { return nil }; side.answer = x }
            guard optionalString(sm["text"], into: &side.text) else { return nil }
            sides.append(side)
        }
        // As decoded, not reordered: the reader must give what JSONDecoder gives.
        var c = Conflict(kind: kind, key: key, sides: [])
        c.sides = sides
        return c
    }

    static func change(_ n: JSONNode) -> Session.Change? {
        guard let ms = n.members else { return nil }
        var at: Date?, by: String?, question: String?, old: Answer?, new: Answer?
        var seen = 0
        for (k, v) in ms {
            let bit: Int
            switch k {
            case "at": bit = 1; guard let d = date(v) else { return nil }; at = d
            case "by": bit = 2; guard let s = v.string else { return nil }; by = s
            case "question": bit = 4; guard let s = v.string else { return nil }; question = s
            case "old": bit = 8; if !isNull(v) { guard let a = answer(v) else { return nil }; old = a }
            case "new": bit = 16; if !isNull(v) { guard let a = answer(v) else { return nil }; new = a }
            default: continue
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
        }
        guard let at, let by, let question else { return nil }
        return Session.Change(at: at, by: by, question: question, old: old, new: new)
    }

    static func answer(_ n: JSONNode) -> Answer? {
        guard let ms = n.members else { return nil }
        var value: AnswerValue?, notApplicable = false, justification: String?, note: String?, evidence: [String] = [], by = "", at: Date?
        var seen = 0
        for (k, v) in ms {
            let bit: Int
            switch k {
            case "value":
                bit = 1
                switch v.value {
                case .null: value = nil
                case let .string(s): value = .text(s)
                case let .number(d): value = .number(d)
                case let .array(items):
                    var c: [String] = []
                    c.reserveCapacity(items.count)
                    for i in items { guard let s = i.string else { return nil }; c.append(s) }
                    value = .choices(c)
                default: return nil
                }
            case "notApplicable":
                bit = 2
                switch v.value { case .null: notApplicable = false; case let .bool(b): notApplicable = b; default: return nil }
            case "justification": bit = 4; guard optionalString(v, into: &justification) else { return nil }
            case "note": bit = 8; guard optionalString(v, into: &note) else { return nil }
            case "evidence":
                bit = 16
                if !isNull(v) {
                    guard let items = v.array else { return nil }
                    evidence = []
                    for i in items { guard let s = i.string else { return nil }; evidence.append(s) }
                }
            case "by": bit = 32; if !isNull(v) { guard let s = v.string else { return nil }; by = s }
            case "at": bit = 64; guard let d = date(v) else { return nil }; at = d
            default: continue
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
        }
        guard let at else { return nil }
        return Answer(value: value, notApplicable: notApplicable, justification: justification, note: note, evidence: evidence, by: by, at: at)
    }
}
