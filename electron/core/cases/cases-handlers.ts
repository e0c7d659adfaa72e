import type { Handler } from '../rpc/handlers';

// Handlers of the cases feature: one entry per method of shared/contract/cases.ts.
export const casesHandlers: { [M in never]: Handler<M> } = {};
