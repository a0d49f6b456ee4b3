// Delivery: SMTP when SMTP_URL is set; otherwise a local mailbox of .eml files under data/ that the
// Office reads at /office/mailbox. Never a silent "success" with nowhere to send.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Env } from "./env.server";

export interface OutgoingMessage {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  kind: "smtp" | "local";
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export function createMailer(env: Pick<Env, "SMTP_URL" | "MAIL_FROM" | "mailboxPath" | "APP_URL">): Mailer {
  const host = new URL(env.APP_URL).hostname || "localhost";
  const envelope = (m: OutgoingMessage) => ({
    from: env.MAIL_FROM,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    // Stable per outbox row: if a crash makes us send twice, mail clients show it once.
    messageId: `<${m.id}@${host}>`,
  });

  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
    if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", "5");
    const transport = nodemailer.createTransport(url.toString());
    return {
      kind: "smtp",
      async send(m) {
        await transport.sendMail(envelope(m));
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "local",
    async send(m) {
      const info = await transport.sendMail(envelope(m));
      await fs.mkdir(env.mailboxPath, { recursive: true });
      await fs.writeFile(path.join(env.mailboxPath, `${m.id}.eml`), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
