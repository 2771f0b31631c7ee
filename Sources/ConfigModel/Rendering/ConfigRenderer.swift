/// A configuration shown as lines: `show`, `| display`, `save`, `export`.
public protocol ConfigRenderer {
    /// Writes the lines for what lies inside `scope` (a path of the schema), one call per line.
    func render(_ config: some ConfigReader, under scope: ConfigPath, to emit: (String) throws -> Void) throws
    /// How many lines `render` would write, counted without making them.
    func countLines(_ config: some ConfigReader, under scope: ConfigPath) throws -> Int
}
