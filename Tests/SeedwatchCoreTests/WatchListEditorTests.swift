import SeedwatchCore
import Testing

@Suite("Adding a watch to the configuration's watches: list")
struct WatchListEditorTests {
    @Test func appendsAfterTheLastItemKeepingComments() throws {
        let text = """
        # top comment
        watches:
          - ../seeds/china-russia-north-korea   # the shipped watch
          # a commented-out watch
          #- ../seeds/old

        drop_folder:
          path: ../var/drop
        """
        let edited = try WatchListEditor.adding("../seeds/ceuta-migrants", to: text)
        #expect(edited == """
        # top comment
        watches:
          - ../seeds/china-russia-north-korea   # the shipped watch
          - ../seeds/ceuta-migrants
          # a commented-out watch
          #- ../seeds/old

        drop_folder:
          path: ../var/drop
        """)
    }

    @Test func keepsTheItemsIndentation() throws {
        let text = "watches:\n- a\n- b\nalerts:\n  log: x\n"
        #expect(try WatchListEditor.adding("c", to: text) == "watches:\n- a\n- b\n- c\nalerts:\n  log: x\n")
    }

    @Test func anEmptyFlowListBecomesABlockList() throws {
        let text = "watches: []   # none yet\nalerts:\n  log: x\n"
        #expect(try WatchListEditor.adding("../seeds/x", to: text) == "watches:   # none yet\n  - ../seeds/x\nalerts:\n  log: x\n")
    }

    @Test func aListedFolderIsNotAddedTwice() throws {
        let text = "watches:\n  - \"../seeds/x\"\n"
        #expect(try WatchListEditor.adding("../seeds/x", to: text) == text)
    }

    @Test func aFlowListWithItemsIsRefused() {
        #expect(throws: WatchListEditor.EditError.notABlockList(line: 2)) {
            try WatchListEditor.adding("c", to: "# c\nwatches: [a, b]\n")
        }
        #expect(throws: WatchListEditor.EditError.noWatchesKey) {
            try WatchListEditor.adding("c", to: "alerts:\n  log: x\n")
        }
    }
}
