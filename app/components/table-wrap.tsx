import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a phone. The region is named and takes focus, so that
 * someone on a keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
