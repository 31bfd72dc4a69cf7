// ZNS wants international form without "+": 84xxxxxxxxx. Citizens' records hold 0xxxxxxxxx or +84…;
// the domestic form is not documented as accepted, so it is always converted first.

/** Vietnamese mobile numbers (10 digits domestically, prefixes 3/5/7/8/9) → "84xxxxxxxxx", or undefined. */
export function normalizeVietnamPhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^0084\d+$/.test(compact)) national = compact.slice(4);
  else if (/^84\d{9}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return undefined;
  return /^[35789]\d{8}$/.test(national) ? `84${national}` : undefined;
}
