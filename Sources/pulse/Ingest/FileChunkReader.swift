import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in fixed-size chunks into one reusable buffer (no whole-file copy in memory).
struct FileChunkReader {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading, or throws an `IngestError` saying why it cannot be read.
    init(path: String) throws(IngestError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .fileNotFound(path) }
            throw .unreadable(path, String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path, "it is a directory") }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        self.path = path
        self.size = Int(info.st_size)
        self.descriptor = descriptor
    }

    /// Calls `body` with each chunk in order, then closes the file.
    func forEachChunk(size chunkSize: Int = 4 << 20, _ body: (UnsafeBufferPointer<UInt8>) async throws -> Void)
        async throws
    {
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(path, String(cString: strerror(errno)))
            }
            if count == 0 { return }
            try await body(
                UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// Closes the file without reading it.
    func discard() { _ = close(descriptor) }
}
