/// Reads the source as UTF-8 bytes and keeps the position of the next scalar. Syntax is
/// ASCII (see `ByteClasses`), so bytes are compared, not scalars; the only non-ASCII
/// scalars with a meaning, the C1 controls, are recognised by their two bytes, and a scalar
/// is decoded only to be named in an error message. The cursor always steps over whole
/// scalars and counts one column per scalar, because columns are specified in scalars (not
/// graphemes, which would merge `\r\n` or a combining mark after a quote into one unit).
///
/// The bytes are the string's own, lent for one call (see `Tokenizer.reading`), rather than
/// a copy: copying and freeing them cost more than lexing a typical line.
struct UTF8Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the next scalar.
    private(set) var index: Int
    private(set) var position: SourcePosition

    /// A cursor at `index`, which must start a physical line, numbered `line`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, line: Int) {
        self.bytes = bytes
        self.index = index
        position = SourcePosition(line: line, column: 1)
    }

    var isAtEnd: Bool { index == bytes.count }

    /// The byte at the cursor, or `nil` at the end of the source.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The byte after the current one, for the two-byte tokens `${` and `\r\n`.
    var next: UInt8? { index + 1 < bytes.count ? bytes[index + 1] : nil }

    /// Whether a line break starts here. CRLF counts as one so that scripts saved on
    /// Windows work; a lone CR is a control character like any other.
    var isAtLineBreak: Bool {
        switch current {
        case UInt8(ascii: "\n"): true
        case UInt8(ascii: "\r"): next == UInt8(ascii: "\n")
        default: false
        }
    }

    /// Whether the scalar at the cursor is one of `Unicode.Scalar.isForbiddenControl`. A C1
    /// control is U+0080–U+009F, in UTF-8 0xC2 followed by 0x80–0x9F.
    var isAtForbiddenControl: Bool {
        guard let byte = current else { return false }
        return byte < 0x80 ? byte.isForbiddenASCIIControl : byte == 0xC2 && bytes[index + 1] < 0xA0
    }

    /// The scalar at the cursor, decoded, for error messages; `nil` at the end.
    var scalar: Unicode.Scalar? {
        guard let lead = current else { return nil }
        let length = lead.utf8ScalarLength
        // The lead byte keeps 8 - (length + 1) bits of value (7 when ASCII); each
        // continuation byte adds six.
        var value = UInt32(lead) & (length == 1 ? 0x7F : 0xFF >> (length + 1))
        for byte in bytes[(index + 1)..<(index + length)] {
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// Moves past one scalar on the same physical line.
    mutating func advance() {
        index += bytes[index].utf8ScalarLength
        position.column += 1
    }

    /// Moves past the longest run of scalars that are plain text in `Text`'s context and
    /// returns their byte range: one loop for the bulk of the text instead of a trip
    /// through the tokenizer per scalar. Plain text never includes line breaks, which this
    /// does not count.
    mutating func advance<Text: PlainText>(over _: Text.Type) -> Range<Int> {
        let plain = Text.plainASCII
        let start = index
        var end = index, continuationBytes = 0
        while end < bytes.count {
            let byte = bytes[end]
            if byte < 0x80 {
                guard plain.contains(byte) else { break }
                end &+= 1
            } else {
                if !Text.allowsC1Controls, byte == 0xC2, bytes[end + 1] < 0xA0 { break }
                let length = byte.utf8ScalarLength
                end &+= length
                continuationBytes &+= length &- 1
            }
        }
        index = end
        position.column += end - start - continuationBytes
        return start..<end
    }

    /// Moves past the letters, digits and `_` at the cursor and returns their byte range.
    mutating func advanceOverVariableName() -> Range<Int> {
        let start = index
        while index < bytes.count, bytes[index].isVariableNameCharacter {
            index += 1
        }
        position.column += index - start
        return start..<index
    }

    /// Moves up to the next line break (see `isAtLineBreak`) or the end of the source.
    mutating func advanceToLineBreak() {
        var column = position.column
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { break }
            if !byte.isUTF8Continuation { column += 1 }
            index += 1
        }
        position.column = column
    }

    /// Moves past the line break at the cursor (see `isAtLineBreak`) to the next physical line.
    mutating func advancePastLineBreak() {
        index += current == UInt8(ascii: "\r") ? 2 : 1
        position = SourcePosition(line: position.line + 1, column: 1)
    }

    /// The source between two indices this cursor has produced.
    func text(from start: Int, to end: Int) -> String {
        text(start..<end)
    }

    /// The source in a byte range this cursor has produced, which begins and ends on scalar
    /// boundaries.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
