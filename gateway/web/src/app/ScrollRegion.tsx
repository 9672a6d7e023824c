import type { ReactNode } from 'react';

/** A wide table's box, scrolled sideways on a narrow screen: reachable and scrollable from the keyboard. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region needs focus for keyboard scrolling (WCAG 2.1.1).
    <section className="scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
