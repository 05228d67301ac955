// gpai-bench: store and engine figures for Benchmarks/run.sh (not part of `swift test`).
//
//   gpai-bench gen-questionnaire N OUT.json          a valid questionnaire with N questions
//   gpai-bench gen-store DIR N [--questionnaire P] [--target-answers K]
//                                                     N session files written directly (no CLI),
//                                                     the first one is `bench-target` with K answers
//   gpai-bench save [--answers N] [--iterations I] [--dir D]
//                                                     SessionStore.save (fsync) and SessionStore.update
//   gpai-bench score --questions N [--iterations I]  Evaluation of a fully answered generated questionnaire
//   gpai-bench list DIR [--iterations I]             SessionIndex.entries in-process, cold then warm
//   gpai-bench startup STORE SESSION                  what `resume` does before drawing, step by step;
//                                                     the final Code loaded cold and from the cache
//   gpai-bench frame [--iterations I]                 view() of the shipped Code with the measure panel
//                                                     (Copyright 1.3) at 80×24, 100×30 and 200×60
//   gpai-bench answer [--iterations I]                one answer on the shipped Code through the walk core:
//                                                     the full screen's key, Walk.reduce, and "now applies"
//
// Every timing command prints one JSON object on stdout.

#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import AssessmentStore
import Foundation
import TUI
import Walk

// MARK: - Helpers

func nowNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

struct Stats {
    var samples: [Double]
    init(_ s: [Double]) { samples = s.sorted() }
    func pct(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let i = Swift.min(samples.count - 1, Swift.max(0, Int((p / 100 * Double(samples.count)).rounded(.up)) - 1))
        return samples[i]
    }
    var median: Double { pct(50) }
    var p99: Double { pct(99) }
    var maximum: Double { samples.last ?? .nan }
    var minimum: Double { samples.first ?? .nan }
}

func fail(_ m: String) -> Never {
    FileHandle.standardError.write(Data(("gpai-bench: " + String(m.prefix(2000)) + "\n").utf8))
    exit(2)
}

func emit(_ pairs: [(String, Any)]) {
    var parts: [String] = []
    for (k, v) in pairs {
        let val: String
        switch v {
        case let d as Double: val = d.isFinite ? String(format: "%.4f", d) : "null"
        case let i as Int: val = String(i)
        case let s as String: val = "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default: val = "\"\(v)\""
        }
        parts.append("\"\(k)\": \(val)")
    }
    print("{" + parts.joined(separator: ", ") + "}")
}

struct Args {
    var positional: [String] = []
    var options: [String: String] = [:]
    init(_ a: ArraySlice<String>) {
        var it = a.makeIterator()
        while let x = it.next() {
            if x.hasPrefix("--") { options[String(x.dropFirst(2))] = it.next() ?? "" } else { positional.append(x) }
        }
    }
    func int(_ k: String, _ d: Int) -> Int { options[k].flatMap(Int.init) ?? d }
}

/// The package's Questionnaires/ folder, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func loadQuestionnaire(_ path: String) -> Questionnaire {
    do { return try QuestionnaireLoader.load(path: path) } catch { fail("\(path): \(error)") }
}

// MARK: - Generated questionnaire

