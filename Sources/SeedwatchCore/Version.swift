public enum SeedwatchVersion { public static let string = "0.1.0" }
