import PulseEngine
import Testing

@Test func theBuiltInFolderNameIsStable() {
    #expect(PulseEngineInfo.builtInFolder == "BuiltInRules")
}
