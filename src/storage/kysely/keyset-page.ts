import { type SelectQueryBuilder, sql } from "kysely";
import type { Page, PageRequest } from "../../ports/storage.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

/** A row a keyset page can end on: its creation time and its unique id in `IdColumn`. */
type KeysetRow<IdColumn extends string> = { created_at: number } & Record<IdColumn, string>;

/**
 * One page of `query` in (created_at, idColumn) order, starting after the cursor's row. It fetches one row
 * more than the page holds: only when that row exists does the page get a next cursor, the page's last row.
 */
export async function keysetPage<
  DB,
  TB extends keyof DB,
  IdColumn extends string,
  Row extends KeysetRow<IdColumn>,
  Item,
>(
  query: SelectQueryBuilder<DB, TB, Row>,
  idColumn: IdColumn,
  { limit, cursor }: PageRequest,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  let paged = query;
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    // A row-value comparison, so both engines walk the (…, created_at, id) index instead of scanning.
    paged = paged.where(
      sql<boolean>`(${sql.ref("created_at")}, ${sql.ref(idColumn)}) > (${after.createdAt}, ${after.id})`,
    );
  }
  const rows: Row[] = await paged
    .orderBy(sql.ref("created_at"))
    .orderBy(sql.ref(idColumn))
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toItem);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return last
    ? { items, nextCursor: encodeCursor({ createdAt: Number(last.created_at), id: last[idColumn] }) }
    : { items };
}
