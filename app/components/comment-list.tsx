// Comments in the order of the draft: general ones first, then section by section, each with the
// passage it quotes. A link takes the reader to the passage; the passage's highlight links back.
import type { PublishedDecision } from "~/domain/result-publication";

export interface CommentItem {
  id: string;
  sectionId: string | null;
  sectionAnchor: string | null;
  quote: string | null;
  text: string;
  author: string;
  when: string;
  isOwn: boolean;
  isLate: boolean;
  edited: boolean;
  withdrawn: boolean;
  /** The Office's decision, once the result is published; null before, and on a withdrawn comment. */
  decision?: PublishedDecision | null;
}

export interface CommentGroup {
  title: string;
  items: CommentItem[];
  /** The section's comments in all, where the list shows only a page of them. */
  count?: number;
}

export interface CommentFailure {
  commentId: string;
  error: string;
}

export interface CommentPages {
  page: number;
  pages: number;
  total: number;
}

/**
 * `draftPath`: where the draft is when it is not on this page (the Office's overview lists comments
 * without the draft): links to a passage lead to that page's section instead of a missing `#phan-…`.
 */
export function CommentList({
  groups,
  canEdit,
  heading,
  pages,
  draftPath = "",
  failure,
}: {
  groups: CommentGroup[];
  canEdit: boolean;
  heading: string;
  pages?: CommentPages;
  draftPath?: string;
  /** A withdraw or restore the server refused, shown on its card. */
  failure?: CommentFailure;
}) {
  const total = pages?.total ?? groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <section className="comment-list" aria-labelledby="danh-sach-gop-y">
      <h2 id="danh-sach-gop-y">
        {heading} ({total})
      </h2>
      {total === 0 ? <p className="muted">Chưa có góp ý nào.</p> : null}
      {groups.map((g) => (
        <div key={g.title} className="comment-group" id={g.items[0]?.sectionAnchor ? `y-kien-phan-${g.items[0].sectionAnchor}` : undefined}>
          <h3>
            {g.title}
            {g.count ? <span className="group-count"> · {g.count} góp ý</span> : null}
          </h3>
          <ol>
            {g.items.map((c) => (
              <li key={c.id} id={`y-kien-${c.id}`} className={`comment${c.withdrawn ? " comment--withdrawn" : ""}`} data-comment-id={c.id}>
                <p className="comment-meta">
                  {c.author} · {c.when}
                  {c.isLate ? <span className="tag-failed"> · quá hạn</span> : null}
                  {c.edited ? " · đã chỉnh sửa" : null}
                  {c.withdrawn ? " · đã rút" : null}
                </p>
                {c.quote ? (
                  <blockquote>
                    <a href={`${draftPath}#${c.sectionAnchor}`} data-focus-comment={draftPath ? undefined : c.id}>
                      “{c.quote}”
                    </a>
                  </blockquote>
                ) : c.sectionAnchor ? (
                  <p>
                    <a href={`${draftPath}#${c.sectionAnchor}`}>Xem phần được góp ý</a>
                  </p>
                ) : null}
                <p className="comment-text">{c.text}</p>
                {c.decision ? <CommentDecision decision={c.decision} /> : null}
                {failure?.commentId === c.id ? (
                  <p className="form-error" role="alert" id={`loi-y-kien-${c.id}`}>
                    {failure.error}
                  </p>
                ) : null}
                {canEdit && c.isOwn && !c.withdrawn ? <EditControls comment={c} /> : null}
                {canEdit && c.isOwn && c.withdrawn ? <RestoreControl comment={c} /> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {pages && pages.pages > 1 ? <Pager {...pages} /> : null}
    </section>
  );
}

function Pager({ page, pages }: CommentPages) {
  const link = (n: number) => `?trang=${n}#danh-sach-gop-y`;
  return (
    <nav className="pager" aria-label="Các trang góp ý">
      {page > 1 ? <a href={link(page - 1)}>← Trang trước</a> : null}
      <span>
        Trang {page}/{pages}
      </span>
      {page < pages ? <a href={link(page + 1)}>Trang sau →</a> : null}
    </nav>
  );
}

// Plain forms, not Remix's <Form>: a page can hold thousands of comments and these cost almost
// nothing to render; a submission reloads the page, which is what it needs anyway.
function EditControls({ comment }: { comment: CommentItem }) {
  return (
    <details className="comment-edit">
      <summary>Chỉnh sửa hoặc rút ý kiến</summary>
      <form method="post" className="stack">
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="commentId" value={comment.id} />
        <label htmlFor={`edit-${comment.id}`}>Nội dung mới</label>
        <textarea id={`edit-${comment.id}`} name="text" rows={4} defaultValue={comment.text} required maxLength={10000} />
        <button type="submit">Lưu chỉnh sửa</button>
      </form>
      {/* The confirmation is a second step inside the first, so it works the same without JavaScript. */}
      <details className="comment-withdraw">
        <summary>Rút ý kiến này…</summary>
        <form method="post" className="stack">
          <input type="hidden" name="intent" value="withdraw" />
          <input type="hidden" name="commentId" value={comment.id} />
          <p>Ý kiến đã rút không được đưa vào bảng tổng hợp. Đồng chí có thể khôi phục lại đến hết hạn góp ý.</p>
          <button type="submit" className="secondary">
            Xác nhận rút ý kiến
          </button>
        </form>
      </details>
    </details>
  );
}

/** The Office's answer under a comment, after the result is published. */
function CommentDecision({ decision }: { decision: PublishedDecision }) {
  return (
    <div className={`comment-decision comment-decision--${decision.state}`}>
      <p className="comment-decision__label">
        Ý kiến xử lý của Văn phòng: <strong>{decision.label}</strong>
      </p>
      {decision.explanation
        .split(/\n\s*\n/)
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} className="comment-decision__text">
            {p}
          </p>
        ))}
      {decision.note ? <p className="comment-decision__note">{decision.note}</p> : null}
    </div>
  );
}

function RestoreControl({ comment }: { comment: CommentItem }) {
  return (
    <form method="post" className="comment-restore">
      <input type="hidden" name="intent" value="restore" />
      <input type="hidden" name="commentId" value={comment.id} />
      <p>Đồng chí đã rút ý kiến này; có thể khôi phục đến hết hạn góp ý.</p>
      <button type="submit" className="secondary">
        Khôi phục góp ý
      </button>
    </form>
  );
}
