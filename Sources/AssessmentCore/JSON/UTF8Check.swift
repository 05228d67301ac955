/// Whether bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, surrogates or code
/// points above U+10FFFF), as `String(validating:as:)` decides, without its per-call generic overhead
/// (a metadata look-up per string): the JSON parser and the questionnaire cache ask it of every string.
public enum UTF8Check {
    public static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = buffer.baseAddress else { return true }
        let n = buffer.count
        var i = 0
        while i < n {
            // ASCII, eight bytes at a time: most of a questionnaire's text.
            while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1
            guard i + need < n else { return false }
            for k in 1...need where p[i + k] & 0xC0 != 0x80 { return false }
            let b1 = p[i + 1]
            switch b {
            case 0xC2...0xDF: break
            case 0xE0: if b1 < 0xA0 { return false }
            case 0xED: if b1 > 0x9F { return false }
            case 0xE1...0xEF: break
            case 0xF0: if b1 < 0x90 { return false }
            case 0xF4: if b1 > 0x8F { return false }
            case 0xF1...0xF3: break
            default: return false
            }
            i += need + 1
        }
        return true
    }
}
