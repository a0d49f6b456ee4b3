// Who is acting, and what they may do. Every mutation takes an Actor and asks authorize() before
// it reads anything: the routes and the CLI call the same model functions with their own Actor.
import { type Failure, fail } from "./result";
import type { Viewer } from "./viewer";

/** IT staff at the command line act as the Office, with no account (audit entries name no one). */
export interface ConsoleActor {
  userId: null;
  role: "office";
  email: "";
  name: "Dòng lệnh";
  via: "cli";
}

export type Actor = Viewer | ConsoleActor;

export const CONSOLE_ACTOR: ConsoleActor = { userId: null, role: "office", email: "", name: "Dòng lệnh", via: "cli" };

export type Permission =
  /** Run consultations: drafts, letters, recipients, deadlines, decisions, reports. */
  | "office.manage"
  /** Add and remove the Office's own accounts. */
  | "office.accounts"
  /** Answer a consultation one is asked in (whether one is asked is checked against the data). */
  | "recipient.respond";

const GRANTS: Record<Actor["role"], readonly Permission[]> = {
  office: ["office.manage", "office.accounts", "recipient.respond"],
  recipient: ["recipient.respond"],
  public: [],
};

const REFUSALS: Record<Permission, string> = {
  "office.manage": "Chỉ Văn phòng được thực hiện thao tác này.",
  "office.accounts": "Chỉ Văn phòng được quản lý tài khoản của Văn phòng.",
  "recipient.respond": "Bạn không có trong danh sách được xin ý kiến.",
};

/** null when the actor may, else the refusal to return as it is. */
export function authorize(actor: Actor | null | undefined, permission: Permission): Failure | null {
  if (actor && GRANTS[actor.role].includes(permission)) return null;
  return fail(403, REFUSALS[permission]);
}

/** The user id an audit entry names: null for the command line. */
export function actorId(actor: Actor): string | null {
  return actor.userId;
}
