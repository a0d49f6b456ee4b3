// With JavaScript, the letter's body follows the deadline field as it is typed: the words it
// was written with are replaced by the new ones, and the hidden field remembers them, so the
// server's replacement on save finds nothing left to do.
import { deadlinePhrase } from "~/domain/letter";

export function followDeadline(bodyId: string, hiddenId: string) {
  return (deadline: Date) => {
    const body = document.getElementById(bodyId) as HTMLTextAreaElement | null;
    const hidden = document.getElementById(hiddenId) as HTMLInputElement | null;
    if (!body || !hidden) return;
    const next = deadlinePhrase(deadline);
    if (hidden.value && hidden.value !== next && body.value.includes(hidden.value)) {
      body.value = body.value.split(hidden.value).join(next);
      hidden.value = next;
    }
  };
}
