// A sub-client's methods that load its chunk on first call (`client.mfa`, `client.myAccount`):
// the page pays for the method names on load, for the code only when it is used.

/** Defines `names` on `target`, each one loading the implementation once and calling it. */
export function lazyMethods<T extends object>(target: object, names: readonly (keyof T & string)[], load: () => Promise<T>): void {
  let loaded: Promise<T> | undefined;
  for (const name of names) {
    (target as any)[name] = (...args: unknown[]) => (loaded ??= load()).then((impl: any) => impl[name](...args));
  }
}
