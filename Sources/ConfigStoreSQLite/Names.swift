import ConfigModel

/// GRDB also exports a `Record`; in this module the name means a configuration record.
typealias Record = ConfigModel.Record
