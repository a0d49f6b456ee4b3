// Whether a recipient may still comment, agree, edit or withdraw at this instant. Enforced on the
// server at the exact instant; the page only mirrors it.
import type { LatePolicy } from "./consultation";

export interface RespondFacts {
  publishedAt: Date | null;
  opensAt: Date;
  deadlineAt: Date;
  latePolicy: LatePolicy | string;
  extensionUntil: Date | null;
}

export type RespondVerdict = { ok: true; late: boolean } | { ok: false; reason: string };

export function mayRespond(f: RespondFacts, now: Date, { allowLate = true } = {}): RespondVerdict {
  if (!f.publishedAt || now < f.opensAt) return { ok: false, reason: "Đợt lấy ý kiến này chưa mở." };
  const t = now.getTime();
  if (t <= f.deadlineAt.getTime()) return { ok: true, late: false };
  if (f.extensionUntil && t <= f.extensionUntil.getTime()) return { ok: true, late: false };
  if (allowLate && f.latePolicy === "accept_marked") return { ok: true, late: true };
  return {
    ok: false,
    reason: f.extensionUntil
      ? "Thời hạn gia hạn góp ý của đồng chí đã kết thúc; hệ thống không nhận thêm ý kiến."
      : "Đã hết hạn góp ý; hệ thống không nhận thêm ý kiến, thống nhất hay chỉnh sửa.",
  };
}
