/// Titles every front end must refuse (`SafeText.validLine`): C0 controls (escape sequences, bell),
/// DEL, C1 controls (the one-byte CSI, NEL), and one character too many. One line each, so plain
/// mode can be given them too.
public enum HostileText {
    public static let titles: [String] = [
        "Bad \u{1B}[2J title",
        "OSC \u{1B}]0;pwned\u{07} title",
        "Bell\u{07}",
        "Del\u{7F}ete",
        "CSI \u{9B}31m red",
        "Next\u{85}line",
        String(repeating: "x", count: 201),
    ]
}
