import Testing

@testable import pulse

@Test func rootCommandIsNamedPulse() {
    #expect(PulseCommand.configuration.commandName == "pulse")
}
