// Who is asking. Every loader and action decides from this, on the server.
export type Role = "office" | "recipient" | "public";

export interface Viewer {
  userId: string;
  role: Role;
  email: string;
  name: string;
}
