// What changed between two wordings of a comment, word by word, for the Office reading a decision
// that needs review. Longest common subsequence over words and spaces, after the common start and
// end are set aside; past a size where the table would be too large, the middle is shown as
// removed then added, which is still correct, only coarser.

export interface DiffPart {
  kind: "same" | "removed" | "added";
  text: string;
}

/** Table cells allowed (n × m words in the changed middle): 4 MB of Uint32, a few ms. */
const MAX_CELLS = 1_000_000;

// Words, runs of spaces, and each punctuation mark apart: "trì." then "trì và …" is "và …" added.
const tokens = (text: string) => text.match(/\s+|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu) ?? [];

export function wordDiff(before: string, after: string, maxCells = MAX_CELLS): DiffPart[] {
  const a = tokens(before.normalize("NFC"));
  const b = tokens(after.normalize("NFC"));
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, head));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length * midB.length > maxCells) {
    push(parts, "removed", midA);
    push(parts, "added", midB);
  } else {
    for (const [kind, token] of middle(midA, midB)) push(parts, kind, [token]);
  }
  push(parts, "same", a.slice(a.length - tail));
  return absorbLoneSpaces(parts);
}

/** The changed middle, token by token, removals of a run before its additions. */
function middle(a: string[], b: string[]): [DiffPart["kind"], string][] {
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const out: [DiffPart["kind"], string][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(["same", a[i++]!]);
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) out.push(["removed", a[i++]!]);
    else out.push(["added", b[j++]!]);
  }
  return out;
}

function push(parts: DiffPart[], kind: DiffPart["kind"], words: string[]) {
  if (words.length === 0) return;
  const text = words.join("");
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** A run of the diff: text both wordings share, or a change (what the old one had, what the new one has). */
type Run = { same: string } | { removed: string; added: string };

/**
 * A space alone between two changes reads as noise ("bỏ a", " ", "thêm b", " ", …), so it is folded
 * into the changes around it when both wordings changed on both sides of it: "một hai" → "bốn năm"
 * reads as one phrase replaced. The parts still spell the old wording (same + removed) and the new
 * one (same + added).
 */
function absorbLoneSpaces(parts: DiffPart[]): DiffPart[] {
  const runs: Run[] = [];
  for (const p of parts) {
    const last = runs[runs.length - 1];
    if (p.kind === "same") runs.push({ same: p.text });
    else if (last && "removed" in last) last[p.kind] += p.text;
    else runs.push(p.kind === "removed" ? { removed: p.text, added: "" } : { removed: "", added: p.text });
  }
  const merged: Run[] = [];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const before = merged[merged.length - 1];
    const after = runs[k + 1];
    if ("same" in run && /^\s+$/.test(run.same) && before && "removed" in before && after && "removed" in after) {
      const removed = before.removed && after.removed;
      const added = before.added && after.added;
      if (removed && added) {
        before.removed += run.same + after.removed;
        before.added += run.same + after.added;
        k++;
        continue;
      }
    }
    merged.push({ ...run });
  }
  return merged.flatMap((r): DiffPart[] =>
    "same" in r
      ? [{ kind: "same", text: r.same }]
      : [...(r.removed ? [{ kind: "removed" as const, text: r.removed }] : []), ...(r.added ? [{ kind: "added" as const, text: r.added }] : [])],
  );
}
