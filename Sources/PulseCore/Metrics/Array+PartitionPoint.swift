import Foundation

extension Array {
    /// Index of the first element for which `belongsToFirstPart` is false (the array must be partitioned).
    func partitionPoint(_ belongsToFirstPart: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsToFirstPart(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
