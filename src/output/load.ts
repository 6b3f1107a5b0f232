/**
 * Loads an ES-module-only package on demand. Inside the bundle (run by bin/orders as a
 * vm.Script) import() is not available without a flag, so the launcher lends its own.
 */
export function loadModule<T>(specifier: string): Promise<T> {
  const lender = (globalThis as { __ordersImport?: (s: string) => Promise<unknown> }).__ordersImport;
  return (lender ? lender(specifier) : import(/* @vite-ignore */ specifier)) as Promise<T>;
}
