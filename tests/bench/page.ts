// The consultation page served by the production build: 10 connections for 20 s.
import autocannon from "autocannon";
import { startServer } from "../helpers/server";
import type { BenchRow } from "./run";

export async function benchConsultationPage(): Promise<BenchRow[]> {
  const server = await startServer();
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)?.[1];
    if (!pagePath) throw new Error("the demo consultation is not listed");
    const url = `${server.url}${pagePath}`;
    await autocannon({ url, connections: 10, duration: 3 }); // warm-up
    const r = await autocannon({ url, connections: 10, duration: 20 });
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx responses, ${r.errors} errors`);
    const bytes = Math.round(r.throughput.average / Math.max(r.requests.average, 1) / 1024);
    return [
      { name: "consultation page (demo, 37 sections), 10 connections, 20 s: requests/s", figure: `${Math.round(r.requests.average)} (${bytes} KiB each)`, target: "—", met: null },
      { name: "consultation page: latency p50", figure: `${r.latency.p50} ms`, target: "—", met: null },
      { name: "consultation page: latency p99", figure: `${r.latency.p99} ms`, target: "< 50 ms", met: r.latency.p99 < 50 },
    ];
  } finally {
    await server.stop();
  }
}
