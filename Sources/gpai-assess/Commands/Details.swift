import ArgumentParser
import AssessmentCore
import FoundationEssentials

/// Shows or changes what an assessment is about: the organisation (the provider) and the model's name and version,
/// which the report and the Model Documentation Form print.
struct Details: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "details",
        abstract: "Show or set an assessment's organisation and model (name and version).",
        discussion: """
        With no option, prints the details. An empty value clears a field.

        Examples:
          gpai-assess details acme
          gpai-assess details acme --organisation "Acme AI GmbH" --model Acme-7B --model-version 2.1
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "The organisation assessed (the provider).") var organisation: String?
    @Option(help: "The model's name.") var model: String?
    @Option(help: ArgumentHelp("The model's version.", valueName: "version")) var modelVersion: String?

    func run() throws {
        let ctx = try Context(global)
        // "" clears; anything else must be a valid detail (checked before the session is touched).
        func value(_ v: String?, _ option: String) throws -> String?? {
            guard let v else { return .none }
            return v.isEmpty ? .some(nil) : .some(try checkedLine(v, option))
        }
        let o = try value(organisation, "--organisation"), m = try value(model, "--model"), v = try value(modelVersion, "--model-version")
        let (s, q) = try ctx.open(session, quiet: true)
        guard o != nil || m != nil || v != nil else {
            Output.stdout("""
            Title: \(SafeText.inert(s.title, keepNewlines: false))
            Organisation: \(s.organisation.map { SafeText.inert($0, keepNewlines: false) } ?? "–")
            Model: \(s.model.map { SafeText.inert($0, keepNewlines: false) } ?? "–")
            Model version: \(s.modelVersion.map { SafeText.inert($0, keepNewlines: false) } ?? "–")
            """)
            return
        }
        _ = try ctx.update(s.id, questionnaire: q) { x in
            x.setDetails(organisation: o ?? x.organisation, model: m ?? x.model, modelVersion: v ?? x.modelVersion,
                         by: ctx.user, at: Timestamp.now())
        }
    }
}
