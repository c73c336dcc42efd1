import { z } from 'zod';
import { ROLES } from '../../../common/roles';
import { PERMISSIONS } from '../../platform/authz/policy';
import { nonBlank, Pagination, Phone } from '../../platform/http/schemas';

const Role = z.enum(ROLES);
const PermissionName = z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS, ...(keyof typeof PERMISSIONS)[]]);

const Username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .describe('Letters, digits, underscore, dot or hyphen; 3–32 characters');

const Password = z.string().min(1).max(128);

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: Password,
});

/** An account as staff screens show it; ID numbers and phones are masked (个人信息保护法). */
export const AccountView = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(['staff', 'applicant']),
    roles: z.array(Role),
    status: z.enum(['active', 'disabled']),
    subjectKind: z.enum(['person', 'enterprise']).nullable(),
    idNumberMasked: z.string().nullable().describe('ID number or credit code, masked'),
    phoneMasked: z.string().nullable(),
    email: z.string().nullable(),
    orgUnitId: z.uuid().nullable(),
    orgUnitName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
    windowId: z.uuid().nullable(),
    windowName: z.string().nullable(),
    isDemo: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Account' });

export const MeResponse = z
  .object({
    account: AccountView,
    /** Permissions this account holds; the console builds its menus from them. */
    abilities: z.array(PermissionName),
    idleTimeoutMinutes: z.number().int(),
  })
  .meta({ id: 'Me' });

export const RegisterBody = z.discriminatedUnion('subjectKind', [
  z.object({
    subjectKind: z.literal('person'),
    username: Username,
    password: Password,
    displayName: nonBlank(50).describe('Real name as on the ID card'),
    idNumber: z.string().trim().max(32),
    phone: Phone,
    email: z.email().max(120).optional(),
  }),
  z.object({
    subjectKind: z.literal('enterprise'),
    username: Username,
    password: Password,
    displayName: nonBlank(100).describe('Registered name of the enterprise or organisation'),
    idNumber: z.string().trim().max(32).describe('Unified social credit code'),
    phone: Phone,
    email: z.email().max(120).optional(),
  }),
]);

export const ChangePasswordBody = z.object({
  currentPassword: Password,
  newPassword: Password,
});

export const AccountListQuery = Pagination.extend({
  q: z.string().trim().max(64).optional(),
  role: Role.optional(),
  kind: z.enum(['staff', 'applicant']).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const CreateStaffBody = z.object({
  username: Username,
  displayName: nonBlank(50),
  roles: z.array(Role.exclude(['applicant'])).min(1).max(ROLES.length),
  password: Password.describe('Initial password; the user must change it at first sign-in'),
  phone: Phone.optional(),
  email: z.email().max(120).optional(),
  orgUnitId: z.uuid().nullable().optional(),
  townshipCode: z.string().regex(/^\d{9}$/).nullable().optional(),
  windowId: z.uuid().nullable().optional(),
});

export const UpdateAccountBody = z.object({
  version: z.number().int().min(1).describe('The version you read; a stale one gets 409'),
  displayName: nonBlank(50).optional(),
  roles: z.array(Role).min(1).max(ROLES.length).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  phone: Phone.nullable().optional(),
  email: z.email().max(120).nullable().optional(),
  orgUnitId: z.uuid().nullable().optional(),
  townshipCode: z.string().regex(/^\d{9}$/).nullable().optional(),
  windowId: z.uuid().nullable().optional(),
  /** Clears a login lockout. */
  unlock: z.boolean().optional(),
});

export const ResetPasswordBody = z.object({
  version: z.number().int().min(1),
  password: Password.describe('New initial password; the user must change it at next sign-in'),
});

export const OkResponse = z.object({ ok: z.literal(true) });
