// The consultation page served by the production build: 10 connections for 20 s.
import autocannon from "autocannon";
import { startServer } from "../helpers/server";
import type { BenchRow } from "./run";

async function load(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections: 10, duration: 20, headers });
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return r;
}

function rows(name: string, r: autocannon.Result, p99Target: string): BenchRow[] {
  const kib = Math.round(r.throughput.average / Math.max(r.requests.average, 1) / 1024);
  return [
    { name: `${name}, 10 connections, 20 s: requests/s`, figure: `${Math.round(r.requests.average)} (${kib} KiB each)`, target: "—", met: null },
    {
      name: `${name}: latency p50 / p99`,
      figure: `${r.latency.p50} ms / ${r.latency.p99} ms`,
      target: `p99 ${p99Target}`,
      met: p99Target === "—" ? null : r.latency.p99 < 50,
    },
  ];
}

export async function benchConsultationPage(): Promise<BenchRow[]> {
  const server = await startServer();
  try {
    const list = await (await fetch(server.url)).text();
    const pagePath = /href="(\/lay-y-kien\/[^"]+)"/.exec(list)?.[1];
    if (!pagePath) throw new Error("the demo consultation is not listed");
    const url = `${server.url}${pagePath}`;
    await autocannon({ url, connections: 10, duration: 3 }); // warm-up
    const anonymous = await load(url, {});
    // Any cookie bypasses the page cache: this is what each signed-in official's request costs.
    const rendered = await load(url, { cookie: "__session=bench" });
    return [
      ...rows("consultation page (demo, 37 sections), anonymous reader (page cache, 2 s)", anonymous, "< 50 ms"),
      ...rows("consultation page, rendered for each request (with a cookie)", rendered, "—"),
    ];
  } finally {
    await server.stop();
  }
}
