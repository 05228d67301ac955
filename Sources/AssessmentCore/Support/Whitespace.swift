import FoundationEssentials

/// Whether `s` holds something other than white space and newlines, exactly as
/// `!s.trimmingWhitespaceAndNewlines().isEmpty`. Scoring asks this of every
/// answer and the loader of every text, so an ASCII character that is not a space decides it
/// without Foundation's trimming (about a microsecond a call).
func hasNonWhitespace(_ s: String) -> Bool {
    var onlyASCIISpace = true
    for b in s.utf8 {
        switch b {
        case 0x09...0x0D, 0x20: continue
        case 0x21...0x7E: return true
        default: onlyASCIISpace = false
        }
    }
    if onlyASCIISpace { return false }
    return !s.trimmingWhitespaceAndNewlines().isEmpty
}
