import AssessmentCore
import Walk
import FoundationEssentials

/// Things the view needs that do not change while the program runs.
public struct UIConfig: Sendable {
    public var widths: DisplayWidth
    public var glyphs: Glyphs
    /// Nil: the system's local time (see `LocalTime`).
    public var timeZone: TimeZone?
    /// Who is answering (recorded with every answer).
    public var user: String
    public init(widths: DisplayWidth = .fallback, glyphs: Glyphs = .unicode, timeZone: TimeZone? = nil, user: String = "") {
        self.widths = widths; self.glyphs = glyphs; self.timeZone = timeZone; self.user = user
    }
}

/// One line of the home screen.
public struct SessionSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var questionnaireID: String
    public var questionnaireTitle: String
    public var answered: Int
    public var applicable: Int
    public var score: Double?
    public var status: Status?
    public var updated: Date?
    public var updatedBy: String
    /// Set when the file could not be read or its questionnaire is missing.
    public var problem: String?

    public init(id: String, title: String, questionnaireID: String, questionnaireTitle: String, answered: Int, applicable: Int,
                score: Double?, status: Status?, updated: Date?, updatedBy: String, problem: String? = nil) {
        self.id = id; self.title = title; self.questionnaireID = questionnaireID; self.questionnaireTitle = questionnaireTitle
        self.answered = answered; self.applicable = applicable; self.score = score; self.status = status
        self.updated = updated; self.updatedBy = updatedBy; self.problem = problem
    }

    /// Summarises a session with the engine's evaluation.
    public init(session s: Session, questionnaire q: Questionnaire?) {
        if let q {
            let ev = Evaluation(questionnaire: q, session: s)
            self.init(id: s.id, title: s.title, questionnaireID: q.id, questionnaireTitle: q.title,
                      answered: ev.overall.answeredQuestions, applicable: ev.overall.applicableQuestions,
                      score: ev.overall.score, status: ev.overall.status, updated: s.updated, updatedBy: s.updatedBy)
        } else {
            self.init(id: s.id, title: s.title, questionnaireID: s.questionnaire.id, questionnaireTitle: s.questionnaire.id,
                      answered: s.answers.values.filter(\.isAnswered).count, applicable: 0, score: nil, status: nil,
                      updated: s.updated, updatedBy: s.updatedBy, problem: "questionnaire '\(s.questionnaire.id)' not found")
        }
    }
}

/// A message on the status line.
public struct Message: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, error }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

public enum Pane: Sendable, Equatable { case tree, question }

/// What the inline editor is editing.
public enum EditTarget: Sendable, Equatable {
    case value       // text, number or date answer
    case note
    case evidence    // one reference per line
    case justification  // N/A justification
    case discussion     // facilitator's discussion note of the current measure
}

public struct Editing: Sendable, Equatable {
    public var target: EditTarget
    public var editor: TextEditor
    /// Why the last save was refused (checked on confirm, not while typing).
    public var error: String?
    /// The text when editing began: Esc closes at once when nothing changed, and asks first otherwise.
    public var original: String = ""
    /// Esc was pressed with changes: the next key decides (y discards).
    public var askDiscard = false
}

