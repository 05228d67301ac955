import AssessmentCore

/// Hands over to the interactive front end.
enum Interactive {
    enum Target { case home, session(String) }

    static func launch(_ ctx: Context, open target: Target) throws {
        throw CLIError("the interactive front end is not available in this build; use the commands listed by --help", code: Exit.usage)
    }
}
