import PulseCore
import PulseDelivery
import Testing

@Test func standardPreferencesSendCriticalAlertsToPagerDuty() {
    #expect(DeliveryPreferences.standard.channels(for: .critical).contains(.pagerduty))
    #expect(DeliveryPreferences.standard.channels(for: .low).isEmpty)
}