/// A questionnaire shaped like the final Code: a scope node (systemic risk switch), then
/// chapters → commitments → measures → 5 questions each, mixing graded, multi, scale and text
/// questions, with a condition on every fourth measure and a critical question per measure.
func generatedQuestionnaire(questions n: Int) -> String {
    var out = ""
    out.reserveCapacity(n * 700)
    func q(_ s: String) -> String {
        var r = "\""
        for ch in s { if ch == "\"" { r += "\\\"" } else { r.append(ch) } }
        return r + "\""
    }
    let graded = #"[{"value": "yes", "label": "Yes, fully in place and documented", "score": 1}, {"value": "partly", "label": "Partly in place or undocumented", "score": 0.5}, {"value": "no", "label": "Not in place", "score": 0}]"#
    let scale = #"[{"value": "l0", "label": "Level 0: nothing", "score": 0}, {"value": "l1", "label": "Level 1: ad hoc", "score": 0.25}, {"value": "l2", "label": "Level 2: defined", "score": 0.5}, {"value": "l3", "label": "Level 3: managed", "score": 0.75}, {"value": "l4", "label": "Level 4: optimised", "score": 1}]"#
    let multi = #"[{"value": "a", "label": "Written policy", "score": 0.4}, {"value": "b", "label": "Named owner", "score": 0.3}, {"value": "c", "label": "Yearly review", "score": 0.3}, {"value": "none", "label": "None of these", "exclusive": true, "score": 0}]"#
    out += #"{"formatVersion": 1, "id": "bench-\#(n)", "title": "Generated benchmark questionnaire (\#(n) questions)", "version": "1", "#
    out += #""source": {"document": "generated"}, "thresholds": {"met": 0.85, "partial": 0.5, "critical": 0.5}, "#
    out += #""derived": [{"id": "scope.twice", "label": "Twice the size", "expression": "2 * scope.size"}], "nodes": ["#
    out += #"{"id": "scope", "kind": "scope", "title": "Scope", "questions": ["#
    out += #"{"id": "scope.sr", "type": "choice", "text": "Is the model a general-purpose AI model with systemic risk?", "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]}, "#
    out += #"{"id": "scope.size", "type": "number", "text": "Parameters (billions)", "required": false, "min": 0}]}"#
    let perMeasure = 5
    let measures = max(1, (n - 2 + perMeasure - 1) / perMeasure)
    let measuresPerCommitment = 5, commitmentsPerChapter = 10
    var made = 2
    var m = 0
    var chapter = 0
    while m < measures {
        chapter += 1
        out += #", {"id": "ch\#(chapter)", "kind": "chapter", "title": "Chapter \#(chapter)", "children": ["#
        var firstC = true
        var c = 0
        while c < commitmentsPerChapter && m < measures {
            c += 1
            out += (firstC ? "" : ", ") + #"{"id": "ch\#(chapter).c\#(c)", "kind": "commitment", "number": "\#(c)", "title": "Commitment \#(chapter).\#(c)", "children": ["#
            firstC = false
            var firstM = true
            var k = 0
            while k < measuresPerCommitment && m < measures {
                k += 1; m += 1
                let mid = "ch\(chapter).c\(c).m\(k)"
                let cond = m % 4 == 0 ? #", "condition": "scope.sr == 'yes'", "conditionReason": "Only for models with systemic risk""# : ""
                out += (firstM ? "" : ", ") + #"{"id": \#(q(mid)), "kind": "measure", "number": "\#(c).\#(k)", "title": "Measure \#(c).\#(k) of chapter \#(chapter)", "guidance": "What the measure asks for, in one or two sentences of plain language, as the Code words it."\#(cond), "questions": ["#
                firstM = false
                for j in 0..<perMeasure where made < n {
                    made += 1
                    let qid = "\(mid).q\(j + 1)"
                    let text = "Question \(j + 1) of measure \(c).\(k): is this practice in place, documented and reviewed at least once a year?"
                    var body = #"{"id": \#(q(qid)), "number": "\#(c).\#(k).\#(j + 1)", "text": \#(q(text)), "guidance": "Look for a written procedure with an owner and a dated review.", "remediation": "Write the procedure down, name an owner and review it yearly.""#
                    // The first question of a measure is graded (critical, and the fifth depends on it).
                    switch j == 0 ? 1 : (m + j) % 20 {
                    case 0, 7, 13: body += #", "type": "multi", "scoring": "sum", "options": \#(multi)"#
                    case 3, 11: body += #", "type": "scale", "options": \#(scale)"#
                    case 17: body += #", "type": "text", "required": false"#
                    default: body += #", "type": "graded", "allowNA": true, "options": \#(graded)"#
                    }
                    if j == 0 { body += #", "critical": true"# }
                    if j == 4 { body += #", "condition": "\#(mid).q1 != 'no'""# }
                    out += (j == 0 ? "" : ", ") + body + "}"
                }
                out += "]}"
            }
            out += "]}"
        }
        out += "]}"
    }
    out += "]}\n"
    return out
}

/// An answer to every answerable question, deterministic.
func answers(for q: Questionnaire, limit: Int = .max, user: String = "bench", at: Date) -> [String: Answer] {
    var out: [String: Answer] = [:]
    var i = 0
    for qu in q.allQuestions {
        if out.count >= limit { break }
        i += 1
        let v: AnswerValue?
        // Scoping of the final Code: a provider of a model with systemic risk, so that every part applies.
        let scope: [String: AnswerValue] = [
            "scope.role": .text("provider"), "scope.modality": .choices(["text"]), "scope.compute_known": .text("yes"),
            "scope.compute": .number(3e25), "scope.generality": .text("criterion"), "scope.established": .text("in_eu"),
            "scope.market_status": .text("after"), "scope.placement_date": .text("2026-01-15"), "scope.designated": .text("no"),
            "scope.open_source": .text("no"), "scope.sme": .text("neither"),
        ]
        if let fixed = scope[qu.id] {
            out[qu.id] = Answer(value: fixed, by: user, at: at.addingTimeInterval(Double(i)))
            continue
        }
        switch qu.type {
        case .graded, .scale, .choice:
            // Scoping: claim systemic risk so that every part applies.
            if qu.id == "scope.sr" { v = .text("yes"); break }
            v = .text(qu.options[(i * 7) % qu.options.count].value)
        case .multi:
            let opts = qu.options.filter { !$0.exclusive }.map(\.value)
            v = .choices(Array(opts.prefix(1 + i % max(1, opts.count))))
        case .text: v = .text("A written answer of a sentence or two, as users give them (\(i)).")
        case .number: v = .number(Double(i % 100) + (qu.min ?? 0))
        case .date: v = .text("2026-0\(1 + i % 9)-1\(i % 10)")
        }
        guard let v else { continue }
        let note = i % 3 == 0 ? "Checked with the owner on the date above; see the linked evidence." : nil
        out[qu.id] = Answer(value: v, note: note, evidence: i % 5 == 0 ? ["https://intranet.example/doc/\(i)"] : [], by: user, at: at.addingTimeInterval(Double(i)))
    }
    return out
}

/// A session with `count` answers, each recorded once in the history (as answering one by one does).
func session(id: String, title: String, q: Questionnaire, count: Int) -> Session {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    var s = Session(id: id, title: title, questionnaire: q, by: "bench", at: t0, organisation: "Example AI Ltd", model: "example-1")
    let a = answers(for: q, limit: count, at: t0)
    for qu in q.allQuestions { if let x = a[qu.id] { s.set(qu.id, to: x, by: "bench", at: x.at) } }
    return s
}

// MARK: - Commands

func genQuestionnaire(_ a: Args) {
    guard a.positional.count == 2, let n = Int(a.positional[0]) else { fail("usage: gen-questionnaire N OUT.json") }
    let text = generatedQuestionnaire(questions: n)
    FileManager.default.createFile(atPath: a.positional[1], contents: Data(text.utf8))
    let q = loadQuestionnaire(a.positional[1])
    emit([("questions", q.allQuestions.count), ("bytes", text.utf8.count)])
}

/// Writes the session files directly: one encode per distinct answer count, then byte substitution.
func genStore(_ a: Args) {
    guard a.positional.count == 2, let n = Int(a.positional[1]) else { fail("usage: gen-store DIR N") }
    let dir = a.positional[0]
    let qpath = a.options["questionnaire"] ?? packageRoot + "/Questionnaires/gpai-cop-2025.json"
    let q = loadQuestionnaire(qpath)
    let store = SessionStore(root: dir)
    try? FileManager.default.createDirectory(atPath: store.sessionsDirectory, withIntermediateDirectories: true)
    let total = q.allQuestions.count
    let targetAnswers = a.int("target-answers", 150)
    // 8 shapes of session (0…all answered); each file differs by id and title only.
    var templates: [Int: [UInt8]] = [:]
    let placeholder = "zzplaceholderzz"
    func template(_ k: Int) -> [UInt8] {
        if let t = templates[k] { return t }
        let s = session(id: placeholder, title: "Assessment \(placeholder)", q: q, count: k)
        let t = try! SessionCodec.encode(s)
        templates[k] = t
        return t
    }
    // The session the TUI benchmark opens: `targetAnswers` answers, positioned on an applicable graded
    // question answered with its first option, so that ↓ ↓ ↑ ↑ moves within its list.
    var target = session(id: "bench-target", title: "Benchmark target", q: q, count: targetAnswers)
    let ev = Evaluation(questionnaire: q, session: target)
    let all = q.allQuestions
    let pick = all.indices.first { j in
        let qu = all[j]
        guard j >= 20, qu.type == .graded, qu.options.count >= 3, ev.questions[qu.id]?.applicable == true,
              case let .text(v)? = target.answers[qu.id]?.value else { return false }
        return v == qu.options[0].value
    }.map { all[$0].id }
    target.position = Session.Position(question: pick)
    let start = nowNs()
    var bytes = 0
    for i in 0..<n {
        let id = i == 0 ? "bench-target" : String(format: "bench-%06d", i)
        let k = i == 0 ? targetAnswers : (total * (i % 8)) / 7
        let data: Data
        if i == 0 { data = Data(try! SessionCodec.encode(target)) } else {
            data = Data(String(decoding: template(k), as: UTF8.self).replacingOccurrences(of: placeholder, with: id).utf8)
        }
        bytes += data.count
        if !FileManager.default.createFile(atPath: "\(store.sessionsDirectory)/\(id).json", contents: data, attributes: [.posixPermissions: 0o600]) {
            fail("cannot write \(id)")
        }
    }
    emit([("sessions", n), ("bytes", bytes), ("seconds", ms(nowNs() - start) / 1000), ("position", pick ?? ""),
          ("targetAnswers", target.answers.count), ("questions", total)])
}

func save(_ a: Args) {
    let n = a.int("answers", 1000)
    let iterations = a.int("iterations", 200)
    let dir = a.options["dir"] ?? FileManager.default.temporaryDirectory.path + "/gpai-bench-save-\(getpid())"
    let q: Questionnaire
    do { q = try QuestionnaireLoader.load(bytes: Array(generatedQuestionnaire(questions: n + 10).utf8)) } catch { fail("\(error)") }
    let store = SessionStore(root: dir)
    var s = session(id: "bench-save", title: "Save benchmark", q: q, count: n)
    do { try store.save(s) } catch { fail("\(error)") }
    let ids = q.allQuestions.filter { $0.type == .graded }.map(\.id)
    let size = (try? FileIO.read(try store.path(for: s.id)).count) ?? 0
    // 1. save: encode + write temp + fsync + backup link + rename + fsync folder. Each save is followed
    // by the same durable write of a 4 KB file, so that the disk's own fsync latency is measured in the
    // same moments (other programs' I/O makes it vary far more than anything in the save).
    var saves: [Double] = []
    var encodes: [Double] = []
    var raw: [Double] = []
    for i in 0..<iterations {
        let qid = ids[i % ids.count]
        s.set(qid, to: Answer(value: .text(i % 2 == 0 ? "yes" : "no"), by: "bench", at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i))), by: "bench",
              at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i)))
        let e0 = nowNs()
        _ = try! SessionCodec.encode(s)
        encodes.append(ms(nowNs() - e0))
        let t0 = nowNs()
        do { try store.save(s) } catch { fail("\(error)") }
        saves.append(ms(nowNs() - t0))
        let f0 = nowNs()
        try! FileIO.atomicWrite([UInt8](repeating: 0x20, count: 4096), to: dir + "/sessions/.fsync-probe", backup: nil, durable: true)
        raw.append(ms(nowNs() - f0))
    }
    // 2. update: what the TUI and `answer` do per answer (lock, load, decode, change, encode, save).
    var updates: [Double] = []
    var loads: [Double] = []
    for i in 0..<iterations {
        let qid = ids[(i * 3) % ids.count]
        let l0 = nowNs()
        _ = try! store.load(s.id)
        loads.append(ms(nowNs() - l0))
        let t0 = nowNs()
        do {
            try store.update(s.id) { s in
                let at = Date(timeIntervalSince1970: 1_800_000_000 + Double(i))
                s.set(qid, to: Answer(value: .text(i % 2 == 0 ? "partly" : "yes"), by: "bench", at: at), by: "bench", at: at)
            }
        } catch { fail("\(error)") }
        updates.append(ms(nowNs() - t0))
    }
    try? FileManager.default.removeItem(atPath: dir)
    let sv = Stats(saves), up = Stats(updates), en = Stats(encodes), ld = Stats(loads), fs = Stats(raw)
    emit([("answers", n), ("history", s.history.count), ("fileBytes", size), ("iterations", iterations),
          ("saveMedianMs", sv.median), ("saveP99Ms", sv.p99), ("saveMaxMs", sv.maximum),
          ("encodeMedianMs", en.median), ("loadMedianMs", ld.median),
          ("updateMedianMs", up.median), ("updateP99Ms", up.p99), ("updateMaxMs", up.maximum),
          ("fsyncFloorMedianMs", fs.median), ("fsyncFloorP99Ms", fs.p99)])
}

