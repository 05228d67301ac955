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

    /// The session in `bytes`, read straight from them, or nil when the JSON is not strictly valid
    /// (as `JSONParser` judges it) or anything is not exactly as `Session.init(from:)` expects; the
    /// caller then takes the parser and `JSONDecoder`, for their messages. Unknown members are
    /// checked and ignored, as `JSONDecoder` ignores them.
    static func decode(_ bytes: [UInt8]) -> Session? {
        var r = JSONReader(bytes)
        guard let s = session(&r), r.isAtEnd else { return nil }
        return s
    }

    // The names each reader below knows, matched on the bytes (see `JSONReader.nextMember(_:)`): the
    // stored properties of `handledProperties`, which the tests check against each type.
    static let sessionNames = names("Session"), questionnaireNames = names("QuestionnaireRef"), positionNames = names("Position")
    static let facilitatorNames = names("Facilitator"), reviewNames = names("Review"), actionNames = names("Action")
    static let conflictNames = names("Conflict"), sideNames = names("Side"), changeNames = names("Change"), answerNames = names("Answer")

    static func names(_ type: String) -> JSONNames { JSONNames(handledProperties[type, default: []].sorted()) }

    static func session(_ r: inout JSONReader) -> Session? {
        guard r.beginObject() else { return nil }
        var schemaVersion: Int?, id: String?, title: String?, organisation: String?, model: String?, modelVersion: String?
        var questionnaire: Session.QuestionnaireRef?
        var answers: [String: Answer] = [:], history: [Session.Change] = [], position: Session.Position?
        var facilitator: Session.Facilitator?
        var conflicts: [Conflict] = []
        var actions: [Action] = [], reviews: [String: Review] = [:], discussion: [String: String] = [:], events: [String: String] = [:]
        var created: Date?, createdBy = "", updated: Date?, updatedBy = ""
        while let k = r.nextMember(sessionNames) {
            switch k {
            case "schemaVersion":
                guard let d = r.number(), d == d.rounded(), abs(d) < 1e15 else { return nil }
                schemaVersion = Int(d)
            case "id": guard let s = r.string() else { return nil }; id = s
            case "title": guard let s = r.string() else { return nil }; title = s
            case "organisation": guard optionalString(&r, into: &organisation) else { return nil }
            case "model": guard optionalString(&r, into: &model) else { return nil }
            case "modelVersion": guard optionalString(&r, into: &modelVersion) else { return nil }
            case "questionnaire":
                guard r.beginObject() else { return nil }
                var qid: String?, version: String?, digest: String?
                while let m = r.nextMember(questionnaireNames) {
                    switch m {
                    case "id": qid = r.string(); if qid == nil { return nil }
                    case "version": version = r.string(); if version == nil { return nil }
                    case "digest": digest = r.string(); if digest == nil { return nil }
                    default: guard r.skipValue() else { return nil }
                    }
                }
                guard !r.failed, let qid, let version, let digest else { return nil }
                questionnaire = Session.QuestionnaireRef(id: qid, version: version, digest: digest)
            case "answers":
                if r.skipNull() { continue }
                guard r.beginObject() else { return nil }
                while let qid = r.nextKey() {
                    // A question answered twice is refused, as the parser refuses the repeated name.
                    guard let a = answer(&r), answers.updateValue(a, forKey: qid) == nil else { return nil }
                }
            case "history":
                if r.skipNull() { continue }
                guard r.beginArray() else { return nil }
                while r.nextElement() {
                    guard let c = change(&r) else { return nil }
                    history.append(c)
                }
            case "position":
                if r.skipNull() { continue }
                guard r.beginObject() else { return nil }
                var p = Session.Position()
                while let m = r.nextMember(positionNames) {
                    switch m {
                    case "question": guard optionalString(&r, into: &p.question) else { return nil }
                    case "node": guard optionalString(&r, into: &p.node) else { return nil }
                    case "guidance":
                        if r.skipNull() { p.guidance = nil; continue }
                        guard let b = r.bool() else { return nil }
                        p.guidance = b
                    default: guard r.skipValue() else { return nil }
                    }
                }
                position = p
            case "facilitator":
                if r.skipNull() { continue }
                guard r.beginObject() else { return nil }
                var by: String?, since: Date?, question: String?, node: String?, timer: Date?
                while let m = r.nextMember(facilitatorNames) {
                    switch m {
                    case "by": by = r.string(); if by == nil { return nil }
                    case "since": since = date(&r); if since == nil { return nil }
                    case "question": guard optionalString(&r, into: &question) else { return nil }
                    case "node": guard optionalString(&r, into: &node) else { return nil }
                    case "timerStartedAt":
                        if r.skipNull() { timer = nil; continue }
                        timer = date(&r); if timer == nil { return nil }
                    default: guard r.skipValue() else { return nil }
                    }
                }
                guard !r.failed, let by, let since else { return nil }
                facilitator = Session.Facilitator(question: question, node: node, by: by, since: since, timerStartedAt: timer)
            case "actions":
                if r.skipNull() { continue }
                guard r.beginArray() else { return nil }
                while r.nextElement() {
                    guard let a = action(&r) else { return nil }
                    actions.append(a)
                }
            case "reviews":
                if r.skipNull() { continue }
                guard r.beginObject() else { return nil }
                while let mid = r.nextKey() {
                    guard r.beginObject() else { return nil }
                    var by: String?, at: Date?, note: String?
                    while let m = r.nextMember(reviewNames) {
                        switch m {
                        case "by": by = r.string(); if by == nil { return nil }
                        case "at": at = date(&r); if at == nil { return nil }
                        case "note": guard optionalString(&r, into: &note) else { return nil }
                        default: guard r.skipValue() else { return nil }
                        }
                    }
                    guard !r.failed, let by, let at, reviews.updateValue(Review(by: by, at: at, note: note), forKey: mid) == nil else { return nil }
                }
            case "discussion":
                if r.skipNull() { continue }
                guard let m = stringMap(&r) else { return nil }
                discussion = m
            case "events":
                if r.skipNull() { continue }
                guard let m = stringMap(&r) else { return nil }
                events = m
            case "conflicts":
                if r.skipNull() { continue }
                guard r.beginArray() else { return nil }
                while r.nextElement() {
                    guard let c = conflict(&r) else { return nil }
                    conflicts.append(c)
                }
            case "created": created = date(&r); if created == nil { return nil }
            case "createdBy": if !r.skipNull() { guard let s = r.string() else { return nil }; createdBy = s }
            case "updated": updated = date(&r); if updated == nil { return nil }
            case "updatedBy": if !r.skipNull() { guard let s = r.string() else { return nil }; updatedBy = s }
            default: guard r.skipValue() else { return nil }  // unknown keys are ignored, as JSONDecoder does
            }
        }
        guard !r.failed, let schemaVersion, let id, let title, let questionnaire, let created, let updated else { return nil }
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

    /// Null → nil; a string → the string; anything else fails. (An absent member leaves `out` nil.)
    static func optionalString(_ r: inout JSONReader, into out: inout String?) -> Bool {
        if r.skipNull() { out = nil; return true }
        guard let s = r.string() else { return false }
        out = s
        return true
    }

    static func date(_ r: inout JSONReader) -> Date? {
        r.timestamp()
    }

    /// An array of strings (not null elements).
    static func strings(_ r: inout JSONReader) -> [String]? {
        guard r.beginArray() else { return nil }
        var out: [String] = []
        while r.nextElement() {
            guard let s = r.string() else { return nil }
            out.append(s)
        }
        return r.failed ? nil : out
    }

    static func stringMap(_ r: inout JSONReader) -> [String: String]? {
        guard r.beginObject() else { return nil }
        var d: [String: String] = [:]
        while let k = r.nextKey() {
            guard let s = r.string(), d.updateValue(s, forKey: k) == nil else { return nil }
        }
        return r.failed ? nil : d
    }

    static func action(_ r: inout JSONReader) -> Action? {
        guard r.beginObject() else { return nil }
        var id: String?, title: String?, status: Action.State?, created: Date?, createdBy: String?, updated: Date?
        var question: String?, measure: String?, owner: String?, due: String?, note: String?, priority: Double?
        while let m = r.nextMember(actionNames) {
            switch m {
            case "id": id = r.string(); if id == nil { return nil }
            case "title": title = r.string(); if title == nil { return nil }
            case "status":
                guard let st = r.string(), let x = Action.State(rawValue: st) else { return nil }
                status = x
            case "created": created = date(&r); if created == nil { return nil }
            case "createdBy": createdBy = r.string(); if createdBy == nil { return nil }
            case "updated": updated = date(&r); if updated == nil { return nil }
            case "question": guard optionalString(&r, into: &question) else { return nil }
            case "measure": guard optionalString(&r, into: &measure) else { return nil }
            case "owner": guard optionalString(&r, into: &owner) else { return nil }
            case "due": guard optionalString(&r, into: &due) else { return nil }
            case "note": guard optionalString(&r, into: &note) else { return nil }
            case "priority":
                if r.skipNull() { priority = nil; continue }
                priority = r.number(); if priority == nil { return nil }
            default: guard r.skipValue() else { return nil }
            }
        }
        guard !r.failed, let id, let title, let status, let created, let createdBy, let updated else { return nil }
        var x = Action(id: id, title: title, status: status, by: createdBy, at: created)
        x.updated = updated
        x.question = question; x.measure = measure; x.owner = owner; x.due = due; x.note = note; x.priority = priority
        return x
    }

    static func conflict(_ r: inout JSONReader) -> Conflict? {
        guard r.beginObject() else { return nil }
        var kind: Conflict.Kind?, key: String?, sides: [Conflict.Side]?
        while let m = r.nextMember(conflictNames) {
            switch m {
            case "kind":
                guard let k = r.string(), let x = Conflict.Kind(rawValue: k) else { return nil }
                kind = x
            case "key": key = r.string(); if key == nil { return nil }
            case "sides":
                guard r.beginArray() else { return nil }
                var list: [Conflict.Side] = []
                while r.nextElement() {
                    guard let side = conflictSide(&r) else { return nil }
                    list.append(side)
                }
                sides = list
            default: guard r.skipValue() else { return nil }
            }
        }
        guard !r.failed, let kind, let key, let sides else { return nil }
        // As decoded, not reordered: the reader must give what JSONDecoder gives.
        var c = Conflict(kind: kind, key: key, sides: [])
        c.sides = sides
        return c
    }

    static func conflictSide(_ r: inout JSONReader) -> Conflict.Side? {
        guard r.beginObject() else { return nil }
        var by: String?, at: Date?, answer: Answer?, text: String?
        while let m = r.nextMember(sideNames) {
            switch m {
            case "by": by = r.string(); if by == nil { return nil }
            case "at": at = date(&r); if at == nil { return nil }
            case "answer":
                if r.skipNull() { answer = nil; continue }
                answer = Self.answer(&r); if answer == nil { return nil }
            case "text": guard optionalString(&r, into: &text) else { return nil }
            default: guard r.skipValue() else { return nil }
            }
        }
        guard !r.failed, let by, let at else { return nil }
        return Conflict.Side(answer: answer, text: text, by: by, at: at)
    }

    static func change(_ r: inout JSONReader) -> Session.Change? {
        guard r.beginObject() else { return nil }
        var at: Date?, by: String?, question: String?, old: Answer?, new: Answer?
        while let k = r.nextMember(changeNames) {
            switch k {
            case "at": at = date(&r); if at == nil { return nil }
            case "by": by = r.string(); if by == nil { return nil }
            case "question": question = r.string(); if question == nil { return nil }
            case "old":
                if r.skipNull() { old = nil; continue }
                old = answer(&r); if old == nil { return nil }
            case "new":
                if r.skipNull() { new = nil; continue }
                new = answer(&r); if new == nil { return nil }
            default: guard r.skipValue() else { return nil }
            }
        }
        guard !r.failed, let at, let by, let question else { return nil }
        return Session.Change(at: at, by: by, question: question, old: old, new: new)
    }

    static func answer(_ r: inout JSONReader) -> Answer? {
        guard r.beginObject() else { return nil }
        var value: AnswerValue?, notApplicable = false, justification: String?, note: String?, evidence: [String] = [], by = "", at: Date?
        while let k = r.nextMember(answerNames) {
            switch k {
            case "value":
                switch r.next {
                case .null?: _ = r.skipNull(); value = nil
                case .string?: guard let s = r.string() else { return nil }; value = .text(s)
                case .number?: guard let d = r.number() else { return nil }; value = .number(d)
                case .array?: guard let c = strings(&r) else { return nil }; value = .choices(c)
                default: return nil
                }
            case "notApplicable":
                if r.skipNull() { notApplicable = false; continue }
                guard let b = r.bool() else { return nil }
                notApplicable = b
            case "justification": guard optionalString(&r, into: &justification) else { return nil }
            case "note": guard optionalString(&r, into: &note) else { return nil }
            case "evidence":
                if r.skipNull() { continue }
                guard let e = strings(&r) else { return nil }
                evidence = e
            case "by": if !r.skipNull() { guard let s = r.string() else { return nil }; by = s }
            case "at": at = date(&r); if at == nil { return nil }
            default: guard r.skipValue() else { return nil }
            }
        }
        guard !r.failed, let at else { return nil }
        return Answer(value: value, notApplicable: notApplicable, justification: justification, note: note, evidence: evidence, by: by, at: at)
    }
}
