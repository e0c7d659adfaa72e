import type { Handler } from '../rpc/handlers';

// Handlers of the staff feature: one entry per method of shared/contract/staff.ts.
export const staffHandlers: { [M in never]: Handler<M> } = {};
