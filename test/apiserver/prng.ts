/** A small seeded PRNG (mulberry32) so fault injection and generated names are reproducible. */
export type Rng = () => number;

/** The engine's seeded generator: one implementation for the simulator and this server. */
export { mulberry32 } from '../../src-engine';

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