func score(_ a: Args) {
    let n = a.int("questions", 10_000)
    let iterations = a.int("iterations", 20)
    let text = generatedQuestionnaire(questions: n)
    let l0 = nowNs()
    let q: Questionnaire
    do { q = try QuestionnaireLoader.load(bytes: Array(text.utf8)) } catch { fail("\(error)") }
    let loadMs = ms(nowNs() - l0)
    let ans = answers(for: q, at: Date(timeIntervalSince1970: 1_780_000_000))
    var times: [Double] = []
    var overall = 0.0
    for _ in 0..<iterations {
        let t0 = nowNs()
        let ev = Evaluation(questionnaire: q, answers: ans)
        times.append(ms(nowNs() - t0))
        overall = ev.overall.score ?? -1
    }
    let st = Stats(times)
    emit([("questions", q.allQuestions.count), ("answers", ans.count), ("iterations", iterations), ("loadMs", loadMs),
          ("scoreMedianMs", st.median), ("scoreMinMs", st.minimum), ("scoreMaxMs", st.maximum), ("overallScore", overall)])
}

func list(_ a: Args) {
    guard let dir = a.positional.first else { fail("usage: list DIR") }
    let iterations = a.int("iterations", 5)
    let store = SessionStore(root: dir)
    let catalog = QuestionnaireCatalog(folders: [packageRoot + "/Questionnaires"])
    let index = SessionIndex(store: store)
    let indexPath = store.sessionsDirectory + "/.index.json"
    var cold: [Double] = []
    var warm: [Double] = []
    var count = 0
    for _ in 0..<max(1, iterations / 2) {
        unlink(indexPath)
        let t0 = nowNs()
        count = index.entries(questionnaire: { try? catalog.questionnaire($0) }).count
        cold.append(ms(nowNs() - t0))
    }
    for _ in 0..<iterations {
        let t0 = nowNs()
        count = index.entries(questionnaire: { try? catalog.questionnaire($0) }).count
        warm.append(ms(nowNs() - t0))
    }
    emit([("sessions", count), ("coldMedianMs", Stats(cold).median), ("warmMedianMs", Stats(warm).median), ("warmMaxMs", Stats(warm).maximum)])
}

