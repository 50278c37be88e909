import Foundation
import XCTest
@testable import Huashu

/// The on-disk copy of ICU's folding must read back exactly as ICU built it,
/// and a damaged file must be ignored rather than trusted.
final class FoldingCacheTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-cache-\(UUID().uuidString)")
        setenv("XDG_CACHE_HOME", directory.path, 1)
    }

    override func tearDownWithError() throws {
        unsetenv("XDG_CACHE_HOME")
        try? FileManager.default.removeItem(at: directory)
    }

    func testCacheRoundTripsTheFoldingTable() throws {
        let folding = CharacterFolding.shared
        FoldingCache.store(folding)
        let path = try XCTUnwrap(FoldingCache.path)
        XCTAssertTrue(path.hasPrefix(directory.path), path)
        let loaded = try XCTUnwrap(FoldingCache.load(), "a freshly written cache must load")
        XCTAssertEqual(loaded.storage.table, folding.storage.table)
        XCTAssertEqual(loaded.storage.expansions, folding.storage.expansions)
        XCTAssertEqual(loaded.fold("這個ＡＴＭ不行，妳"), folding.fold("這個ＡＴＭ不行，妳"))
    }

    func testDamagedCacheIsIgnored() throws {
        FoldingCache.store(CharacterFolding.shared)
        let path = try XCTUnwrap(FoldingCache.path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(3)
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertNil(FoldingCache.load())
    }
}
