// Recognises database errors whichever path raised them (Prisma client, pg driver, PGlite).

export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (err.code === "P2002" || err.code === "23505") return true;
  return err.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}
