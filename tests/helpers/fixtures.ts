// Small builders for test data that goes through the real model functions.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "~/utils/db.server";
import { ROOT } from "./cli";

let versionId: string | null = null;

/** The seed draft, imported once per test file. */
export async function seedDraftVersion(db: Db): Promise<string> {
  if (versionId) return versionId;
  const { readDraft } = await import("~/imports/draft.server");
  const { createDraft } = await import("~/models/document.server");
  const source = fs.readFileSync(path.join(ROOT, "prisma/demo/draft-plan.md"));
  const { format, split } = await readDraft(source, "draft-plan.md");
  versionId = (
    await createDraft(db, { title: "Kế hoạch thử nghiệm", sourceFilename: "draft-plan.md", sourceFormat: format, source, split }, { now: new Date() })
  ).versionId;
  return versionId;
}

export interface TestRecipient {
  name: string;
  email: string;
  title?: string;
  organization?: string;
}

export async function createTestConsultation(
  db: Db,
  opts: { now: Date; deadline: Date; recipients: TestRecipient[]; publish?: boolean; silenceIsConsent?: boolean; officeEmail?: string; title?: string },
) {
  const { consultationSpecSchema } = await import("~/domain/consultation-spec");
  const { createConsultation } = await import("~/models/consultation.server");
  const spec = consultationSpecSchema.parse({
    documentVersionId: await seedDraftVersion(db),
    title: opts.title ?? "Dự thảo Kế hoạch thử nghiệm",
    issuingBody: "Văn phòng Ủy ban nhân dân tỉnh",
    parentBody: "Ủy ban nhân dân thành phố Cần Thơ",
    officeEmail: opts.officeEmail ?? "vanphong@cantho.example.gov.vn",
    letter: {
      number: "…/VP-VX",
      place: "Cần Thơ",
      subject: "lấy ý kiến đối với dự thảo Kế hoạch thử nghiệm",
      addressees: ["- Thành viên Ủy ban nhân dân thành phố;"],
      body: "Đề nghị các đồng chí góp ý.",
      signerTitle: "CHÁNH VĂN PHÒNG",
      signerName: "Nguyễn Văn Ký",
    },
    opensAt: opts.now.toISOString(),
    deadline: opts.deadline.toISOString(),
    silenceIsConsent: opts.silenceIsConsent ?? true,
    publish: opts.publish ?? true,
    recipients: opts.recipients.map((r) => ({ title: "Giám đốc", organization: `Sở của ${r.name}`, ...r })),
  });
  return createConsultation(db, spec, { now: opts.now });
}
