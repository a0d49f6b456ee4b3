// "Công bố kết quả" on the report page: a confirmation, and a box to tick when some comments still
// have no decision (the server knows how many and refuses without it; the browser cannot count).
import { z } from "../validation";

export const publishResultSchema = z.object({
  confirm: z.literal("yes", { error: "Vui lòng xác nhận công bố kết quả." }),
  undecidedAcknowledged: z.boolean().optional().default(false),
});

export type PublishResultInput = z.infer<typeof publishResultSchema>;
