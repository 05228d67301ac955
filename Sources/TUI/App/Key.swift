/// A decoded key press, independent of how the terminal encoded it.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter, lower case: `.ctrl("l")` for Ctrl-L.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete, insert
    case function(Int)
    /// Alt (Meta) plus a character, from ESC followed quickly by the character.
    case alt(Character)

    public var description: String {
        switch self {
        case let .char(c): return c == " " ? "Space" : String(c)
        case let .ctrl(c): return "Ctrl-" + String(c).uppercased()
        case let .alt(c): return "Alt-" + String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case let .function(n): return "F\(n)"
        }
    }

    /// Maps a raw code point from the terminal (after ncurses' own key decoding) to a key.
    public static func fromCodePoint(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
        case 28...31: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            if (0x80...0x9F).contains(v) { return nil }
            return .char(Character(s))
        }
    }
}
