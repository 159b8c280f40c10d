import Testing

@Test func placeholder_SeedwatchRuntimeTests() { #expect(1 + 1 == 2) }
