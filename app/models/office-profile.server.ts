// The Office's profile: one row that every new request letter is prefilled from.
import { type Actor, actorId, authorize } from "~/domain/actor";
import { DEFAULT_MIN_PERIOD_DAYS, type OfficeProfileInput } from "~/domain/forms/office-profile";
import type { Result } from "~/domain/result";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

const ID = "office";

export interface OfficeProfile extends OfficeProfileInput {
  saved: boolean;
}

/** What the settings page and a new letter start from; an Office that never saved gets empty fields. */
export async function getOfficeProfile(db: Db | Tx): Promise<OfficeProfile> {
  const row = await db.officeProfile.findUnique({ where: { id: ID } });
  if (!row) {
    return {
      saved: false,
      parentBody: "",
      issuingBody: "",
      place: "",
      signerTitle: "",
      signerName: "",
      numberPattern: "…/VP",
      distribution: ["Như trên;", "Lưu: VT."],
      officeEmail: null,
      minPeriodDays: DEFAULT_MIN_PERIOD_DAYS,
    };
  }
  const { id: _id, updatedAt: _at, distribution, ...rest } = row;
  return { ...rest, saved: true, distribution: JSON.parse(distribution) as string[] };
}

export async function saveOfficeProfile(db: Db, actor: Actor, input: OfficeProfileInput, now: Date): Promise<Result> {
  const refused = authorize(actor, "office.manage");
  if (refused) return refused;
  const data = { ...input, distribution: JSON.stringify(input.distribution), updatedAt: now };
  return db.$transaction(async (tx) => {
    const before = await getOfficeProfile(tx);
    const changed = (Object.keys(input) as (keyof OfficeProfileInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
    await tx.officeProfile.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data });
    await recordAudit(tx, { event: "office.profile_saved", actorId: actorId(actor), entityType: "OfficeProfile", entityId: ID, payload: { changed } }, now);
    return { ok: true as const };
  });
}
