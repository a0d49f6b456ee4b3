import { freshBenchDb, storeDemoDraft } from "./bench-db";
import type { BenchRow } from "./run";

const RECIPIENTS = 500;

export async function benchPublish(): Promise<BenchRow[]> {
  const { db } = await freshBenchDb("portal-bench-publish-");
  const { consultationSpecSchema } = await import("~/domain/consultation-spec");
  const { createConsultation } = await import("~/models/consultation.server");
  const { publishConsultation } = await import("~/models/publish.server");
  const { CONSOLE_ACTOR } = await import("~/domain/actor");
  try {
    const now = new Date();
    const versionId = await storeDemoDraft(db, now);
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
