// "Đợt lấy ý kiến của tôi": every consultation a person is asked in, with their deadline and where
// they stand, in one query however many there are.
import { consultationPath, consultationPhase } from "~/domain/consultation";
import { myStanding } from "~/domain/my-standing";
import { answerDeadline } from "~/domain/silence";
import { formatDeadline, formatTimeLeft, formatVnDateTime } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import type { Db } from "~/utils/db.server";

export interface MyConsultation {
  id: string;
  title: string;
  path: string;
  open: boolean;
  capacity: string;
  deadlineWords: string;
  timeLeft: string | null;
  standing: string;
  comments: number;
  withdrawn: number;
  agreedAt: string | null;
}

const LIMIT = 200;

export async function listMyConsultations(db: Db, viewer: Viewer, now: Date): Promise<MyConsultation[]> {
  const rows = await db.recipient.findMany({
    // Asked once the consultation opened: one scheduled for later has not invited anyone yet.
    where: { userId: viewer.userId, removedAt: null, consultation: { publishedAt: { not: null }, opensAt: { lte: now } } },
    orderBy: { consultation: { deadlineAt: "desc" } },
    take: LIMIT,
    select: {
      title: true,
      organization: true,
      agreedAt: true,
      extensionUntil: true,
      consultation: { select: { id: true, title: true, deadlineAt: true, opensAt: true, publishedAt: true, silenceIsConsent: true } },
      extensions: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, requestedUntil: true } },
      comments: { select: { withdrawnAt: true } },
    },
  });
  const items = rows.map((r) => {
    const c = r.consultation;
    const active = r.comments.filter((x) => !x.withdrawnAt).length;
    const facts = { activeComments: active, agreedAt: r.agreedAt, extensionUntil: r.extensionUntil, extensionRequest: r.extensions[0] ?? null };
    const until = answerDeadline(r, c);
    return {
      id: c.id,
      title: c.title,
      path: consultationPath(c.id),
      open: consultationPhase(c, now) === "open" || now <= until,
      capacity: r.organization && !r.title.includes(r.organization) ? `${r.title}, ${r.organization}` : r.title,
      deadlineWords: formatDeadline(until),
      timeLeft: formatTimeLeft(now, until),
      standing: myStanding(facts, c, now),
      comments: active,
      withdrawn: r.comments.length - active,
      agreedAt: r.agreedAt ? formatVnDateTime(r.agreedAt) : null,
    };
  });
  // Those still open first, the nearest deadline at the top; then the closed, the latest first.
  return [...items.filter((i) => i.open).reverse(), ...items.filter((i) => !i.open)];
}
