// The forms of a consultation's recipients page and of the address book, one schema each, checked
// the same way in the browser and on the server. Several forms share a page: `intent` tells them apart.
import { ROW_LIMITS } from "../recipient-rows";
import { z } from "../validation";

const required = (message: string, max: number) => z.string({ error: message }).trim().min(1, message).max(max, `Không quá ${max} ký tự.`);

/** One person, typed in by hand: the address book's form and the recipients page's. */
export const personSchema = z.object({
  name: required("Vui lòng nhập họ tên.", ROW_LIMITS.name),
  title: required("Vui lòng nhập chức vụ.", ROW_LIMITS.title),
  organization: required("Vui lòng nhập cơ quan, đơn vị.", ROW_LIMITS.organization),
  email: z.string({ error: "Vui lòng nhập địa chỉ email." }).trim().pipe(z.email("Địa chỉ email không hợp lệ.")),
  group: z.string().trim().max(ROW_LIMITS.group, `Không quá ${ROW_LIMITS.group} ký tự.`).optional(),
});

export const addOneSchema = personSchema.extend({ intent: z.literal("add-one") });

export const pasteSchema = z.object({
  intent: z.literal("paste"),
  rows: z.string({ error: "Hãy dán danh sách người nhận." }).min(1, "Hãy dán danh sách người nhận."),
  // A checkbox sends nothing when unticked.
  saveToBook: z.boolean().optional(),
});

export const pickSchema = z.object({
  intent: z.literal("pick"),
  contactId: z.array(z.string()).optional(),
  group: z.array(z.string()).optional(),
});

export const recipientActionSchema = z.object({
  intent: z.enum(["remove", "resend"]),
  recipientId: z.string({ error: "Thiếu người nhận." }).min(1),
});

export const contactSchema = personSchema.extend({ intent: z.literal("save"), contactId: z.string().optional() });

export const importContactsSchema = z.object({
  intent: z.literal("import"),
  rows: z.string({ error: "Hãy dán danh sách." }).min(1, "Hãy dán danh sách."),
});

export const removeContactSchema = z.object({ intent: z.literal("remove"), contactId: z.string().min(1) });

export const addAccountSchema = z.object({
  intent: z.literal("add"),
  name: required("Vui lòng nhập họ tên.", ROW_LIMITS.name),
  email: z.string({ error: "Vui lòng nhập địa chỉ email." }).trim().pipe(z.email("Địa chỉ email không hợp lệ.")),
});

export const removeAccountSchema = z.object({ intent: z.literal("remove"), userId: z.string().min(1) });
