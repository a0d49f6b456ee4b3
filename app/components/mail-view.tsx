// One email as the Office reads it: the plain-text part as text, the HTML part in a sandboxed
// frame (no scripts, no same-origin access), so nothing in a message can act on the portal.
export function MailView({ subject, to, html, text }: { subject: string; to?: string; html: string; text: string }) {
  return (
    <article aria-labelledby="mail-subject">
      <h1 id="mail-subject">{subject}</h1>
      {to ? <p>Gửi tới: {to}</p> : null}
      <h2>Bản văn bản</h2>
      <pre className="mail-text">{text}</pre>
      <h2>Bản HTML</h2>
      <iframe className="mail-html" title={`Bản HTML của thư: ${subject}`} sandbox="" srcDoc={html} />
    </article>
  );
}