/// The assessment screen: one session of one questionnaire.
public struct AssessmentState: Sendable {
    /// The session, its scoring, the question and read-only, as the walk core holds them for both
    /// front ends; answers go through `Walk.reduce` (`recordAnswer`).
    public var walk: WalkState
    public var session: Session {
        get { walk.session }
        _modify { yield &walk.session }
    }
    public var questionnaire: Questionnaire { walk.questionnaire }
    public var index: QuestionnaireIndex { walk.index }
    public var evaluation: Evaluation {
        get { walk.evaluation }
        set { walk.evaluation = newValue }
    }
    public var question: String {
        get { walk.question }
        set { walk.question = newValue }
    }
    public var focus: Pane = .question
    /// Selected option (choice lists) in the question pane.
    public var optionCursor: Int = 0
    public var treeCursor: String
    public var collapsed: Set<String> = []
    public var showGuidance = false
    /// The question on which `m` flipped the measure panel from its default (shown on a measure's first question).
    public var measurePanelToggled: String?
    /// The measure `r` was pressed on once: a second `r` records the review.
    public var reviewPending: String?
    /// nil: automatic (shown when wide enough).
    public var showTree: Bool? = nil
    public var editing: Editing?
    /// Answer changes made in this sitting, newest last (`u` undoes the last).
    public var undo: [UndoStep] = []
    public var treeScroll = 0
    public var paneScroll = 0
    /// Set by PgUp/PgDn: the question pane stays where the user scrolled it, even off the selected option.
    public var paneScrolledByUser = false
    public var dashboard: DashboardState?
    /// The action plan screen (P), over the question pane like the dashboard.
    public var actionsScreen: ActionsState?
    /// Opened while someone else holds it: moving around only.
    public var readOnly: Bool {
        get { walk.readOnly }
        set { walk.readOnly = newValue }
    }
    /// Why it is read-only when not simply open elsewhere (taken over by another terminal).
    public var readOnlyWhy: String?
    public var readOnlyMessage: String { "read-only: " + (readOnlyWhy ?? "this assessment is open elsewhere") }
    /// Set while the store refuses to save (the changes are kept and retried).
    public var unsavedError: String?
    /// Facilitator mode: guidance shown, discussion notes, a timer per measure, position published for `watch`.
    public var facilitating = false
    /// When facilitator mode was switched on (published with the position).
    public var facilitatingSince: Date?
    /// Time spent on each measure's timer before its current run (measure id → seconds).
    public var timers: [String: TimeInterval] = [:]
    /// The running timer, if any: which measure and since when (this run).
    public var runningTimer: RunningTimer?
    /// The room view for a projected screen (`V`).
    public var presenting = false
    /// `watch`: a read-only view that follows the session file as others edit it.
    public var watching = false
    /// While watching: the view moves with the facilitator (or the editor's last position).
    public var following = true
    /// Ids of every node, in tree order, for look-ups.
    let nodeOrder: [String]
    let parent: [String: String]

    public init(session: Session, questionnaire: Questionnaire) {
        self.walk = WalkState(session: session, questionnaire: questionnaire, readOnly: false, user: "", now: session.updated)
        var order: [String] = []
        var parent: [String: String] = [:]
        var branches: [String] = []
        questionnaire.forEachNode { n, p in
            order.append(n.id)
            if let p { parent[n.id] = p }
            if !n.children.isEmpty { branches.append(n.id) }
        }
        self.nodeOrder = order
        self.parent = parent
        let idx = walk.index
        // Reopening: where the walk starts, as in plain mode (the stored question, or the next applicable
        // one after it). Without a stored position this screen starts at the first applicable question
        // (plain mode at the first unanswered one).
        let w = walk
        if !w.resumed, let first = idx.questionOrder.first(where: { w.isApplicable($0) }) { walk.question = first }
        let start = walk.question
        treeCursor = idx.questionPath[start]?.first ?? order.first ?? ""
        // Start compact: chapters and the way down to the current question.
        let path = Set(idx.questionPath[start] ?? [])
        collapsed = Set(branches.lazy.filter { !path.contains($0) })
        optionCursor = defaultOptionCursor()
        showGuidance = session.position?.guidance ?? false
        paneScrolledByUser = measurePanelShown
    }

    public var currentQuestion: Question? { index.questions[question] }
    public var currentAnswer: Answer? { session.answers[question] }

    func defaultOptionCursor() -> Int {
        guard let q = index.questions[question] else { return 0 }
        if case let .text(v)? = session.answers[question]?.value, let i = q.options.firstIndex(where: { $0.value == v }) { return i }
        return 0
    }
}

public struct RunningTimer: Sendable, Equatable {
    public var measure: String
    public var since: Date
    public init(measure: String, since: Date) { self.measure = measure; self.since = since }
}

public struct DashboardState: Sendable, Equatable {
    public var cursor = 0
    public var scroll = 0
    public init() {}
}

/// The home screen: saved sessions and the "new assessment" flow.
public struct HomeState: Sendable, Equatable {
    public var cursor = 0
    public var scroll = 0
    public init(cursor: Int = 0) { self.cursor = cursor }
}

public enum Screen: Sendable {
    case home(HomeState)
    case assessment(AssessmentState)
}

/// A modal layer over the screen.
public enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case search(SearchState)
    case goto(TextEditor, error: String?)
    case confirmDelete(sessionID: String, title: String)
    case rename(sessionID: String, TextEditor)
    case pickQuestionnaire(cursor: Int)
    case newTitle(questionnaireID: String, TextEditor)
    case locked(sessionID: String, title: String, holder: String, stale: Bool)
    case report(ReportDialog)
    case conflict(AnswerConflict)
    case info(InfoPanel)
    case left(LeftList)
    case details(DetailsDialog)
    case events(EventsDialog)
}

/// The formats a report can be written in, in the order the dialog offers them (keys 1-4).
public let reportFormats: [ReportFormat] = ReportFormat.allCases

