// Publishing a consultation with 500 recipients, in a fresh SQLite file, through the same
// publishConsultation the Office's "Công bố" and `portal consultation publish` call: every
// invitation (a sign-in token and an outbox row each) queued in the one transaction.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { tempDir } from "../helpers/database";
import type { BenchRow } from "./run";

const RECIPIENTS = 500;

export async function benchPublish(): Promise<BenchRow[]> {
  const dir = tempDir("portal-bench-publish-");
  const databasePath = path.join(dir, "portal.db");
  process.env.DATABASE_URL = `file:${databasePath}`;
  const { migrate } = await import("~/utils/migrate.server");
  const { createDb, tuneConnection } = await import("~/utils/db.server");
  const { readDraft } = await import("~/imports/draft.server");
  const { createDraft } = await import("~/models/document.server");
  const { consultationSpecSchema } = await import("~/domain/consultation-spec");
  const { createConsultation } = await import("~/models/consultation.server");
  const { publishConsultation } = await import("~/models/publish.server");
  const { CONSOLE_ACTOR } = await import("~/domain/actor");
  // Its own client, not the process-wide one: another bench in this process may have opened that.
  migrate(databasePath);
  const db = createDb(databasePath);
  await tuneConnection(db);
  try {
    const now = new Date();
    const source = fs.readFileSync(path.join(ROOT, "prisma", "demo", "draft-plan.md"));
    const { format, split } = await readDraft(source, "draft-plan.md");
    const { versionId } = await createDraft(db, { title: "Bench", sourceFilename: "draft-plan.md", sourceFormat: format, source, split }, { now });
    const spec = consultationSpecSchema.parse({
      documentVersionId: versionId,
      title: "Dự thảo Kế hoạch đo công bố",
      issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
      parentBody: "Ủy ban nhân dân tỉnh Sóc Trăng",
      letter: {
        number: "…/VP-VX",
        place: "Sóc Trăng",
        subject: "lấy ý kiến đối với dự thảo Kế hoạch đo công bố",
        addressees: ["- Thành viên Ủy ban nhân dân tỉnh;"],
        body: "Đề nghị các đồng chí nghiên cứu, góp ý.",
        signerTitle: "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
        signerName: "Trương Quốc Điền",
      },
      deadline: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      publish: false,
      recipients: Array.from({ length: RECIPIENTS }, (_, i) => ({
        name: `Nguyễn Văn Người Nhận ${i}`,
        title: "Giám đốc Sở",
        organization: `Sở số ${i + 1}`,
        email: `nguoi.nhan.${i}@example.gov.vn`,
      })),
    });
    const { consultationId } = await createConsultation(db, spec, { now });

    const started = performance.now();
    const result = await publishConsultation(db, CONSOLE_ACTOR, { consultationId }, new Date());
    const ms = performance.now() - started;
    const queued = await db.outboxMessage.count({ where: { consultationId, kind: "invitation" } });
    if (!result.ok || result.invited !== RECIPIENTS || queued !== RECIPIENTS) {
      throw new Error(`publishing should queue ${RECIPIENTS} invitations: ${JSON.stringify(result)}, ${queued} in the outbox`);
    }
    return [
      {
        name: `publishing a consultation with ${RECIPIENTS} recipients, every invitation queued`,
        figure: `${Math.round(ms)} ms (queues ${queued})`,
        target: "< 2 s",
        met: ms < 2000,
      },
    ];
  } finally {
    await db.$disconnect();
  }
}
