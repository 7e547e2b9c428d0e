import Foundation

/// The order that clusters activities by kind, then time, then input position.
enum ActivityOrder {
    /// Sorts packed (kind, time − min time, index) keys with an LSD radix sort when they fit in 64 bits,
    /// else falls back to a comparison sort.
    static func byKindThenTime(kind: ContiguousArray<UInt8>, time: ContiguousArray<Int64>) -> [Int] {
        let m = time.count
        guard m > 0 else { return [] }
        let low = time.min()!
        let high = time.max()!
        let range = UInt64(bitPattern: high &- low)
        let timeBits = range == 0 ? 1 : 64 - range.leadingZeroBitCount
        let indexBits = max(1, 64 - UInt64(m).leadingZeroBitCount)
        let kindBits = 3
        guard timeBits + indexBits + kindBits <= 64, high &- low >= 0 else {
            return (0..<m).sorted { a, b in
                (kind[a], time[a], a) < (kind[b], time[b], b)
            }
        }
        var keys = [UInt64](repeating: 0, count: m)
        for j in 0..<m {
            keys[j] =
                UInt64(kind[j]) << UInt64(timeBits + indexBits) | UInt64(bitPattern: time[j] &- low)
                << UInt64(indexBits)
                | UInt64(j)
        }
        let bits = timeBits + indexBits + kindBits
        var scratch = [UInt64](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: 1 << 16)
        var shift: UInt64 = 0
        while shift < UInt64(bits) {
            keys.withUnsafeBufferPointer { src in
                scratch.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { c in
                        for d in 0..<c.count { c[d] = 0 }
                        for key in src { c[Int((key >> shift) & 0xFFFF)] += 1 }
                        var total = 0
                        for d in 0..<c.count {
                            let n = c[d]
                            c[d] = total
                            total += n
                        }
                        for key in src {
                            let d = Int((key >> shift) & 0xFFFF)
                            dst[c[d]] = key
                            c[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += 16
        }
        let mask = (UInt64(1) << UInt64(indexBits)) - 1
        return keys.map { Int($0 & mask) }
    }
}
