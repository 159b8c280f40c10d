import Testing

@Test func placeholder_SeedwatchCoreTests() { #expect(1 + 1 == 2) }
