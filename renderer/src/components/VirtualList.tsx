import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** An array, or rows worked out one at a time when drawn (`at` is asked only for the rows on screen). */
export interface ListItems<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export interface VirtualListProps<T> {
  items: ListItems<T>;
  /**
   * Keep it stable (module level or memoized): a new function re-measures every row. Without it
   * rows are keyed by their place, and `items` may change on every render without asking for
   * any row but those drawn (the virtualizer keys every row whenever the key function changes).
   */
  itemKey?: (item: T, index: number) => string;
  /** Rendered inside each row's `<li>`. */
  children: (item: T, index: number) => ReactNode;
  /** Class names and data attributes of a row's `<li>`. */
  itemProps?: (item: T, index: number) => { className?: string } & Record<`data-${string}`, string>;
  /** A first guess of a row's height; rows are measured once drawn. */
  estimateSize: number;
  className: string;
  label: string;
  /** The row to bring to the top, e.g. a claim chosen in the text; `serial` asks again for the same row. */
  scrollTo?: { index: number; serial: number } | null;
}

/**
 * A list that draws only the rows in view (and a screenful either side), so a
 * list of 30,000 figures costs the page what a list of 60 does. Rows keep
 * their list semantics (`ul`/`li`, the list's accessible name); each list
 * scrolls in its own box.
 */
export function VirtualList<T>({ items, itemKey, children, itemProps, estimateSize, className, label, scrollTo }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // Stable callbacks: the virtualizer re-measures every row when they change identity.
  const keyed = itemKey ? items : null;
  const getItemKey = useCallback((i: number) => (itemKey && keyed ? itemKey(keyed.at(i)!, i) : i), [keyed, itemKey]);
  const estimate = useCallback(() => estimateSize, [estimateSize]);
  const getScrollElement = useCallback(() => scroller.current, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize: estimate,
    // A short list (the seed's 50-odd figures) is drawn whole; a long one a screenful either side.
    overscan: 40,
    getItemKey,
  });
  useEffect(() => {
    if (scrollTo && scrollTo.index >= 0) virtualizer.scrollToIndex(scrollTo.index, { align: 'start' });
    // Only a new request scrolls; the virtualizer itself is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo?.index, scrollTo?.serial]);
  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="virtual-scroll">
      <ul className={className} aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = items.at(row.index);
          if (item === undefined) return null;
          return (
            <li
              key={row.key}
              {...itemProps?.(item, row.index)}
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {children(item, row.index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
