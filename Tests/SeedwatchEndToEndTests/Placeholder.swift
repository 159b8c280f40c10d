import Testing

@Test func placeholder_SeedwatchEndToEndTests() { #expect(1 + 1 == 2) }
