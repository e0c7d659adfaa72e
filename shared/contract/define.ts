import type { z } from 'zod';

/**
 * Who may call a method: before a vault is unlocked; only with an unlocked vault; or only an
 * administrator (管理者) of an unlocked vault — the decisions that weaken a safeguard or change
 * what documents say (issue 17). `dispatch` refuses a staff (職員) session before the handler runs.
 */
export type Access = 'public' | 'unlocked' | 'administrator';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Whether a call counts as user activity for the idle lock (status polling does not). */
  activity: boolean;
}

/** The access stays a literal type, so the methods of administrators can be listed at compile time. */
export function method<I extends z.ZodType, O extends z.ZodType, A extends Access>(
  spec: { input: I; output: O; access: A; activity?: boolean },
): MethodSpec<I, O> & { access: A } {
  return { ...spec, activity: spec.activity ?? true };
}
