// Sign-in without passwords: a link and a 6-digit code by email, valid 15 minutes, single use,
// stored only as hashes; sessions whose cookie carries a random id stored only as its hash.
import { email } from "../../emails";
import { sameOriginPath } from "~/domain/redirect";
import type { Db, Tx } from "~/utils/db.server";
import { randomToken, sameHash, sha256, sixDigitCode } from "~/utils/crypto.server";
import { getEnv } from "~/utils/env.server";
import { enqueue } from "./outbox.server";

export const SIGN_IN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
const RATE_WINDOW_MS = 15 * 60_000;
const MAX_PER_ADDRESS = 5;
const MAX_PER_IP = 30;
const MAX_CODE_ATTEMPTS = 5;

export function normalizeEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

export function signInLink(token: string): string {
  return `${getEnv().APP_URL}/dang-nhap/xac-nhan?token=${encodeURIComponent(token)}`;
}

export interface IssuedToken {
  id: string;
  token: string;
  code: string;
}

export async function issueToken(
  tx: Tx,
  opts: { userId: string; purpose: "login" | "invitation" | "cli"; now: Date; ttlMs: number; redirectTo?: string | null; ip?: string | null },
): Promise<IssuedToken> {
  const token = randomToken();
  const code = sixDigitCode();
  const row = await tx.loginToken.create({
    data: {
      userId: opts.userId,
      tokenHash: sha256(token),
      codeHash: "",
      purpose: opts.purpose,
      // Checked here too, not only in the route: whatever a token stores is where its link leads.
      redirectTo: sameOriginPath(opts.redirectTo, getEnv().APP_URL),
      createdAt: opts.now,
      expiresAt: new Date(opts.now.getTime() + opts.ttlMs),
      requestIp: opts.ip ?? null,
    },
    select: { id: true },
  });
  // The code is salted with its row id: six digits alone would be a lookup table.
  await tx.loginToken.update({ where: { id: row.id }, data: { codeHash: sha256(`${row.id}:${code}`) } });
  return { id: row.id, token, code };
}

export type SignInRequest = { outcome: "sent" } | { outcome: "rate_limited" };

/** Same outcome whether or not the address has an account, so addresses cannot be probed. */
export async function requestSignIn(db: Db, input: { email: string; ip: string; now: Date; redirectTo?: string | null }): Promise<SignInRequest> {
  const address = normalizeEmail(input.email);
  const emailHash = sha256(address);
  const since = new Date(input.now.getTime() - RATE_WINDOW_MS);
  return db.$transaction(async (tx) => {
    const [byAddress, byIp] = await Promise.all([
      tx.signInAttempt.count({ where: { emailHash, createdAt: { gt: since } } }),
      tx.signInAttempt.count({ where: { ip: input.ip, createdAt: { gt: since } } }),
    ]);
    if (byAddress >= MAX_PER_ADDRESS || byIp >= MAX_PER_IP) return { outcome: "rate_limited" } as const;
    await tx.signInAttempt.create({ data: { emailHash, ip: input.ip, createdAt: input.now } });
    const user = await tx.user.findUnique({ where: { email: address }, select: { id: true, name: true, disabledAt: true } });
    if (user && !user.disabledAt) {
      const issued = await issueToken(tx, { userId: user.id, purpose: "login", now: input.now, ttlMs: SIGN_IN_TTL_MS, redirectTo: input.redirectTo, ip: input.ip });
      const content = email("dang-nhap", { name: user.name, code: issued.code, link: signInLink(issued.token), minutes: SIGN_IN_TTL_MS / 60_000 });
      await enqueue(tx, [{ key: `login:${issued.id}`, kind: "login", toEmail: address, content }], input.now);
    }
    return { outcome: "sent" } as const;
  });
}

export type SignInResult =
  | { ok: true; userId: string; redirectTo: string | null }
  | { ok: false; reason: "invalid" | "used" | "expired" | "too_many_attempts" };

