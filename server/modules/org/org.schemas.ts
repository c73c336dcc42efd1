import { z } from 'zod';
import { nonBlank } from '../../platform/http/schemas';

export const UnitKind = z.enum(['bureau', 'section', 'centre', 'department', 'center_unit', 'committee', 'agency']);
export const UnitCategory = z.enum(['government', 'utility', 'finance']);

export const ZoneView = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['hall', 'functional']),
    parentId: z.uuid().nullable(),
    queuePrefix: z.string().nullable(),
    description: z.string(),
  })
  .meta({ id: 'Zone' });

export const TownshipView = z
  .object({
    code: z.string().describe('9-digit division code'),
    name: z.string(),
    kind: z.enum(['镇', '乡']),
    centreName: z.string(),
    centreAddress: z.string(),
    centrePhone: z.string(),
  })
  .meta({ id: 'Township' });

export const UnitView = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    kind: UnitKind,
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    parentId: z.uuid().nullable(),
    category: UnitCategory.nullable(),
    zoneId: z.uuid().nullable(),
    chiefRepresentative: z.string().nullable(),
    chiefRepresentativePhone: z.string().nullable().describe('Masked for the public'),
    authorization: z.string().nullable(),
    successorName: z.string().nullable(),
    duties: z.string(),
    active: z.boolean(),
    itemCount: z.number().int(),
  })
  .meta({ id: 'OrgUnit' });

export const WindowView = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    zoneId: z.uuid(),
    zoneName: z.string(),
    kind: z.enum(['comprehensive', 'dedicated']),
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Window' });

export const OrgOverview = z
  .object({
    region: z.object({ code: z.string(), name: z.string() }),
    bureau: UnitView.nullable(),
    sections: z.array(UnitView),
    centres: z.array(UnitView),
    committee: UnitView.nullable(),
    departments: z.array(UnitView),
    centerUnits: z.array(UnitView),
    /** 共享部门: county departments that approve nothing here but receive shared records (统计局: the business register). */
    agencies: z.array(UnitView),
    zones: z.array(ZoneView),
    townships: z.array(TownshipView),
    windows: z.array(WindowView),
  })
  .meta({ id: 'OrgOverview' });

export const UnitListQuery = z.object({ kind: UnitKind.optional() });

export const UpdateUnitBody = z.object({
  name: nonBlank(80).optional(),
  shortName: z.string().trim().max(30).optional(),
  duties: z.string().trim().max(1000).optional(),
  zoneId: z.uuid().nullable().optional(),
  chiefRepresentative: z.string().trim().max(20).nullable().optional(),
  chiefRepresentativePhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/)
    .nullable()
    .optional(),
  authorization: z.string().trim().max(600).nullable().optional(),
  active: z.boolean().optional(),
});

export const CreateUnitBody = z.object({
  kind: z.enum(['department', 'center_unit', 'section']),
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
  name: nonBlank(80),
  shortName: z.string().trim().max(30).default(''),
  duties: z.string().trim().max(1000).default(''),
  category: UnitCategory.nullable().optional(),
  zoneId: z.uuid().nullable().optional(),
  chiefRepresentative: z.string().trim().max(20).nullable().optional(),
  chiefRepresentativePhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/)
    .nullable()
    .optional(),
  authorization: z.string().trim().max(600).nullable().optional(),
});

export const CreateWindowBody = z.object({
  code: z.string().trim().regex(/^[A-Z]\d{2}$/),
  name: nonBlank(40),
  zoneId: z.uuid(),
  kind: z.enum(['comprehensive', 'dedicated']),
  unitId: z.uuid().nullable().optional(),
});

export const UpdateWindowBody = z.object({
  name: nonBlank(40).optional(),
  zoneId: z.uuid().optional(),
  kind: z.enum(['comprehensive', 'dedicated']).optional(),
  unitId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});

export const UpdateTownshipBody = z.object({
  centreName: nonBlank(60).optional(),
  centreAddress: nonBlank(120).optional(),
  centrePhone: z.string().trim().regex(/^0\d{2,3}-\d{7,8}$/).optional(),
});

export const CodeParams = z.object({ code: z.string().regex(/^\d{9}$/) });

