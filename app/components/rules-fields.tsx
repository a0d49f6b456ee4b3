// The deadline, opening and rules of a consultation. The deadline is shown in words as it is
// typed (with JavaScript) and as saved (without); warnings are computed with the server's "now".
import { getInputProps, getSelectProps } from "@conform-to/react";
import { useState } from "react";
import { deadlineFromParts, deadlineWarnings } from "~/domain/letter";
import { formatDeadline } from "~/domain/time";
import { type AnyField, Field, FieldError } from "./form-field";

type ScheduleFields = Record<"deadlineDate" | "deadlineTime" | "opening" | "opensDate" | "opensTime", AnyField>;
type RuleFields = Record<"silenceIsConsent" | "latePolicy" | "commentVisibility" | "publicCanRead" | "receipts", AnyField>;

export function DeadlineFields({
  fields,
  nowIso,
  minPeriodDays,
  onDeadline,
}: {
  fields: ScheduleFields;
  nowIso: string;
  minPeriodDays: number;
  onDeadline?: (deadline: Date) => void;
}) {
  const [date, setDate] = useState(String(fields.deadlineDate.initialValue ?? ""));
  const [time, setTime] = useState(String(fields.deadlineTime.initialValue ?? "23:59"));
  const deadline = deadlineFromParts(date, time);
  const warnings = deadline ? deadlineWarnings(deadline, new Date(nowIso), minPeriodDays) : [];
  const changed = (d: string, t: string) => {
    const next = deadlineFromParts(d, t);
    if (next && onDeadline) onDeadline(next);
  };
  return (
    <fieldset className="form-section">
      <legend>Hạn góp ý</legend>
      <Field field={fields.deadlineDate} label="Ngày hết hạn">
        <input
          {...getInputProps(fields.deadlineDate, { type: "date", ariaDescribedBy: "deadline-words" })}
          onInput={(e) => {
            setDate(e.currentTarget.value);
            changed(e.currentTarget.value, time);
          }}
        />
      </Field>
      <Field field={fields.deadlineTime} label="Giờ hết hạn (giờ Việt Nam; mặc định 23:59, tức hết ngày)">
        <input
          {...getInputProps(fields.deadlineTime, { type: "time" })}
          onInput={(e) => {
            setTime(e.currentTarget.value);
            changed(date, e.currentTarget.value);
          }}
        />
      </Field>
      <p id="deadline-words" className="deadline-words" aria-live="polite">
        {deadline ? `Hạn góp ý: ${formatDeadline(deadline)}` : "Chưa chọn ngày hết hạn."}
      </p>
      {warnings.map((w) => (
        <p key={w} className="warning">
          Lưu ý: {w}
        </p>
      ))}
      <div className="field" role="radiogroup" aria-labelledby="opening-label">
        <span id="opening-label" className="label">
          Bắt đầu lấy ý kiến
        </span>
        <label className="choice">
          <input {...getInputProps(fields.opening, { type: "radio", value: "now" })} id="opening-now" /> Ngay khi công bố
        </label>
        <label className="choice">
          <input {...getInputProps(fields.opening, { type: "radio", value: "scheduled" })} id="opening-scheduled" /> Vào thời điểm đã hẹn (thư mời gửi lúc đó)
        </label>
        <FieldError field={fields.opening} />
      </div>
      <Field field={fields.opensDate} label="Ngày bắt đầu (nếu hẹn giờ)">
        <input {...getInputProps(fields.opensDate, { type: "date" })} />
      </Field>
      <Field field={fields.opensTime} label="Giờ bắt đầu (mặc định 08:00)">
        <input {...getInputProps(fields.opensTime, { type: "time" })} />
      </Field>
    </fieldset>
  );
}

export function RuleFields({ fields }: { fields: RuleFields }) {
  return (
    <fieldset className="form-section">
      <legend>Quy tắc</legend>
      <label className="choice">
        <input {...getInputProps(fields.silenceIsConsent, { type: "checkbox" })} /> Sau hạn, ai không trả lời được xem như thống nhất với dự thảo
      </label>
      <Field field={fields.latePolicy} label="Góp ý sau hạn">
        <select {...getSelectProps(fields.latePolicy)}>
          <option value="refuse">Không nhận</option>
          <option value="accept_marked">Vẫn nhận, đánh dấu «quá hạn»</option>
        </select>
      </Field>
      <Field field={fields.commentVisibility} label="Ai được xem góp ý của ai">
        <select {...getSelectProps(fields.commentVisibility)}>
          <option value="own">Mỗi người chỉ xem góp ý của mình</option>
          <option value="recipients">Người được lấy ý kiến xem góp ý của nhau</option>
          <option value="public">Mọi người đều xem được</option>
        </select>
      </Field>
      <label className="choice">
        <input {...getInputProps(fields.publicCanRead, { type: "checkbox" })} /> Người dân được đọc dự thảo
      </label>
      <label className="choice">
        <input {...getInputProps(fields.receipts, { type: "checkbox" })} /> Gửi thư xác nhận khi nhận được góp ý
      </label>
    </fieldset>
  );
}
