import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** 32 random bytes, URL-safe: sign-in tokens and session ids. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** As many tokens as randomToken makes, from one draw of the random source (a sweep mints thousands). */
export function randomTokens(count: number): string[] {
  const bytes = randomBytes(32 * count);
  return Array.from({ length: count }, (_, i) => bytes.toString("base64url", 32 * i, 32 * (i + 1)));
}

export function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
