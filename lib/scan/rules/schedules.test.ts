import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";
import { timerHit } from "./systemd-timer";

describe("scheduled_job: whatever starts sync code on a schedule or at start-up", () => {
  it("finds crontab lines (with or without a cron.d user field) that run sync code, and keeps env lines as sync_env", () => {
    const text = src(
      "SQLITE_SYNC_ENABLED=1",
      "*/15 * * * * cd /app && python3 sync_sqlite_db.py",
      "@reboot /app/scripts/push_db.sh",
      "0 4 * * mon-fri root cp /mnt/nas/ytv2_content.db /app/data/ytv2_content.db",
      "0 3 * * * /app/scripts/backup_db.sh",
    );
    expect(found("cron.d/ytv2", text)).toEqual([
      [1, "sync_env"],
      [2, "scheduled_job"],
      [3, "scheduled_job"],
      [4, "scheduled_job"],
    ]);
  });

  it("finds a cron line written from a Dockerfile, a container command, a Procfile process and a systemd Exec line", () => {
    expect(found("Dockerfile", src('RUN echo "0 * * * * python3 /app/nas_sync.py" >> /etc/crontab'))).toEqual([
      [1, "scheduled_job"],
    ]);
    expect(
      found("Dockerfile", src('CMD ["python", "nas_sync.py", "--loop"]', "RUN cp nas_sync.py /usr/local/bin/")),
    ).toEqual([
      [1, "scheduled_job"],
      [2, "sync_invocation"],
    ]);
    expect(found("Procfile", src("web: gunicorn app:app", "sync: python nas_sync.py --every 900"))).toEqual([
      [2, "scheduled_job"],
    ]);
    expect(
      found(
        "deploy/pull.service",
        src("[Service]", "ExecStart=/usr/bin/rsync -a nas:/data/ytv2_content.db /app/data/"),
      ),
    ).toEqual([[2, "scheduled_job"]]);
  });

  it("finds compose commands in string and list form, not the rest of the service", () => {
    const text = src(
      "services:",
      "  sync:",
      "    image: python:3.11-slim",
      "    command:",
      "      - python",
      "      - /app/nas_sync.py",
      "    volumes:",
      "      - ./nas_sync.py:/app/nas_sync.py",
    );
    expect(found("docker-compose.yml", text)).toEqual([
      [6, "scheduled_job"],
      [8, "sync_invocation"],
    ]);
  });

  it("finds commands of a scheduled CI workflow or Render cron, but a push-triggered run is only an invocation", () => {
    const scheduled = src(
      "on:",
      "  schedule:",
      '    - cron: "0 2 * * *"',
      "jobs:",
      "  pull:",
      "    steps:",
      "      - run: |",
      "          python pull_nas_db.py",
    );
    expect(found(".github/workflows/nightly.yml", scheduled)).toEqual([[8, "scheduled_job"]]);
    const onPush = src("on: [push]", "jobs:", "  t:", "    steps:", "      - run: python nas_sync.py --dry-run");
    expect(found(".github/workflows/ci.yml", onPush)).toEqual([[5, "sync_invocation"]]);
  });

  it("finds Python schedulers that run a sync function, by name or because the function runs sync code", () => {
    const text = src(
      "def refresh():",
      '    subprocess.run(["python", "nas_sync.py"])',
      "",
      "def tidy():",
      "    store.vacuum()",
      "",
      "schedule.every(30).minutes.do(sync_database)",
      "scheduler.add_job(refresh, 'interval', minutes=15)",
      "app.job_queue.run_repeating(trigger_dashboard_sync, interval=600)",
      'schedule.every().day.at("03:00").do(tidy)',
      'scheduler.add_job(func=sync_database, trigger="interval", minutes=5)',
    );
    expect(found("jobs.py", text)).toEqual([
      [2, "sync_invocation"],
      [7, "scheduled_job"],
      [8, "scheduled_job"],
      [9, "scheduled_job"],
      [11, "scheduled_job"],
    ]);
  });

  it("reports a systemd timer whose unit runs sync code or is named as a sync, at its schedule line", () => {
    const timer = src(
      "[Unit]",
      "Description=every 15 minutes",
      "",
      "[Timer]",
      "OnCalendar=*:0/15",
      "Unit=ytv2-push.service",
    );
    expect(timerHit("deploy/ytv2-push.timer", timer, new Set(["ytv2-push.service"]))).toMatchObject({
      line: 5,
      kind: "scheduled_job",
    });
    expect(timerHit("deploy/ytv2-push.timer", timer, new Set())).toBeUndefined();
    expect(timerHit("deploy/nas-sync.timer", src("[Timer]", "OnBootSec=5min"), new Set())).toMatchObject({ line: 2 });
    expect(timerHit("deploy/logrotate.timer", src("[Timer]", "OnCalendar=daily"), new Set())).toBeUndefined();
  });
});
