// The forms of the draft import (/office/tao-moi and /office/tao-moi/:id): one schema each, used
// by the server and, through Conform, by the browser. Limits come from DRAFT_LIMITS so a paste is
// refused for the same size a file would be.
import { DRAFT_LIMITS } from "../draft-limits";
import { z } from "../validation";

const title = z.string().trim().max(300, "Tên dự thảo dài quá 300 ký tự.").optional();

// The file itself is read by readUpload on the server; it is named here so its errors have a field.
export const uploadSchema = z.object({ intent: z.literal("upload"), title, file: z.unknown().optional() });

export const pasteSchema = z.object({
  intent: z.literal("paste"),
  title,
  text: z
    .string({ error: "Hãy dán nội dung dự thảo." })
    .trim()
    .min(1, "Hãy dán nội dung dự thảo.")
    .max(DRAFT_LIMITS.textFileBytes / 2, "Nội dung dán vào quá dài; hãy tải lên tệp thay vì dán."),
});

export const startSchema = z.discriminatedUnion("intent", [uploadSchema, pasteSchema]);

const revision = z.coerce.number().int().min(1);
const index = z.coerce.number().int().min(0);
const label = z
  .string({ error: "Hãy nhập số hiệu (ví dụ «II.», «3.», «Điều 4.»)." })
  .trim()
  .min(1, "Hãy nhập số hiệu (ví dụ «II.», «3.», «Điều 4.»).")
  .max(40, "Số hiệu dài quá 40 ký tự.");
const heading = z.string().trim().max(500, "Tiêu đề dài quá 500 ký tự.").default("");

export const levelSchema = z.object({ intent: z.literal("level"), revision, index, delta: z.enum(["-1", "1"]).transform(Number) });
export const mergeSchema = z.object({ intent: z.literal("merge"), revision, index });
export const splitSchema = z.object({
  intent: z.literal("split"),
  revision,
  index,
  paragraph: z.coerce.number({ error: "Hãy chọn đoạn để tách." }).int().min(1, "Hãy chọn đoạn để tách."),
  label,
  heading,
});
export const relabelSchema = z.object({ intent: z.literal("relabel"), revision, index, label, heading });
export const contentSchema = z.object({
  intent: z.literal("content"),
  revision,
  index,
  content: z.string().max(3_000_000).optional(),
  text: z.string().max(3_000_000).optional(),
});
export const saveSchema = z.object({
  intent: z.literal("save"),
  revision,
  title: z.string({ error: "Hãy nhập tên dự thảo." }).trim().min(1, "Hãy nhập tên dự thảo.").max(300, "Tên dự thảo dài quá 300 ký tự."),
});

/**
 * Every fix on the checking page, told apart by `intent`; each carries the revision the page showed.
 * The forms a clerk types into (split, relabel, save) are also checked in the browser with their own
 * member of this union; level and merge are buttons, and a section's text is checked against the
 * draft's Tiptap schema on the server.
 */
export const editSchema = z.discriminatedUnion("intent", [levelSchema, mergeSchema, splitSchema, relabelSchema, contentSchema, saveSchema]);

export type EditForm = z.infer<typeof editSchema>;