/// What `resume` does before the terminal is touched, step by step, in-process (median of `iterations`).
func startup(_ a: Args) {
    guard a.positional.count == 2 else { fail("usage: startup STORE SESSION") }
    let iterations = a.int("iterations", 20)
    let store = SessionStore(root: a.positional[0])
    let folder = packageRoot + "/Questionnaires"
    var catalogT: [Double] = [], perFile: [String: [Double]] = [:], resolveT: [Double] = [], loadT: [Double] = [], evalT: [Double] = []
    // Two parts of loading the final Code: the JSON syntax alone and the file's SHA-256 (its digest).
    var parseT: [Double] = [], digestT: [Double] = []
    let code = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: folder + "/gpai-cop-2025.json"))) ?? Data())
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
    for _ in 0..<iterations {
        var t0 = nowNs()
        let catalog = QuestionnaireCatalog(folders: [folder])
        catalogT.append(ms(nowNs() - t0))
        for f in files {
            t0 = nowNs()
            _ = QuestionnaireLoader.check(path: folder + "/" + f)
            perFile[f, default: []].append(ms(nowNs() - t0))
        }
        t0 = nowNs()
        _ = try? JSONParser.parse(code)
        parseT.append(ms(nowNs() - t0))
        t0 = nowNs()
        _ = SHA256.hex(code)
        digestT.append(ms(nowNs() - t0))
        t0 = nowNs()
        let id = (try? store.resolve(a.positional[1])) ?? a.positional[1]
        resolveT.append(ms(nowNs() - t0))
        t0 = nowNs()
        guard let s = try? store.load(id) else { fail("cannot load \(id)") }
        loadT.append(ms(nowNs() - t0))
        guard let q = catalog.questionnaires.first(where: { $0.id == s.questionnaire.id }) else { fail("questionnaire missing") }
        t0 = nowNs()
        _ = Evaluation(questionnaire: q, session: s)
        evalT.append(ms(nowNs() - t0))
    }
    // The final Code through the catalog as `resume` opens it: cold (no cache: parse, check, hash) and
    // warm (a hit in the decoded-questionnaire cache, here a private folder primed once), and the
    // codec alone on the bytes of the entry.
    var coldT: [Double] = [], warmT: [Double] = [], decodeT: [Double] = []
    let cacheDir = NSTemporaryDirectory() + "gpai-bench-cache-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: cacheDir) }
    let cache = QuestionnaireCache(folder: cacheDir)
    guard let fresh = try? QuestionnaireCatalog(folders: [folder]).questionnaire("gpai-cop-2025") else { fail("gpai-cop-2025 missing") }
    _ = try? QuestionnaireCatalog(folders: [folder], cache: cache).questionnaire("gpai-cop-2025")
    guard let key = cache.key(forSource: folder + "/gpai-cop-2025.json"), cache.load(key) != nil else {
        fail("the cache did not store gpai-cop-2025 (changed in the last 2 s, or \(cacheDir) unusable)")
    }
    let encoded = QuestionnaireBinary.encode(fresh)
    for _ in 0..<iterations {
        var t0 = nowNs()
        _ = try? QuestionnaireCatalog(folders: [folder]).questionnaire("gpai-cop-2025")
        coldT.append(ms(nowNs() - t0))
        t0 = nowNs()
        guard let q = try? QuestionnaireCatalog(folders: [folder], cache: cache).questionnaire("gpai-cop-2025") else { fail("warm load failed") }
        warmT.append(ms(nowNs() - t0))
        if q != fresh { fail("the cached questionnaire differs from the file's") }
        t0 = nowNs()
        _ = QuestionnaireBinary.decode(encoded)
        decodeT.append(ms(nowNs() - t0))
    }
    var pairs: [(String, Any)] = [("catalogMs", Stats(catalogT).median)]
    pairs += [("codeLoadColdMs", Stats(coldT).median), ("codeLoadWarmMs", Stats(warmT).median),
              ("codeDecodeMs", Stats(decodeT).median), ("codeEncodedBytes", encoded.count)]
    for f in files { pairs.append(("load:" + f, Stats(perFile[f]!).median)) }
    pairs += [("codeParseMs", Stats(parseT).median), ("codeDigestMs", Stats(digestT).median)]
    pairs += [("resolveMs", Stats(resolveT).median), ("sessionLoadMs", Stats(loadT).median), ("evaluationMs", Stats(evalT).median)]
    emit(pairs)
}

