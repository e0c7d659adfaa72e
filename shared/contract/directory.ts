import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Id = z.string().min(1).max(64);

/** 市の部署 / 委託先 / 関係機関 */
export const OrganizationKind = z.enum(['city_department', 'contractor', 'partner']);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const Organization = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganizationKind,
  contact: z.string().nullable(),
  /** Set when an administrator exempted the organization from pledges (staff bound by statute). */
  pledgeExemptionReason: z.string().nullable(),
  retiredAt: z.string().nullable(),
  activeMembers: z.number().int(),
});
export type Organization = z.infer<typeof Organization>;

export const CreateOrganizationInput = z
  .object({
    name: text(80),
    kind: OrganizationKind,
    contact: optionalText(200),
  })
  .strict();

export const UpdateOrganizationInput = z
  .object({
    id: Id,
    name: text(80).optional(),
    kind: OrganizationKind.optional(),
    contact: optionalText(200),
  })
  .strict();

/**
 * An exemption from the pledge duty (an administrator's decision, DOMAIN.md): granted, changed
 * (a new reason) or withdrawn (null). An organization not bound by statute (関係機関: an NPO, a
 * company) is exempted only with `confirmNotStatutory`.
 */
export const SetExemptionInput = z
  .object({ id: Id, reason: z.string().trim().min(1).max(200).nullable(), confirmNotStatutory: z.boolean().optional() })
  .strict();

/** One period of a person at an organization; the history is never rewritten. */
export const Affiliation = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  title: z.string().nullable(),
  startOn: IsoDate,
  endOn: IsoDate.nullable(),
});
export type Affiliation = z.infer<typeof Affiliation>;

export const Member = z.object({
  id: z.string(),
  name: z.string(),
  nameKana: z.string().nullable(),
  contact: z.string().nullable(),
  /** The current affiliation, or null when the person has left. */
  current: Affiliation.nullable(),
  history: z.array(Affiliation),
});
export type Member = z.infer<typeof Member>;

export const CreateMemberInput = z
  .object({
    name: text(60),
    nameKana: optionalText(60),
    contact: optionalText(200),
    organizationId: Id,
    title: optionalText(60),
    startOn: IsoDate,
  })
  .strict();

export const directoryMethods = {
  'organization.list': method({
    input: z.object({ includeRetired: z.boolean().optional() }).strict(),
    output: z.array(Organization),
    access: 'unlocked',
  }),
  'organization.create': method({ input: CreateOrganizationInput, output: Organization, access: 'unlocked' }),
  'organization.update': method({ input: UpdateOrganizationInput, output: Organization, access: 'unlocked' }),
  /** 管理者 only: the exemption from the pledge duty (grant, new reason, withdrawal). */
  'organization.setExemption': method({ input: SetExemptionInput, output: Organization, access: 'administrator' }),
  /** Retired, never deleted: meetings, pledges and cases keep pointing at it. */
  'organization.retire': method({ input: z.object({ id: Id }).strict(), output: Organization, access: 'unlocked' }),
  'organization.reinstate': method({ input: z.object({ id: Id }).strict(), output: Organization, access: 'unlocked' }),
  'member.list': method({
    input: z.object({ organizationId: Id.optional(), includeLeft: z.boolean().optional() }).strict(),
    output: z.array(Member),
    access: 'unlocked',
  }),
  'member.get': method({ input: z.object({ id: Id }).strict(), output: Member, access: 'unlocked' }),
  'member.create': method({ input: CreateMemberInput, output: Member, access: 'unlocked' }),
  'member.update': method({
    input: z.object({ id: Id, name: text(60).optional(), nameKana: optionalText(60), contact: optionalText(200) }).strict(),
    output: Member,
    access: 'unlocked',
  }),
  /** Moves a person to another organization from `on`; the earlier period stays in the history. */
  'member.move': method({
    input: z.object({ id: Id, organizationId: Id, title: optionalText(60), on: IsoDate }).strict(),
    output: Member,
    access: 'unlocked',
  }),
  /** The person left (異動・退職) on `on`: the last day they belonged. */
  'member.leave': method({ input: z.object({ id: Id, on: IsoDate }).strict(), output: Member, access: 'unlocked' }),
};
