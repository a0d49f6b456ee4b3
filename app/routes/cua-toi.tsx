// The official's way back: every consultation they are asked in, without hunting for the email.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listMyConsultations, type MyConsultation } from "~/models/my-consultations.server";
import { getDb } from "~/utils/db.server";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Đợt lấy ý kiến của tôi — Góp ý dự thảo văn bản" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const viewer = await requireViewer(request);
  return { name: viewer.name, items: await listMyConsultations(getDb(), viewer, now) };
}

export default function MyConsultations() {
  const { name, items } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Đợt lấy ý kiến của tôi</h1>
      <p>
        Các đợt lấy ý kiến mà đồng chí <strong>{name}</strong> được mời góp ý, đợt còn hạn ở trên. Thời gian theo giờ Việt Nam.
      </p>
      {items.length === 0 ? (
        <p className="empty">Đồng chí chưa được mời góp ý trong đợt lấy ý kiến nào.</p>
      ) : (
        <ul className="my-consultations">
          {items.map((c) => (
            <MyConsultationCard key={c.id} c={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MyConsultationCard({ c }: { c: MyConsultation }) {
  const headingId = `dot-${c.id}`;
  return (
    <li className="my-consultation" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={c.path}>{c.title}</a>
      </h2>
      <dl>
        <dt>Góp ý với tư cách</dt>
        <dd>{c.capacity}</dd>
        <dt>Hạn góp ý</dt>
        <dd>
          {c.deadlineWords}
          {c.timeLeft ? ` — ${c.timeLeft}` : " — đã hết hạn"}
        </dd>
        <dt>Tình trạng</dt>
        <dd>{c.standing}</dd>
        <dt>Đã gửi</dt>
        <dd>
          <Sent c={c} />
        </dd>
      </dl>
    </li>
  );
}

function Sent({ c }: { c: MyConsultation }) {
  const parts: string[] = [];
  if (c.comments > 0) parts.push(`${c.comments} ý kiến góp ý`);
  if (c.withdrawn > 0) parts.push(`${c.withdrawn} ý kiến đã rút`);
  if (c.agreedAt) parts.push(`ý kiến thống nhất lúc ${c.agreedAt}`);
  if (parts.length === 0) return <>Chưa gửi gì. {c.open ? <a href={c.path}>Mở dự thảo để góp ý</a> : null}</>;
  return (
    <>
      {parts.join("; ")}.{" "}
      {c.comments + c.withdrawn > 0 ? (
        <a href={`${c.path}#danh-sach-gop-y`}>Xem ý kiến của đồng chí</a>
      ) : (
        <a href={`${c.path}#y-kien-cua-toi`}>Xem trên trang dự thảo</a>
      )}
    </>
  );
}
