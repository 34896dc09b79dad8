import path from "node:path";

/**
 * How a file is read. `docs` are runbooks (every line is prose the owner follows); `ignore`
 * files (.gitignore, .dockerignore) list paths to leave out and never start anything.
 */
export type FileType =
  | "python"
  | "shell"
  | "script"
  | "sql"
  | "yaml"
  | "docs"
  | "env"
  | "crontab"
  | "systemd"
  | "dockerfile"
  | "procfile"
  | "json"
  | "toml"
  | "ini"
  | "text"
  | "ignore";

export type FileInfo = {
  /** relative path with forward slashes */
  file: string;
  type: FileType;
  /** docker-compose / compose.yaml: its commands are containers that start */
  compose: boolean;
  /** a YAML file with a schedule (CI workflow, Render cron, Kubernetes CronJob): its commands run on a timer */
  scheduled: boolean;
};

const BY_EXTENSION: Record<string, FileType> = {
  ".py": "python",
  ".pyw": "python",
  ".sh": "shell",
  ".bash": "shell",
  ".zsh": "shell",
  ".js": "script",
  ".mjs": "script",
  ".cjs": "script",
  ".ts": "script",
  ".jsx": "script",
  ".tsx": "script",
  ".html": "script",
  ".sql": "sql",
  ".yml": "yaml",
  ".yaml": "yaml",
  ".md": "docs",
  ".markdown": "docs",
  ".rst": "docs",
  ".txt": "docs",
  ".adoc": "docs",
  ".env": "env",
  ".cron": "crontab",
  ".crontab": "crontab",
  ".service": "systemd",
  ".timer": "systemd",
  ".dockerfile": "dockerfile",
  ".json": "json",
  ".toml": "toml",
  ".ini": "ini",
  ".cfg": "ini",
  ".conf": "ini",
};

/** Decides from the path and, for a file without extension, its shebang. */
export function classifyFile(file: string, firstLine: string): FileType {
  const base = path.posix.basename(file);
  const lower = base.toLowerCase();
  if (/^\.(git|docker|prettier|eslint|npm|helm|slug)ignore$/.test(lower) || lower === ".gitattributes") return "ignore";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower === "containerfile") return "dockerfile";
  if (lower === "procfile" || lower.startsWith("procfile.")) return "procfile";
  if (lower === "crontab" || lower === "crontabs" || /(^|\/)(cron\.d|crontabs?)\//.test(file)) return "crontab";
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env") || lower === "env") return "env";
  const byExtension = BY_EXTENSION[path.posix.extname(lower)];
  if (byExtension) return byExtension;
  if (/^#!.*\bpython/.test(firstLine)) return "python";
  if (/^#!.*\b(ba|z|da)?sh\b/.test(firstLine)) return "shell";
  if (lower === "makefile" || lower === "justfile") return "shell";
  return "text";
}

export function describeFile(file: string, text: string): FileInfo {
  const firstLine = text.split("\n", 1)[0]!;
  const type = classifyFile(file, firstLine);
  const base = path.posix.basename(file).toLowerCase();
  const compose = type === "yaml" && /^(docker-)?compose([.-].*)?\.ya?ml$/.test(base);
  const scheduled = type === "yaml" && /^\s*(schedule|cron)\s*:/m.test(text);
  return { file, type, compose, scheduled };
}
