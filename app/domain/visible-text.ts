// Whether typed text says anything a reader can see. trim() leaves zero-width spaces, joiners,
// soft hyphens, direction marks and the like, so a comment of only those looked filled in while
// the report showed an empty row.

/** White space and the code points Unicode says to render as nothing (Default_Ignorable_Code_Point). */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;

export function isBlankText(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}
