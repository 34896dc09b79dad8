import { randomBytes } from "node:crypto";
import type pg from "pg";
import { runRolledBackChecks, type ProbeStep } from "@/lib/target/rolled-back-checks";
import type { CheckResult } from "@/lib/workflow/types";
import { CARD_SORTS, type Card } from "./card";
import { listCards, readCardDetail, readFacets } from "./dashboard-pg";
import { insertSummary, upsertContent } from "./nas-writes";

/**
 * The Schema step's contract self-test (YTV2-CONTRACT.md): inside a transaction that is always
 * rolled back, the NAS's cutover-era writes, then the Dashboard's reads, each as a named check;
 * a read must see what the writes wrote (one failing statement fails only its own check).
 */

export async function runContractSelfTest(client: pg.ClientBase): Promise<CheckResult[]> {
  const token = `probe${randomBytes(6).toString("hex")}`;
  const reddit = `reddit:${token}`;
  const youtube = `zz${randomBytes(9).toString("base64url").slice(0, 9)}`;
  const category = `Contract ${token}`;
  const later = new Date(Date.now() + 86_400_000);
  const ids = (cards: Card[]) => cards.map((c) => c.video_id);

  const steps: ProbeStep[] = [
    {
      name: "Contract: the NAS's content upsert (no id, a reddit: key, language en-US)",
      run: async () => {
        const first = await upsertContent(client, {
          video_id: reddit,
          title: "Thread about databases",
          channel_name: "r/contract",
          indexed_at: later,
          duration_seconds: null,
          thumbnail_url: null,
          canonical_url: `https://www.reddit.com/comments/${token}`,
          subcategories_json: null,
          analysis_json: {
            language: "en-US",
            content_type: "discussion",
            categories: [{ category, subcategories: ["Threads"] }],
          },
          topics_json: ["databases"],
          has_audio: null,
          language: "en-US",
        });
        const again = await upsertContent(client, {
          video_id: reddit,
          title: "Thread about databases, edited",
          channel_name: "r/contract",
          indexed_at: later,
          analysis_json: {
            language: "en-US",
            content_type: "discussion",
            categories: [{ category, subcategories: ["Threads"] }],
          },
          language: "en-US",
        });
        const { rows } = await client.query<{ id: string | null; language: string; title: string }>(
          "SELECT id, language, title FROM content WHERE video_id = $1",
          [reddit],
        );
        const row = rows[0];
        const ok =
          first.inserted &&
          !again.inserted &&
          row?.id === null &&
          row.language === "en-US" &&
          row.title.endsWith("edited");
        return {
          ok,
          detail: ok
            ? `inserted ${reddit}, then updated it on video_id`
            : `row after two upserts: ${JSON.stringify(row ?? null)}`,
        };
      },
    },
    {
      name: "Contract: the NAS's summary inserts (no is_latest, a re-summary at revision 1, a free-text variant)",
      run: async () => {
        const first = await insertSummary(client, {
          video_id: reddit,
          variant: "comprehensive",
          text: "A first summary.",
          html: "<p>A first summary.</p>",
        });
        const again = await insertSummary(client, {
          video_id: reddit,
          variant: "comprehensive",
          text: `A second summary mentioning ${token}-summary.`,
          html: `<p>A second summary mentioning ${token}-summary.</p>`,
        });
        const free = await insertSummary(client, {
          video_id: reddit,
          variant: "audio-fr:intermediate",
          text: "Un résumé.",
          html: "<p>Un résumé.</p>",
        });
        const ok = first.isLatest && again.revision === 2 && again.isLatest && free.isLatest;
        return {
          ok,
          detail: `revision 1 → ${first.revision}${first.isLatest ? " (latest)" : ""}; re-summary at 1 → ${again.revision}${again.isLatest ? " (latest)" : ""}; audio-fr:intermediate → ${free.revision}${free.isLatest ? " (latest)" : ""}`,
        };
      },
    },
    {
      name: "Contract: a NAS report with a yt: id",
      run: async () => {
        await upsertContent(client, {
          video_id: youtube,
          id: `yt:${youtube}`,
          title: `Video on ${token} indexes`,
          channel_name: "Contract Channel",
          indexed_at: later,
          subcategories_json: { categories: [{ category, subcategories: ["Indexes"] }] },
          analysis_json: { language: "fr" },
          language: "fr",
          has_audio: true,
        });
        const summary = await insertSummary(client, {
          video_id: youtube,
          variant: "key-points",
          text: "- One point.",
          html: '<ul class="kp-list"><li>One point.</li></ul>',
        });
        return { ok: summary.isLatest, detail: `${youtube} with id yt:${youtube} and a key-points summary` };
      },
    },
    {
      name: "Contract: the Dashboard's card list under each sort, the writes listed",
      run: async () => {
        const missing: string[] = [];
        for (const sort of CARD_SORTS) {
          await listCards(client, { sort });
          const page = await listCards(client, { sort, search: token });
          if (page.total_count !== 2 || !ids(page.cards).includes(reddit) || !ids(page.cards).includes(youtube))
            missing.push(`${sort} (${page.total_count})`);
        }
        const card = (await listCards(client, { search: token })).cards.find((c) => c.video_id === reddit);
        const ok = missing.length === 0 && card?.summary?.text?.includes(`${token}-summary`) === true;
        return {
          ok,
          detail: ok
            ? `${CARD_SORTS.length} sorts each list both writes (one found by its summary); the card shows the re-summary`
            : `sorts missing the writes: ${missing.join(", ") || "none"}; card summary ${JSON.stringify(card?.summary?.text ?? null)}`,
        };
      },
    },
    {
      name: "Contract: category filter by JSONB containment",
      run: async () => {
        const page = await listCards(client, { category });
        const ok = page.total_count === 2 && ids(page.cards).includes(reddit) && ids(page.cards).includes(youtube);
        return {
          ok,
          detail: `category "${category}": ${page.total_count} card(s) (analysis_json and subcategories_json)`,
        };
      },
    },
    {
      name: "Contract: language filter",
      run: async () => {
        const page = await listCards(client, { language: "en-US", search: token });
        const ok = page.total_count === 1 && page.cards[0]?.video_id === reddit;
        return { ok, detail: `language en-US among the writes: ${ids(page.cards).join(", ") || "none"}` };
      },
    },
    {
      name: "Contract: search on title or summary, title matches first",
      run: async () => {
        const byTitle = await listCards(client, { search: `${token} indexes` });
        const both = await listCards(client, { search: token, sort: "title_az" });
        const bySummary = await listCards(client, { search: `${token}-summary` });
        const ok =
          ids(byTitle.cards).join() === youtube &&
          ids(bySummary.cards).join() === reddit &&
          ids(both.cards)[0] === youtube &&
          ids(both.cards)[1] === reddit;
        return {
          ok,
          detail: `by title: ${ids(byTitle.cards).join()}; by summary: ${ids(bySummary.cards).join()}; sorted A–Z, title match first: ${ids(both.cards).join(", ")}`,
        };
      },
    },
    {
      name: "Contract: facets",
      run: async () => {
        const facets = await readFacets(client);
        const count = (list: { value: string; count: number }[], value: string) =>
          list.find((f) => f.value === value)?.count ?? 0;
        const ok =
          count(facets.categories, category) === 2 &&
          count(facets.subcategories, "Threads") >= 1 &&
          count(facets.language, "en-US") >= 1 &&
          count(facets.content_type, "discussion") >= 1;
        return {
          ok,
          detail: `category "${category}" ${count(facets.categories, category)}, language en-US ${count(facets.language, "en-US")}`,
        };
      },
    },
    {
      name: "Contract: detail by video_id and by yt: id",
      run: async () => {
        const byKey = await readCardDetail(client, reddit);
        const byId = await readCardDetail(client, `yt:${youtube}`);
        const ok =
          byKey?.card.video_id === reddit &&
          byKey.summaries.some((s) => s.variant === "audio-fr:intermediate") &&
          byId?.card.video_id === youtube &&
          byId.listed;
        return {
          ok,
          detail: `${reddit} → ${byKey?.summaries.length ?? 0} latest summaries; yt:${youtube} → ${byId?.card.video_id ?? "not found"}`,
        };
      },
    },
  ];

  return runRolledBackChecks(client, steps);
}
