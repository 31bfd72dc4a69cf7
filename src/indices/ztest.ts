// Two-proportion z-test (pooled), used for the trend of an item share between two periods.
import { Z95 } from "./wilson.ts";

export interface ZTest {
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** |z| beyond the 95 % critical value. */
  significant: boolean;
}

/** Standard normal upper tail, via a Chebyshev fit of erfc (fractional error < 1.2e-7); only reported, never used to decide. */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const upper = erfc / 2;
  return z >= 0 ? upper : 1 - upper;
}

/** Compares x1/n1 (current) with x2/n2 (previous). Both n must be positive. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): ZTest {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both periods at 0 % or both at 100 %: no variation, so no evidence of a change.
  if (se === 0) return { z: 0, pValue: 1, significant: false };
  const z = (x1 / n1 - x2 / n2) / se;
  // The decision uses the exact critical value, so the fitted p-value can never flip it at the boundary.
  return { z, pValue: Math.min(1, 2 * normalUpperTail(Math.abs(z))), significant: Math.abs(z) > Z95 };
}
