import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// The console's own stylesheet and script, `/static/console.css` and `/static/console.js`:
/// read once at start from the module's resources. Nothing is fetched from elsewhere.
enum StaticFiles {
    static func register(on router: Router<DangjianRequestContext>, console: Console) {
        guard let folder = ConsoleTemplates.staticFolder else { return }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                continue
            }
            let type =
                name.hasSuffix(".css")
                ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "image/svg+xml"
            let body = ByteBuffer(data: data)
            console.noteRoute(.get, "/static/" + name)
            router.get(RouterPath("/static/" + name)) { _, _ in
                ConsoleHeaders.secure(
                    Response(
                        status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: body)))
            }
        }
    }
}