extension ReportFormat {
    /// How the report dialog describes the format.
    var dialogLabel: String {
        switch self {
        case .md: return "Markdown"
        case .html: return "HTML — one self-contained, printable file"
        case .json: return "JSON — the complete result, for machines"
        case .csv: return "CSV — one row per question"
        }
    }
}

/// The report dialog: first the format, then the path.
public struct ReportDialog: Sendable, Equatable {
    public enum Step: Sendable, Equatable { case format, path }
    public var sessionID: String
    public var step: Step = .format
    /// Index into `reportFormats`.
    public var format: Int = 0
    public var path: TextEditor = TextEditor()
    /// Why the last attempt failed (e.g. the file exists), shown in the dialog.
    public var error: String?
    public init(sessionID: String, step: Step = .format, format: Int = 0, path: TextEditor = TextEditor(), error: String? = nil) {
        self.sessionID = sessionID; self.step = step; self.format = format; self.path = path; self.error = error
    }

    /// The format at the cursor.
    public var formatID: ReportFormat { reportFormats[format] }

    /// `./<session-id>-report-<YYYY-MM-DD>.<ext>`, the date being today's where the user is.
    public static func defaultPath(sessionID: String, format: ReportFormat, now: Date, timeZone: TimeZone?) -> String {
        let day = LocalTime(now, in: timeZone).dayText
        return "./\(sessionID)-report-\(day).\(format.fileExtension)"
    }
}

public struct SearchState: Sendable, Equatable {
    public var query: TextEditor = TextEditor()
    public var cursor = 0
    public var results: [SearchResult] = []
    public init(query: TextEditor = TextEditor(), cursor: Int = 0, results: [SearchResult] = []) {
        self.query = query; self.cursor = cursor; self.results = results
    }
}

public struct SearchResult: Sendable, Equatable {
    public var questionID: String?
    public var nodeID: String?
    public var label: String
    public var detail: String
    /// The words searched for, highlighted where they occur (lower case).
    public var words: [String] = []
    public init(questionID: String?, nodeID: String?, label: String, detail: String, words: [String] = []) {
        self.questionID = questionID; self.nodeID = nodeID; self.label = label; self.detail = detail; self.words = words
    }
}

/// The whole program state. Everything on screen is a function of this value and the size.
public struct AppState: Sendable {
    public var size: Size
    public var config: UIConfig
    public var screen: Screen
    public var overlay: Overlay?
    public var message: Message?
    public var sessions: [SessionSummary]
    public var questionnaires: [Questionnaire]
    /// Whether leaving the assessment (Esc) goes back to the home screen.
    public var hasHome: Bool
    /// The current time, set by the runtime before each event (recorded with answers).
    public var now: Date
    /// Set once quitting was requested.
    public var quitting = false
    /// `t` on "open elsewhere" with a live holder: the next key confirms (y) or cancels.
    public var askTakeOver: String?
    /// The dialog the help was opened over (F1 in it): its keys are listed, and closing the help goes back to it.
    public var underHelp: Overlay?
    /// A draft kept when the last sitting ended before it was confirmed, offered on opening.
    public var offeredDraft: SessionDraft?
    /// A new assessment was asked for: ask for its organisation and model once it is open.
    public var askDetailsOnOpen = false
    /// Changes not yet written, and when they will be (`step` in `WritePolicy.swift`).
    public var writes = PendingWrites()
    /// The session lock this terminal holds, and when it was last checked (`LockWatch.swift`).
    public var lock = LockWatch()

    public init(size: Size, config: UIConfig = UIConfig(), screen: Screen, sessions: [SessionSummary] = [],
                questionnaires: [Questionnaire] = [], hasHome: Bool, now: Date = Date()) {
        self.size = size; self.config = config; self.screen = screen; self.sessions = sessions
        self.questionnaires = questionnaires; self.hasHome = hasHome; self.now = now
    }

    public var assessment: AssessmentState? {
        if case let .assessment(a) = screen { return a }
        return nil
    }

    /// Changes the open assessment in place: `body` gets it and the rest of the state, and it is put
    /// back afterwards unless `body` left the assessment screen. Nil (body not run) when none is open.
    /// Calls that read `state.screen` (`jump`, `quit`) belong after it, not inside.
    @discardableResult
    mutating func withAssessment<R>(_ body: (inout AssessmentState, inout AppState) -> R) -> R? {
        guard case var .assessment(a) = screen else { return nil }
        let r = body(&a, &self)
        if case .assessment = screen { screen = .assessment(a) }
        return r
    }
}

/// Smallest terminal the program draws in.
public let minimumSize = Size(width: 50, height: 14)

extension AppState {
    public var isTooSmall: Bool { size.width < minimumSize.width || size.height < minimumSize.height }
}
