import Foundation
import HTTPTypes

/// Builds the OpenAPI 3.1 document from the routes as they were registered.
enum OpenAPIDocument {
    static func json(for docs: [RouteDoc]) throws -> Data {
        try JSONSerialization.data(withJSONObject: build(docs), options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func build(_ docs: [RouteDoc]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        var schemas: [String: Any] = ["Error": errorSchema]
        for doc in docs {
            var operation: [String: Any] = [
                "summary": doc.summary,
                "tags": [doc.tag],
                "operationId": operationID(doc),
                "responses": responses(doc),
                // The codes this route can answer; each is declared once in a module's catalogue.
                "x-error-codes": doc.errors,
            ]
            // Path parameters are ids ({id}, {userID}), except periods such as {month} ("2026-07").
            var parameters: [[String: Any]] = pathParameters(doc.path).map { name in
                let schema: [String: Any] =
                    name == "id" || name.hasSuffix("ID") ? ["type": "integer", "minimum": 1] : ["type": "string"]
                return ["name": name, "in": "path", "required": true, "schema": schema]
            }
            parameters += doc.query.map {
                [
                    "name": $0.name, "in": "query", "required": false, "description": $0.description,
                    "schema": ["type": $0.type],
                ]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let schema = doc.bodySchema, let name = doc.bodyType {
                schemas[name] = BodySchema.foundation(schema)
                operation["requestBody"] = [
                    "required": true,
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)"]]],
                ]
            }
            if doc.requiresAuth { operation["security"] = [["bearer": [String]()]] }
            paths[doc.path, default: [:]][doc.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Dangjian 党建 API",
                "version": "1.0.0",
                "description":
                    "基层党建工作平台接口。错误统一为 {\"error\": {\"code\", \"message\"}}，message 含中英文。/ Grassroots party-building host API. Every error has a stable code and a Chinese and English message.",
            ],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer",
                        "description": "POST /api/v1/auth/login 获得 / from POST /api/v1/auth/login",
                    ]
                ],
            ],
        ]
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    static func operationID(_ doc: RouteDoc) -> String {
        // /api/v1/members/{id}/status → postMembersByIDStatus, distinct from postMembers.
        let words = doc.path.split(separator: "/").filter { $0 != "api" && $0 != "v1" }.map { word in
            word.hasPrefix("{")
                ? "By" + word.dropFirst().dropLast().uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }
        return doc.method.rawValue.lowercased()
            + words.joined()
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".", with: "")
    }

    static func responses(_ doc: RouteDoc) -> [String: Any] {
        let error =
            [
                "description": "错误 / error",
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ] as [String: Any]
        var responses: [String: Any] = ["200": ["description": "成功 / success"], "400": error, "404": error]
        if doc.method == .post { responses["201"] = ["description": "已创建 / created"] }
        if doc.requiresAuth { responses["401"] = error; responses["403"] = error }
        return responses
    }

    static var errorSchema: [String: Any] {
        [
            "type": "object",
            "properties": [
                "error": [
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": [
                        "code": ["type": "string"], "message": ["type": "string"], "messageZh": ["type": "string"],
                        "messageEn": ["type": "string"], "field": ["type": "string"],
                    ],
                ]
            ],
        ]
    }
}
