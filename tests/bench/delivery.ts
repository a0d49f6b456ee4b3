// Outbox delivery to a real SMTP server on 127.0.0.1 (smtp-server + mailparser in this process),
// through the production mailer (nodemailer, pooled) and worker (claim, send, mark).
import path from "node:path";
import { tempDir } from "../helpers/database";
import { startSmtp } from "../helpers/smtp";
import type { BenchRow } from "./run";

const N = 2_000;

export async function benchDelivery(): Promise<BenchRow[]> {
  const dir = tempDir("portal-bench-delivery-");
  const databasePath = path.join(dir, "portal.db");
  process.env.DATABASE_URL = `file:${databasePath}`;
  const { migrate } = await import("~/utils/migrate.server");
  const { createDb, tuneConnection } = await import("~/utils/db.server");
  const { enqueue } = await import("~/models/outbox.server");
  const { createMailer } = await import("~/utils/mailer.server");
  const { deliverDue } = await import("~/server/outbox-worker.server");
  const { email, renderEmail } = await import("../../emails");
  // Its own client, not the process-wide one: another bench in this process may have opened that.
  migrate(databasePath);
  const db = createDb(databasePath);
  await tuneConnection(db);
  const smtp = await startSmtp();
  const mailer = createMailer({
    SMTP_URL: smtp.url,
    MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>",
    mailboxPath: "/tmp/unused",
    APP_URL: "http://localhost:3000",
  });
  try {
    const now = new Date();
    const messages = Array.from({ length: N }, (_, i) => ({
      key: `bench:${i}`,
      kind: "reminder" as const,
      toEmail: `nguoi.nhan.${i}@example.gov.vn`,
      content: email("nhac-gop-y", {
        recipientName: `Nguyễn Thị Người Nhận ${i}`,
        letterSubject: `lấy ý kiến đối với dự thảo Kế hoạch số ${i} của Ủy ban nhân dân tỉnh Sóc Trăng`,
        consultationTitle: `Dự thảo Kế hoạch số ${i} của Ủy ban nhân dân tỉnh Sóc Trăng`,
        deadlineAt: "2026-12-20T16:59:59.999Z",
        deadlineWords: "hết ngày 20/12/2026 (23 giờ 59, giờ Việt Nam)",
        timeLeft: "còn 3 ngày",
        isExtension: false,
        silenceIsConsent: true,
        link: `http://localhost:3000/lay-y-kien/bench-${i}`,
      }),
    }));
    const sample = renderEmail("nhac-gop-y", messages[0]!.content.props);
    const kib = (Buffer.byteLength(sample.html) + Buffer.byteLength(sample.text)) / 1024;
    const queued = await enqueue(db, messages, now);
    if (queued.length !== N) throw new Error(`queued ${queued.length} of ${N}`);

    let sent = 0;
    let retrying = 0;
    let failed = 0;
    let calls = 0;
    const started = performance.now();
    for (;;) {
      const report = await deliverDue(db, mailer, { now, workerId: "bench" });
      calls++;
      sent += report.sent.length;
      retrying += report.retrying.length;
      failed += report.failed.length;
      if (report.sent.length + report.retrying.length + report.failed.length === 0) break;
    }
    const ms = performance.now() - started;
    await smtp.waitFor(N, 60_000);
    const received = new Set(smtp.messages.map((m) => m.messageId));
    if (sent !== N || retrying || failed || smtp.messages.length !== N || received.size !== N) {
      throw new Error(
        `expected ${N} sent and received once each: ${sent} sent, ${retrying} retrying, ${failed} failed; ` +
          `${smtp.messages.length} received, ${received.size} distinct Message-IDs`,
      );
    }
    const perSecond = N / (ms / 1000);
    return [
      {
        name: `delivery of ${N.toLocaleString("en")} queued messages (~${kib.toFixed(1)} KiB html+text each) to a local SMTP server, ${calls - 1} worker passes`,
        figure: `${Math.round(perSecond)} messages/s (${(ms / 1000).toFixed(1)} s)`,
        target: "≥ 100 messages/s",
        met: perSecond >= 100,
      },
    ];
  } finally {
    mailer.close();
    await smtp.close();
    await db.$disconnect();
  }
}
