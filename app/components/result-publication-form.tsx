// "Công bố kết quả" on the Office's report page: what publishing does (how many officials are
// emailed, how many comments are still undecided, who will see the report), then a confirmation.
// A plain POST without JavaScript; with it, Conform shows the same messages beside the checkbox.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { publishResultSchema } from "~/domain/forms/result-publication";
import { undecidedWarning } from "~/domain/result-publication";
import { FieldError } from "./form-field";
import { FormMessages } from "./form-messages";

export interface ResultPublicationView {
  consultationId: string;
  resultPath: string;
  publishedWords: string | null;
  publishedBy: string | null;
  problem: string | null;
  commenters: number;
  comments: number;
  undecided: number;
  publicCanRead: boolean;
  confirm: boolean;
  done: string | null;
}

const n = (count: number) => count.toLocaleString("vi-VN");

function doneNotice(done: string | null): string | null {
  if (!done) return null;
  if (done === "truoc") return "Kết quả đã được công bố trước đó; không có thư nào được gửi thêm.";
  return `Đã công bố kết quả và xếp ${done} thư báo vào hàng gửi.`;
}

export function ResultPublication({ v, lastResult }: { v: ResultPublicationView; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "publish-result",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publishResultSchema }),
    shouldValidate: "onBlur",
  });
  const base = `/office/lay-y-kien/${v.consultationId}/bao-cao`;
  const audience = v.publicCanRead
    ? "Bảng tổng hợp này được công khai cho mọi người (đợt cho phép công chúng đọc dự thảo)"
    : "Đợt này không công khai: chỉ người được lấy ý kiến và Văn phòng xem được bảng tổng hợp";
  return (
    <section className="no-print result-publication" aria-labelledby="cong-bo-ket-qua">
      <h2 id="cong-bo-ket-qua">Công bố kết quả</h2>
      <FormMessages error={form.errors?.join(" ")} notice={doneNotice(v.done)} />
      {v.publishedWords ? (
        <p>
          Đã công bố kết quả lúc {v.publishedWords}, người công bố: {v.publishedBy}. <a href={v.resultPath}>Xem trang kết quả</a>. Ý kiến xử lý sửa sau khi công
          bố vẫn hiện ngay cho người góp ý, kèm thời điểm cập nhật; không gửi thư lại.
        </p>
      ) : v.problem ? (
        <p>{v.problem}</p>
      ) : v.confirm || lastResult ? (
        <div className="warning">
          <p>
            <strong>
              Sẽ gửi thư báo cho {n(v.commenters)} người đã góp ý ({n(v.comments)} ý kiến), mỗi người một thư.
            </strong>{" "}
            Người chỉ thống nhất hoặc không phản hồi không nhận thư. Mỗi người góp ý thấy ý kiến xử lý và nội dung giải trình ngay dưới ý kiến của mình.{" "}
            {`${audience}.`} Không thể hủy công bố.
          </p>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="confirm" value="yes" />
            {v.undecided ? (
              <div className="field">
                <p id={fields.undecidedAcknowledged.descriptionId}>{undecidedWarning(v.undecided)}</p>
                <label className="checkbox">
                  <input
                    {...getInputProps(fields.undecidedAcknowledged, { type: "checkbox" })}
                    aria-describedby={`${fields.undecidedAcknowledged.descriptionId} ${fields.undecidedAcknowledged.errorId}`}
                  />{" "}
                  Vẫn công bố khi còn {n(v.undecided)} ý kiến chưa xử lý
                </label>
                <FieldError field={fields.undecidedAcknowledged} />
              </div>
            ) : null}
            <button type="submit">Xác nhận công bố kết quả</button> <a href={`${base}#cong-bo-ket-qua`}>Chưa công bố</a>
          </Form>
        </div>
      ) : (
        <p>
          {n(v.commenters)} người đã góp ý sẽ nhận thư báo
          {v.undecided ? `; còn ${n(v.undecided)} ý kiến chưa xử lý` : "; mọi ý kiến đã được xử lý"}.{" "}
          <a href={`${base}?congBoKetQua=1#cong-bo-ket-qua`}>Công bố kết quả…</a> (sẽ hỏi xác nhận) · <a href={v.resultPath}>Xem trước trang kết quả</a>
        </p>
      )}
    </section>
  );
}
