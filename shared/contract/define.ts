import type { z } from 'zod';

/** Who may call a method: before a vault is unlocked, or only with an unlocked vault. */
export type Access = 'public' | 'unlocked';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether a call counts as user activity for the idle lock (status polling does not). */
  activity: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(
  spec: { input: I; output: O; access: Access; activity?: boolean },
): MethodSpec<I, O> {
  return { ...spec, activity: spec.activity ?? true };
}
