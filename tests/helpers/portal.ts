// The whole portal as a person meets it: the production server sending real mail to an SMTP
// server on loopback, and a Chromium to use it with. Started before a file's tests, stopped after.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { type RunningServer, startServer } from "./server";
import { startSmtp, type TestSmtp } from "./smtp";

export interface Portal {
  smtp: TestSmtp;
  server: RunningServer;
  browser: Browser;
}

/** Registers the hooks; the returned object is filled in before the first test runs. */
export function usePortalWithMail(): Portal {
  const portal = {} as Portal;
  beforeAll(async () => {
    portal.smtp = await startSmtp();
    portal.server = await startServer({ SMTP_URL: portal.smtp.url, MAIL_FROM: "Cổng góp ý <no-reply@example.gov.vn>" });
    portal.browser = await launchBrowser();
  });
  afterAll(async () => {
    await portal.browser?.close();
    await portal.server?.stop();
    await portal.smtp?.close();
  });
  return portal;
}
