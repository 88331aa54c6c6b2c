import type { ReactNode } from 'react';
import { classNames } from './class-names';

/**
 * A table that runs edge to edge inside a card and scrolls sideways on its own when the screen
 * is narrower than it, never the page. The scroll box is `relative` so that visually hidden
 * content in the cells (absolutely positioned, like `sr-only` labels) is contained by it too;
 * without that, such content is placed against the page and widens it. The caption names the
 * table for screen readers.
 */
export function TableFrame({
  caption,
  minWidth,
  flush = false,
  children,
}: {
  caption: string;
  /** A Tailwind min-width class: below it the table scrolls instead of squeezing its columns. */
  minWidth: string;
  /** Also bleed over the card's top and bottom padding, when the table is all the card holds. */
  flush?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={classNames('relative -mx-5 overflow-x-auto', flush && '-my-4')}>
      <table
        className={classNames(
          'w-full text-left text-sm [&_thead]:border-b [&_thead]:border-neutral-200',
          minWidth,
        )}
      >
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
