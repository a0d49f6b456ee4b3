import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { type CommentGroup, CommentList } from "~/components/comment-list";
import { draftHtml } from "~/components/draft-html.server";
import { DraftReader } from "~/components/draft-reader";
import { PassageEnhancer } from "~/components/passage-enhancer";
import { RequestLetter } from "~/components/request-letter";
import { type FormResult, RespondPanel } from "~/components/respond-panel";
import { ResultNotice } from "~/components/result-notice";
import { SentNotice } from "~/components/sent-notice";
import { readCommentForm } from "~/domain/comment-form";
import { sentCommentId, sentLocation } from "~/domain/comment-sent";
import { PHASE_LABELS, SILENCE_NOTICE } from "~/domain/consultation";
import { resultPath } from "~/domain/result-publication";
import { shortTitle } from "~/domain/sections";
import { endOfVnDay, formatVnDateTime, parseCalendarDate } from "~/domain/time";
import { docToPlainText } from "~/domain/tiptap";
import { commentsForViewer, isOwnComment, recipientSelf } from "~/models/comment.server";
import { commentCountsBySection } from "~/models/comment-counts.server";
import { getConsultationPage } from "~/models/consultation.server";
import type { ReadingVersion } from "~/models/document.server";
import { markOpened } from "~/models/recipient.server";
import { restoreComment, retractAgreement, withdrawComment } from "~/models/reconsider.server";
import { agree, createComment, editComment, requestExtension } from "~/models/response.server";
import { commentGroups, meView } from "~/models/response-view.server";
import { publishedDecisions } from "~/models/result-publication.server";
import { notifyOutbox } from "~/server/scheduler.server";
import passageStyles from "~/styles/passage.css";
import { getDb } from "~/utils/db.server";
import { readForm, requirePage } from "~/utils/request.server";
import { getViewer, requireViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: passageStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Góp ý dự thảo văn bản` : "Không tìm thấy — Góp ý dự thảo văn bản" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date();
  const db = getDb();
  const viewer = await getViewer(request, now);
  const page = await getConsultationPage(db, params.consultationId ?? "", viewer, now);
  // Not visible and not existing look the same, so ids of unpublished drafts do not leak.
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  const self = await recipientSelf(db, page.id, viewer);
  if (self && viewer && !self.firstOpenedAt) await markOpened(db, page.id, viewer.userId, now);
  const listPage = requirePage(request);
  const comments = await commentsForViewer(db, page.id, page.commentVisibility, viewer, listPage);
  const decisions = page.resultPublishedAt
    ? await publishedDecisions(
        db,
        page.id,
        comments.items.map((c) => c.id),
        page.resultPublishedAt,
      )
    : undefined;
  const sectionCounts = await commentCountsBySection(db, page.id, page.commentVisibility, viewer);
  // Rendered (or found in the cache) now, so the server render reads it from the cache
  // (app/entry.server.tsx); it is not in this data, which would carry it a second time.
  draftHtml(page.version);
  const { version, publishedAt, opensAt, deadlineAtDate, latePolicy, commentVisibility, resultPublishedAt, ...rest } = page;
  const rules = { publishedAt, opensAt, deadlineAt: deadlineAtDate, latePolicy, silenceIsConsent: page.silenceIsConsent };
  const me = self ? meView(self, rules, now) : null;
  const flagged = sentCommentId(new URL(request.url));
  const sentId = flagged && (await isOwnComment(db, page.id, viewer, flagged)) ? flagged : null;
  return {
    ...rest,
    sectionCount: version.sections.length,
    versionId: version.id,
    draftUrl: `/lay-y-kien/${page.id}/ban-du-thao?phien-ban=${version.id}`,
    sectionCounts,
    // Open on a first look; an official who has read it before finds it folded under its number.
    letterOpen: !self?.firstOpenedAt,
    me,
    sections: sectionChoices(version),
    comments: withCounts(commentGroups(comments.items, version.sections, decisions), sectionCounts),
    result: resultPublishedAt ? { at: formatVnDateTime(resultPublishedAt), path: resultPath(page.id) } : null,
    commentPages: { page: comments.page, pages: comments.pages, total: comments.total },
    commentsHeading: viewer?.role === "office" || commentVisibility !== "own" ? "Các góp ý" : "Góp ý của đồng chí",
    // A fresh key per page view: a double click or a resent form creates one comment.
    formKey: randomUUID(),
    // Passage readers are for those who comment or see comments; they fetch the draft's JSON apart.
    contentUrl: me || comments.total ? `/lay-y-kien/${page.id}/noi-dung?phien-ban=${version.id}` : null,
    marksUrl: `/lay-y-kien/${page.id}/danh-dau`,
    sentId,
  };
}

/** Each section's group says how many comments it has in all (the list shows a page of them). */
function withCounts(groups: CommentGroup[], counts: Record<string, number>): CommentGroup[] {
  return groups.map((g) => {
    const sectionId = g.items[0]?.sectionId;
    return sectionId ? { ...g, count: counts[sectionId] } : g;
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const consultationId = params.consultationId ?? "";
  const form = await readForm(request);
  const intent = String(form.intent ?? "");
  const db = getDb();
  const now = new Date();
  const outcome = await (async () => {
    switch (intent) {
      case "comment": {
        const read = readCommentForm(form);
        if (!read.ok) return { ok: false as const, status: 400 as const, error: read.error };
        const created = await createComment(db, viewer, { consultationId, ...read.input }, now);
        if (!created.ok) return created;
        // Its receipt is due only after a quiet period: the outbox worker's tick sends it.
        // The passage form sends with JavaScript and stays where the reader is; a plain form
        // returns to the section it commented on.
        if (form.inline === "1") return { ok: true as const, reply: { intent, sent: created.commentId } satisfies FormResult };
        return { ok: true as const, location: sentLocation(consultationId, created.commentId, created.sectionAnchor) };
      }
      case "edit":
        return editComment(db, viewer, String(form.commentId ?? ""), String(form.text ?? ""), now);
      case "withdraw":
        return withdrawComment(db, viewer, { consultationId, commentId: String(form.commentId ?? "") }, now);
      case "restore":
        return restoreComment(db, viewer, { consultationId, commentId: String(form.commentId ?? "") }, now);
      case "agree":
        return agree(db, viewer, consultationId, String(form.note ?? ""), now);
      case "retract-agreement":
        return retractAgreement(db, viewer, { consultationId }, now);
      case "extension": {
        const date = parseCalendarDate(String(form.until ?? ""));
        if (!date) return { ok: false as const, status: 400 as const, error: "Vui lòng chọn ngày đề nghị gia hạn." };
        return requestExtension(db, viewer, consultationId, endOfVnDay(date.year, date.month, date.day), String(form.reason ?? ""), now);
      }
      default:
        return { ok: false as const, status: 400 as const, error: "Yêu cầu không hợp lệ." };
    }
  })();
  if (!outcome.ok) {
    const commentId = form.commentId ? String(form.commentId) : undefined;
    return Response.json({ intent, error: outcome.error, commentId } satisfies FormResult, { status: outcome.status });
  }
  if ("reply" in outcome) return outcome.reply;
  if ("location" in outcome) return redirect(outcome.location, { status: 303 });
  notifyOutbox();
  const anchor = "commentId" in outcome ? `#y-kien-${outcome.commentId}` : "#y-kien-cua-toi";
  return redirect(`/lay-y-kien/${consultationId}${anchor}`, { status: 303 });
}

