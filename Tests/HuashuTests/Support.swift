import Foundation
import XCTest
@testable import Huashu
