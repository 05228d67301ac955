import FoundationEssentials

/// Reads a questionnaire file: JSON syntax, shape, then meaning. Returns every
/// problem found rather than stopping at the first.
public enum QuestionnaireLoader {
    public static let maxFileSize = 20 * 1024 * 1024
    /// The longest chain of conditions and derived values reading each other that a questionnaire may have.
    public static let maxChainDepth = 100

    /// Questionnaire ids: like expression identifiers (letters, digits, '_', '-', '.'), at most 128 bytes.
    /// A session's questionnaire id is only ever looked up as an id, never as a path.
    public static func isValidID(_ s: String) -> Bool { idPattern(s, dashIsUnderscore: true) }

    public static func load(path: String) throws(QuestionnaireError) -> Questionnaire {
        let (q, diags) = check(path: path)
        if let q, !diags.contains(where: { $0.severity == .error }) { return q }
        throw QuestionnaireError(diags)
    }

    public static func check(path: String) -> (Questionnaire?, [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxFileSize {
            return (nil, [Diagnostic(.error, .missing, "file is larger than \(maxFileSize / 1024 / 1024) MB", path: "$", file: path)])
        }
        guard let data = try? Data(contentsOf: url) else {
            return (nil, [Diagnostic(.error, .missing, "cannot read file", path: "$", file: path)])
        }
        return check(bytes: [UInt8](data), file: path)
    }

    public static func check(bytes: [UInt8], file: String? = nil) -> (Questionnaire?, [Diagnostic]) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return (nil, [Diagnostic(.error, .syntax, "invalid JSON: \(error.message)", path: "$", at: error.location, file: file)])
        }
        var d = Decoder(file: file)
        let q = d.questionnaire(root)
        if var q {
            q.digest = SHA256.hex(bytes)
            q.path = file
            d.validate(q)
            return (q, d.diagnostics)
        }
        return (nil, d.diagnostics)
    }

    public static func load(bytes: [UInt8], file: String? = nil) throws(QuestionnaireError) -> Questionnaire {
        let (q, diags) = check(bytes: bytes, file: file)
        if let q, !diags.contains(where: { $0.severity == .error }) { return q }
        throw QuestionnaireError(diags)
    }

    /// Letters, digits, '_' and '.', starting with a letter or '_', no '..' and no '.' at the end, at most
    /// 128 bytes. One pass over the bytes: every allowed character is ASCII, so anything else fails.
    /// (`list` asks this of every index entry.)
    static func idPattern(_ s: String, dashIsUnderscore: Bool = false) -> Bool {
        let bytes = s.utf8
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        var first = true, lastWasDot = false
        for raw in bytes {
            let b = dashIsUnderscore && raw == UInt8(ascii: "-") ? UInt8(ascii: "_") : raw
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "_")
            let dot = b == UInt8(ascii: ".")
            if first {
                guard letter else { return false }
                first = false
            } else {
                guard letter || dot || (b >= 0x30 && b <= 0x39) else { return false }
                if dot && lastWasDot { return false }
            }
            lastWasDot = dot
        }
        return !lastWasDot
    }

    struct Place { var path: String; var location: SourceLocation }

    struct Decoder {
        /// The fields each kind of object may have, built once (a set literal per object was rebuilt for every question).
        static let nodeFields: Set<String> = ["id", "kind", "number", "title", "shortTitle", "abbreviation", "guidance", "requirements", "references", "condition", "conditionReason", "children", "questions"]
        static let questionFields: Set<String> = ["id", "type", "number", "text", "guidance", "references", "options", "scoring", "weight", "required", "allowNA", "critical", "criticalThreshold", "remediation", "condition", "conditionReason", "unit", "min", "max", "evidenceHint", "passAt", "requireAll", "noteIsContent", "holdsVerdict", "guidanceVariants"]
        static let optionFields: Set<String> = ["value", "label", "score", "description", "exclusive", "required", "example", "holdsVerdict"]
        var file: String?
        var diagnostics: [Diagnostic] = []
        var places: [String: Place] = [:]
        var conditionPlaces: [String: (source: String, place: Place)] = [:]
        var order: [String: Int] = [:]
        /// Where each answer mapping of `migrations` is, in order.
        var migrationPlaces: [Place] = []
        /// Question id and place of each guidance variant's `when`, in order.
        var variantPlaces: [(question: String, place: Place)] = []

        init(file: String?) { self.file = file }

        mutating func report(_ code: Diagnostic.Code, _ message: String, _ path: String, _ at: SourceLocation?, _ severity: Diagnostic.Severity = .error) {
            diagnostics.append(Diagnostic(severity, code, message, path: path, at: at, file: file))
        }

        mutating func checkFields(_ node: JSONNode, _ path: String, allowed: Set<String>) {
            guard let m = node.members else { return }
            for (k, v) in m where !allowed.contains(k) && !k.hasPrefix("x-") && k != "$schema" && k != "$comment" {
                report(.unknownField, "unknown field '\(k)'", path + "." + k, v.location, .warning)
            }
        }

        mutating func string(_ node: JSONNode, _ key: String, _ path: String, required: Bool, nonEmpty: Bool = true) -> String? {
            guard let v = node[key] else {
                if required { report(.missing, "missing '\(key)'", path, node.location) }
                return nil
            }
            if case .null = v.value, !required { return nil }
            guard let s = v.string else {
                report(.type, "'\(key)' must be a string, not \(v.value.typeName)", path + "." + key, v.location)
                return nil
            }
            if nonEmpty && !hasNonWhitespace(s) {
                report(.empty, "'\(key)' is empty", path + "." + key, v.location)
            }
            return s
        }

        mutating func number(_ node: JSONNode, _ key: String, _ path: String) -> Double? {
            guard let v = node[key] else { return nil }
            if case .null = v.value { return nil }
            guard let n = v.number else {
                report(.type, "'\(key)' must be a number, not \(v.value.typeName)", path + "." + key, v.location)
                return nil
            }
            return n
        }

        mutating func bool(_ node: JSONNode, _ key: String, _ path: String, default def: Bool) -> Bool {
            guard let v = node[key] else { return def }
            guard let b = v.bool else {
                report(.type, "'\(key)' must be true or false, not \(v.value.typeName)", path + "." + key, v.location)
                return def
            }
            return b
        }

        mutating func strings(_ node: JSONNode, _ key: String, _ path: String) -> [String] {
            guard let v = node[key] else { return [] }
            guard let a = v.array else {
                if let s = v.string { return [s] }
                report(.type, "'\(key)' must be an array of strings", path + "." + key, v.location)
                return []
            }
            var out: [String] = []
            for (i, e) in a.enumerated() {
                if let s = e.string { out.append(s) } else { report(.type, "'\(key)' items must be strings", path + ".\(key)[\(i)]", e.location) }
            }
            return out
        }

        mutating func id(_ node: JSONNode, _ path: String) -> String? {
            guard let s = string(node, "id", path, required: true) else { return nil }
            if !QuestionnaireLoader.idPattern(s) {
                report(.invalidID, "invalid id '\(s)': use letters, digits, '_' and '.', starting with a letter", path + ".id", node["id"]?.location)
            }
            if let prev = places[s] {
                report(.duplicateID, "duplicate id '\(s)' (first used at \(prev.path), line \(prev.location.line))", path + ".id", node["id"]?.location)
            } else {
                places[s] = Place(path: path, location: node["id"]?.location ?? node.location)
                order[s] = order.count
            }
            return s
        }

        mutating func condition(_ node: JSONNode, _ ownerID: String?, _ path: String, key: String = "condition") -> (Expression?, String?) {
            guard let v = node[key] else { return (nil, nil) }
            if case .null = v.value { return (nil, nil) }
            guard let src = v.string else {
                report(.type, "'\(key)' must be a string expression", path + "." + key, v.location)
                return (nil, nil)
            }
            do {
                let e = try ExpressionParser.parse(src)
                if let ownerID { conditionPlaces[ownerID] = (src, Place(path: path + "." + key, location: v.location)) }
                return (e, src)
            } catch {
                let loc = SourceLocation(line: v.location.line, column: v.location.column + error.column)
                report(.expression, "in '\(src)': \(error.message) (column \(error.column))", path + "." + key, loc)
                return (nil, src)
            }
        }

        mutating func questionnaire(_ root: JSONNode) -> Questionnaire? {
            guard root.members != nil else {
                report(.type, "a questionnaire must be a JSON object, not \(root.value.typeName)", "$", root.location)
                return nil
            }
            checkFields(root, "$", allowed: ["formatVersion", "id", "title", "version", "language", "source", "description", "thresholds", "derived", "nodes", "migrations"])
            if let fv = number(root, "formatVersion", "$"), fv > Double(Questionnaire.formatVersion) {
                report(.unsupported, "formatVersion \(formatNumber(fv)) is newer than this program supports (\(Questionnaire.formatVersion)); update gpai-assess", "$.formatVersion", root["formatVersion"]?.location)
            }
            let qid = string(root, "id", "$", required: true) ?? ""
            if !qid.isEmpty && !QuestionnaireLoader.isValidID(qid) {
                report(.invalidID, "invalid questionnaire id '\(qid)'", "$.id", root["id"]?.location)
            }
            let title = string(root, "title", "$", required: true) ?? ""
            let version = string(root, "version", "$", required: true) ?? ""
            let language = string(root, "language", "$", required: false) ?? "en"
            var source = Questionnaire.Source()
            if let s = root["source"] {
                if s.members != nil {
                    checkFields(s, "$.source", allowed: ["document", "date", "url"])
                    source.document = string(s, "document", "$.source", required: true) ?? ""
                    source.date = string(s, "date", "$.source", required: false)
                    source.url = string(s, "url", "$.source", required: false)
                } else {
                    report(.type, "'source' must be an object with 'document' (and optionally 'date' and 'url')", "$.source", s.location)
                }
            }
            let description = string(root, "description", "$", required: false, nonEmpty: false)
            var thresholds = Questionnaire.Thresholds()
            if let t = root["thresholds"], t.members == nil {
                report(.type, "'thresholds' must be an object with 'met', 'partial' and 'critical'", "$.thresholds", t.location)
            } else if let t = root["thresholds"] {
                checkFields(t, "$.thresholds", allowed: ["met", "partial", "critical"])
                thresholds.met = number(t, "met", "$.thresholds") ?? thresholds.met
                thresholds.partial = number(t, "partial", "$.thresholds") ?? thresholds.partial
                thresholds.critical = number(t, "critical", "$.thresholds") ?? thresholds.critical
                if !(0...1).contains(thresholds.met) || !(0...1).contains(thresholds.partial) || !(0...1).contains(thresholds.critical) {
                    report(.range, "thresholds must lie between 0 and 1", "$.thresholds", t.location)
                } else if thresholds.partial > thresholds.met {
                    report(.range, "thresholds.partial (\(formatNumber(thresholds.partial))) is above thresholds.met (\(formatNumber(thresholds.met)))", "$.thresholds", t.location)
                }
            }
            var derived: [Questionnaire.DerivedValue] = []
            if let ds = root["derived"] {
                if let arr = ds.array {
                    for (i, dn) in arr.enumerated() {
                        let p = "$.derived[\(i)]"
                        guard dn.members != nil else { report(.type, "a derived value must be an object", p, dn.location); continue }
                        checkFields(dn, p, allowed: ["id", "label", "unit", "expression", "description"])
                        let did = id(dn, p) ?? ""
                        let label = string(dn, "label", p, required: false) ?? did
                        let unit = string(dn, "unit", p, required: false)
                        _ = string(dn, "description", p, required: false, nonEmpty: false)
                        let (e, src) = condition(dn, did, p, key: "expression")
                        if dn["expression"] == nil || dn["expression"]?.value == .null { report(.missing, "missing 'expression'", p, dn.location) }
                        if let e { derived.append(.init(id: did, label: label, unit: unit, expression: e, expressionSource: src ?? "")) }
                    }
                } else {
                    report(.type, "'derived' must be an array", "$.derived", ds.location)
                }
            }
            var nodes: [Node] = []
            if let ns = root["nodes"] {
                if let arr = ns.array {
                    for (i, n) in arr.enumerated() { if let node = self.node(n, "$.nodes[\(i)]", depth: 0) { nodes.append(node) } }
                    if arr.isEmpty { report(.empty, "'nodes' is empty: a questionnaire needs at least one question", "$.nodes", ns.location) }
                } else {
                    report(.type, "'nodes' must be an array", "$.nodes", ns.location)
                }
            } else {
                report(.missing, "missing 'nodes'", "$", root.location)
            }
            var q = Questionnaire(id: qid, title: title, version: version, language: language, source: source,
                                  description: description, thresholds: thresholds, derived: derived, nodes: nodes)
            if let ms = root["migrations"] { q.migrations = migrations(ms) }
            return q
        }

        mutating func migrations(_ ms: JSONNode) -> [Migration] {
            guard let arr = ms.array else { report(.type, "'migrations' must be an array", "$.migrations", ms.location); return [] }
            var out: [Migration] = []
            for (i, m) in arr.enumerated() {
                let p = "$.migrations[\(i)]"
                guard m.members != nil else { report(.type, "a migration must be an object", p, m.location); continue }
                checkFields(m, p, allowed: ["from", "reason", "answers"])
                let fromText = string(m, "from", p, required: true) ?? ""
                guard let from = Migration.VersionMatch(fromText) else {
                    if !fromText.isEmpty { report(.type, "'from' must be a version ('1.0.0'), '<1.1.0' or '<=1.1.0', not '\(fromText)'", p + ".from", m["from"]?.location) }
                    continue
                }
                let reason = string(m, "reason", p, required: false)
                var maps: [Migration.AnswerMapping] = []
                guard let list = m["answers"]?.array else {
                    report(.missing, "missing 'answers' (an array of {question, to, how})", p, m.location); continue
                }
                for (k, a) in list.enumerated() {
                    let ap = p + ".answers[\(k)]"
                    guard a.members != nil else { report(.type, "an answer mapping must be an object", ap, a.location); continue }
                    checkFields(a, ap, allowed: ["question", "to", "how", "values"])
                    let question = string(a, "question", ap, required: true) ?? ""
                    let to = strings(a, "to", ap)
                    if a["to"] == nil { report(.missing, "missing 'to'", ap, a.location) }
                    let howText = string(a, "how", ap, required: true) ?? ""
                    let how = Migration.How(rawValue: howText)
                    if how == nil, !howText.isEmpty {
                        report(.type, "unknown 'how' '\(howText)'; allowed: \(Migration.How.allCases.map(\.rawValue).joined(separator: ", "))", ap + ".how", a["how"]?.location)
                    }
                    let values = a["values"] == nil ? nil : strings(a, "values", ap)
                    if values != nil, how != .copy { report(.type, "'values' only applies to 'copy'", ap + ".values", a["values"]?.location, .warning) }
                    if let how {
                        maps.append(.init(question: question, to: to, how: how, values: values))
                        migrationPlaces.append(Place(path: ap, location: a.location))
                    }
                }
                out.append(Migration(from: from, reason: reason, answers: maps))
            }
            return out
        }

        mutating func node(_ j: JSONNode, _ path: String, depth: Int) -> Node? {
            guard j.members != nil else { report(.type, "a node must be an object, not \(j.value.typeName)", path, j.location); return nil }
            if depth > 32 { report(.range, "nodes nested deeper than 32 levels", path, j.location); return nil }
            checkFields(j, path, allowed: Decoder.nodeFields)
            let nid = id(j, path) ?? ""
            let kindName = string(j, "kind", path, required: true) ?? ""
            let kind = NodeKind(rawValue: kindName)
            if kind == nil && !kindName.isEmpty {
                report(.type, "unknown node kind '\(kindName)'; allowed: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))", path + ".kind", j["kind"]?.location)
            }
            let number = string(j, "number", path, required: false)
            let title = string(j, "title", path, required: true) ?? ""
            let guidance = string(j, "guidance", path, required: false, nonEmpty: false)
            let shortTitle = string(j, "shortTitle", path, required: false)
            let abbreviation = string(j, "abbreviation", path, required: false)
            let requirements = strings(j, "requirements", path)
            for (i, r) in requirements.enumerated() where !hasNonWhitespace(r) {
                report(.empty, "requirement \(i + 1) is empty", path + ".requirements[\(i)]", j["requirements"]?.location ?? j.location)
            }
            let refs = strings(j, "references", path)
            let (cond, src) = condition(j, nid, path)
            let reason = string(j, "conditionReason", path, required: false)
            // A node's own questions come before its children, as users walk them.
            var questions: [Question] = []
            if let qs = j["questions"] {
                if let arr = qs.array {
                    for (i, q) in arr.enumerated() { if let qq = question(q, path + ".questions[\(i)]") { questions.append(qq) } }
                } else { report(.type, "'questions' must be an array", path + ".questions", qs.location) }
            }
            var children: [Node] = []
            if let cs = j["children"] {
                if let arr = cs.array {
                    for (i, c) in arr.enumerated() { if let n = node(c, path + ".children[\(i)]", depth: depth + 1) { children.append(n) } }
                } else { report(.type, "'children' must be an array", path + ".children", cs.location) }
            }
            return Node(id: nid, kind: kind ?? .group, number: number, title: title, shortTitle: shortTitle, abbreviation: abbreviation,
                        guidance: guidance, requirements: requirements, references: refs, condition: cond, conditionSource: src,
                        conditionReason: reason, children: children, questions: questions)
        }

        mutating func question(_ j: JSONNode, _ path: String) -> Question? {
            guard j.members != nil else { report(.type, "a question must be an object, not \(j.value.typeName)", path, j.location); return nil }
            checkFields(j, path, allowed: Decoder.questionFields)
            let qid = id(j, path) ?? ""
            let typeName = string(j, "type", path, required: true) ?? ""
            let type = QuestionType(rawValue: typeName)
            if type == nil && !typeName.isEmpty {
                report(.type, "unknown question type '\(typeName)'; allowed: \(QuestionType.allCases.map(\.rawValue).joined(separator: ", "))", path + ".type", j["type"]?.location)
            }
            let text = string(j, "text", path, required: true) ?? ""
            var q = Question(id: qid, type: type ?? .text, number: string(j, "number", path, required: false), text: text)
            q.guidance = string(j, "guidance", path, required: false, nonEmpty: false)
            q.references = strings(j, "references", path)
            q.weight = number(j, "weight", path) ?? 1
            if q.weight < 0 || q.weight > 1000 { report(.range, "weight \(formatNumber(q.weight)) must be between 0 and 1000", path + ".weight", j["weight"]?.location) }
            q.required = bool(j, "required", path, default: true)
            q.allowNA = bool(j, "allowNA", path, default: false)
            q.critical = bool(j, "critical", path, default: false)
            q.criticalThreshold = number(j, "criticalThreshold", path)
            if let ct = q.criticalThreshold, !(0...1).contains(ct) { report(.range, "criticalThreshold must lie between 0 and 1", path + ".criticalThreshold", j["criticalThreshold"]?.location) }
            q.passAt = number(j, "passAt", path)
            if let p = q.passAt, !(0...1).contains(p) { report(.range, "passAt must lie between 0 and 1", path + ".passAt", j["passAt"]?.location) }
            if q.passAt != nil, q.criticalThreshold != nil {
                report(.type, "'criticalThreshold' overrides 'passAt' for the critical check; set only one", path + ".criticalThreshold", j["criticalThreshold"]?.location, .warning)
            }
            q.requireAll = bool(j, "requireAll", path, default: false)
            q.noteIsContent = bool(j, "noteIsContent", path, default: false)
            q.holdsVerdict = bool(j, "holdsVerdict", path, default: false)
            if let vs = j["guidanceVariants"] {
                if let arr = vs.array {
                    for (i, v) in arr.enumerated() {
                        let vp = path + ".guidanceVariants[\(i)]"
                        guard v.members != nil else { report(.type, "a guidance variant must be an object with 'when' and 'guidance'", vp, v.location); continue }
                        checkFields(v, vp, allowed: ["when", "guidance"])
                        let text = string(v, "guidance", vp, required: true) ?? ""
                        let (e, src) = condition(v, nil, vp, key: "when")
                        if v["when"] == nil { report(.missing, "missing 'when'", vp, v.location) }
                        if let e, let src {
                            q.guidanceVariants.append(GuidanceVariant(when: e, whenSource: src, guidance: text))
                            variantPlaces.append((qid, Place(path: vp + ".when", location: v["when"]?.location ?? v.location)))
                        }
                    }
                } else { report(.type, "'guidanceVariants' must be an array", path + ".guidanceVariants", vs.location) }
            }
            q.remediation = string(j, "remediation", path, required: false)
            q.evidenceHint = string(j, "evidenceHint", path, required: false)
            let (cond, src) = condition(j, qid, path)
            q.condition = cond
            q.conditionSource = src
            q.conditionReason = string(j, "conditionReason", path, required: false)
            q.unit = string(j, "unit", path, required: false)
            q.min = number(j, "min", path)
            q.max = number(j, "max", path)
            if let lo = q.min, let hi = q.max, lo > hi { report(.range, "min \(formatNumber(lo)) is above max \(formatNumber(hi))", path, j.location) }
            if let s = string(j, "scoring", path, required: false) {
                if let m = MultiScoring(rawValue: s) { q.scoring = m } else {
                    report(.type, "unknown scoring '\(s)'; allowed: \(MultiScoring.allCases.map(\.rawValue).joined(separator: ", "))", path + ".scoring", j["scoring"]?.location)
                }
            }
            if let os = j["options"] {
                if let arr = os.array {
                    var seen: Set<String> = []
                    for (i, o) in arr.enumerated() {
                        let op = path + ".options[\(i)]"
                        guard o.members != nil else { report(.type, "an option must be an object", op, o.location); continue }
                        checkFields(o, op, allowed: Decoder.optionFields)
                        let value = string(o, "value", op, required: true) ?? ""
                        let label = string(o, "label", op, required: true) ?? value
                        let score = number(o, "score", op)
                        if let sc = score, !(0...1).contains(sc) { report(.range, "option score \(formatNumber(sc)) must lie between 0 and 1", op + ".score", o["score"]?.location) }
                        if value.lowercased() == "na" { report(.invalidID, "option value '\(value)' is reserved for not applicable; use allowNA", op + ".value", o["value"]?.location) }
                        if type == .multi && value.contains(",") { report(.invalidID, "option value '\(value)' of a multi question cannot contain ','", op + ".value", o["value"]?.location) }
                        if !seen.insert(value).inserted { report(.duplicateID, "duplicate option value '\(value)'", op + ".value", o["value"]?.location) }
                        let ex = bool(o, "example", op, default: false)
                        if ex, score != nil { report(.type, "example option '\(value)' must not carry a score: examples are not requirements", op + ".score", o["score"]?.location) }
                        var option = AnswerOption(value: value, label: label, score: score, description: string(o, "description", op, required: false),
                                                  exclusive: bool(o, "exclusive", op, default: false), required: bool(o, "required", op, default: false),
                                                  example: ex)
                        option.holdsVerdict = bool(o, "holdsVerdict", op, default: false)
                        q.options.append(option)
                    }
                } else { report(.type, "'options' must be an array", path + ".options", os.location) }
            }
            if let type {
                let loc = j["options"]?.location ?? j.location
                switch type {
                case .graded, .scale, .choice, .multi:
                    if q.options.count < (type == .multi ? 1 : 2) {
                        report(.missing, "a \(type.rawValue) question needs at least \(type == .multi ? 1 : 2) options", path + ".options", loc)
                    }
                    if type == .graded || type == .scale {
                        for (i, o) in q.options.enumerated() where o.score == nil {
                            report(.unscoredOption, "option '\(o.value)' of scored question '\(qid)' has no score", path + ".options[\(i)]", loc)
                        }
                    }
                    if type == .multi {
                        let scored = q.options.filter { $0.score != nil }.count
                        if scored > 0 && scored < q.options.count {
                            for (i, o) in q.options.enumerated() where o.score == nil && !o.exclusive && !o.example {
                                report(.unscoredOption, "option '\(o.value)' has no score while others do", path + ".options[\(i)]", loc)
                            }
                        }
                    }
                    if type != .multi, q.options.contains(where: { $0.required || $0.example }) {
                        report(.type, "'required' and 'example' options only apply to multi questions", path + ".options", loc)
                    }
                    if !q.holdsVerdict, q.options.contains(where: \.holdsVerdict) {
                        report(.type, "options marked 'holdsVerdict' have no effect unless the question 'holdsVerdict'", path + ".options", loc, .warning)
                    }
                    if type != .multi, q.requireAll {
                        report(.type, "'requireAll' only applies to multi questions", path + ".requireAll", j["requireAll"]?.location)
                    }
                    if type == .multi, !q.requireAll, q.options.contains(where: \.required) {
                        report(.type, "options marked 'required' have no effect without 'requireAll'", path + ".requireAll", loc, .warning)
                    }
                    if type == .multi, q.options.contains(where: { $0.required && ($0.exclusive || $0.example) }) {
                        report(.type, "an exclusive or example option cannot be required", path + ".options", loc)
                    }
                    if type == .multi, q.requireAll, q.mandatoryOptions.isEmpty {
                        report(.missing, "'requireAll' but no option is mandatory", path + ".requireAll", j["requireAll"]?.location)
                    }
                    if type == .choice, q.options.contains(where: { $0.score != nil }) {
                        report(.type, "a choice question is unscored; use 'graded' for options with scores", path + ".type", j["type"]?.location, .warning)
                    }
                    if type != .multi, q.options.contains(where: \.exclusive) {
                        report(.type, "'exclusive' only applies to multi questions", path + ".options", loc, .warning)
                    }
                    if q.isScored {
                        let best = maxScore(q)
                        if best < 1 - 1e-9 {
                            report(.unreachableMaximum, "question '\(qid)' can score at most \(formatNumber(best)), never 1", path + ".options", loc)
                        }
                    }
                case .text, .number, .date:
                    if !q.options.isEmpty { report(.type, "a \(type.rawValue) question takes no options", path + ".options", loc) }
                    if q.requireAll { report(.type, "'requireAll' only applies to multi questions", path + ".requireAll", j["requireAll"]?.location) }
                    if q.passAt != nil { report(.type, "'passAt' has no effect on an unscored \(type.rawValue) question", path + ".passAt", j["passAt"]?.location, .warning) }
                    if q.critical { report(.type, "'critical' has no effect on an unscored \(type.rawValue) question", path + ".critical", j["critical"]?.location, .warning) }
                }
            }
            return q
        }

        func maxScore(_ q: Question) -> Double {
            let scores = q.options.compactMap(\.score)
            switch q.type {
            case .multi:
                switch q.scoring {
                case .sum: return max(min(1, q.options.filter { !$0.exclusive }.compactMap(\.score).reduce(0, +)),
                                      q.options.filter(\.exclusive).compactMap(\.score).max() ?? 0)
                case .max: return scores.max() ?? 0
                case .fraction: return scores.contains { $0 > 0 } ? 1 : 0
                }
            case .graded, .choice, .scale, .text, .number, .date: return scores.max() ?? 0
            }
        }

        /// Meaning: references, values compared against options, cycles.
        mutating func validate(_ q: Questionnaire) {
            let index = q.index
            let derivedIDs = Set(q.derived.map(\.id))
            var deps: [String: [String]] = [:]  // who reads whom
            func check(_ e: Expression, owner: String) {
                guard let cp = conditionPlaces[owner] else { return }
                for (name, col) in e.identifiers {
                    let loc = SourceLocation(line: cp.place.location.line, column: cp.place.location.column + col)
                    if index.questions[name] == nil && !derivedIDs.contains(name) {
                        let near = nearest(name, among: Array(index.questions.keys) + Array(derivedIDs))
                        report(.unknownReference, "'\(cp.source)' refers to unknown question or value '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? ""), cp.place.path, loc)
                    } else {
                        deps[owner, default: []].append(name)
                        if index.questions[name] != nil, let o = order[owner], let r = order[name], r > o, index.questions[owner] != nil {
                            report(.unknownReference, "'\(cp.source)' refers to '\(name)', which comes later in the questionnaire", cp.place.path, loc, .warning)
                        }
                    }
                }
                checkOptionLiterals(e, owner: owner, cp: cp, index: index)
            }
            for d in q.derived { check(d.expression, owner: d.id) }
            q.walk { n, ancestors in
                if let c = n.condition { check(c, owner: n.id) }
                for qu in n.questions {
                    if let c = qu.condition { check(c, owner: qu.id) }
                    // A question's visibility also depends on its enclosing nodes' conditions.
                    for a in [n] + ancestors where a.condition != nil { deps[qu.id, default: []].append(a.id) }
                }
                for a in ancestors where a.condition != nil { deps[n.id, default: []].append(a.id) }
            }
            // Cycle search over "owner reads name"; reading a question also reads its visibility. Iterative
            // (an explicit stack), and measuring how long the longest chain is: evaluation follows such
            // chains, so a very deep one is refused here rather than overflowing the stack when scored.
            var state: [String: Int] = [:]
            var depth: [String: Int] = [:]
            var stack: [String] = []
            var reported = Set<String>()
            var deepest: (id: String, depth: Int)? = nil
            for root in deps.keys.sorted() where state[root] == nil {
                var work: [(id: String, next: Int)] = [(root, 0)]
                state[root] = 1
                stack.append(root)
                while var top = work.popLast() {
                    let ws = deps[top.id] ?? []
                    if top.next < ws.count {
                        let w = ws[top.next]
                        top.next += 1
                        work.append(top)
                        switch state[w] {
                        case 1:
                            if let k = stack.firstIndex(of: w) {
                                let cycle = Array(stack[k...]) + [w]
                                let key = Set(cycle).sorted().joined(separator: ",")
                                if reported.insert(key).inserted, let place = places[w] {
                                    report(.cycle, "condition cycle: " + cycle.joined(separator: " → "), conditionPlaces[w]?.place.path ?? place.path, conditionPlaces[w]?.place.location ?? place.location)
                                }
                            }
                        case 2: break
                        default:
                            state[w] = 1
                            stack.append(w)
                            work.append((w, 0))
                        }
                    } else {
                        let d = 1 + (ws.map { depth[$0] ?? 0 }.max() ?? 0)
                        depth[top.id] = d
                        if depth[top.id]! > (deepest?.depth ?? 0) { deepest = (top.id, depth[top.id]!) }
                        state[top.id] = 2
                        stack.removeLast()
                    }
                }
            }
            if let deep = deepest, deep.depth > QuestionnaireLoader.maxChainDepth {
                let place = conditionPlaces[deep.id]?.place ?? places[deep.id]
                report(.expression, "'\(deep.id)' depends on a chain of \(deep.depth) conditions and derived values; at most \(QuestionnaireLoader.maxChainDepth) are allowed",
                       place?.path ?? "$", place?.location)
            }
            validateMigrations(q)
            // Guidance variants read answers like conditions do, but only for display: names must exist.
            var k = 0
            for qu in index.questionList.map(\.question) {
                for v in qu.guidanceVariants {
                    defer { k += 1 }
                    guard k < variantPlaces.count else { break }
                    let place = variantPlaces[k].place
                    for (name, col) in v.when.identifiers where index.questions[name] == nil && !derivedIDs.contains(name) {
                        let near = nearest(name, among: Array(index.questions.keys) + Array(derivedIDs))
                        report(.unknownReference, "'\(v.whenSource)' refers to unknown question or value '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? ""),
                               place.path, SourceLocation(line: place.location.line, column: place.location.column + col))
                    }
                }
            }
            // A questionnaire must have something to answer.
            if index.questions.isEmpty, !q.nodes.isEmpty {
                report(.empty, "the questionnaire has no questions", "$.nodes", nil)
            }
            q.walk { n, _ in
                if n.children.isEmpty && n.questions.isEmpty, let p = places[n.id] {
                    report(.empty, "node '\(n.id)' has neither children nor questions", p.path, p.location, .warning)
                }
            }
        }

        /// Targets exist, values are options of them, and no answer is both moved away and moved in
        /// (a cycle would make the result depend on the order of the mappings).
        mutating func validateMigrations(_ q: Questionnaire) {
            let index = q.index
            var k = 0
            for m in q.migrations {
                var sources: [String: Int] = [:]
                var movedIn: [String: String] = [:]
                let placesHere = Array(migrationPlaces[min(k, migrationPlaces.count)..<min(k + m.answers.count, migrationPlaces.count)])
                k += m.answers.count
                guard placesHere.count == m.answers.count else { return }
                for (i, a) in m.answers.enumerated() {
                    let place = placesHere[i]
                    if !QuestionnaireLoader.idPattern(a.question) {
                        report(.invalidID, "invalid question id '\(a.question)'", place.path + ".question", place.location)
                    }
                    if let j = sources[a.question] {
                        report(.duplicateID, "'\(a.question)' is mapped twice in one migration (also answers[\(j)])", place.path + ".question", place.location)
                    }
                    sources[a.question] = i
                    if a.to.isEmpty { report(.empty, "'to' is empty: name the questions that take the place of '\(a.question)'", place.path + ".to", place.location) }
                    for t in a.to {
                        guard let tq = index.questions[t] else {
                            let near = nearest(t, among: Array(index.questions.keys))
                            report(.unknownReference, "migration of '\(a.question)' names unknown question '\(t)'" + (near.map { "; did you mean '\($0)'?" } ?? ""), place.path + ".to", place.location)
                            continue
                        }
                        if t != a.question {
                            if let other = movedIn[t] {
                                report(.duplicateID, "'\(t)' receives answers from both '\(other)' and '\(a.question)'", place.path + ".to", place.location)
                            }
                            movedIn[t] = a.question
                        }
                        for v in a.values ?? [] where !tq.options.isEmpty && tq.option(v) == nil {
                            report(.unknownReference, "value '\(v)' is not an option of '\(t)' (\(tq.options.map(\.value).joined(separator: ", ")))", place.path + ".values", place.location)
                        }
                    }
                }
                // A question that receives another's answer must not itself be moved elsewhere.
                for (i, a) in m.answers.enumerated() {
                    if let from = movedIn[a.question], a.to.contains(where: { $0 != a.question }) {
                        report(.cycle, "migration cycle: '\(from)' moves into '\(a.question)', which moves on to \(a.to.filter { $0 != a.question }.joined(separator: ", "))",
                               placesHere[i].path + ".to", placesHere[i].location)
                    }
                }
            }
        }

        mutating func checkOptionLiterals(_ e: Expression, owner: String, cp: (source: String, place: Place), index: QuestionnaireIndex) {
            func values(_ x: Expression) -> [String]? {
                switch x {
                case let .literal(.string(s)): return [s]
                case let .list(items):
                    var out: [String] = []
                    for i in items { if case let .literal(.string(s)) = i { out.append(s) } else { return nil } }
                    return out
                default: return nil
                }
            }
            switch e {
            case let .binary(op, l, r):
                if [.eq, .ne, .in, .notIn].contains(op) {
                    for (a, b) in [(l, r), (r, l)] {
                        if case let .identifier(name, col) = a, let qu = index.questions[name], !qu.options.isEmpty, let vs = values(b) {
                            for v in vs where qu.option(v) == nil {
                                let loc = SourceLocation(line: cp.place.location.line, column: cp.place.location.column + col)
                                report(.unknownReference, "'\(cp.source)' compares '\(name)' with '\(v)', which is not one of its options (\(qu.options.map(\.value).joined(separator: ", ")))", cp.place.path, loc)
                            }
                        }
                    }
                }
                checkOptionLiterals(l, owner: owner, cp: cp, index: index)
                checkOptionLiterals(r, owner: owner, cp: cp, index: index)
            case let .unary(_, x): checkOptionLiterals(x, owner: owner, cp: cp, index: index)
            case let .call(_, args, _): for a in args { checkOptionLiterals(a, owner: owner, cp: cp, index: index) }
            default: break
            }
        }
    }
}

/// The closest candidate by edit distance, if close enough to be a likely typo.
func nearest(_ word: String, among candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
    let w = Array(word)
    guard w.count < 200 else { return nil }
    var best: (String, Int)? = nil
    for c in candidates where c.count < 200 {
        let d = distance(w, Array(c))
        if let b = best, d > b.1 || (d == b.1 && c >= b.0) { continue }
        best = (c, d)
    }
    if let (c, d) = best, d <= Swift.max(1, w.count / 3) { return c }
    return nil
}
