// How raw SQL in this folder writes and reads times. Timestamps are stored as UTC wall time (timestamp
// without time zone, as Prisma writes DateTime), so parameters are given in the same terms; instants are
// read back as epoch milliseconds, which both drivers return as plain numbers.

/** A Date as the UTC wall-clock text a `timestamp` column compares with: "2026-11-27 03:00:00.000". */
export function utcText(d: Date): string {
  return d.toISOString().replace("T", " ").replace("Z", "");
}

/** A select-list item: the column as epoch milliseconds (float8), named `as`. */
export function epochMs(column: string, as: string): string {
  return `(extract(epoch from ${column}) * 1000)::float8 AS ${as}`;
}
