/// Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF), as `String(validating:as:)` decides, without its per-call generic overhead: the JSON
/// parser asks it of every string in a questionnaire or session.
public enum UTF8Check {
    public static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = p.count
        @inline(__always) func continuation(_ k: Int) -> Bool { p[k] & 0xC0 == 0x80 }
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            if b < 0xC2 { return false }  // a continuation byte first, or an overlong 2-byte form
            if b < 0xE0 {
                guard i + 1 < n, continuation(i + 1) else { return false }
                i += 2
            } else if b < 0xF0 {
                guard i + 2 < n, continuation(i + 1), continuation(i + 2) else { return false }
                let b1 = p[i + 1]
                if b == 0xE0 && b1 < 0xA0 { return false }  // overlong
                if b == 0xED && b1 >= 0xA0 { return false }  // UTF-16 surrogates
                i += 3
            } else if b < 0xF5 {
                guard i + 3 < n, continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                let b1 = p[i + 1]
                if b == 0xF0 && b1 < 0x90 { return false }  // overlong
                if b == 0xF4 && b1 >= 0x90 { return false }  // above U+10FFFF
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
