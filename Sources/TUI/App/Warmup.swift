import AssessmentCore
import FoundationEssentials

/// Opens and draws a small built-in assessment and throws the result away, so that the first real
/// frame finds the Swift runtime's type metadata and conformances for opening, scoring and drawing
/// already built, and their code already mapped in: about half of opening and drawing the first
/// session, done while this thread would otherwise wait (`resume` runs it while the questionnaire is
/// still being decoded on another thread). Two steps, opening then drawing; `stillWaiting` is asked
/// before the second. Pure: it reads and writes nothing but its own values.
public enum Warmup {
    public static func frame(like state: AppState, while stillWaiting: () -> Bool) {
        var s = AppState(size: state.size, config: state.config, screen: .home(HomeState()), hasHome: false, now: state.now)
        let (q, session) = sample()
        _ = step(&s, .opened(session, q, readOnly: false))
        guard stillWaiting() else { return }
        _ = view(s)
    }

    /// One of each node kind the tree shows and of the common question types, some answered, one
    /// condition, and a position, as a resumed session has.
    static func sample() -> (Questionnaire, Session) {
        let graded = [AnswerOption(value: "yes", label: "Yes", score: 1), AnswerOption(value: "partly", label: "Partly", score: 0.5),
                      AnswerOption(value: "no", label: "No", score: 0)]
        var measure = Node(id: "w.c.m", kind: .measure, number: "1.1", title: "Measure", guidance: "What the measure asks.",
                           references: ["Art. 53(1)(a)"],
                           questions: [
                               Question(id: "w.c.m.q1", type: .graded, number: "1", text: "Is it done?", guidance: "Guidance.", options: graded),
                               Question(id: "w.c.m.q2", type: .multi, text: "Which apply?",
                                        options: [AnswerOption(value: "a", label: "A", score: 0.5, required: true),
                                                  AnswerOption(value: "b", label: "B", score: 0.5),
                                                  AnswerOption(value: "none", label: "None", exclusive: true)],
                                        requireAll: true),
                               Question(id: "w.c.m.q3", type: .text, text: "Where is it recorded?", required: false),
                           ])
        measure.requirements = ["One obligation.", "Another obligation."]
        let scope = Node(id: "w.scope", kind: .scope, title: "Scope",
                         questions: [Question(id: "w.scope.role", type: .choice, text: "Your role?",
                                              options: [AnswerOption(value: "provider", label: "Provider"),
                                                        AnswerOption(value: "other", label: "Other")])])
        let commitment = Node(id: "w.c", kind: .commitment, number: "1", title: "Commitment", condition: "w.scope.role == 'provider'",
                              children: [measure])
        let chapter = Node(id: "w", kind: .chapter, title: "Chapter", children: [commitment])
        let q = Questionnaire(id: "warmup", title: "Warm-up", version: "1", nodes: [scope, chapter])
        let at = Date(timeIntervalSince1970: 1_767_225_600)
        var s = Session(id: "warmup", title: "Warm-up", questionnaire: q, by: "warmup", at: at)
        s.answers["w.scope.role"] = Answer(value: .text("provider"), by: "warmup", at: at)
        s.answers["w.c.m.q2"] = Answer(value: .choices(["a"]), note: "A note.", by: "warmup", at: at)
        s.position = Session.Position(question: "w.c.m.q1", node: "w.c.m")
        return (q, s)
    }
}
