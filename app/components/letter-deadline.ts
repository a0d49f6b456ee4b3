// With JavaScript, the letter's body follows the deadline field as it is typed: the words it
// was written with are replaced by the new ones, and the hidden field remembers them, so the
// server's replacement on save finds nothing left to do.
import { deadlinePhrase } from "~/domain/letter";

export function followDeadline(bodyId: string, hiddenId: string) {
  return (deadline: Date) => {
    const body = document.getElementById(bodyId) as HTMLTextAreaElement | null;
    const hidden = document.getElementById(hiddenId) as HTMLInputElement | null;
    if (!body || !hidden) return;
    // The phrase now in the body is kept on the textarea itself: React re-renders the hidden
    // input with its first value (a hidden input has no "typed" value to keep), so after one
    // change it no longer says what the body holds, and the next change found nothing to replace.
    const current = body.dataset.deadlinePhrase ?? hidden.value;
    const next = deadlinePhrase(deadline);
    if (current && current !== next && body.value.includes(current)) {
      body.value = body.value.split(current).join(next);
      body.dataset.deadlinePhrase = next;
      hidden.value = next;
    }
  };
}
