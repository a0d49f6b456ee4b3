// Import of a generated 1 MB draft: read, split and store, in a fresh SQLite file.
import path from "node:path";
import { tempDir } from "../helpers/database";
import type { BenchRow } from "./run";

function toRoman(n: number): string {
  const table: [number, string][] = [[100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [value, letters] of table) for (; n >= value; n -= value) out += letters;
  return out;
}

/** A plan-shaped draft of about `targetBytes`: roman parts, numbered items, dash lists. */
export function generateDraft(targetBytes: number): string {
  const sentence =
    "Các sở, ban, ngành, địa phương tổ chức triển khai thực hiện nhiệm vụ được giao, bảo đảm tiến độ, chất lượng và hiệu quả; định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh.";
  const out = ["KẾ HOẠCH", "Thực hiện chương trình chuyển đổi số giai đoạn 2026 - 2030", "Căn cứ Luật Tổ chức chính quyền địa phương,"];
  let size = 0;
  for (let part = 0; size < targetBytes; part++) {
    out.push(`${toRoman(part + 1)}. PHẦN THỨ ${part + 1}`);
    for (let item = 1; item <= 12 && size < targetBytes; item++) {
      out.push(`${item}. Nhiệm vụ số ${item} của phần ${part + 1}`);
      for (let p = 0; p < 4; p++) out.push(`- ${sentence}`);
      size = Buffer.byteLength(out.join("\n\n"));
    }
  }
  out.push("Nơi nhận:", "- Như trên;", "- Lưu: VT.");
  return out.join("\n\n");
}

export async function benchImport(): Promise<BenchRow[]> {
  const dir = tempDir("portal-bench-");
  process.env.DATABASE_URL = `file:${path.join(dir, "portal.db")}`;
  const { migrate } = await import("~/utils/migrate.server");
  const { getDb, tuneConnection } = await import("~/utils/db.server");
  const { getEnv } = await import("~/utils/env.server");
  const { readDraft } = await import("~/utils/draft-import.server");
  const { createDraft } = await import("~/models/document.server");
  migrate(getEnv().databasePath);
  const db = getDb();
  await tuneConnection(db);

  const text = generateDraft(1024 * 1024);
  const source = Buffer.from(text, "utf8");
  const runs: number[] = [];
  let sections = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const { format, split } = await readDraft(source, "du-thao.txt");
    const imported = await createDraft(db, { title: "Bench", sourceFilename: "du-thao.txt", sourceFormat: format, source, split }, { now: new Date() });
    runs.push(performance.now() - started);
    sections = imported.sections.length;
  }
  await db.$disconnect();
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return [
    {
      name: `import of a generated ${(source.length / 2 ** 20).toFixed(2)} MB .txt draft (${sections} sections), median of 5`,
      figure: `${Math.round(median)} ms (slowest ${Math.round(sorted.at(-1)!)} ms)`,
      target: "< 1 s",
      met: median < 1000,
    },
  ];
}
