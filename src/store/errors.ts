// Recognises database errors whichever path raised them (Prisma client, pg driver, PGlite).

export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (err.code === "P2002" || err.code === "23505") return true;
  return err.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

// SQLSTATE classes and codes that mean "the server is not there for now", not "this statement is wrong":
// 08 connection exceptions, 57P01–57P03 shutdown / crash recovery / not yet accepting, 53300 no free slot.
const UNREACHABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNREACHABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// Prisma's own "cannot reach / timed out / closed" codes, and the driver adapter's kinds for the same.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg raises these as plain Errors without a code.
const UNREACHABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * True when the database could not be reached (stopped, restarting, network gone), so the same work is
 * worth trying again later; false for errors of the statement itself. Walks causes and aggregated errors.
 */
export function isDatabaseUnreachable(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 5) return false;
  const err = e as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } };
  };
  const code = typeof err.code === "string" ? err.code : "";
  if (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_NODE_CODES.has(code) || UNREACHABLE_PRISMA_CODES.has(code)) return true;
  const adapter = err.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (adapter.kind && UNREACHABLE_ADAPTER_KINDS.has(adapter.kind)) return true;
    if (UNREACHABLE_SQLSTATE.test(adapter.code ?? adapter.originalCode ?? "")) return true;
  }
  if (typeof err.message === "string" && UNREACHABLE_MESSAGES.test(err.message)) return true;
  if (Array.isArray(err.errors) && err.errors.some((x) => isDatabaseUnreachable(x, depth + 1))) return true;
  return isDatabaseUnreachable(err.cause, depth + 1);
}
