// What an invited official can do with the draft: see who they answer as and where they stand,
// agree, ask for more time, and comment — all plain forms that work without JavaScript.
import { Form } from "@remix-run/react";

export interface MeView {
  capacity: string;
  standing: string;
  myDeadline: string;
  timeLeft: string | null;
  canRespond: boolean;
  late: boolean;
  refusal: string | null;
  agreed: { at: string; note: string | null } | null;
  extension: { text: string } | null;
  extensionPending: boolean;
}

export interface SectionOption {
  id: string;
  title: string;
}

export interface FormResult {
  intent?: string;
  error?: string;
  /** The comment a refused withdraw, restore or edit was about. */
  commentId?: string;
  /** The id of the comment just stored, when the passage form sent it without leaving the page. */
  sent?: string;
}

export function RespondPanel({ me, sections, formKey, result }: { me: MeView; sections: SectionOption[]; formKey: string; result?: FormResult }) {
  const errorFor = (intent: string) =>
    result?.intent === intent && result.error ? (
      <p className="form-error" role="alert" id={`loi-${intent}`}>
        {result.error}
      </p>
    ) : null;
  return (
    <section className="respond-panel" aria-labelledby="y-kien-cua-toi">
      <h2 id="y-kien-cua-toi">Ý kiến của đồng chí</h2>
      <p>
        Góp ý với tư cách: <strong>{me.capacity}</strong>
      </p>
      <p>
        Tình trạng: <strong>{me.standing}</strong>. Hạn góp ý của đồng chí: {me.myDeadline}
        {me.timeLeft ? ` — ${me.timeLeft}` : ""}.
      </p>
      {me.extension ? <p>{me.extension.text}</p> : null}
      {me.agreed ? <Agreement agreed={me.agreed} canRetract={me.canRespond && !me.late} error={errorFor("retract-agreement")} /> : null}
      {!me.canRespond ? (
        <p className="form-error" role="status">
          {me.refusal}
        </p>
      ) : (
        <>
          {me.late ? <p className="mail-warning">Đã quá hạn góp ý: ý kiến gửi bây giờ vẫn được nhận nhưng được ghi là “quá hạn”.</p> : null}
          <CommentForm sections={sections} formKey={formKey} error={errorFor("comment")} />
          {me.agreed ? null : (
            <details className="respond-more">
              <summary>Thống nhất với dự thảo</summary>
              <Form method="post" className="stack" preventScrollReset>
                <input type="hidden" name="intent" value="agree" />
                {errorFor("agree")}
                <label htmlFor="agree-note">Ghi chú (không bắt buộc)</label>
                <textarea id="agree-note" name="note" rows={2} maxLength={2000} />
                <button type="submit">Thống nhất với dự thảo</button>
              </Form>
            </details>
          )}
          {me.extensionPending ? null : (
            <details className="respond-more" open={result?.intent === "extension" ? true : undefined}>
              <summary>Đề nghị gia hạn</summary>
              <Form method="post" className="stack" preventScrollReset>
                <input type="hidden" name="intent" value="extension" />
                {errorFor("extension")}
                <label htmlFor="extension-until">Gia hạn đến hết ngày</label>
                <input id="extension-until" name="until" type="date" required aria-describedby="extension-hint" />
                <p id="extension-hint" className="muted">
                  Ngày phải sau hạn góp ý hiện tại; tính đến 23 giờ 59 (giờ Việt Nam) của ngày đó.
                </p>
                <label htmlFor="extension-reason">Lý do</label>
                <textarea id="extension-reason" name="reason" rows={3} required maxLength={2000} />
                <button type="submit">Gửi đề nghị gia hạn</button>
              </Form>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The agreement given, and until the deadline a way to take it back (the person then has not answered). */
function Agreement({ agreed, canRetract, error }: { agreed: NonNullable<MeView["agreed"]>; canRetract: boolean; error: React.ReactNode }) {
  return (
    <div className="notice">
      <p>
        Đồng chí đã thống nhất với dự thảo lúc {agreed.at}
        {agreed.note ? `, ghi chú: “${agreed.note}”` : ""}.
      </p>
      {error}
      {canRetract ? (
        <Form method="post" className="stack" preventScrollReset>
          <input type="hidden" name="intent" value="retract-agreement" />
          <p className="muted">
            Có thể rút lại đến hết hạn góp ý; khi đó, nếu không có góp ý nào khác, đồng chí lại được xem là chưa trả lời và được nhắc hạn.
          </p>
          <button type="submit" className="secondary">
            Rút lại ý kiến thống nhất
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function CommentForm({ sections, formKey, error }: { sections: SectionOption[]; formKey: string; error: React.ReactNode }) {
  return (
    // A plain form, with or without JavaScript: the server answers this POST directly, before
    // Remix (app/server/comment-post.server.ts), and a stored comment reloads the page at it.
    // A passage is commented on beside the text (passage-enhancer.tsx); this form is for a section
    // or the whole draft, and for readers without JavaScript.
    <form method="post" className="stack comment-form" id="gop-y">
      <h3>Gửi góp ý</h3>
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="idempotencyKey" value={formKey} />
      {error}
      <label htmlFor="comment-target">Góp ý cho</label>
      <select id="comment-target" name="target" defaultValue="">
        <option value="">Toàn bộ dự thảo (góp ý chung)</option>
        {sections.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <label htmlFor="comment-text">Nội dung góp ý</label>
      <textarea id="comment-text" name="text" rows={5} required maxLength={10000} />
      <button type="submit">Gửi góp ý</button>
    </form>
  );
}
