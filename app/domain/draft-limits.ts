/**
 * How large a draft the portal takes in, whichever way it arrives (the Office's CLI today, an
 * upload form next). Chosen from real drafts with room to spare: a provincial plan is tens of KB
 * of text, a large law (the Civil Code) about 1 MB; a Word file of such a law has 5–15 MB of XML.
 * Beyond these figures the import costs memory and time no real draft needs (see docs/cli.md for
 * what was measured), and an unbounded file could take the whole server down.
 */
const MiB = 1024 * 1024;

export const DRAFT_LIMITS = {
  /** A .txt or .md file, in bytes: about ten large laws. */
  textFileBytes: 10 * MiB,
  /** A .docx file as stored, images included: what email lets a person send. */
  docxFileBytes: 25 * MiB,
  /**
   * The XML parts of a .docx that the import reads (the body, styles, numbering, notes,
   * comments, relationships) together, uncompressed: Word writes 5–15 bytes of XML for each
   * byte of text, so this holds a large law twice over. Reading Word XML costs about 55 times
   * its size in memory (1.1 GB at this limit), which is what keeps it from being larger. Images
   * are never unpacked, so they do not count. Checked on the sizes the file declares and again
   * while unpacking.
   */
  docxXmlBytes: 20 * MiB,
  /**
   * One section's text (or the text before the first section, or after "Nơi nhận"), in
   * characters: about 170 printed pages. A real section holds a few pages at most; more means
   * the draft's numbering was not recognised and everything fell into one section.
   */
  sectionChars: 500_000,
} as const;

const vietnameseNumber = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** "10 MB", "52,4 MB", "812 KB": sizes as people read them (1 MB = 1 048 576 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${vietnameseNumber.format(bytes / MiB)} MB`;
  if (bytes >= 1024) return `${vietnameseNumber.format(bytes / 1024)} KB`;
  return `${bytes} byte`;
}

/** "500.000": counts with the Vietnamese thousands separator. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat("vi-VN").format(n);
}
