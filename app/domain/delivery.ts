// What to do when a message could not be delivered: retry what may pass later, give up on what
// never will, and say which in words the Office can act on.

export type FailureKind = "temporary" | "permanent";

export interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  message?: string;
}

export function classifyFailure(error: SmtpErrorLike): FailureKind {
  // A refused login is our configuration, not the recipient's address: keep the message and retry.
  if (error.code === "EAUTH") return "temporary";
  if (typeof error.responseCode === "number") return error.responseCode >= 500 ? "permanent" : "temporary";
  // Nodemailer refuses a malformed address before talking to any server.
  if (error.code === "EENVELOPE") return "permanent";
  return "temporary"; // connection refused, timeout, DNS, socket closed …
}

export const MAX_ATTEMPTS = 12;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 1 hour: about 7 hours of trying in all. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export function describeFailure(error: SmtpErrorLike): string {
  if (error.code === "EAUTH") return "Máy chủ thư từ chối đăng nhập: kiểm tra tài khoản trong SMTP_URL.";
  if (error.code === "ECONNECTION" || error.code === "ESOCKET" || error.code === "ETIMEDOUT")
    return `Không kết nối được máy chủ thư (${error.message ?? error.code}).`;
  if (error.code === "EENVELOPE") return `Địa chỉ người nhận không hợp lệ (${error.message ?? ""}).`;
  if (typeof error.responseCode === "number") return `Máy chủ thư trả lời ${error.responseCode}: ${error.message ?? ""}`.trim();
  return error.message ?? "Lỗi không xác định khi gửi thư.";
}