/** Spends a link token: the conditional update makes a second use, even a simultaneous one, fail. */
export async function signInWithToken(db: Db, token: string, now: Date): Promise<SignInResult> {
  const tokenHash = sha256(token);
  const spent = await db.loginToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await db.loginToken.findUnique({ where: { tokenHash }, select: { userId: true, redirectTo: true, usedAt: true, expiresAt: true } });
  if (spent.count === 1 && row) return { ok: true, userId: row.userId, redirectTo: row.redirectTo };
  if (!row) return { ok: false, reason: "invalid" };
  return { ok: false, reason: row.expiresAt <= now ? "expired" : "used" };
}

export async function signInWithCode(db: Db, emailInput: string, code: string, now: Date): Promise<SignInResult> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(emailInput) }, select: { id: true } });
  if (!user || !/^\d{6}$/.test(code)) return { ok: false, reason: "invalid" };
  const tokens = await db.loginToken.findMany({
    where: { userId: user.id, purpose: "login", usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  const match = tokens.find((t) => t.codeAttempts < MAX_CODE_ATTEMPTS && sameHash(t.codeHash, sha256(`${t.id}:${code}`)));
  if (!match) {
    // Every live code of this person counts the miss, so guessing across codes is bounded too.
    await db.loginToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { codeAttempts: { increment: 1 } } });
    const exhausted = tokens.length > 0 && tokens.every((t) => t.codeAttempts + 1 >= MAX_CODE_ATTEMPTS);
    return { ok: false, reason: exhausted ? "too_many_attempts" : "invalid" };
  }
  const spent = await db.loginToken.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: now } });
  return spent.count === 1 ? { ok: true, userId: user.id, redirectTo: match.redirectTo } : { ok: false, reason: "used" };
}

export async function createSession(db: Db, userId: string, now: Date, meta: { ip?: string; userAgent?: string } = {}): Promise<string> {
  const raw = randomToken();
  await db.session.create({
    data: {
      id: sha256(raw),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return raw;
}

export async function revokeSession(db: Db, raw: string, now: Date): Promise<void> {
  await db.session.updateMany({ where: { id: sha256(raw), revokedAt: null }, data: { revokedAt: now } });
}

export const SIGN_IN_ERRORS: Record<Exclude<SignInResult, { ok: true }>["reason"], string> = {
  invalid: "Mã hoặc liên kết đăng nhập không đúng. Vui lòng kiểm tra lại, hoặc yêu cầu mã mới.",
  used: "Liên kết đăng nhập này đã được dùng. Mỗi liên kết chỉ dùng được một lần; vui lòng yêu cầu mã mới.",
  expired: "Liên kết hoặc mã đăng nhập đã hết hạn. Vui lòng yêu cầu mã mới.",
  too_many_attempts: "Đã nhập sai mã quá nhiều lần. Vui lòng yêu cầu mã mới.",
};

/** One-time links printed by the server or the CLI, for when mail cannot reach the person. */
export const CONSOLE_LINK_TTL_MS = 60 * 60_000;

export async function issueConsoleLink(db: Db, email: string, now: Date): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  const issued = await db.$transaction((tx) => issueToken(tx, { userId: user.id, purpose: "cli", now, ttlMs: CONSOLE_LINK_TTL_MS }));
  return signInLink(issued.token);
}

export async function issueOfficeConsoleLink(db: Db, now: Date): Promise<string | null> {
  const office = await db.user.findFirst({ where: { role: "office", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { email: true } });
  return office ? issueConsoleLink(db, office.email, now) : null;
}

/** Whether a link token would work, without spending it. */
export async function peekToken(db: Db, token: string, now: Date): Promise<{ ok: true; name: string } | Exclude<SignInResult, { ok: true }>> {
  if (!token) return { ok: false, reason: "invalid" };
  const row = await db.loginToken.findUnique({ where: { tokenHash: sha256(token) }, select: { usedAt: true, expiresAt: true, user: { select: { name: true } } } });
  if (!row) return { ok: false, reason: "invalid" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, name: row.user.name };
}
