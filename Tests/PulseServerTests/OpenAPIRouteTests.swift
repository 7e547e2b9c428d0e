import Foundation
import PulseServer
import Testing
import Yams

@Suite struct OpenAPIRouteTests {
    static let methods: Set<String> = ["get", "post", "put", "delete", "patch", "head", "options"]

    /// "GET /api/alerts/{number}" for every operation of the document.
    static func documented() throws -> Set<String> {
        let text = try #require(OpenAPIDocument.text)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var operations = Set<String>()
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "path \(path) is not a mapping")
            for key in item.keys where methods.contains(key) { operations.insert("\(key.uppercased()) \(path)") }
        }
        return operations
    }

    @Test func everyRouteOfTheRouterIsDocumentedAndEveryDocumentedOperationIsARoute() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        _ = fixture.app()
        let registered = Set(fixture.routes.entries.map(\.description))
        let documented = try Self.documented()
        #expect(registered.count > 20)
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "documented operations the router does not have")
    }

    @Test func everyPathParameterOfTheDocumentIsDeclared() throws {
        let text = try #require(OpenAPIDocument.text)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let components = try #require(document["components"] as? [String: Any])
        let shared = (components["parameters"] as? [String: Any]) ?? [:]
        for (path, item) in paths {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                String($0.dropFirst().dropLast())
            }
            guard !names.isEmpty, let item = item as? [String: Any] else { continue }
            for (method, operation) in item where Self.methods.contains(method) {
                let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
                let declared = Set(
                    parameters.compactMap { parameter -> String? in
                        if let ref = parameter["$ref"] as? String {
                            let key = String(ref.split(separator: "/").last ?? "")
                            return (shared[key] as? [String: Any])?["name"] as? String
                        }
                        return parameter["name"] as? String
                    })
                for name in names {
                    #expect(declared.contains(name), "\(method.uppercased()) \(path) does not declare '\(name)'")
                }
            }
        }
    }
}

@Suite struct OpenAPIParameterTests {
    @Test func everyOperationDocumentsExactlyTheQueryParametersItsRouteAccepts() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        _ = fixture.app()
        let text = try #require(OpenAPIDocument.text)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let shared = ((document["components"] as? [String: Any])?["parameters"] as? [String: Any]) ?? [:]
        for (entry, accepted) in fixture.routes.queryParameters {
            let operation = try #require(
                (paths[entry.path] as? [String: Any])?[entry.method.lowercased()] as? [String: Any],
                "\(entry) is not documented")
            let parameters = (operation["parameters"] as? [[String: Any]]) ?? []
            let documented = Set(
                parameters.compactMap { parameter -> String? in
                    var resolved = parameter
                    if let ref = parameter["$ref"] as? String {
                        resolved = (shared[String(ref.split(separator: "/").last ?? "")] as? [String: Any]) ?? [:]
                    }
                    return resolved["in"] as? String == "query" ? resolved["name"] as? String : nil
                })
            #expect(
                documented == accepted, "\(entry): documented \(documented.sorted()), accepted \(accepted.sorted())")
        }
    }
}
