// Nobody gets a reminder at night: a time inside the quiet window (21:00 up to, not including, 07:00 local)
// moves to the next 07:00 in the display time zone (pure; Intl gives the zone's offset, so a zone with
// daylight saving works too, though Vietnam has none).

export interface QuietWindow {
  /** Local hour the quiet window starts (inclusive). */
  fromHour: number;
  /** Local hour it ends (exclusive: this hour is allowed). */
  toHour: number;
}

export const NIGHT: QuietWindow = { fromHour: 21, toHour: 7 };

interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): Wall {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const n: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== "literal") n[p.type] = Number(p.value);
  return { y: n.year!, m: n.month!, d: n.day!, h: n.hour!, min: n.minute!, s: n.second! };
}

/** The zone's offset from UTC at `at`, in milliseconds (Ho Chi Minh: +7 h). */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the zone's wall clock shows `hour`:00 on the given local date (day may overflow). */
function localInstant(y: number, m: number, d: number, hour: number, timeZone: string): Date {
  const nominal = Date.UTC(y, m - 1, d, hour);
  const guess = nominal - offsetMs(new Date(nominal), timeZone);
  // Second pass: the offset at the guess is the one that applies if a DST change lies in between.
  return new Date(nominal - offsetMs(new Date(guess), timeZone));
}

/** Whether `at` falls inside the quiet window in `timeZone`. */
export function isQuiet(at: Date, timeZone: string, w: QuietWindow = NIGHT): boolean {
  const h = wallClock(at, timeZone).h;
  return w.fromHour > w.toHour ? h >= w.fromHour || h < w.toHour : h >= w.fromHour && h < w.toHour;
}

/** `at` itself when allowed, else the end of the quiet window it falls in. */
export function outsideQuietHours(at: Date, timeZone: string, w: QuietWindow = NIGHT): Date {
  if (!isQuiet(at, timeZone, w)) return at;
  const c = wallClock(at, timeZone);
  // Evening part of a window that wraps midnight: it ends tomorrow morning.
  const nextDay = w.fromHour > w.toHour && c.h >= w.fromHour;
  return localInstant(c.y, c.m, c.d + (nextDay ? 1 : 0), w.toHour, timeZone);
}
