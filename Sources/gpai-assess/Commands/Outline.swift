import ArgumentParser
import AssessmentCore
import Reports

struct Outline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outline", abstract: "Print a questionnaire's whole tree.",
        discussion: "Example: gpai-assess outline gpai-cop-2025 --format md > docs/gpai-cop-2025.md")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Questionnaire id (see 'gpai-assess questionnaires') or a path to a .json file.") var questionnaire: String
    @Flag(help: "Print JSON (same as --format json).") var json = false
    @Option(help: "text, md or json.") var format: Format = .text

    func run() throws {
        let ctx = try Context(global)
        let q = try ctx.questionnaire(argument: questionnaire)
        switch json ? .json : format {
        case .json: Output.stdout(QuestionnaireOutline.json(q).serialized())
        case .md: Output.stdout(QuestionnaireOutline.markdown(q))
        case .text: Output.stdout(QuestionnaireOutline.text(q))
        }
    }
}
