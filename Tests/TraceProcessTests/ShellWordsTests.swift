import Testing
import TraceCore
import TraceProcess

@Suite("Shell words")
struct ShellWordsTests {
    @Test("blanks separate words; runs of blanks make no empty word")
    func blanks() throws {
        #expect(try ShellWords.split("  python3   servidor.py\t0 \n") == ["python3", "servidor.py", "0"])
        #expect(try ShellWords.split("") == [])
        #expect(try ShellWords.split("   ") == [])
    }

    @Test("single quotes keep everything, double quotes keep all but four escapes")
    func quotes() throws {
        #expect(try ShellWords.split("echo 'a  b' \"c d\"") == ["echo", "a  b", "c d"])
        #expect(try ShellWords.split(#"'it''s' "say \"hi\"" "a\b" "\\" "\$x""#) == ["its", #"say "hi""#, #"a\b"#, #"\"#, "$x"])
        #expect(try ShellWords.split(#"'\n'"#) == [#"\n"#])
        #expect(try ShellWords.split("'' \"\" x") == ["", "", "x"])
        #expect(try ShellWords.split("pre'mid'\"post\"") == ["premidpost"])
    }

    @Test("a backslash keeps the next character; backslash-newline joins lines")
    func backslashes() throws {
        #expect(try ShellWords.split(#"a\ b c\'d \"e"#) == ["a b", "c'd", "\"e"])
        #expect(try ShellWords.split("one\\\ntwo") == ["onetwo"])
    }

    @Test("nothing is expanded")
    func noExpansion() throws {
        #expect(try ShellWords.split("echo $HOME ~ *.py {port} `date`") == ["echo", "$HOME", "~", "*.py", "{port}", "`date`"])
    }

    @Test("unterminated quotes, a trailing backslash and shell operators are errors")
    func errors() throws {
        #expect(throws: ShellWords.SplitError.unterminatedQuote("'")) { try ShellWords.split("echo 'abc") }
        #expect(throws: ShellWords.SplitError.unterminatedQuote("\"")) { try ShellWords.split("echo \"abc") }
        #expect(throws: ShellWords.SplitError.trailingBackslash) { try ShellWords.split("echo abc\\") }
        #expect(throws: ShellWords.SplitError.shellOperator("|")) { try ShellWords.split("cat x | wc") }
        #expect(throws: ShellWords.SplitError.shellOperator(">")) { try ShellWords.split("echo a > f") }
        #expect(try ShellWords.split("echo 'a | b' \\>") == ["echo", "a | b", ">"])
    }

    @Test("{port} is replaced in every argument")
    func portSubstitution() throws {
        let command = try TracedCommand(commandLine: "python3 cliente.py 127.0.0.1 {port} --x={port}")
        #expect(command.substitutingPort(40123).arguments == ["python3", "cliente.py", "127.0.0.1", "40123", "--x=40123"])
    }
}
