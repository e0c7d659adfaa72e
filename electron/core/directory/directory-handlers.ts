import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  setRetired,
  updateOrganization,
} from './organization-repository';
import { createMember, getMember, listMembers, memberLeft, moveMember, updateMember } from './member-repository';

type DirectoryMethod =
  | 'organization.list'
  | 'organization.create'
  | 'organization.update'
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
  'organization.update': (ctx, input) =>
    write(ctx, (w) => {
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
