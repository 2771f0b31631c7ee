import ConfigModel
import ConfigStore
import Foundation

/// Engine measurements at scale, in-process: bulk publish of new users and a one-leaf
/// publish on a large store. `dashell-bench STORE-DIR USERS`.
let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : NSTemporaryDirectory() + "dashell-bench-\(getpid())"
let userCount = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
try? FileManager.default.removeItem(atPath: directory)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func user(_ index: Int, _ leaf: String) -> ConfigPath {
    ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user", "user\(index)"] + leaf.split(separator: " ").map(String.init))
}

let store = try SQLiteStore(path: directory + "/store.sqlite")
let batch = 100_000
var published = 0
while published < userCount {
    let count = min(batch, userCount - published)
    let candidate = try store.scratchCandidate()
    var writer = candidate
    let apply = try seconds {
        for index in published..<(published + count) {
            try writer.setLeaf(user(index, "display-name"), to: "User \(index)")
            try writer.setLeaf(user(index, "email"), to: "user\(index)@example.com")
            try writer.setLeaf(user(index, "cell-phone"), to: "+4670\(index)")
            try writer.setLeaf(user(index, "portwise-authentication enable-personal"), to: "true")
        }
        try candidate.commitCommand()
    }
    let publish = try seconds { _ = try candidate.publish(PublishMetadata(user: "bench", source: "bench", comment: nil)) }
    print(String(format: "users %7d..%7d  apply %.3f s  publish %.3f s  total %.3f s", published, published + count, apply, publish, apply + publish))
    published += count
}
var samples: [Double] = []
for round in 0..<7 {
    let candidate = try store.scratchCandidate()
    var writer = candidate
    samples.append(try seconds {
        try writer.setLeaf(user(round * 7 % userCount, "display-name"), to: "Renamed \(round)")
        try candidate.commitCommand()
        _ = try candidate.publish(PublishMetadata(user: "bench", source: "bench", comment: nil))
    })
}
samples.sort()
print(String(format: "one-leaf publish on %d users: median %.2f ms (min %.2f, max %.2f)", userCount, samples[3] * 1000, samples[0] * 1000, samples[6] * 1000))
