import type { KasaneErrorShape } from '../../../shared/contract';
import type { KasaneCore } from '../app';

/**
 * Calls through the contract the way a transport does, for tests: `ok` returns the output or
 * fails the test with the error code; `fails` returns the typed error or fails the test.
 * `core` is a getter because tests make a fresh core per test.
 */
export function contractCalls(core: () => KasaneCore) {
  return {
    async ok<T>(method: string, input: unknown): Promise<T> {
      const r = await core().dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${JSON.stringify(r.error.details)}`);
      return r.value as T;
    },
    async fails(method: string, input: unknown): Promise<KasaneErrorShape> {
      const r = await core().dispatch(method, input);
      if (r.ok) throw new Error(`${method} succeeded`);
      return r.error;
    },
  };
}
