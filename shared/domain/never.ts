/** For exhaustive switches: the compiler proves this is unreachable; at run time it names the stray value. */
export function assertNever(value: never, what = 'valeur'): never {
  throw new Error(`${what} inattendue : ${JSON.stringify(value)}`);
}