// MARK: - Main

let argv = CommandLine.arguments
guard argv.count >= 2 else { fail("usage: gpai-bench gen-questionnaire|gen-store|save|score|list …") }
let rest = Args(argv.dropFirst(2))

/// The shipped Code with scope answered for a provider, at Copyright 1.3's first question.
func copyright13Session(_ id: String) -> (Questionnaire, Session, Date) {
    let q: Questionnaire
    do { q = try QuestionnaireLoader.load(path: packageRoot + "/Questionnaires/gpai-cop-2025.json") } catch { fail("\(error)") }
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    var s = Session(id: id, title: "Bench", questionnaire: q, by: "bench", at: now)
    for (k, v) in [("scope.role", "provider"), ("scope.generality", "criterion")] { s.answers[k] = Answer(value: .text(v), by: "bench", at: now) }
    s.position = Session.Position(question: "cr.c1.m1_3.q1")
    return (q, s, now)
}

/// One frame of the assessment screen as the user first sees a measure: the measure panel (what the
/// Code asks, wrapped) above the first question of Copyright 1.3; also the key `m` on the next question.
func frame(_ a: Args) {
    let iterations = a.int("iterations", 200)
    let (q, s, now) = copyright13Session("bench-frame")
    var out: [(String, Any)] = [("iterations", iterations)]
    for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 200, height: 60)] {
        var state = AppState(size: size, config: UIConfig(timeZone: TimeZone(identifier: "UTC")!, user: "bench"),
                             screen: .assessment(AssessmentState(session: s, questionnaire: q)), hasHome: false, now: now)
        var times: [Double] = []
        for _ in 0..<iterations {
            let t0 = nowNs()
            _ = view(state)
            times.append(ms(nowNs() - t0))
        }
        var keyTimes: [Double] = []
        for _ in 0..<iterations {
            let t0 = nowNs()
            _ = update(&state, .key(.char("m")))
            _ = view(state)
            keyTimes.append(ms(nowNs() - t0))
        }
        let label = "\(size.width)x\(size.height)"
        out += [("panelFrameMedianMs_" + label, Stats(times).median), ("mKeyMedianMs_" + label, Stats(keyTimes).median)]
    }
    emit(out)
}

