import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FlexRender, useTable, type ColumnDef, type Header, type SortingState } from '@tanstack/react-table';
import { ariaSort, sortMark, sortingFeatures, type SortingFeatures } from './ui';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type; the same type as TanStack's helper.columns()
export type SortColumns<T extends { id: string }> = ColumnDef<SortingFeatures, T, any>[];

/**
 * A plain, sortable table (directory lists are small: a few dozen rows). Filtering happens
 * before the data reaches it; sorting is TanStack Table's, through the header buttons.
 */
export interface SortTableProps<T extends { id: string }> {
  data: T[];
  columns: SortColumns<T>;
  caption: string;
  empty: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  initialSorting?: SortingState;
}

export function SortTable<T extends { id: string }>({ data, columns, caption, empty, rowClassName, initialSorting = [] }: SortTableProps<T>) {
  const table = useTable({
    features: sortingFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    initialState: { sorting: initialSorting },
  });
  const rows = table.getRowModel().rows;
  return (
    <div className="data-table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortHeader key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className={rowClassName?.(row.original)}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A column's header cell: where the column sorts, a button that sorts by it (▲▼ show how, and
 * aria-sort says so), else its plain label. `role` for a table whose CSS layout drops the native one.
 */
export function SortHeader<T extends { id: string }>({ header, role }: { header: Header<SortingFeatures, T, unknown>; role?: 'columnheader' }) {
  const { t } = useTranslation();
  const sorted = header.column.getIsSorted();
  return (
    <th role={role} scope="col" aria-sort={ariaSort(sorted)}>
      {header.isPlaceholder ? null : header.column.getCanSort() ? (
        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()} title={t('directory.common.sortHint')}>
          <FlexRender header={header} />
          <span className="sort-mark" aria-hidden="true">
            {sortMark(sorted)}
          </span>
        </button>
      ) : (
        <FlexRender header={header} />
      )}
    </th>
  );
}
