// The one time-zone module and its three users (reporting periods, the reminders' night window, zone-less
// times in imported dossier files), in Viet Nam's zone and in zones with daylight saving, so none of them
// can quietly assume +07:00.
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../src/indices/period.ts";
import { completedAtInstant, toIsoTimestamp } from "../src/invitations/bulk/local-time.ts";
import { csvToItems } from "../src/invitations/bulk/dossier-file.ts";
import { isQuiet, outsideQuietHours } from "../src/invitations/quiet-hours.ts";
import { assertTimeZone, formatOffset, isTimeZone, wallClock, wallClockInstant, zoneOffsetMs } from "../src/time-zone.ts";

const HCM = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin"; // CET +01:00; CEST +02:00 from 2026-03-29 01:00Z to 2026-10-25 01:00Z
const NEW_YORK = "America/New_York"; // EST -05:00; EDT -04:00 from 2026-03-08 07:00Z to 2026-11-01 06:00Z

const wall = (iso: string) => Date.parse(`${iso}Z`);
const instant = (iso: string, zone: string) => wallClockInstant(wall(iso), zone).toISOString();

describe("time-zone", () => {
  it("reads the wall clock and the offset through Intl", () => {
    const at = new Date("2026-07-01T10:15:30.750Z");
    expect(wallClock(at, HCM)).toEqual({ year: 2026, month: 7, day: 1, hour: 17, minute: 15, second: 30 });
    expect(wallClock(at, BERLIN)).toMatchObject({ hour: 12 });
    expect(zoneOffsetMs(at, HCM)).toBe(7 * 3600_000);
    expect(zoneOffsetMs(at, BERLIN)).toBe(2 * 3600_000);
    expect(zoneOffsetMs(new Date("2026-01-15T12:00:00Z"), BERLIN)).toBe(3600_000);
    expect(zoneOffsetMs(new Date("2026-01-15T12:00:00Z"), NEW_YORK)).toBe(-5 * 3600_000);
    expect([formatOffset(7 * 3600_000), formatOffset(-3.5 * 3600_000), formatOffset(0)]).toEqual(["+07:00", "-03:30", "+00:00"]);
  });

  it("turns a wall-clock time into its instant in Viet Nam (no daylight saving)", () => {
    expect(instant("2026-11-27T00:00:00", HCM)).toBe("2026-11-26T17:00:00.000Z");
    expect(instant("2026-03-29T02:30:00", HCM)).toBe("2026-03-28T19:30:00.000Z");
  });

  it.each([
    [BERLIN, "2026-01-15T09:00:00", "2026-01-15T08:00:00.000Z"],
    [BERLIN, "2026-07-15T09:00:00", "2026-07-15T07:00:00.000Z"],
    [BERLIN, "2026-03-29T01:59:00", "2026-03-29T00:59:00.000Z"], // just before the jump
    [BERLIN, "2026-03-29T02:30:00", "2026-03-29T01:30:00.000Z"], // skipped: reads as 03:30 CEST
    [BERLIN, "2026-03-29T03:00:00", "2026-03-29T01:00:00.000Z"],
    [BERLIN, "2026-10-25T02:30:00", "2026-10-25T00:30:00.000Z"], // shown twice: the first (CEST)
    [BERLIN, "2026-10-25T03:00:00", "2026-10-25T02:00:00.000Z"],
    [NEW_YORK, "2026-03-08T02:30:00", "2026-03-08T07:30:00.000Z"], // skipped: reads as 03:30 EDT
    [NEW_YORK, "2026-11-01T01:30:00", "2026-11-01T05:30:00.000Z"], // shown twice: the first (EDT)
    [NEW_YORK, "2026-11-01T00:00:00", "2026-11-01T04:00:00.000Z"],
  ])("%s %s → %s, the same rule on either side of UTC", (zone, local, utc) => {
    expect(instant(local, zone)).toBe(utc);
  });

  it("knows real zones and refuses others", () => {
    expect(isTimeZone(HCM)).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(() => assertTimeZone("Asia/Ho_Chi_Min")).toThrow(/unknown time zone "Asia\/Ho_Chi_Min"/);
  });
});

