import PulseServer
import Testing

@Test func defaultConfigurationListensOnLoopback() {
    #expect(PulseConfiguration().host == "127.0.0.1")
}
