/**
 * Names the API server generates from `metadata.generateName`: the prefix, cut to 58
 * characters, plus 5 random characters from an alphabet without vowels or confusable digits.
 * Mirrors k8s.io/apiserver/pkg/storage/names `SimpleNameGenerator.GenerateName`
 * (maxGeneratedNameLength) and k8s.io/apimachinery/pkg/util/rand `String` (alphanums).
 */

/** The characters of a generated suffix (utilrand alphanums). */
export const RANDOM_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** Length of the random suffix (randomLength). */
export const RANDOM_NAME_LENGTH = 5;
/** A generateName prefix is cut to this length (maxGeneratedNameLength = 63 − 5). */
export const MAX_GENERATE_NAME_PREFIX = 58;

const CODES = Array.from(RANDOM_NAME_ALPHABET, (c) => c.charCodeAt(0));

/** Where random suffixes come from: floats in [0, 1) (a seeded generator in the simulator). */
export interface RandomSource {
  next(): number;
}

/** randomNameSuffix draws `length` characters of the alphabet from `random`. */
export function randomNameSuffix(random: RandomSource, length = RANDOM_NAME_LENGTH): string {
  const n = CODES.length;
  if (length === RANDOM_NAME_LENGTH) {
    // One string for the usual 5 characters (a simulation names every pod this way).
    return String.fromCharCode(
      CODES[Math.floor(random.next() * n)] as number,
      CODES[Math.floor(random.next() * n)] as number,
      CODES[Math.floor(random.next() * n)] as number,
      CODES[Math.floor(random.next() * n)] as number,
      CODES[Math.floor(random.next() * n)] as number,
    );
  }
  let s = '';
  for (let i = 0; i < length; i++) s += RANDOM_NAME_ALPHABET[Math.floor(random.next() * n)];
  return s;
}

/** generatedName is the name the API server gives an object created with `generateName: prefix`. */
export function generatedName(prefix: string, random: RandomSource): string {
  return (
    (prefix.length > MAX_GENERATE_NAME_PREFIX ? prefix.slice(0, MAX_GENERATE_NAME_PREFIX) : prefix) + randomNameSuffix(random)
  );
}
