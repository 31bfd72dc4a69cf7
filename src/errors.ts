// A small closed set of application errors; foreign errors are converted at the boundary.

export type AppErrorCode =
  | "config_invalid"
  | "validation"
  | "unauthorized"
  | "not_found"
  | "conflict"
  | "unknown_agency"
  | "data_dir_locked"
  | "database"
  /** Something the work needs (the database) is unreachable for now: the same work may succeed later. */
  | "unavailable";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function isAppError(e: unknown, code?: AppErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