describe("the users of the module follow the zone they are given", () => {
  it("periods: a month starts at local midnight, before and after a daylight-saving change", () => {
    expect(parsePeriod("2026-03", BERLIN).from.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(parsePeriod("2026-04", BERLIN).from.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(parsePeriod("2026-W14", BERLIN).from.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(parsePeriod("2026-11", NEW_YORK).from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(parsePeriod("2026-11", NEW_YORK).to.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(parsePeriod("2026-04", HCM).from.toISOString()).toBe("2026-03-31T17:00:00.000Z");
  });

  it("quiet hours: 21:00 to 07:00 on the zone's clocks, summer and winter", () => {
    expect(isQuiet(new Date("2026-07-15T19:00:00Z"), BERLIN)).toBe(true); // 21:00 CEST
    expect(isQuiet(new Date("2026-07-15T19:00:00Z"), HCM)).toBe(true); // 02:00 next day
    expect(isQuiet(new Date("2026-01-15T19:00:00Z"), BERLIN)).toBe(false); // 20:00 CET
    expect(outsideQuietHours(new Date("2026-07-15T19:00:00Z"), BERLIN).toISOString()).toBe("2026-07-16T05:00:00.000Z");
    expect(outsideQuietHours(new Date("2026-07-15T19:00:00Z"), HCM).toISOString()).toBe("2026-07-16T00:00:00.000Z");
    expect(outsideQuietHours(new Date("2026-11-01T03:00:00Z"), NEW_YORK).toISOString()).toBe("2026-11-01T12:00:00.000Z");
  });

  it("imported completion times: a zone-less time is read in the zone, with the offset in force that day", () => {
    expect(toIsoTimestamp("20/11/2026 09:15", HCM)).toBe("2026-11-20T09:15:00+07:00");
    expect(toIsoTimestamp("20/11/2026 09:15", BERLIN)).toBe("2026-11-20T09:15:00+01:00");
    expect(toIsoTimestamp("2026-07-20", BERLIN)).toBe("2026-07-20T00:00:00+02:00");
    expect(toIsoTimestamp("2026-03-29 02:30", BERLIN)).toBe("2026-03-29T03:30:00+02:00");
    expect(toIsoTimestamp("2026-07-20 14:30:00.250", NEW_YORK)).toBe("2026-07-20T14:30:00.250-04:00");
    // An explicit offset is the file's word, whatever the zone.
    expect(toIsoTimestamp("2026-07-20T14:30:00+07:00", BERLIN)).toBe("2026-07-20T14:30:00+07:00");
    // A spreadsheet date cell holds wall-clock time in its UTC fields.
    expect(toIsoTimestamp(new Date(Date.UTC(2026, 6, 20, 9, 15)), BERLIN)).toBe("2026-07-20T09:15:00+02:00");
    expect(completedAtInstant("2026-07-20", BERLIN).toISOString()).toBe("2026-07-19T22:00:00.000Z");
    expect(completedAtInstant("2026-07-20", HCM).toISOString()).toBe("2026-07-19T17:00:00.000Z");
    expect(completedAtInstant("2026-07-20T01:00:00Z", BERLIN).toISOString()).toBe("2026-07-20T01:00:00.000Z");
  });

  it("a dossier file's zone-less times, and the error for one that is not a date, name the zone", () => {
    const file = csvToItems(Buffer.from("dossier_code,agency_code,completed_at\nHS-1,A1,20/07/2026 09:15\nHS-2,A1,hôm qua\n"), BERLIN);
    if (!file.ok) throw new Error(file.fileErrors.join("; "));
    expect(file.items[0]!.input).toMatchObject({ completedAt: "2026-07-20T09:15:00+02:00" });
    expect(file.items[1]!.preErrors?.[0]?.reason).toMatch(/\(Europe\/Berlin time\)$/);
  });
});
