// What an emailed sign-in link shows, by its state and by who opens it. A spent link is not an
// error the person made (they reopened an old email), so it is told calmly with the way back in.
import { Form } from "@remix-run/react";

export type LinkView =
  | { kind: "confirm"; token: string; name: string }
  | { kind: "other"; token: string; ownerEmail: string; viewerEmail: string; canSwitch: boolean }
  | { kind: "spent"; expired: boolean; email: string; next: string }
  | { kind: "invalid"; error: string };

export function SignInLinkView({ view }: { view: LinkView }) {
  switch (view.kind) {
    case "confirm":
      return (
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={view.token} />
          <p>Đồng chí {view.name} đăng nhập Cổng góp ý dự thảo văn bản bằng liên kết đã gửi qua email.</p>
          <button type="submit">Tiếp tục đăng nhập</button>
        </Form>
      );
    case "other":
      return <OtherAccount view={view} />;
    case "spent":
      return <SpentLink view={view} />;
    case "invalid":
      return (
        <>
          <p className="form-error" role="alert">
            {view.error}
          </p>
          <p>
            <a href="/dang-nhap">Yêu cầu mã đăng nhập mới</a>
          </p>
        </>
      );
  }
}

function OtherAccount({ view }: { view: Extract<LinkView, { kind: "other" }> }) {
  return (
    <div className="stack">
      <p className="notice" role="status">
        Liên kết này dành cho địa chỉ <strong>{view.ownerEmail}</strong>, nhưng đồng chí đang đăng nhập bằng <strong>{view.viewerEmail}</strong>.
      </p>
      {view.canSwitch ? (
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={view.token} />
          <p>Nếu đây là liên kết của đồng chí, hãy đăng xuất tài khoản hiện tại và đăng nhập bằng liên kết này.</p>
          <button type="submit">Đăng xuất và đăng nhập bằng liên kết này</button>
        </Form>
      ) : (
        <Form method="post" action="/dang-xuat" className="stack">
          <p>Liên kết này đã được dùng hoặc đã hết hạn. Để vào bằng địa chỉ {view.ownerEmail}, hãy đăng xuất rồi yêu cầu mã đăng nhập mới.</p>
          <button type="submit" className="secondary">
            Đăng xuất
          </button>
        </Form>
      )}
      <p>
        <a href="/cua-toi">Tiếp tục với tài khoản hiện tại</a>
      </p>
    </div>
  );
}

function SpentLink({ view }: { view: Extract<LinkView, { kind: "spent" }> }) {
  return (
    <Form method="post" action="/dang-nhap" className="stack">
      <p className="notice" role="status">
        {view.expired ? "Liên kết đăng nhập này đã hết hạn." : "Liên kết này đã được dùng để đăng nhập trước đây; mỗi liên kết chỉ dùng được một lần."} Đồng chí
        có thể nhận mã đăng nhập mới qua email để tiếp tục.
      </p>
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="tiep" value={view.next} />
      <label htmlFor="email">Địa chỉ email</label>
      <input id="email" name="email" type="email" autoComplete="email" required defaultValue={view.email} />
      <button type="submit">Gửi mã đăng nhập</button>
    </Form>
  );
}