/// One answer on the shipped Code (Copyright 1.3, question 1, with scope answered), alternating two
/// values so that every step changes the answer: the full screen's key `1`/`2` (update, rescoring,
/// "now applies"), the walk's reduce alone, `ApplicabilityChange` alone, and, for comparison, the
/// count-only loop the full screen had before the walk core, and one Evaluation.
func answerBench(_ a: Args) {
    let iterations = a.int("iterations", 200)
    let (q, s, now) = copyright13Session("bench-answer")
    var state = AppState(size: Size(width: 100, height: 30), config: UIConfig(timeZone: TimeZone(identifier: "UTC")!, user: "bench"),
                         screen: .assessment(AssessmentState(session: s, questionnaire: q)), hasHome: false, now: now)
    var keyT: [Double] = []
    for i in 0..<iterations {
        state.now = now.addingTimeInterval(Double(i))
        let t0 = nowNs()
        _ = update(&state, .key(.char(i % 2 == 0 ? "1" : "2")))
        keyT.append(ms(nowNs() - t0))
    }
    var w = WalkState(session: s, questionnaire: q, readOnly: false, user: "bench", now: now)
    guard let opts = w.currentQuestion?.options, opts.count >= 2 else { fail("no graded question at cr.c1.m1_3.q1") }
    var reduceT: [Double] = []
    for i in 0..<iterations {
        w.now = now.addingTimeInterval(Double(i))
        let t0 = nowNs()
        _ = reduce(&w, .answer(.text(opts[i % 2].value)))
        reduceT.append(ms(nowNs() - t0))
        _ = reduce(&w, .move(to: "cr.c1.m1_3.q1"))
    }
    let before = Evaluation(questionnaire: q, session: s)
    var s2 = s
    s2.answers["scope.role"] = Answer(value: .text("integrator"), by: "bench", at: now)
    var evalT: [Double] = [], changeT: [Double] = [], countT: [Double] = []
    var after = before
    for _ in 0..<iterations {
        var t0 = nowNs()
        after = Evaluation(questionnaire: q, session: s2)
        evalT.append(ms(nowNs() - t0))
        t0 = nowNs()
        _ = ApplicabilityChange(from: before, to: after, in: q)
        changeT.append(ms(nowNs() - t0))
        t0 = nowNs()
        var shown = 0, hidden = 0
        for (id, r) in after.questions {
            let was = before.questions[id]?.applicable ?? false
            if r.applicable && !was { shown += 1 } else if was && !r.applicable { hidden += 1 }
        }
        countT.append(ms(nowNs() - t0))
        if shown + hidden < 0 { fail("unreachable") }
    }
    let c = ApplicabilityChange(from: before, to: after, in: q)
    emit([("iterations", iterations), ("tuiAnswerKeyMedianMs", Stats(keyT).median), ("walkReduceAnswerMedianMs", Stats(reduceT).median),
          ("applicabilityChangeMedianMs", Stats(changeT).median), ("countOnlyMedianMs", Stats(countT).median),
          ("evaluationMedianMs", Stats(evalT).median), ("partsChanged", c.parts.count), ("questionsChanged", c.shown + c.hidden)])
}

switch argv[1] {
case "answer": answerBench(rest)
case "gen-questionnaire": genQuestionnaire(rest)
case "gen-store": genStore(rest)
case "save": save(rest)
case "score": score(rest)
case "list": list(rest)
case "startup": startup(rest)
case "frame": frame(rest)
default: fail("unknown command '\(argv[1])'")
}
