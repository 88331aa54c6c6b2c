import type { ReactNode } from 'react';
import { classNames } from './class-names';

export type TableColumn = { label: ReactNode; className?: string };

/** A table's header row: one column header per column, in the console's table style. */
export function TableHead({
  columns,
  cellClassName = 'px-5 py-2',
}: {
  columns: TableColumn[];
  cellClassName?: string;
}) {
  return (
    <thead className="text-xs text-neutral-500 uppercase">
      <tr>
        {columns.map((column, index) => (
          <th
            // Columns are fixed per table and never reorder.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={index}
            scope="col"
            className={classNames(cellClassName, 'font-medium', column.className)}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
