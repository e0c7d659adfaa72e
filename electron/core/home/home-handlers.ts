import type { Handler } from '../rpc/handlers';
import { homeSummary } from './home-repository';

export const homeHandlers: { 'home.summary': Handler<'home.summary'> } = {
  'home.summary': (ctx, input) => homeSummary(ctx.session.vault.db, input.today),
};
