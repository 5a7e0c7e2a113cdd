/**
 * Adds one method per entry of a generated name -> method table to a prototype (`listTools` ->
 * `tools/list`), made by `make`; names the prototype already has (hand-written overloads) are kept.
 */
export function installMethods(
  proto: object,
  table: Readonly<Record<string, string>>,
  make: (method: string) => (...args: never[]) => unknown,
): void {
  for (const [name, method] of Object.entries(table)) {
    if (Object.hasOwn(proto, name)) continue;
    Object.defineProperty(proto, name, { value: make(method), writable: true, configurable: true });
  }
}
