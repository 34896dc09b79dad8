import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("db_transfer: a whole database file sent to or fetched from another host", () => {
  it("finds scp, remote rsync, rclone, cloud copies and ssh redirects of a database file", () => {
    const text = src(
      "scp data/ytv2_content.db dash:/app/data/",
      'scp "dash:/app/data/ytv2_content.db" data/dashboard.db',
      "rsync -az $NAS_DB ytv2@dashboard.lan:/app/data/ytv2_content.db",
      "rclone copy data/ytv2_content.db render:backups-not/here",
      "aws s3 cp data/ytv2_content.db s3://ytv2/ytv2_content.db",
      'ssh dash "cat > /app/data/ytv2_content.db" < data/ytv2_content.db',
    );
    expect(found("push.sh", text)).toEqual([1, 2, 3, 4, 5, 6].map((line) => [line, "db_transfer"]));
  });

  it("finds curl and wget uploading a database file or saving a download as one", () => {
    const text = src(
      'curl -F "database=@data/ytv2_content.db" https://dash/api/store',
      "curl -T data/ytv2_content.db https://dash/upload",
      "curl --data-binary @$DB_PATH https://dash/put",
      "curl -fsS https://nas.lan/files/ytv2_content.db -o data/ytv2_content.db",
      "wget -O /app/data/ytv2_content.db https://nas.lan/export",
    );
    expect(found("fetch.sh", text)).toEqual([1, 2, 3, 4, 5].map((line) => [line, "db_transfer"]));
  });

  it("reports a command continued over several lines once, at its first line", () => {
    const text = src("curl -X POST \\", '  -F "database=@$DB" \\', "  https://dash/api/store", "echo done");
    expect(found("push.sh", text)).toEqual([[1, "db_transfer"]]);
  });

  it("leaves copies of other files to other hosts alone", () => {
    const text = src(
      "rsync -az downloads/ dash:/app/data/audio/",
      'curl -F "audio=@downloads/out.mp3" https://dash/api/upload-audio',
      "scp logs/sync.log admin@nas:/tmp/",
    );
    expect(found("audio.sh", text)).toEqual([]);
  });

  it("finds Python uploads of a database file, in one call or opened a few lines before", () => {
    const text = src(
      "def push_one():",
      '    requests.put(URL, data=open(DB_PATH, "rb"))',
      "",
      "def push_two():",
      '    with open(db_path, "rb") as handle:',
      '        payload = {"database": handle}',
      "        resp = requests.post(",
      "            url,",
      "            files=payload,",
      "        )",
    );
    expect(found("push.py", text)).toEqual([
      [2, "db_transfer"],
      [7, "db_transfer"],
    ]);
  });

  it("finds urlretrieve into a database, a database served as a file, SFTP and subprocess copies", () => {
    const text = src(
      'urllib.request.urlretrieve(f"{NAS}/ytv2_content.db", TMP_DB)',
      "return send_file(DB_PATH, as_attachment=True)",
      'sftp.put(LOCAL_DB, "/app/data/ytv2_content.db")',
      'subprocess.run(["scp", DB_PATH, "dash:/app/data/ytv2_content.db"], check=True)',
    );
    expect(found("tools.py", text)).toEqual([1, 2, 3, 4].map((line) => [line, "db_transfer"]));
  });

  it("leaves an audio upload and a report post alone", () => {
    const text = src(
      "def upload_audio(report):",
      '    with open(report["audio_path"], "rb") as audio:',
      '        requests.post(f"{URL}/api/upload-audio", files={"audio": audio}, timeout=60)',
      "",
      "def post_report(report):",
      '    return requests.post(f"{URL}/api/upload-report", json=report)',
    );
    expect(found("client.py", text)).toEqual([]);
  });

  it("finds every live mention of a whole-database endpoint, in any language", () => {
    expect(found("client.py", src('url = f"{BASE}/api/upload-database"'))).toEqual([[1, "db_transfer"]]);
    expect(found("app.js", src('fetch("/api/download-database").then((r) => r.blob());'))).toEqual([
      [1, "db_transfer"],
    ]);
    expect(
      found("routes.py", src('@app.route("/api/sync_db", methods=["POST"])', "def receive():", "    return save()")),
    ).toEqual([[1, "db_transfer"]]);
    expect(found("client.py", src('requests.get(BASE + "/api/upload-audio")'))).toEqual([]);
  });

  it("does not report an endpoint that answers 410 as a transfer", () => {
    const text = src(
      "def do_POST(self):",
      '    if self.path == "/api/upload-database":',
      "        self.send_error(410)",
      'app.post("/api/replace-database", (req, res) => res.status(410).end());',
    );
    expect(found("server.py", text)).toEqual([]);
  });
});
