// Sign-in without passwords: a link and a 6-digit code by email, valid 15 minutes, single use,
// stored only as hashes; sessions whose cookie carries a random id stored only as its hash.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { insertTokenRows, type TokenRow } from "~/db/bulk-writes";
import { sameOriginPath } from "~/domain/redirect";
import { randomToken, randomTokens, sameHash, sha256, sixDigitCode } from "~/utils/crypto.server";
import type { Db, Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { email } from "../../emails";
import { enqueue } from "./outbox.server";

export const SIGN_IN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
const RATE_WINDOW_MS = 15 * 60_000;
// Requests for one address are counted per requesting IP: anyone can type a victim's address, and a
// single per-address budget would let them spend it and keep the victim out. The larger overall cap
// per address bounds the mail a victim can be flooded with from many IPs; an IP that has held a
// session of the person recently is not held by it, so the person's own office still gets through.
const MAX_PER_ADDRESS_AND_IP = 5;
const MAX_PER_ADDRESS = 30;
const MAX_PER_IP = 30;
const KNOWN_IP_MS = 30 * 24 * 60 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
// Each request brings a fresh code with its own five attempts, so the per-code limit alone lets
// guesses grow with requests; this cap bounds them per address per day (10 in a million a day).
// Only the code is capped: the emailed link's 256-bit token cannot be guessed, and keeps working,
// so an attacker who spends the cap does not lock the person out.
const CODE_FAILURE_WINDOW_MS = 24 * 60 * 60_000;
const MAX_CODE_FAILURES = 10;

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

/** One-time links for many people at once (a whole list invited or reminded): one insert, not two per person. */
export async function issueTokens(
  tx: Tx,
  userIds: string[],
  opts: { purpose: "invitation" | "reminder"; now: Date; ttlMs: number; redirectTo?: string | null },
): Promise<string[]> {
  const redirectTo = sameOriginPath(opts.redirectTo, getEnv().APP_URL);
  const tokens = randomTokens(userIds.length);
  const rows = userIds.map((userId, i): TokenRow => {
    const id = randomUUID();
    // Salted with the row id, as issueToken does; known here before the insert.
    const codeHash = sha256(`${id}:${sixDigitCode()}`);
    return [id, userId, sha256(tokens[i]!), codeHash, opts.purpose, redirectTo];
  });
  // In bulk (app/db/bulk-writes.ts): Prisma's createMany cost more than the insert for hundreds.
  await insertTokenRows(tx, rows, opts.now, new Date(opts.now.getTime() + opts.ttlMs));
  return tokens;
}

export type SignInRequest = { outcome: "sent" } | { outcome: "rate_limited" };

/** Same outcome whether or not the address has an account, so addresses cannot be probed. */
export async function requestSignIn(db: Db, input: { email: string; ip: string; now: Date; redirectTo?: string | null }): Promise<SignInRequest> {
  const address = normalizeEmail(input.email);
  const emailHash = sha256(address);
  return db.$transaction(async (tx) => {
    // Counted with itself: the transaction holds the write lock from its start (BEGIN IMMEDIATE,
    // docs/decisions/0008-write-contention.md), so two processes cannot both count below a limit;
    // a refused request takes its row back and costs the window nothing.
    const attempt = await tx.signInAttempt.create({ data: { emailHash, ip: input.ip, createdAt: input.now }, select: { id: true } });
    const user = await tx.user.findUnique({ where: { email: address }, select: { id: true, name: true, disabledAt: true } });
    if (await overRequestLimits(tx, { emailHash, ip: input.ip, userId: user?.id ?? null, now: input.now })) {
      await tx.signInAttempt.delete({ where: { id: attempt.id } });
      return { outcome: "rate_limited" } as const;
    }
    if (user && !user.disabledAt) {
      const issued = await issueToken(tx, {
        userId: user.id,
        purpose: "login",
        now: input.now,
        ttlMs: SIGN_IN_TTL_MS,
        redirectTo: input.redirectTo,
        ip: input.ip,
      });
      const content = email("dang-nhap", { name: user.name, code: issued.code, link: signInLink(issued.token), minutes: SIGN_IN_TTL_MS / 60_000 });
      await enqueue(tx, [{ key: `login:${issued.id}`, kind: "login", toEmail: address, content }], input.now);
    }
    return { outcome: "sent" } as const;
  });
}

async function overRequestLimits(tx: Tx, r: { emailHash: string; ip: string; userId: string | null; now: Date }): Promise<boolean> {
  const since = new Date(r.now.getTime() - RATE_WINDOW_MS);
  const [byPair, byAddress, byIp] = await Promise.all([
    tx.signInAttempt.count({ where: { emailHash: r.emailHash, ip: r.ip, createdAt: { gt: since } } }),
    tx.signInAttempt.count({ where: { emailHash: r.emailHash, createdAt: { gt: since } } }),
    tx.signInAttempt.count({ where: { ip: r.ip, createdAt: { gt: since } } }),
  ]);
  if (byPair > MAX_PER_ADDRESS_AND_IP || byIp > MAX_PER_IP) return true;
  if (byAddress <= MAX_PER_ADDRESS) return false;
  return !(r.userId && (await isKnownIp(tx, r.userId, r.ip, r.now)));
}

/** Whether the person signed in from this IP lately: their own desk, not a stranger's. */
async function isKnownIp(tx: Tx, userId: string, ip: string, now: Date): Promise<boolean> {
  if (!isIP(ip)) return false; // "không rõ" is everyone whose address the server did not see
  const since = new Date(now.getTime() - KNOWN_IP_MS);
  return (await tx.session.count({ where: { userId, ip, createdAt: { gt: since } } })) > 0;
}

/** Where a sign-in without a `tiep` leads: the Office works from its own pages, officials from the list of drafts. */
export function landingFor(role: string | null | undefined): string {
  return role === "office" ? "/office" : "/";
}

/** The browser a session is opened for, recorded with it so the person can tell their sessions apart. */
export interface SessionClient {
  ip?: string;
  userAgent?: string;
}

export type SignInResult =
  | { ok: true; userId: string; redirectTo: string | null; landing: string; session: string }
  | { ok: false; reason: "invalid" | "used" | "expired" | "too_many_attempts" | "code_failures_today" };

/**
 * Spends a link token and opens the session in one transaction: the token is spent only by a sign-in
 * that happened. The conditional update makes a second use, even a simultaneous one, fail.
 */
export async function signInWithToken(db: Db, token: string, now: Date, client: SessionClient = {}): Promise<SignInResult> {
  const tokenHash = sha256(token);
  return db.$transaction(async (tx) => {
    const spent = await tx.loginToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const row = await tx.loginToken.findUnique({ where: { tokenHash }, select: { userId: true, redirectTo: true, expiresAt: true } });
    if (!row) return { ok: false, reason: "invalid" } as const;
    if (spent.count !== 1) return { ok: false, reason: row.expiresAt <= now ? "expired" : "used" } as const;
    const session = await createSession(tx, row.userId, now, client);
    const user = await tx.user.findUnique({ where: { id: row.userId }, select: { role: true } });
    return { ok: true, userId: row.userId, redirectTo: row.redirectTo, landing: landingFor(user?.role), session } as const;
  });
}

/** Signs in with the 6-digit code of the person's newest sign-in email, within the daily cap on wrong codes. */
export async function signInWithCode(db: Db, emailInput: string, code: string, now: Date, client: SessionClient = {}): Promise<SignInResult> {
  const address = normalizeEmail(emailInput);
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "invalid" };
  const emailHash = sha256(address);
  return db.$transaction(async (tx) => {
    // The guess is recorded as a failure before it is checked (see SignInCodeFailure), for every
    // address alike, and taken back if the code is right.
    const guess = await tx.signInCodeFailure.create({ data: { emailHash, ip: client.ip ?? "", createdAt: now }, select: { id: true } });
    const since = new Date(now.getTime() - CODE_FAILURE_WINDOW_MS);
    if ((await tx.signInCodeFailure.count({ where: { emailHash, createdAt: { gt: since } } })) > MAX_CODE_FAILURES) {
      await tx.signInCodeFailure.delete({ where: { id: guess.id } });
      return { ok: false, reason: "code_failures_today" } as const;
    }
    const checked = await checkNewestCode(tx, address, code, now);
    if (!checked.ok) return checked;
    await tx.signInCodeFailure.delete({ where: { id: guess.id } });
    const session = await createSession(tx, checked.userId, now, client);
    return { ...checked, session };
  });
}

