// The forms of the deadline and rules page. Each is its own Conform form, told apart by
// `intent`; the action answers { intent, result } so only the form that was sent shows errors.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { closeSchema, extendSchema, REMINDER_ROWS, remindersSchema, rulesSchema, runningRulesSchema } from "~/domain/forms/letter";
import { Field, FieldError } from "./form-field";
import { FormMessages } from "./form-messages";
import { DeadlineFields, RuleFields } from "./rules-fields";

export type RulesActionData = { intent: string; result?: SubmissionResult<string[]>; error?: string };

interface PageFacts {
  id: string;
  published: boolean;
  nowIso: string;
  minPeriodDays: number;
  deadlineWords: string;
  extensions: string[];
  confirmClose: boolean;
  schedule: { daysBefore: number; at: string }[];
  reminderSlots: string[];
  rules: Record<string, string | boolean>;
}

type Props = { c: PageFacts; lastResult: SubmissionResult<string[]> | undefined };

const formError = (errors: string[] | undefined) => (errors?.length ? errors.join(" ") : null);

export function RulesForm({ c, lastResult }: Props) {
  const schema = c.published ? runningRulesSchema : rulesSchema;
  const [form, fields] = useForm({
    id: "rules",
    lastResult,
    defaultValue: c.rules,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // biome-ignore lint/suspicious/noExplicitAny: the two schemas share these fields
  const all = fields as any;
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{c.published ? "Quy tắc" : "Hạn góp ý, thời điểm bắt đầu và quy tắc"}</h2>
      <FormMessages error={formError(form.errors)} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value={c.published ? "running-rules" : "rules"} />
        {c.published ? null : <DeadlineFields fields={all} nowIso={c.nowIso} minPeriodDays={c.minPeriodDays} />}
        <RuleFields fields={all} />
        <button type="submit">Lưu {c.published ? "quy tắc" : "thời hạn và quy tắc"}</button>
      </Form>
    </section>
  );
}

/**
 * Keyed by the saved schedule: a new schedule is a new form, so every input shows exactly what
 * was saved (uncontrolled inputs kept their old values by position, and 30, 7, 5, 3 came back as
 * 30, 7, 5, 5 after a save that re-sorted the rows).
 */
export function RemindersForm({ c, lastResult }: Props) {
  const savedKey = c.schedule.map((s) => `${s.daysBefore}-${s.at}`).join("_") || "none";
  const rows = Array.from({ length: REMINDER_ROWS }, (_, i) => c.schedule[i] ?? { daysBefore: undefined, at: undefined });
  const [form, fields] = useForm({
    id: `reminders-${savedKey}`,
    lastResult,
    defaultValue: { reminders: rows },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: remindersSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="reminders-title">
      <h2 id="reminders-title">Lịch nhắc</h2>
      <p>
        Thư nhắc chỉ gửi cho người chưa góp ý và chưa thống nhất, vào giờ Việt Nam.{" "}
        {c.reminderSlots.length ? `Các lần nhắc: ${c.reminderSlots.join("; ")}.` : "Hiện không có lần nhắc nào."} Để trống một dòng để bỏ lần nhắc đó.
      </p>
      <FormMessages error={formError(form.errors)} />
      <Form method="post" {...getFormProps(form)} className="reminder-form">
        <input type="hidden" name="intent" value="reminders" />
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Lần nhắc</th>
              <th scope="col">Số ngày trước hạn</th>
              <th scope="col">Giờ gửi</th>
            </tr>
          </thead>
          <tbody>
            {fields.reminders.getFieldList().map((row, i) => {
              const slot = row.getFieldset();
              return (
                <tr key={row.key}>
                  <th scope="row">{i + 1}</th>
                  <td>
                    <input {...getInputProps(slot.daysBefore, { type: "number" })} min={0} max={60} aria-label={`Lần nhắc ${i + 1}: số ngày trước hạn`} />
                    <FieldError field={slot.daysBefore} />
                  </td>
                  <td>
                    <input {...getInputProps(slot.at, { type: "time" })} aria-label={`Lần nhắc ${i + 1}: giờ gửi`} />
                    <FieldError field={slot.at} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit">Lưu lịch nhắc</button>
      </Form>
    </section>
  );
}

export function ExtendForAll({ c, lastResult }: Props) {
  const [form, fields] = useForm({
    id: "extend",
    lastResult,
    defaultValue: { untilTime: "23:59" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: extendSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section aria-labelledby="extend-title">
      <h2 id="extend-title">Gia hạn cho tất cả</h2>
      <p>
        Đặt một hạn mới, muộn hơn {c.deadlineWords}, cho mọi người được lấy ý kiến. Mỗi người nhận được một thư báo hạn mới.
        {c.extensions.length
          ? ` Đang có ${c.extensions.length} người được gia hạn riêng (${c.extensions.join("; ")}): gia hạn riêng nào sớm hơn hạn mới sẽ không còn ý nghĩa; gia hạn riêng muộn hơn vẫn giữ.`
          : ""}
      </p>
      <FormMessages error={formError(form.errors)} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="extend" />
        <Field field={fields.untilDate} label="Hạn mới: ngày">
          <input {...getInputProps(fields.untilDate, { type: "date" })} />
        </Field>
        <Field field={fields.untilTime} label="Hạn mới: giờ (giờ Việt Nam; 23:59 là hết ngày)">
          <input {...getInputProps(fields.untilTime, { type: "time" })} />
        </Field>
        <button type="submit">Gia hạn cho tất cả</button>
      </Form>
    </section>
  );
}

export function CloseEarly({ c, lastResult }: Props) {
  const [form] = useForm({ id: "close", lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: closeSchema }) });
  return (
    <section aria-labelledby="close-title">
      <h2 id="close-title">Kết thúc sớm</h2>
      {c.confirmClose ? (
        <div className="warning">
          <p>
            <strong>Kết thúc sớm đợt lấy ý kiến?</strong> Hạn góp ý trở thành ngay bây giờ: không ai góp ý được nữa (trừ người đang được gia hạn riêng, cho đến
            hết hạn riêng của họ); người chưa góp ý và chưa thống nhất được tính là xem như thống nhất với dự thảo kể từ lúc này, nếu đợt này áp dụng quy tắc
            đó. Văn phòng nhận thư tổng hợp sau hạn. Không thể hoàn tác.
          </p>
          <FormMessages error={formError(form.errors)} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit">Xác nhận kết thúc sớm</button> <a href={`/office/lay-y-kien/${c.id}/thoi-han`}>Không, giữ nguyên hạn</a>
          </Form>
        </div>
      ) : (
        <p>
          <a href={`/office/lay-y-kien/${c.id}/thoi-han?ketThuc=1#close-title`}>Kết thúc sớm đợt lấy ý kiến…</a> (sẽ hỏi xác nhận)
        </p>
      )}
    </section>
  );
}
