/** A small seeded PRNG (mulberry32) so fault injection and generated names are reproducible. */
export type Rng = () => number;

/** mulberry32 returns a generator of floats in [0, 1) for a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The alphabet of k8s.io/apimachinery/pkg/util/rand `String` (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** randomSuffix mirrors utilrand.String(n), used by generateName. */
export function randomSuffix(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += ALPHANUMS[Math.floor(rng() * ALPHANUMS.length)];
  }
  return s;
}
