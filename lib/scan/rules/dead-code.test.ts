import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("dead_code: a disabled route whose handler still moves the database", () => {
  it("finds the handler of a route that answers 410 in an http.server dispatch", () => {
    const text = src(
      "class Handler(BaseHTTPRequestHandler):",
      "    def do_POST(self):",
      '        if self.path == "/api/upload-database":',
      "            self.send_error(410)",
      "",
      "    def handle_upload_database(self):",
      "        data = self.rfile.read(int(self.headers['Content-Length']))",
      '        with open(DB_PATH + ".tmp", "wb") as out:',
      "            out.write(data)",
    );
    expect(found("server.py", text)).toEqual([[6, "dead_code"]]);
  });

  it("finds a Flask handler that returns 410 first and keeps its old body, and one whose decorator is commented out", () => {
    const text = src(
      '@app.route("/api/upload-database", methods=["POST"])',
      "def upload_database():",
      '    return jsonify(error="gone"), 410',
      '    request.files["database"].save(DB_PATH)',
      "",
      '# @app.route("/api/restore-database", methods=["POST"])',
      "def restore_database():",
      '    shutil.copyfile(request.json["path"], DB_PATH)',
    );
    expect(found("routes.py", text)).toEqual([
      [2, "dead_code"],
      [4, "db_overwrite"],
      [7, "dead_code"],
      [8, "db_overwrite"],
    ]);
  });

  it("leaves a 410 stub with nothing behind it alone: that is the fix", () => {
    const text = src(
      '@app.route("/api/upload-database", methods=["POST"])',
      "def upload_database():",
      '    """Removed: the Dashboard reads PostgreSQL."""',
      '    logger.warning("old NAS still uploading")',
      '    return jsonify(error="database upload removed"), 410',
      "",
      "class Handler(BaseHTTPRequestHandler):",
      "    def handle_replace_database(self):",
      "        self.send_response(410)",
      "        self.end_headers()",
      '        self.wfile.write(json.dumps({"error": "database replace removed"}).encode())',
    );
    expect(found("routes.py", text)).toEqual([]);
  });

  it("does not call a handler dead while its route is live: the route is the finding", () => {
    const text = src(
      "    def do_GET(self):",
      '        if self.path == "/api/download-database":',
      "            self.handle_download_database()",
      "",
      "    def handle_download_database(self):",
      '        with open(DB_PATH, "rb") as f:',
      "            self.wfile.write(f.read())",
    );
    expect(found("server.py", text)).toEqual([[2, "db_transfer"]]);
  });
});

describe("dead_code: commented-out sync code", () => {
  it("finds sync code switched off by a comment, in any language", () => {
    expect(found("handler.py", src("x = 1", "# subprocess.run(['python', 'sync_sqlite_db.py'])"))).toEqual([
      [2, "dead_code"],
    ]);
    expect(found("crontab", src("# */5 * * * * /app/scripts/push_db.sh"))).toEqual([[1, "dead_code"]]);
    expect(found("deploy.sh", src("# scp data/ytv2_content.db dash:/app/data/"))).toEqual([[1, "dead_code"]]);
  });

  it("leaves prose, commented code that says it was removed, and a commented route line without a handler alone", () => {
    const text = src(
      "# Run sync_sqlite_db.py after each video (see docs).",
      "# The nightly sync was removed when the Dashboard moved to PostgreSQL:",
      '# subprocess.run(["python", "nas_sync.py"])',
      "x = 1",
      "# shutil.copy2(NAS_DB, DASHBOARD_DB)  # disabled 2025-10",
      '# elif self.path == "/api/upload-database":',
    );
    expect(found("handler.py", text)).toEqual([]);
  });
});

describe("ignore files", () => {
  it("never reports .gitignore or .dockerignore lines that name the database", () => {
    expect(found(".gitignore", src("data/ytv2_content.db", "*.db", "nas_sync.py"))).toEqual([]);
    expect(found("sub/.dockerignore", src("data/ytv2_content.db"))).toEqual([]);
  });
});
