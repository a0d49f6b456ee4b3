// Each audit event as a Vietnamese sentence for the Office's log of a consultation: who did what,
// when. Pure: the model resolves the actor's name and what the entity is (an organisation, for a
// recipient, an extension request or a comment) and hands them in. Events added without a sentence
// still read as a generic one at run time; audit-text.test.ts fails until each known name has its own.
import type { AuditEventName, AuditPayloads } from "./audit";
import { DISPOSITION_LABELS, isDispositionKind } from "./report";
import { formatVnDateTime } from "./time";

export interface AuditLine {
  event: string;
  payload: unknown;
  /** null for the command line or the portal itself. */
  actor: { name: string; role: string } | null;
  /** What the event is about, in words ("Sở Y tế"), when the model could tell. */
  subject: string | null;
}

/** Events the portal records by itself, not on anyone's behalf. */
const SYSTEM_EVENTS = new Set<string>(["reminders.queued", "summary.queued", "demo.loaded", "disposition.needs_review", "consultation.opened"]);

const ROLE_NAMES: Record<string, string> = { office: "Văn phòng", recipient: "người được lấy ý kiến", public: "người dân" };

/** "Nguyễn Văn A (Văn phòng)", "Dòng lệnh" or "Hệ thống". */
export function auditActorName(line: Pick<AuditLine, "event" | "actor">): string {
  if (line.actor) return ROLE_NAMES[line.actor.role] ? `${line.actor.name} (${ROLE_NAMES[line.actor.role]})` : line.actor.name;
  return SYSTEM_EVENTS.has(line.event) ? "Hệ thống" : "Dòng lệnh";
}

const when = (iso: string | null | undefined) => (iso ? formatVnDateTime(new Date(iso)) : "…");
const kindLabel = (kind: string | null | undefined) => (kind && isDispositionKind(kind) ? DISPOSITION_LABELS[kind] : (kind ?? ""));
const ofWhom = (subject: string | null) => (subject ? ` của ${subject}` : "");
const SCOPES: Record<string, string> = { general: "góp ý chung cho dự thảo", section: "góp ý cho một phần, mục", passage: "góp ý cho một đoạn" };

type Phrase<E extends AuditEventName> = (p: AuditPayloads[E], subject: string | null) => string;

