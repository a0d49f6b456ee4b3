// What the Office may read of someone else's sign-in mail in the local mailbox. The code and the
// link's token would let whoever reads them sign in as that person, so they are hidden for anyone
// but invented demo people; the rest of the message (who, what, when) stays readable.

export const MASK = "••••••";

// The token after "?token=" in a sign-in link, wherever the link appears in a template's props.
const SIGN_IN_TOKEN = /(\/dang-nhap\/xac-nhan\?token=)[^\s"'<>]+/g;

/** The template's props with any sign-in code and sign-in link token replaced by a mask. */
export function maskSignInSecrets(props: unknown): unknown {
  if (typeof props !== "object" || props === null || Array.isArray(props)) return props;
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => [key, typeof value !== "string" ? value : key === "code" ? MASK : value.replace(SIGN_IN_TOKEN, `$1${MASK}`)]),
  );
}
