import ArgumentParser
import Foundation
import Huashu

@main
struct HuashuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huashu",
        abstract: "话术：检查银行服务用语中的服务忌语，并给出规范话术。",
        version: "0.1.0",
        subcommands: [CheckCommand.self, ReviewCommand.self, SuggestCommand.self, ReplyCommand.self, TokenizeCommand.self, BookCommand.self]
    )

    /// Exit statuses: 0 clean, 1 findings, 2 usage, input or phrasebook error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as UserError {
            Output.error("huashu: \(error.description)")
            Foundation.exit(2)
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                print(message)
                Foundation.exit(0)
            }
            Output.error(message)
            Foundation.exit(2)
        }
    }
}

/// Failures that end a command with exit status 2 after a message on stderr.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
