// Deadline and rules of one consultation, the reminder schedule, and while it runs: extend the
// deadline for everyone, or close early (after a confirmation that says what follows).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ConsultationNav } from "~/components/consultation-nav";
import { FormMessages } from "~/components/form-messages";
import { OfficeError } from "~/components/office-error";
import { CloseEarly, ExtendForAll, RemindersForm, type RulesActionData, RulesForm } from "~/components/rules-forms";
import { closeSchema, extendSchema, remindersSchema, rulesSchema, runningRulesSchema } from "~/domain/forms/letter";
import { deadlineFromParts, timeOfDay } from "~/domain/letter";
import { parseSchedule, reminderSlots } from "~/domain/reminders";
import { invalid } from "~/domain/result";
import { calendarDateString, formatDeadline, formatVnDateTime, toCalendarDate } from "~/domain/time";
import type { Viewer } from "~/domain/viewer";
import { closeEarly, extendDeadlineForAll, getRulesPage, setReminders, updateRules } from "~/models/deadline.server";
import { notifyOutbox } from "~/server/scheduler.server";
import { getDb } from "~/utils/db.server";
import { replyFailure } from "~/utils/form-reply.server";
import { readFormEntries } from "~/utils/request.server";
import { requireOffice } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Thời hạn và quy tắc — ${data?.title ?? "Đợt lấy ý kiến"}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOffice(request);
  const c = await getRulesPage(getDb(), params.consultationId ?? "");
  if (!c) throw new Response("Không tìm thấy", { status: 404 });
  const now = new Date();
  const url = new URL(request.url);
  const schedule = parseSchedule(c.reminderSchedule);
  return {
    id: c.id,
    title: c.title,
    published: Boolean(c.publishedAt),
    running: Boolean(c.publishedAt) && c.deadlineAt > now,
    nowIso: now.toISOString(),
    minPeriodDays: c.minPeriodDays,
    deadlineWords: formatDeadline(c.deadlineAt),
    opensWords: c.opensAt > now ? formatVnDateTime(c.opensAt) : null,
    extensions: c.extensions.map(formatDeadline),
    saved: url.searchParams.get("daLuu"),
    confirmClose: url.searchParams.has("ketThuc"),
    schedule,
    reminderSlots: reminderSlots(schedule, c.deadlineAt).map(formatVnDateTime),
    rules: {
      deadlineDate: calendarDateString(toCalendarDate(c.deadlineAt)),
      deadlineTime: timeOfDay(c.deadlineAt),
      opening: c.opensAt > (c.publishedAt ?? now) ? "scheduled" : "now",
      opensDate: c.opensAt > (c.publishedAt ?? now) ? calendarDateString(toCalendarDate(c.opensAt)) : "",
      opensTime: c.opensAt > (c.publishedAt ?? now) ? timeOfDay(c.opensAt) : "",
      silenceIsConsent: c.silenceIsConsent,
      latePolicy: c.latePolicy,
      commentVisibility: c.commentVisibility,
      publicCanRead: c.publicCanRead,
      receipts: c.receiptsEnabled,
    },
  };
}

const SCHEMAS = { rules: rulesSchema, "running-rules": runningRulesSchema, reminders: remindersSchema, extend: extendSchema, close: closeSchema } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireOffice(request);
  const entries = await readFormEntries(request);
  const intent = entries.get("intent") ?? "";
  if (!Object.hasOwn(SCHEMAS, intent)) return Response.json({ intent, error: "Thao tác không hợp lệ." }, { status: 400 });
  const submission = parseWithZod(entries, { schema: SCHEMAS[intent as keyof typeof SCHEMAS] });
  if (submission.status !== "success") return Response.json({ intent, result: submission.reply() }, { status: 400 });
  const outcome = await perform(viewer, params.consultationId ?? "", intent as keyof typeof SCHEMAS, submission.value as never);
  if (!outcome.ok) {
    const reply = replyFailure(submission, outcome);
    return Response.json({ intent, result: await reply.json() }, { status: reply.status });
  }
  if (intent === "extend") notifyOutbox();
  return redirect(`/office/lay-y-kien/${params.consultationId}/thoi-han?daLuu=${intent}`);
}

type Values = { [K in keyof typeof SCHEMAS]: import("zod").infer<(typeof SCHEMAS)[K]> };

async function perform<K extends keyof typeof SCHEMAS>(viewer: Viewer, consultationId: string, intent: K, value: Values[K]) {
  const db = getDb();
  const now = new Date();
  if (intent === "rules") {
    const v = value as Values["rules"];
    return updateRules(db, viewer, { consultationId, rules: v, schedule: v }, now);
  }
  if (intent === "running-rules") return updateRules(db, viewer, { consultationId, rules: value as Values["running-rules"] }, now);
  if (intent === "reminders") return setReminders(db, viewer, { consultationId, slots: (value as Values["reminders"]).reminders }, now);
  if (intent === "close") return closeEarly(db, viewer, { consultationId }, now);
  const v = value as Values["extend"];
  const until = deadlineFromParts(v.untilDate, v.untilTime);
  if (!until) return invalid([`Ngày ${v.untilDate} không có thật.`], { untilDate: `Ngày ${v.untilDate} không có thật; vui lòng chọn lại.` });
  return extendDeadlineForAll(db, viewer, { consultationId, until }, now);
}

const SAVED: Record<string, string> = {
  rules: "Đã lưu thời hạn và quy tắc.",
  "running-rules": "Đã lưu quy tắc.",
  reminders: "Đã lưu lịch nhắc.",
  extend: "Đã gia hạn cho tất cả; mỗi người nhận sẽ nhận một thư báo.",
  close: "Đã kết thúc sớm đợt lấy ý kiến.",
};

export default function RulesPage() {
  const c = useLoaderData<typeof loader>();
  const data = useActionData<RulesActionData>();
  const forIntent = (intent: string) => (data?.intent === intent ? data.result : undefined);
  return (
    <>
      <h1>Thời hạn và quy tắc</h1>
      <ConsultationNav id={c.id} title={c.title} />
      <FormMessages error={data && "error" in data ? data.error : null} notice={c.saved && !data ? SAVED[c.saved] : null} />
      <p>
        Hạn góp ý hiện tại: <strong>{c.deadlineWords}</strong>.{c.opensWords ? ` Bắt đầu lấy ý kiến lúc ${c.opensWords}.` : ""}
      </p>
      <RulesForm c={c} lastResult={forIntent(c.published ? "running-rules" : "rules")} />
      <RemindersForm c={c} lastResult={forIntent("reminders")} />
      {c.running ? (
        <>
          <ExtendForAll c={c} lastResult={forIntent("extend")} />
          <CloseEarly c={c} lastResult={forIntent("close")} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <OfficeError what="trang thời hạn và quy tắc" />;
}
