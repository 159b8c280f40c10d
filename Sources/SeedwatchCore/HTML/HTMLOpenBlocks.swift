extension HTMLText {
    /// The block and cell elements open at a point of a one-pass HTML reading, innermost last, and
    /// the text event each block or cell tag gives: the events libxml2 2.9's HTML tree gives for
    /// well-nested markup and for the implicit ends that are read the same way (`<li>` after an
    /// open `li`, `<td>` after an open cell, `<tr>` after an open `tr`, `dt`/`dd` after an open
    /// `dd`). `nil` where libxml2's recovery decides (an end tag that does not close the innermost
    /// open block, a block opened inside a `p`, a heading, `dt` or `caption`, an `html` tag).
    struct OpenBlocks {
        enum Event { case none, lineBreak, space }

        private var names: [Name] = []

        /// Lower-cased ASCII block names, as the tables in ``HTMLText`` hold them.
        enum Name: Equatable {
            case p, li, dt, dd, td, th, tr, rowGroup, closesOnAnyBlock, hr, html, other
        }

        static func name(_ b: UnsafeBufferPointer<UInt8>) -> Name {
            func equals(_ s: StaticString) -> Bool {
                guard b.count == s.utf8CodeUnitCount else { return false }
                for k in 0..<b.count where b[k] | 0x20 != s.utf8Start[k] { return false }
                return true
            }
            if equals("p") { return .p }
            if equals("li") { return .li }
            if equals("dt") { return .dt }
            if equals("dd") { return .dd }
            if equals("td") { return .td }
            if equals("th") { return .th }
            if equals("tr") { return .tr }
            if equals("thead") || equals("tbody") || equals("tfoot") { return .rowGroup }
            if equals("h1") || equals("h2") || equals("h3") || equals("h4") || equals("h5") || equals("h6")
                || equals("caption") { return .closesOnAnyBlock }
            if equals("hr") { return .hr }
            if equals("html") { return .html }
            return .other
        }

        /// The event of one block or cell tag (`kind` ``HTMLText/Kind/block`` or ``HTMLText/Kind/cell``)
        /// named `name` (ASCII, any case); `nil` when libxml2's recovery must decide.
        /// `fullName` is the name as written (`o:p`): libxml2's parser matches end tags by it, though
        /// the element is named by its local part `raw`.
        mutating func event(name raw: UnsafeBufferPointer<UInt8>, fullName: UnsafeBufferPointer<UInt8>, kind: Kind, isEnd: Bool,
                            selfClosed: Bool) -> Event? {
            let name = Self.name(raw)
            let isCell = name == .td || name == .th
            let own: Event = isCell ? .space : .lineBreak
            if name == .html { return nil }  // misplaced: libxml2 drops the tag
            if name == .hr { return isEnd ? Event.none : .lineBreak }  // void
            if isEnd {
                guard let top = names.last, top == name, Self.key(fullName) == keys.last else { return nil }
                pop()
                return own
            }
            var event: Event = isCell ? .none : .lineBreak
            if let top = names.last {
                // libxml2 closes an element implicitly only when it is the innermost open one.
                if hasInlineInTopBlock, Self.closesImplicitly(top, name) { return nil }
                switch top {
                case .p, .dt, .closesOnAnyBlock:
                    return nil
                case .li:
                    if name == .li { pop(); event = .lineBreak } else if !Self.flowInside(name) { return nil }
                case .dd:
                    if name == .dt || name == .dd { pop(); event = .lineBreak } else if !Self.flowInside(name) { return nil }
                case .td, .th:
                    if isCell { pop(); event = .space } else if !Self.flowInside(name) { return nil }
                case .tr:
                    if name == .tr { pop(); event = .lineBreak } else if !isCell { return nil }
                case .rowGroup:
                    if name != .tr { return nil }
                case .other, .hr, .html:
                    break
                }
            }
            if selfClosed { return isCell ? .space : .lineBreak }
            names.append(name)
            inlineOpen.append(inlineKeys.count)
            keys.append(Self.key(fullName))
            return event
        }

        /// The open names, lower-cased and packed (first 16 bytes and the length), so `</nav>`
        /// never closes a `<div>` (both `.other`).
        private var keys: [Key] = []

        private struct Key: Equatable {
            var low: UInt64 = 0
            var high: UInt64 = 0
            var count: Int
        }

        private static func key(_ b: UnsafeBufferPointer<UInt8>) -> Key {
            var k = Key(count: b.count)
            for n in 0..<min(b.count, 16) {
                let c = UInt64(b[n] | 0x20) << (8 * (n % 8))
                if n < 8 { k.low |= c } else { k.high |= c }
            }
            return k
        }

        private mutating func pop() {
            names.removeLast()
            keys.removeLast()
            inlineKeys.removeSubrange(inlineOpen[inlineOpen.count - 1]...)
            inlineOpen.removeLast()
        }

        /// Open non-void elements that are neither block nor cell, innermost last, and where each
        /// open block's own start in it (the first entry: outside every block).
        private var inlineKeys: [Key] = []
        private var inlineOpen: [Int] = [0]

        /// Whether the innermost open block has an inline element open inside it.
        private var hasInlineInTopBlock: Bool { inlineKeys.count > inlineOpen[inlineOpen.count - 1] }

        /// Records a tag of an element that is neither block, cell nor void (`name` its local name,
        /// `fullName` as written); `false` when libxml2's recovery must decide: an end tag that
        /// does not close the innermost inline element opened inside the innermost open block
        /// would close that block, or more (`<span><p>a</span>b`).
        mutating func inlineTag(name: UnsafeBufferPointer<UInt8>, fullName: UnsafeBufferPointer<UInt8>, isEnd: Bool,
                                selfClosed: Bool) -> Bool {
            if selfClosed && !isEnd { return true }
            let key = Self.key(fullName)
            if !isEnd {
                inlineKeys.append(key)
                return true
            }
            if hasInlineInTopBlock && inlineKeys.last == key {
                inlineKeys.removeLast()
                return true
            }
            return names.isEmpty
        }

        /// Whether a `name` start tag would end an open `top` (the pops in ``event(name:fullName:kind:isEnd:selfClosed:)``).
        private static func closesImplicitly(_ top: Name, _ name: Name) -> Bool {
            switch (top, name) {
            case (.li, .li), (.dd, .dt), (.dd, .dd), (.td, .td), (.td, .th), (.th, .td), (.th, .th), (.tr, .tr): return true
            default: return false
            }
        }

        /// Whether a block may open inside a list item or a cell without libxml2 closing it.
        private static func flowInside(_ name: Name) -> Bool {
            switch name {
            case .li, .dt, .dd, .td, .th, .tr, .rowGroup: return false
            default: return true
            }
        }
    }
}
