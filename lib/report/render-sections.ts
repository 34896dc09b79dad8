import { QUARANTINE_LOOK, isQuarantineReason } from "../common/quarantine-reasons";
import { esc, mark, table } from "./html";
import type {
  CategorizationCountFacts,
  CategorizationRecordsFacts,
  CategoryEntryFacts,
  EvidenceSection,
  QuarantineFacts,
} from "./types";

/** The report's sections after the steps and the audit log; every value escaped. */
const unavailable = (id: string, title: string, note: string) =>
  `<section id="${id}">\n<h2>${esc(title)}</h2>\n<p class="none">${esc(note)}</p>\n</section>`;

export function renderCategorizationCount(facts: CategorizationCountFacts): string {
  const title = "The categorization count, by each definition";
  if (!facts.available) return unavailable("categorization-count", title, facts.note);
  const rows = facts.definitions.map((d) => [
    `${esc(d.label)}${d.ours ? " <strong>(ours)</strong>" : ""}`,
    esc(d.counts.nas),
    esc(d.counts.dashboard),
    esc(d.counts.union),
  ]);
  return `<section id="categorization-count">
<h2>${esc(title)}</h2>
<p>Counted on the approved backup ${esc(facts.backupId)} (run #${esc(facts.backupRunId)}), one video per derived key, the row the merge uses. Expected on the Dashboard: ${esc(facts.expected)}.</p>
${table(["Definition", "NAS", "Dashboard", "Both (videos)"], rows, { className: "counts" })}
</section>`;
}

function categories(list: CategoryEntryFacts[] | null): string {
  if (list === null) return `<span class="none">no row</span>`;
  if (list.length === 0) return `<span class="none">none</span>`;
  const items = list.map((c) => `<li>${esc(c.category)}: ${c.subcategories.map(esc).join(", ") || "—"}</li>`);
  return `<ul class="cats">${items.join("")}</ul>`;
}

export function renderCategorizationRecords(facts: CategorizationRecordsFacts): string {
  const title = "Categorization records";
  if (!facts.available) return unavailable("categorization-records", title, facts.note);
  const tally = new Map<string, number>();
  for (const r of facts.records) tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
  const summary = [...tally].map(([status, n]) => `${mark(status)} ${esc(n)}`).join(", ");
  const rows = facts.records.map((r, i) => [
    esc(i + 1),
    `<span class="mono id">${esc(r.videoId)}</span>`,
    esc(r.title),
    categories(r.nas),
    categories(r.dashboard),
    categories(r.postgres),
    `${mark(r.status)}<br>verify: ${esc(r.verified)}`,
  ]);
  return `<section id="categorization-records">
<h2>${esc(title)} (${esc(facts.records.length)})</h2>
<p>Plan #${esc(facts.planId)} (hash <span class="mono">${esc(facts.planHash ?? "none")}</span>). Each side's categories as the copy read them, PostgreSQL's now, and the merged source compared with PostgreSQL: ${summary || "no records"}.</p>
${facts.targetError ? `<p>${mark("unknown", "PostgreSQL could not be read")}: ${esc(facts.targetError)}</p>` : ""}
${table(["#", "Video", "Title", "NAS", "Dashboard", "PostgreSQL", "Comparison"], rows, { className: "records" })}
</section>`;
}

export function renderQuarantine(facts: QuarantineFacts): string {
  const title = "Quarantine by reason";
  if (!facts.available) return unavailable("quarantine", title, facts.note);
  const rows = facts.byReason.map((r) => [
    esc(isQuarantineReason(r.reason) ? QUARANTINE_LOOK[r.reason].label : r.reason),
    esc(isQuarantineReason(r.reason) ? QUARANTINE_LOOK[r.reason].means : ""),
    esc(r.rows),
    esc(r.videos),
  ]);
  return `<section id="quarantine">
<h2>${esc(title)}</h2>
<p>Plan #${esc(facts.planId)} sets ${esc(facts.total)} source rows aside in quarantine (the copy writes them, with their original values, to migration_quarantine).</p>
${rows.length ? table(["Reason", "What it means", "Rows", "Videos"], rows) : `<p class="none">Nothing is quarantined.</p>`}
</section>`;
}

export function renderLaterSection(section: EvidenceSection): string {
  const tables = section.tables.map((t) =>
    table(
      t.columns,
      t.rows.map((row) => row.map(esc)),
      { caption: t.caption },
    ),
  );
  const pending = section.state === "not_run" ? ' class="pending"' : "";
  return `<section id="${esc(section.id)}"${pending}>
<h2>${esc(section.title)} — ${mark(section.state, section.state === "not_run" ? "not run yet" : "recorded")}</h2>
<p${section.state === "not_run" ? ' class="none"' : ""}>${esc(section.note)}</p>
${section.lines.map((line) => `<p>${esc(line)}</p>`).join("\n")}
${tables.join("\n")}
</section>`;
}
