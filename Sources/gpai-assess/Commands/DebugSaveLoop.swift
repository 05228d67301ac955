import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials

#if DEBUG
/// Commands compiled into debug builds only (`swift test` builds debug); a release binary has none.
let testOnlyCommands: [any ParsableCommand.Type] = [DebugSaveLoop.self]

/// Test instrument for the crash-safety test: saves answers in a loop and acknowledges
/// each one on stdout only after the save returned, so a test can SIGKILL it at any
/// moment and check that every acknowledged answer is on disk. Hidden from help.
struct DebugSaveLoop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "debug-save-loop", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Argument var session: String
    @Option var count: Int = 1000
    @Option var start: Int = 0

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session, quiet: true)
        let texts = q.allQuestions.filter { $0.type == .text }.map(\.id)
        guard !texts.isEmpty else { throw CLIError("the questionnaire has no text question to write") }
        for i in start..<(start + count) {
            let qid = texts[i % texts.count]
            try ctx.update(s.id, questionnaire: q) { s in
                s.set(qid, to: Answer(value: .text("value \(i)"), note: String(repeating: "n", count: i % 300), by: ctx.user), by: ctx.user)
            }
            // Unbuffered: written only once the save has returned.
            StandardStream.output.write("ack \(i) \(qid)\n")
        }
    }
}
#else
let testOnlyCommands: [any ParsableCommand.Type] = []
#endif
