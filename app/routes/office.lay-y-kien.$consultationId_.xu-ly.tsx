// The Office decides on each comment: tiếp thu, tiếp thu một phần, giải trình, không tiếp thu.
// A page of comments in the order of the draft, filtered by GET parameters, one plain form per
// comment: everything works without JavaScript, and a saved decision leads back to the same list,
// at that comment. A decision made on a wording the official has since edited is shown as "cần xem
// lại", the decided wording above the new one, with one button to keep it for the new wording.
// (The file name's "_" keeps this page out of the consultation page's layout.)

import { getCollectionProps, getFormProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { type FetcherWithComponents, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { SectionsChart, StandingsChart } from "~/components/charts";
import { ConsultationNav } from "~/components/consultation-nav";
import { ExportLinks } from "~/components/export-links";
import { OfficeError } from "~/components/office-error";
import { consultationPath } from "~/domain/consultation";
import {
  DECISION_STATE_LABELS,
  DECISION_STATES,
  type DecisionQuery,
  decisionSearch,
  decisionsPath,
  parseDecisionQuery,
  stateParam,
} from "~/domain/decision-filters";
import { NEEDS_REVIEW_LABEL } from "~/domain/decision-review";
import { BROKEN_DECISION_FORM, DECISION_INPUTS, decideSchema, decisionSchema } from "~/domain/forms/decision";
import { DISPOSITION_KINDS, DISPOSITION_LABELS, MAX_EXPLANATION_CHARS } from "~/domain/report";
import { STANDING_LABELS } from "~/domain/silence";
import { formatDeadline, formatVnDateTime } from "~/domain/time";
import { wordDiff } from "~/domain/word-diff";
import {
  confirmDisposition,
  type DecisionItem,
  decisionScreen,
  GENERAL_SECTION,
  type StandingSummary,
  setDisposition,
  type WithdrawnDecision,
} from "~/models/disposition.server";
import decisionStyles from "~/styles/decisions.css";
import { getDb } from "~/utils/db.server";
import { readFormEntries, requirePage } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: decisionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Xử lý ý kiến — ${data?.title ?? "Đợt lấy ý kiến"} — Văn phòng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  requirePage(request);
  const query = parseDecisionQuery(new URL(request.url).searchParams);
  const screen = await decisionScreen(
    getDb(),
    params.consultationId ?? "",
    { sectionId: query.sectionId ?? undefined, organization: query.organization ?? undefined, state: query.state, page: query.page },
    new Date(),
  );
  if (!screen) throw new Response("Không tìm thấy", { status: 404 });
  const c = screen.consultation;
  const filters: DecisionQuery = { ...screen.filters };
  const onPage = screen.groups.some((g) => g.items.some((i) => i.id === query.saved));
  return {
    id: c.id,
    title: c.title,
    deadline: formatDeadline(c.deadlineAt),
    filters,
    search: decisionSearch(filters),
    saved: query.saved ? { id: query.saved, onPage } : null,
    progress: screen.progress,
    withdrawn: { count: screen.withdrawnDecisions.count, items: screen.withdrawnDecisions.items.map(withdrawnView) },
    total: screen.total,
    pages: screen.pages,
    groups: screen.groups.map((g) => ({ key: g.sectionId ?? GENERAL_SECTION, title: g.title, anchor: g.anchor, items: g.items.map(itemView) })),
    sectionOptions: screen.sections.map((s) => ({ value: s.sectionId ?? GENERAL_SECTION, label: `${s.title} (${s.total.toLocaleString("vi-VN")})` })),
    organizations: screen.organizations,
    standings: answerRows(screen.summary),
    asked: screen.summary.asked,
    sectionChart: screen.sections.map((s) => ({ title: s.title, total: s.total, decided: s.decided })),
  };
}

function itemView(i: DecisionItem) {
  const who = i.author.organization
    ? `${i.author.organization} — ${[i.author.name, i.author.title].filter(Boolean).join(", ")}`
    : `${i.author.name} (góp ý công khai)`;
  return {
    id: i.id,
    number: i.number,
    who,
    when: formatVnDateTime(i.createdAt),
    quote: i.quote,
    paragraphs: paragraphs(i.text),
    isLate: i.isLate,
    edited: i.edited,
    revision: i.revision,
    decision: i.disposition
      ? {
          kind: i.disposition.kind,
          label: DISPOSITION_LABELS[i.disposition.kind],
          explanation: i.disposition.explanation,
          by: i.disposition.decidedBy,
          at: formatVnDateTime(i.disposition.decidedAt),
        }
      : null,
    review: i.disposition?.needsReview ? reviewView(i.disposition.decidedText ?? "", i.text, i.updatedAt) : null,
  };
}

const paragraphs = (text: string) => text.split("\n").filter((p) => p.trim());

/** The wording decided on and the new one, and what changed between them. */
function reviewView(decidedText: string, text: string, editedAt: Date) {
  return { decided: paragraphs(decidedText), editedAt: formatVnDateTime(editedAt), changes: wordDiff(decidedText, text) };
}

function withdrawnView(w: WithdrawnDecision) {
  return {
    id: w.id,
    who: w.author.organization ? `${w.author.organization} — ${w.author.name}` : w.author.name,
    at: formatVnDateTime(w.withdrawnAt),
    label: DISPOSITION_LABELS[w.kind],
    paragraphs: paragraphs(w.text),
  };
}

type ItemView = ReturnType<typeof itemView>;

/**
 * The chart's rows, the report's numbers (reportSummary): silence counts as agreement or as no
 * reply, as the consultation says, never both; "được gia hạn" is every extension granted, as the
 * report lists them, not only those still running unanswered.
 */
function answerRows(s: StandingSummary) {
  const n = s.standings;
  return [
    { label: STANDING_LABELS.commented, count: n.commented },
    { label: STANDING_LABELS.agreed, count: n.agreed },
    s.silenceIsConsent ? { label: STANDING_LABELS.deemed_agree, count: n.deemed_agree } : { label: STANDING_LABELS.no_reply, count: n.no_reply },
    { label: STANDING_LABELS.awaiting, count: n.awaiting },
    { label: STANDING_LABELS.extension, count: s.extensionsGranted },
  ];
}

/** What a save made from the page's script answers: the page stays where it is. */
interface Saved {
  saved: string;
  reply: SubmissionResult<string[]>;
}

interface ActionError {
  commentId: string | null;
  /** The refusal in one sentence, for the alert above the list when the comment is not on this page. */
  error: string;
  /** The form's own answer: each problem beside its input, the values typed kept. */
  reply: SubmissionResult<string[]>;
  /** The refused action was "keep the decision": the decision form keeps the saved values. */
  confirming: boolean;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const consultationId = params.consultationId ?? "";
  // The list the form was on travels in the action's URL, so the answer can lead back to it.
  const query = parseDecisionQuery(new URL(request.url).searchParams);
  const entries = await readFormEntries(request);
  // A form without an intent is the decision form.
  if (!entries.has("intent")) entries.set("intent", "decide");
  const submission = parseWithZod(entries, { schema: decisionSchema });
  const refuse = (error: string, status: number, reply: SubmissionResult<string[]>) =>
    Response.json({ commentId: entries.get("commentId"), error, reply, confirming: entries.get("intent") === "confirm" } satisfies ActionError, {
      status,
    });
  if (submission.status !== "success") return refuse(invalidSentence(submission.error), 400, submission.reply());
  const f = submission.value;
  const outcome =
    f.intent === "confirm"
      ? await confirmDisposition(getDb(), viewer, { consultationId, commentId: f.commentId, revision: f.revision }, new Date())
      : await setDisposition(
          getDb(),
          viewer,
          { consultationId, commentId: f.commentId, revision: f.revision, kind: f.kind ?? "", explanation: f.explanation ?? "" },
          new Date(),
        );
  if (!outcome.ok) return refuse(outcome.error, outcome.status, submission.reply({ formErrors: [outcome.error] }));
  // With the page's script (a fetcher) the page stays where it is; without it, the answer leads back
  // to the same list, at the comment, which the page focuses.
  if (f.stay === "1") return Response.json({ saved: f.commentId, reply: submission.reply() } satisfies Saved);
  return redirect(`${decisionsPath(consultationId)}${decisionSearch({ ...query, saved: f.commentId })}#y-kien-${f.commentId}`, { status: 303 });
}

/** A problem with what the clerk chose or wrote is said as it is; any other means a stale or forged page. */
function invalidSentence(error: Record<string, string[] | null> | null | undefined): string {
  const typed = DECISION_INPUTS.flatMap((name) => error?.[name] ?? []);
  const other = Object.entries(error ?? {}).some(([name, messages]) => messages?.length && !(DECISION_INPUTS as readonly string[]).includes(name));
  return !other && typed.length ? typed.join(" ") : BROKEN_DECISION_FORM;
}

export default function DecisionScreen() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<ActionError>();
  const failedHere = failed && d.groups.some((g) => g.items.some((i) => i.id === failed.commentId));
  const pct = d.progress.total ? Math.round((d.progress.decided / d.progress.total) * 100) : 0;
  return (
    <>
      <p className="no-print">
        <a href={`/office/lay-y-kien/${d.id}`}>← Về trang quản lý đợt lấy ý kiến</a>
      </p>
      <h1>Tiếp thu, giải trình ý kiến góp ý</h1>
      <ConsultationNav id={d.id} title={d.title} />
      <p>
        {d.title}. Hạn góp ý: {d.deadline}. <a href={consultationPath(d.id)}>Xem dự thảo</a> ·{" "}
        <a href={`/office/lay-y-kien/${d.id}/bao-cao`}>Bảng tổng hợp ý kiến</a>
      </p>
      <ExportLinks base={`/office/lay-y-kien/${d.id}/bao-cao`} />
      {failed && !failedHere ? (
        <p className="form-error" role="alert">
          {failed.error}
        </p>
      ) : null}
      {d.saved && !d.saved.onPage ? (
        <p className="notice" role="status">
          Đã lưu ý kiến xử lý. Ý kiến vừa xử lý không còn trong danh sách đang lọc.
        </p>
      ) : null}

      <section aria-labelledby="tien-do">
        <h2 id="tien-do">Tiến độ</h2>
        <div className="decision-progress">
          <p id="tien-do-so">
            Đã xử lý {d.progress.decided.toLocaleString("vi-VN")}/{d.progress.total.toLocaleString("vi-VN")} ý kiến
          </p>
          <progress max={Math.max(d.progress.total, 1)} value={d.progress.decided} aria-labelledby="tien-do-so">
            {pct}%
          </progress>
          {d.progress.review > 0 ? (
            <p className="decision-review-count">
              <a href={`${decisionsPath(d.id)}${decisionSearch({ state: "review" })}#danh-sach`}>
                {d.progress.review.toLocaleString("vi-VN")} ý kiến {NEEDS_REVIEW_LABEL.toLowerCase()}
              </a>
              : người góp ý đã sửa nội dung sau khi Văn phòng xử lý; chưa tính là đã xử lý.
            </p>
          ) : null}
        </div>
        <WithdrawnDecisions withdrawn={d.withdrawn} />
        <div className="charts">
          <StandingsChart id="bieu-do-tinh-trang" rows={d.standings} asked={d.asked} />
          <SectionsChart id="bieu-do-phan-muc" rows={d.sectionChart} />
        </div>
      </section>

      <FilterForm d={d} />

      <section className="decision-list" aria-labelledby="danh-sach">
        <h2 id="danh-sach">
          Danh sách ý kiến ({d.total.toLocaleString("vi-VN")}){d.pages > 1 ? ` — trang ${d.filters.page}/${d.pages}` : ""}
        </h2>
        {d.total === 0 ? <p className="muted">Không có ý kiến nào khớp với điều kiện lọc.</p> : null}
        {d.groups.map((g) => (
          <div key={g.key} className="comment-group">
            <h3>{g.title}</h3>
            <ol>
              {g.items.map((item) => (
                <DecisionEntry
                  key={item.id}
                  item={item}
                  sectionHref={g.anchor ? `${consultationPath(d.id)}#${g.anchor}` : null}
                  action={`${decisionsPath(d.id)}${d.search}#y-kien-${item.id}`}
                  failed={failed?.commentId === item.id ? failed : null}
                  saved={d.saved?.id === item.id}
                />
              ))}
            </ol>
          </div>
        ))}
        <Pager id={d.id} filters={d.filters} pages={d.pages} />
      </section>
    </>
  );
}