type CodeCheck = { ok: true; userId: string; redirectTo: string | null; landing: string } | Exclude<SignInResult, { ok: true }>;

/** Only the newest sign-in code of a person is valid: five live codes would be five guesses a try. */
async function checkNewestCode(tx: Tx, address: string, code: string, now: Date): Promise<CodeCheck> {
  const user = await tx.user.findUnique({ where: { email: address }, select: { id: true, disabledAt: true, role: true } });
  if (!user || user.disabledAt) return { ok: false, reason: "invalid" };
  const newest = await tx.loginToken.findFirst({
    where: { userId: user.id, purpose: "login" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, codeHash: true, codeAttempts: true, redirectTo: true, usedAt: true, expiresAt: true },
  });
  if (!newest) return { ok: false, reason: "invalid" };
  if (newest.usedAt) return { ok: false, reason: "used" };
  if (newest.expiresAt <= now) return { ok: false, reason: "expired" };
  // The attempt is counted before the comparison, by a conditional update, so parallel guesses cannot exceed it.
  const counted = await tx.loginToken.updateMany({
    where: { id: newest.id, usedAt: null, codeAttempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { codeAttempts: { increment: 1 } },
  });
  if (counted.count !== 1) return { ok: false, reason: "too_many_attempts" };
  if (!sameHash(newest.codeHash, sha256(`${newest.id}:${code}`))) {
    return { ok: false, reason: newest.codeAttempts + 1 >= MAX_CODE_ATTEMPTS ? "too_many_attempts" : "invalid" };
  }
  await tx.loginToken.update({ where: { id: newest.id }, data: { usedAt: now } });
  return { ok: true, userId: user.id, redirectTo: newest.redirectTo, landing: landingFor(user.role) };
}

export async function createSession(db: Tx, userId: string, now: Date, client: SessionClient = {}): Promise<string> {
  const raw = randomToken();
  await db.session.create({
    data: {
      id: sha256(raw),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: client.ip?.slice(0, 100) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
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
  code_failures_today:
    "Địa chỉ này đã bị nhập sai mã quá nhiều lần trong 24 giờ qua, nên tạm thời không đăng nhập được bằng mã. Vui lòng bấm liên kết đăng nhập trong thư: liên kết vẫn dùng được.",
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

export type LinkState = "valid" | Exclude<SignInResult, { ok: true }>["reason"];

export interface LinkLook {
  state: LinkState;
  /** Whose link it is, and where it leads: null for a token that was never issued. */
  owner: { userId: string; name: string; email: string; redirectTo: string | null; landing: string } | null;
}

/** Whether a link token would work, and whose it is, without spending it. */
export async function lookUpLink(db: Db, token: string, now: Date): Promise<LinkLook> {
  if (!token) return { state: "invalid", owner: null };
  const row = await db.loginToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { usedAt: true, expiresAt: true, redirectTo: true, user: { select: { id: true, name: true, email: true, role: true, disabledAt: true } } },
  });
  if (!row || row.user.disabledAt) return { state: "invalid", owner: null };
  const owner = { userId: row.user.id, name: row.user.name, email: row.user.email, redirectTo: row.redirectTo, landing: landingFor(row.user.role) };
  const state: LinkState = row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "valid";
  return { state, owner };
}