// A version's sections and their short titles, for the comment form's list: worked out once per
// version (its cached object, getVersionForReading), not for every page, since a section without a
// heading takes its title from its whole text.
const choices = new WeakMap<Readonly<ReadingVersion>, { id: string; title: string }[]>();

function sectionChoices(version: Readonly<ReadingVersion>): { id: string; title: string }[] {
  let list = choices.get(version);
  if (!list) {
    list = version.sections.map((s) => ({ id: s.id, title: shortTitle(s, docToPlainText(s.content)) }));
    choices.set(version, list);
  }
  return list;
}

export default function ConsultationPage() {
  const c = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const closed = c.phase === "closed";
  return (
    <div className="page page--reading">
      <p className="no-print">
        <a href="/">← Danh sách dự thảo</a>
      </p>
      <h1>{c.title}</h1>
      {c.isDemo ? <p className="demo-badge">Dữ liệu minh họa: người nhận và địa chỉ email là hư cấu.</p> : null}
      <section className={`deadline-box${closed ? " deadline-box--closed" : ""}`} aria-labelledby="han-gop-y">
        <h2 id="han-gop-y" className="matter-label">
          Thời hạn
        </h2>
        <p>
          <strong>Hạn góp ý: {c.deadlineWords}</strong>
        </p>
        <p>
          Trạng thái: <span className={`status status--${c.phase}`}>{PHASE_LABELS[c.phase]}</span>
          {c.timeLeft && c.phase === "open" ? <> — {c.timeLeft}</> : null}
        </p>
        {c.silenceIsConsent ? <p className="silence-notice">{SILENCE_NOTICE}</p> : null}
      </section>
      {c.result ? <ResultNotice {...c.result} /> : null}
      {c.me ? <RespondPanel me={c.me} sections={c.sections} formKey={c.formKey} result={result} /> : null}
      {c.sentId ? <SentNotice commentId={c.sentId} /> : null}
      <RequestLetter letter={c.letter} open={c.letterOpen} />
      <DraftReader key={c.versionId} versionId={c.versionId} draftUrl={c.draftUrl} counts={c.sectionCounts} />
      {c.contentUrl ? (
        <PassageEnhancer contentUrl={c.contentUrl} marksUrl={c.marksUrl} canComment={Boolean(c.me?.canRespond)} comments={c.comments} formKey={c.formKey} />
      ) : null}
      {c.me || c.commentPages.total ? (
        <CommentList
          groups={c.comments}
          canEdit={Boolean(c.me?.canRespond && !c.me.late)}
          heading={c.commentsHeading}
          pages={c.commentPages}
          failure={result?.commentId && result.error ? { commentId: result.commentId, error: result.error } : undefined}
        />
      ) : null}
    </div>
  );
}
