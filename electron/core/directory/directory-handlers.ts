import { KasaneError } from '../../../shared/contract';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  setRetired,
  setExemption,
  updateOrganization,
} from './organization-repository';
import { createMember, getMember, listMembers, memberLeft, moveMember, updateMember } from './member-repository';

type DirectoryMethod =
  | 'organization.list'
  | 'organization.create'
  | 'organization.update'
  | 'organization.setExemption'
  | 'organization.retire'
  | 'organization.reinstate'
  | 'member.list'
  | 'member.get'
  | 'member.create'
  | 'member.update'
  | 'member.move'
  | 'member.leave';

export const directoryHandlers: { [M in DirectoryMethod]: Handler<M> } = {
  'organization.list': (ctx, input) => read(ctx, (w) => listOrganizations(w.db, w.today, input.includeRetired)),
  'organization.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createOrganization(w.db, input, w.now);
      w.audit({ action: 'organization.created', subject: id });
      return getOrganization(w.db, id, w.today);
    }),
  'organization.setExemption': (ctx, input) =>
    write(ctx, (w) => {
      const change = setExemption(w.db, input, w.now);
      // Who decided, and why: the administrator signed in (never someone they act for).
      if (change) w.audit({ action: 'organization.exemption_changed', subject: input.id, details: { ...change, confirmNotStatutory: input.confirmNotStatutory ?? false } });
      return getOrganization(w.db, input.id, w.today);
    }),
  'organization.update': (ctx, input) =>
    write(ctx, (w) => {
      // The kind decides whether an exemption needs the statutory confirmation: an exempt organization's kind is the administrator's.
      const exempt = w.db.prepare('SELECT kind, pledge_exemption_reason FROM organizations WHERE id = ?').get(input.id) as { kind: string; pledge_exemption_reason: string | null } | undefined;
      if (exempt?.pledge_exemption_reason && input.kind && input.kind !== exempt.kind && !w.administrator) throw new KasaneError('administrator_only', { what: 'organization.exemptKind' });
      const changed = updateOrganization(w.db, input, w.now);
      if (changed.length) w.audit({ action: 'organization.updated', subject: input.id, details: { changed } });
      return getOrganization(w.db, input.id, w.today);
    }),
  'organization.retire': (ctx, input) =>
    write(ctx, (w) => {
      setRetired(w.db, input.id, true, w.now);
      w.audit({ action: 'organization.retired', subject: input.id });
      return getOrganization(w.db, input.id, w.today);
    }),
  'organization.reinstate': (ctx, input) =>
    write(ctx, (w) => {
      setRetired(w.db, input.id, false, w.now);
      w.audit({ action: 'organization.reinstated', subject: input.id });
      return getOrganization(w.db, input.id, w.today);
    }),
  'member.list': (ctx, input) => read(ctx, (w) => listMembers(w.db, w.today, input)),
  'member.get': (ctx, input) => read(ctx, (w) => getMember(w.db, input.id, w.today)),
  'member.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createMember(w.db, input, w.now);
      w.audit({ action: 'member.created', subject: id, details: { organizationId: input.organizationId } });
      return getMember(w.db, id, w.today);
    }),
  'member.update': (ctx, input) =>
    write(ctx, (w) => {
      const changed = updateMember(w.db, input, w.now);
      if (changed.length) w.audit({ action: 'member.updated', subject: input.id, details: { changed } });
      return getMember(w.db, input.id, w.today);
    }),
  'member.move': (ctx, input) =>
    write(ctx, (w) => {
      moveMember(w.db, input, w.now);
      w.audit({ action: 'member.moved', subject: input.id, details: { organizationId: input.organizationId, on: input.on } });
      return getMember(w.db, input.id, w.today);
    }),
  'member.leave': (ctx, input) =>
    write(ctx, (w) => {
      memberLeft(w.db, input.id, input.on);
      w.audit({ action: 'member.left', subject: input.id, details: { on: input.on } });
      return getMember(w.db, input.id, w.today);
    }),
};
