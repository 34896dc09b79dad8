import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Dashboard's `GET /health/backend` (YTV2-CONTRACT.md §4) on 127.0.0.1:
 * answers whatever `answers` holds next (the last one repeats), so a test can play a restart
 * that takes a few polls, a wrong backend, a wrong count or a broken reply.
 */
export type HealthAnswer = { status?: number; body: unknown } | "hang";

export type HealthServer = {
  url: string;
  answers: HealthAnswer[];
  requests: number;
  close(): Promise<void>;
};

export async function startHealthServer(answers: HealthAnswer[]): Promise<HealthServer> {
  const state = { answers, requests: 0 };
  const server = http.createServer((request, response) => {
    if (request.url !== "/health/backend") {
      response.writeHead(404).end();
      return;
    }
    state.requests++;
    const answer = state.answers.length > 1 ? state.answers.shift()! : state.answers[0]!;
    if (answer === "hang") return;
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    response.writeHead(answer.status ?? 200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get answers() {
      return state.answers;
    },
    set answers(next) {
      state.answers = next;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