/** What the actor did, after "đã". Partial on purpose: names added elsewhere fall back at run time. */
export const AUDIT_PHRASES: { [E in AuditEventName]?: Phrase<E> } = {
  "draft.imported": (p) => `nhập dự thảo “${p.title}” (phiên bản ${p.versionNumber}, ${p.sections} phần, mục)`,
  "consultation.created": (p) =>
    `tạo đợt lấy ý kiến “${p.title}” với ${p.recipients} người được lấy ý kiến, hạn góp ý ${when(p.deadlineAt)}${
      p.published ? `, công bố và gửi ${p.invited} thư mời` : ", chưa công bố"
    }`,
  "recipient.added": (p, s) => `thêm ${s ?? p.organization} (${p.title}, ${p.email}) vào danh sách lấy ý kiến${p.invited ? " và gửi thư mời" : ""}`,
  "comment.created": (p) => `gửi ${SCOPES[p.scope] ?? "góp ý"}${p.late ? " (quá hạn)" : ""}`,
  "comment.edited": (p) => `sửa một ý kiến góp ý (lần sửa thứ ${p.revision})`,
  "comment.withdrawn": (p) => `rút một ý kiến góp ý${p.decidedKind ? ` đã được xử lý (${kindLabel(p.decidedKind)})` : ""}`,
  "recipient.agreed": (p) => `thống nhất với dự thảo${p.late ? " (quá hạn)" : ""}`,
  "comment.restored": (p) => `khôi phục một ý kiến góp ý đã rút${p.decidedKind ? ` (đã được xử lý: ${kindLabel(p.decidedKind)})` : ""}`,
  "recipient.agreement_retracted": () => "rút lại ý kiến thống nhất với dự thảo",
  "extension.requested": (p) => `đề nghị gia hạn góp ý đến ${when(p.until)}`,
  "extension.decided": (p, s) =>
    p.granted ? `gia hạn cho ${s ?? "người được lấy ý kiến"} đến ${when(p.until)}` : `không đồng ý gia hạn cho ${s ?? "người được lấy ý kiến"}`,
  "disposition.set": (p, s) =>
    p.previousKind
      ? `đổi ý kiến xử lý một góp ý${ofWhom(s)} từ “${kindLabel(p.previousKind)}” thành “${kindLabel(p.kind)}”`
      : `xử lý một góp ý${ofWhom(s)}: “${kindLabel(p.kind)}”`,
  "disposition.needs_review": (p, s) => `đánh dấu cần xem lại ý kiến xử lý “${kindLabel(p.kind)}” của một góp ý${ofWhom(s)} vì người góp ý đã sửa nội dung`,
  "disposition.confirmed": (p, s) => `giữ nguyên “${kindLabel(p.kind)}” cho nội dung mới của một góp ý${ofWhom(s)}`,
  "reminders.queued": (p) => `xếp thư nhắc cho ${p.recipients} người chưa phản hồi (đợt nhắc ${when(p.slot)})`,
  "reminders.scheduled": (p) =>
    p.slots.length ? `đặt lịch nhắc: ${p.slots.map((s) => `${s.daysBefore} ngày trước hạn lúc ${s.at}`).join(", ")}` : "bỏ lịch nhắc",
  "summary.queued": (p) => `gửi Văn phòng thư tổng hợp kết quả (${p.asked} người được lấy ý kiến)`,
  "demo.loaded": () => "nạp dữ liệu mẫu",
  "session.revoked": (p) => `kết thúc ${p.sessions} phiên đăng nhập`,
  "office.profile_saved": (p) => `lưu cài đặt của Văn phòng${p.changed.length ? ` (${p.changed.join(", ")})` : ""}`,
  "letter.edited": (p) => `sửa công văn xin ý kiến${p.changed.length ? ` (${p.changed.join(", ")})` : ""}`,
  "letter.corrected": (p) =>
    `sửa lỗi chính tả trong công văn đã công bố: ${p.changes.map((c) => `${c.field} “${c.before}” thành “${c.after}”`).join("; ")} (không gửi lại thư mời)`,
  "rules.changed": (p) => `đổi thời hạn, quy tắc: ${p.changes.map((c) => `${c.field} từ “${c.before}” thành “${c.after}”`).join("; ")}`,
  "consultation.published": (p) =>
    p.scheduled ? `công bố đợt lấy ý kiến, hẹn mở lúc ${when(p.opensAt)} (thư mời gửi lúc đó)` : `công bố đợt lấy ý kiến và gửi ${p.invited} thư mời`,
  "consultation.opened": (p) => `mở đợt lấy ý kiến đúng giờ hẹn và gửi ${p.invited} thư mời`,
  "deadline.extended": (p) =>
    `gia hạn cho tất cả từ ${when(p.from)} đến ${when(p.to)} và báo cho ${p.notified} người${p.mootExtensions ? ` (${p.mootExtensions} gia hạn riêng không còn tác dụng)` : ""}`,
  "consultation.closed_early": (p) => `kết thúc sớm đợt lấy ý kiến (hạn cũ ${when(p.previousDeadline)})`,
  "result.published": (p) =>
    `công bố kết quả tiếp thu, giải trình${p.public ? " (bảng tổng hợp được công khai)" : ""} và gửi thư báo cho ${p.emailed} người có ý kiến${
      p.undecided ? `; khi đó còn ${p.undecided} ý kiến chưa xử lý` : ""
    }`,
  "recipient.removed": (p, s) => `bỏ ${s ?? p.email} khỏi danh sách lấy ý kiến${p.comments ? ` (giữ lại ${p.comments} ý kiến đã gửi)` : ""}`,
  "invitation.resent": (p, s) => `gửi lại thư mời cho ${s ?? p.email} (lần ${p.resend}, kèm liên kết đăng nhập mới)`,
  "contact.saved": (p) => `${p.created ? "thêm" : "sửa"} ${p.email} trong danh bạ`,
  "contact.removed": (p) => `xóa ${p.email} khỏi danh bạ`,
  "contacts.imported": (p) => `nhập danh bạ: thêm ${p.created}, cập nhật ${p.updated} người`,
  "office.account_added": (p) => `${p.reenabled ? "mở lại" : "thêm"} tài khoản Văn phòng ${p.email}`,
  "office.account_removed": (p) => `xóa tài khoản Văn phòng ${p.email} (kết thúc ${p.sessionsRevoked} phiên đăng nhập)`,
  "mailbox.opened": (p) => `mở thư gửi ${p.toEmail} trong hộp thư cục bộ${p.masked ? " (mã và liên kết đăng nhập được che)" : ""}`,
};

/** "Nguyễn Văn A (Văn phòng) đã gia hạn cho Sở Y tế đến 23:59 ngày 10/12/2026". */
export function auditSentence(line: AuditLine): string {
  const phrase = (AUDIT_PHRASES as Record<string, Phrase<AuditEventName> | undefined>)[line.event];
  let what: string;
  try {
    what = phrase ? phrase(line.payload as never, line.subject) : genericPhrase(line);
  } catch {
    // A payload of an older shape than the phrase expects still reads as something.
    what = genericPhrase(line);
  }
  return `${auditActorName(line)} đã ${what}`;
}

function genericPhrase(line: AuditLine): string {
  return `thực hiện thao tác “${line.event}”${line.subject ? ` (${line.subject})` : ""}`;
}