function FilterForm({ d }: { d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  return (
    <section aria-labelledby="loc-y-kien">
      <h2 id="loc-y-kien">Lọc ý kiến</h2>
      <form method="get" action={decisionsPath(d.id)} className="decision-filter">
        <div className="field">
          <label htmlFor="loc-phan">Phần, mục</label>
          <select id="loc-phan" name="phan" defaultValue={d.filters.sectionId ?? ""}>
            <option value="">Tất cả phần, mục</option>
            {d.sectionOptions.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="loc-don-vi">Cơ quan, đơn vị</label>
          <select id="loc-don-vi" name="don-vi" defaultValue={d.filters.organization ?? ""}>
            <option value="">Tất cả cơ quan, đơn vị</option>
            {d.organizations.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="loc-tinh-trang">Tình trạng xử lý</label>
          <select id="loc-tinh-trang" name="tinh-trang" defaultValue={stateParam(d.filters.state)}>
            {DECISION_STATES.map((s) => (
              <option key={s} value={stateParam(s)}>
                {DECISION_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Lọc</button>
          <a href={decisionsPath(d.id)}>Bỏ lọc</a>
        </div>
      </form>
    </section>
  );
}

function WithdrawnDecisions({ withdrawn }: { withdrawn: { count: number; items: ReturnType<typeof withdrawnView>[] } }) {
  if (withdrawn.count === 0) return null;
  return (
    <details className="decision-withdrawn">
      <summary>
        {withdrawn.count.toLocaleString("vi-VN")} ý kiến đã xử lý nhưng sau đó được người góp ý rút lại: không còn trong danh sách và bảng tổng hợp; vui lòng
        xem lại phần dự thảo đã sửa theo các ý kiến này (nếu có).
      </summary>
      <ul>
        {withdrawn.items.map((w) => (
          <li key={w.id} id={`da-rut-${w.id}`}>
            <p className="comment-meta">
              {w.who} · rút lại lúc {w.at} · đã xử lý: <strong>{w.label}</strong>
            </p>
            <div className="comment-text">
              {w.paragraphs.map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          </li>
        ))}
      </ul>
      {withdrawn.count > withdrawn.items.length ? <p className="muted">Hiển thị {withdrawn.items.length} ý kiến rút lại gần nhất.</p> : null}
    </details>
  );
}

/** The decided wording above the new one, what changed, and the one-click confirmation. */
function ReviewBlock({ item, action, failed, fetcher }: { item: ItemView; action: string; failed: ActionError | null; fetcher: DecisionFetcher }) {
  const review = item.review!;
  const errorId = `loi-giu-${item.id}`;
  return (
    <div className="decision-review">
      <p className="decision-review-note">
        <strong>{NEEDS_REVIEW_LABEL}:</strong> người góp ý đã sửa nội dung lúc {review.editedAt}, sau khi Văn phòng xử lý ({item.decision!.label} ·{" "}
        {item.decision!.by}, {item.decision!.at}). Ý kiến xử lý này chưa được tính là đã xử lý cho đến khi Văn phòng giữ nguyên hoặc thay đổi.
      </p>
      <h4>Nội dung Văn phòng đã xử lý</h4>
      <div className="comment-text decision-review-old">
        {review.decided.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <h4>Nội dung mới (sửa lúc {review.editedAt})</h4>
      <div className="comment-text">
        {item.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <h4>Thay đổi</h4>
      <p className="decision-diff">
        {review.changes.map((c, i) =>
          c.kind === "same" ? (
            <span key={i}>{c.text}</span>
          ) : c.kind === "removed" ? (
            <del key={i}>
              <span className="visually-hidden">[bỏ: </span>
              {c.text}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            <ins key={i}>
              <span className="visually-hidden">[thêm: </span>
              {c.text}
              <span className="visually-hidden">]</span>
            </ins>
          ),
        )}
      </p>
      <fetcher.Form method="post" action={action} className="decision-confirm">
        <StayField />
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="commentId" value={item.id} />
        <input type="hidden" name="revision" value={item.revision} />
        <button type="submit" aria-describedby={failed ? errorId : undefined}>
          Giữ nguyên “{item.decision!.label}” cho nội dung mới<span className="visually-hidden"> của ý kiến số {item.number.toLocaleString("vi-VN")}</span>
        </button>
        {failed ? (
          <p id={errorId} className="form-error" role="alert">
            {failed.error}
          </p>
        ) : null}
      </fetcher.Form>
      <p className="muted">Hoặc chọn lại hình thức xử lý bên dưới.</p>
    </div>
  );
}

function DecisionEntry({
  item,
  sectionHref,
  action,
  failed: pageFailed,
  saved: pageSaved,
}: {
  item: ItemView;
  sectionHref: string | null;
  action: string;
  failed: ActionError | null;
  saved: boolean;
}) {
  const fetcher = useFetcher<ActionError | Saved>();
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  // The fetcher's answer, once there is one, is newer than the page's.
  const failed = answer ? ("error" in answer ? answer : null) : pageFailed;
  const saved = answer ? "saved" in answer : pageSaved;
  return (
    // A fragment target the browser can focus: a save without the page's script comes back here, and
    // the keyboard carries on from this comment.
    <li id={`y-kien-${item.id}`} className="comment decision-item" tabIndex={-1}>
      <p className="comment-meta">
        <strong>Ý kiến số {item.number.toLocaleString("vi-VN")}</strong> · {item.who} · {item.when}
        {item.isLate ? <span className="tag-late"> · quá hạn</span> : null}
        {item.edited ? " · đã chỉnh sửa" : null}
        {sectionHref ? (
          <>
            {" · "}
            <a href={sectionHref}>xem trong dự thảo</a>
          </>
        ) : null}
      </p>
      {item.quote ? (
        <blockquote>
          <p>
            <span className="visually-hidden">Đoạn được góp ý: </span>“{item.quote}”
          </p>
        </blockquote>
      ) : null}
      {item.review ? (
        <ReviewBlock item={item} action={action} failed={failed?.confirming ? failed : null} fetcher={fetcher} />
      ) : (
        <div className="comment-text">
          {item.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
      {item.decision && !item.review ? (
        <p className="decision-current">
          Đã xử lý: <strong>{item.decision.label}</strong> · {item.decision.by}, {item.decision.at}
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          Đã lưu ý kiến xử lý.
        </p>
      ) : null}
      <DecisionForm item={item} action={action} fetcher={fetcher} lastResult={failed && !failed.confirming ? failed.reply : undefined} />
    </li>
  );
}

type DecisionFetcher = FetcherWithComponents<ActionError | Saved>;

/**
 * The decision itself, checked in the browser by the schema the action uses: a missing kind or
 * explanation is said beside its input before anything is sent. The server's answer (a refusal, or
 * the same problems when the page has no script) comes back through `lastResult`.
 */
function DecisionForm({
  item,
  action,
  fetcher,
  lastResult,
}: {
  item: ItemView;
  action: string;
  fetcher: DecisionFetcher;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const number = item.number.toLocaleString("vi-VN");
  const [form, fields] = useForm({
    id: `xu-ly-${item.id}`,
    lastResult,
    defaultValue: { kind: item.decision?.kind ?? "", explanation: item.decision?.explanation ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decideSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const explanationId = `giai-trinh-${item.id}`;
  return (
    <fetcher.Form method="post" action={action} className="decision-form" {...getFormProps(form)}>
      <StayField />
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="commentId" value={item.id} />
      <input type="hidden" name="revision" value={item.revision} />
      {form.errors?.length ? (
        <p id={form.errorId} className="form-error" role="alert">
          {form.errors.join(" ")}
        </p>
      ) : null}
      <fieldset aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}>
        <legend>Hình thức xử lý ý kiến số {number}</legend>
        <div className="decision-kinds">
          {getCollectionProps(fields.kind, { type: "radio", options: [...DISPOSITION_KINDS] }).map(({ key, ...props }) => (
            <label key={key}>
              <input {...props} />
              {DISPOSITION_LABELS[props.value as keyof typeof DISPOSITION_LABELS]}
            </label>
          ))}
        </div>
        <ProblemText id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <label htmlFor={explanationId}>Nội dung tiếp thu, giải trình (bắt buộc, trừ khi tiếp thu)</label>
      <textarea {...getTextareaProps(fields.explanation)} id={explanationId} rows={3} maxLength={MAX_EXPLANATION_CHARS} />
      <ProblemText id={fields.explanation.errorId} errors={fields.explanation.errors} />
      <button type="submit" disabled={fetcher.state !== "idle"}>
        Lưu ý kiến xử lý<span className="visually-hidden"> cho ý kiến số {number}</span>
      </button>
    </fetcher.Form>
  );
}

function ProblemText({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={id} className="form-error" role="alert">
      {errors.join(" ")}
    </p>
  ) : null;
}

/** Present only once the page's script runs: the action then answers data instead of a redirect. */
function StayField() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? <input type="hidden" name="stay" value="1" /> : null;
}

function Pager({ id, filters, pages }: { id: string; filters: DecisionQuery; pages: number }) {
  if (pages <= 1) return null;
  const page = filters.page;
  const link = (n: number) => `${decisionsPath(id)}${decisionSearch({ ...filters, saved: null, page: n })}#danh-sach`;
  return (
    <nav className="pager" aria-label="Các trang ý kiến">
      {page > 1 ? <a href={link(1)}>« Trang đầu</a> : null}
      {page > 1 ? <a href={link(page - 1)}>← Trang trước</a> : null}
      <span>
        Trang {page.toLocaleString("vi-VN")}/{pages.toLocaleString("vi-VN")}
      </span>
      {page < pages ? <a href={link(page + 1)}>Trang sau →</a> : null}
      {page < pages ? <a href={link(pages)}>Trang cuối »</a> : null}
      <form method="get" action={decisionsPath(id)}>
        {filters.sectionId ? <input type="hidden" name="phan" value={filters.sectionId} /> : null}
        {filters.organization ? <input type="hidden" name="don-vi" value={filters.organization} /> : null}
        {filters.state !== "all" ? <input type="hidden" name="tinh-trang" value={stateParam(filters.state)} /> : null}
        <label htmlFor="den-trang">Đến trang</label>
        <input id="den-trang" name="trang" type="number" min={1} max={pages} defaultValue={page} inputMode="numeric" />
        <button type="submit" className="secondary">
          Đi
        </button>
      </form>
    </nav>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="màn hình xử lý ý kiến" notFound={["Không tìm thấy đợt lấy ý kiến", "Đợt lấy ý kiến này không tồn tại hoặc đã bị xóa."]} />;
}
