// One button acting on one row of an Office table (remove, resend, end a session): a plain POST
// naming its intent and the row, so it works without JavaScript. `label` names the row for a
// screen reader, where the button's own words ("Xóa") would not say which row.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function RowAction({ intent, name, value, label, children }: { intent: string; name: string; value: string; label?: string; children: ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="secondary" aria-label={label}>
        {children}
      </button>
    </Form>
  );
}
