import NIOSSL

/// A self-signed certificate for CN=localhost with subject alternative names localhost and 127.0.0.1, and its
/// key: test-only material (generated once with openssl for these tests, valid until 2126), never used outside
/// the STARTTLS test.
enum TestCertificate {
    static let pem = """
        -----BEGIN CERTIFICATE-----
        MIIBnDCCAUGgAwIBAgIUC3YByO7D3Pq2E2QQriQSAnTAS9EwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjAwMzAzNFoYDzIxMjYxMTAy
        MDAzMDM0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAARjtsyW4DkrX8WM5C9ihj6gMFJHwxOjJT1UNOvy/jhsMLybgTdW+6IG
        EHGxCFsUrHHg7Lvf+MS8hbJPMenokP4bo28wbTAdBgNVHQ4EFgQU8gzEqKu487ys
        eZFHnGZP6B+3OLIwHwYDVR0jBBgwFoAU8gzEqKu487yseZFHnGZP6B+3OLIwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
        zj0EAwIDSQAwRgIhAIrEvg5uPFgQRACzh6RVnHVtXdQtPWxrngh5cxJMVIoIAiEA
        45G/tGej6PlFYQPCMMjhB+cK+efaHJpb9WB040VsW1g=
        -----END CERTIFICATE-----
        """

    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgTPGwHHb+XYDL5k8t
        AVSUsPS9yS43zoeD9FnUeQ3eUKyhRANCAARjtsyW4DkrX8WM5C9ihj6gMFJHwxOj
        JT1UNOvy/jhsMLybgTdW+6IGEHGxCFsUrHHg7Lvf+MS8hbJPMenokP4b
        -----END PRIVATE KEY-----
        """

    static func certificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
    }

    /// The server side: this certificate and key.
    static func serverContext() throws -> NIOSSLContext {
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        return try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(try certificate())], privateKey: .privateKey(key)))
    }

    /// The client side: trusts only this certificate.
    static func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([try certificate()])
        return configuration
    }
}
