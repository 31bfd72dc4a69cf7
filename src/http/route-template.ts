// The route a request matched, as registered ("/i/:token"), for logs and metric labels. Raw paths carry
// invitation tokens and would give a metric one series per citizen.
import type { Context } from "hono";
import { matchedRoutes } from "hono/route";

/** A request no endpoint matched (a 404): one label for all of them. */
export const UNMATCHED_ROUTE = "(unmatched)";

export function routeTemplate(c: Context): string {
  // Middleware is registered for ALL methods; the endpoint is the last route with a method of its own.
  const endpoint = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return endpoint?.path ?? UNMATCHED_ROUTE;
}
