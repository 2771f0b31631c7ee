import Testing

/// SPEC §2 where ArgumentParser needs help: a help flag before a subcommand's name, `--help`
/// in the default form, and `-c`, which the root reads wherever it stands, refused by the
/// subcommands.
struct CommandLineTests {
    @Test(arguments: [["check"], ["export"], ["store", "init"]])
    func aHelpFlagBeforeASubcommandShowsThatSubcommandsHelp(subcommand: [String]) throws {
        let dashell = try Dashell()
        let expected = try dashell.run(subcommand + ["--help"], withStore: false)
        #expect(expected.output.hasPrefix("OVERVIEW: "))
        for flag in ["--help", "-h"] {
            let result = try dashell.run(["--store", dashell.store, flag] + subcommand, withStore: false)
            #expect(result.status == 0, "\(flag): \(result.errors)")
            #expect(result.output == expected.output, "\(flag)")
        }
    }

    @Test(arguments: [["script.dash", "--help"], ["-c", "status", "-h"], ["--json", "--help"]])
    func helpInTheDefaultFormIsTheToolsHelp(arguments: [String]) throws {
        let dashell = try Dashell()
        let result = try dashell.run(arguments)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == (try dashell.run(["--help"])).output)
    }

    @Test(arguments: [["check", "-c", "status", "script.dash"], ["-c", "status", "export"], ["store", "init", "-c", "status"]])
    func commandsGivenWithASubcommandAreAUsageError(arguments: [String]) throws {
        let result = try Dashell().run(arguments)
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix("Error: Unknown option '-c'"), "\(result.errors)")
        #expect(result.output == "")
    }

    @Test func globalOptionsStandOnEitherSideOfASubcommand() throws {
        let dashell = try Dashell()
        let script = try dashell.write("script.dash", "set manage-system distribution-services global-settings external-port ${PORT}\npublish\n")
        let global = ["--store", dashell.store, "--user", "tester", "-D", "PORT=8443", "--json", "--no-color"]
        let before = try dashell.run(global + ["check", script], withStore: false)
        let after = try dashell.run(["check", script] + global, withStore: false)
        #expect(before.status == 0, "\(before.errors)")
        #expect(before.output.contains("8443"), "\(before.output)")
        #expect(after.status == before.status)
        #expect(after.output == before.output)
    }
}
