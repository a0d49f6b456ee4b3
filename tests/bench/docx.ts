// The DOCX export of 100,000 comments over 40 sections, in a child process of its own so that its
// peak memory (maxRSS) is the export's and nobody else's. The rows are generated in batches of
// 1,000, as the report model reads them, each with a realistic length of quote, comment and
// explanation; the file goes to disk.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportHeader, ReportPerson, ReportRow, ReportSummary } from "~/domain/report";
import { ROOT } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import type { BenchRow } from "./run";

const COMMENTS = 100_000;
const SECTIONS = 40;
const BATCH = 1_000;
const RECIPIENTS = 200;

const person = (n: number): ReportPerson => ({
  name: `Nguyễn Văn Người Nhận ${n}`,
  title: `Giám đốc Sở số ${n}`,
  organization: `Sở số ${n}`,
});

function benchHeader(): ReportHeader {
  return {
    consultationId: "bench",
    consultationTitle: "Dự thảo Kế hoạch chuyển đổi số giai đoạn 2026 - 2030",
    parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    numberLine: "Số:        /BC-VP",
    placeAndDate: "Sóc Trăng, ngày 05 tháng 01 năm 2027",
    subject: "lấy ý kiến đối với dự thảo Kế hoạch chuyển đổi số giai đoạn 2026 - 2030",
    deadlineWords: "hết ngày 20/12/2026 (23 giờ 59, giờ Việt Nam)",
    interim: false,
    generatedAt: "2027-01-05T02:00:00.000Z",
  };
}

function benchSummary(): ReportSummary {
  const all = Array.from({ length: RECIPIENTS }, (_, i) => person(i + 1));
  return {
    asked: RECIPIENTS,
    commented: 150,
    agreed: 20,
    deemedAgree: 30,
    noReply: 0,
    awaiting: 0,
    extension: 0,
    people: { commented: all.slice(0, 150), agreed: all.slice(150, 170), deemed_agree: all.slice(170), awaiting: [], extension: [], no_reply: [] },
    extensions: [],
    comments: COMMENTS,
    lateComments: 0,
    decided: COMMENTS / 2,
    silenceIsConsent: true,
  };
}

const SENTENCE =
  "Đề nghị cơ quan soạn thảo bổ sung nhiệm vụ cụ thể, phân công rõ cơ quan chủ trì, cơ quan phối hợp và thời hạn hoàn thành, bảo đảm tính khả thi khi triển khai.";

async function* benchRows(): AsyncGenerator<ReportRow[]> {
  const perSection = COMMENTS / SECTIONS;
  for (let start = 0; start < COMMENTS; start += BATCH) {
    const batch: ReportRow[] = [];
    for (let i = start; i < Math.min(COMMENTS, start + BATCH); i++) {
      const section = Math.floor(i / perSection);
      const who = person((i % 150) + 1);
      batch.push({
        number: i + 1,
        commentId: `comment-${i}`,
        scope: section === 0 ? "general" : i % 2 ? "passage" : "section",
        section: section === 0 ? "Góp ý chung" : `${section}. Nhiệm vụ số ${section} của dự thảo`,
        sectionAnchor: section === 0 ? null : `s${section}`,
        organization: who.organization,
        authorName: who.name,
        authorTitle: who.title,
        quote: i % 2 ? "Các sở, ban, ngành, địa phương tổ chức triển khai thực hiện nhiệm vụ được giao, bảo đảm tiến độ, chất lượng và hiệu quả" : null,
        text: `${SENTENCE} Ý kiến số ${i + 1}.\n\n${SENTENCE}`,
        createdAt: "2026-12-10T03:00:00.000Z",
        updatedAt: "2026-12-10T03:00:00.000Z",
        isLate: false,
        disposition: i % 2 ? "accepted" : null,
        explanation: i % 2 ? "Tiếp thu, đã chỉnh sửa tại khoản 2 Mục II của dự thảo; bổ sung cơ quan phối hợp và thời hạn hoàn thành." : "",
        decidedAt: i % 2 ? "2027-01-04T03:00:00.000Z" : null,
      });
    }
    yield batch;
  }
}

/** In the child: write the file, print time and peak memory as JSON. */
async function child(file: string) {
  const { writeReportDocx } = await import("~/exports/docx.server");
  const started = performance.now();
  await writeReportDocx({ header: benchHeader(), summary: benchSummary(), rows: benchRows() }, fs.createWriteStream(file));
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, bytes: fs.statSync(file).size }));
}

export async function benchReportDocx(): Promise<BenchRow[]> {
  const file = path.join(tempDir("portal-bench-docx-"), "bao-cao.docx");
  const r = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), file], {
    cwd: ROOT,
    env: { ...process.env, DOCX_BENCH_CHILD: "1" },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`DOCX bench child failed (${r.status}): ${r.stderr}`);
  const { ms, maxRssBytes, bytes } = JSON.parse(r.stdout) as { ms: number; maxRssBytes: number; bytes: number };
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const mb = maxRssBytes / 2 ** 20;
  const what = `DOCX export of ${COMMENTS.toLocaleString("en")} comments over ${SECTIONS} sections (synthetic rows, to a file, ${(bytes / 2 ** 20).toFixed(1)} MB)`;
  return [
    { name: `${what}: time`, figure: `${(ms / 1000).toFixed(1)} s`, target: "< 30 s", met: ms < 30_000 },
    { name: `${what}: peak memory of the process (maxRSS)`, figure: `${Math.round(mb)} MB`, target: "< 600 MB", met: mb < 600 },
  ];
}

if (process.env.DOCX_BENCH_CHILD === "1") {
  const file = process.argv[2];
  if (!file) throw new Error("usage: DOCX_BENCH_CHILD=1 node --import tsx tests/bench/docx.ts <file.docx>");
  await child(file);
}
