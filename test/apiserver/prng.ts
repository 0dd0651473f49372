import { randomNameSuffix } from '../../src-engine';
/** A small seeded PRNG (mulberry32) so fault injection and generated names are reproducible. */
export type Rng = () => number;

/** The engine's seeded generator: one implementation for the simulator and this server. */
export { mulberry32 } from '../../src-engine';

/** randomSuffix is utilrand.String(n), used by generateName (the engine's one implementation). */
export function randomSuffix(rng: Rng, n = 5): string {
  return randomNameSuffix({ next: rng }, n);
}
