/// Rows of cells printed in aligned columns, a block at a time: a stream of any length (a
/// search of a million users) is aligned without being held whole. Each block's columns are
/// as wide as its widest cell; a column empty throughout the block is left out, and no
/// line ends in blanks. `emit` answers whether more lines are wanted, so that a pager quit
/// part-way through a block gets no more of it.
struct AlignedRows {
    static let blockSize = 200
    private let emit: (String) -> Bool
    private var rows: [[String]] = []

    init(_ emit: @escaping (String) -> Bool) {
        self.emit = emit
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
        if rows.count == Self.blockSize { flush() }
    }

    /// Prints the rows held so far.
    mutating func flush() {
        var widths: [Int] = []
        for row in rows {
            for (column, cell) in row.enumerated() {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.count)
            }
        }
        for row in rows {
            let cells = row.enumerated().filter { widths[$0.offset] > 0 }
            let line = cells.map { column, cell in
                column == cells.last?.offset ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            var text = line.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            guard emit(text) else { break }
        }
        rows.removeAll(keepingCapacity: true)
    }
}
