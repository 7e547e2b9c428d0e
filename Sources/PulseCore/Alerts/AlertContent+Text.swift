import Foundation

extension AlertContent {
    /// The message as plain text in the §3.2 layout (`AlertTextRenderer.render(_:numbered:)`).
    public func text(numbered: Bool = true) -> String { AlertTextRenderer.render(self, numbered: numbered) }
}
