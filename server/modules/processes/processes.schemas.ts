import { z } from 'zod';
import { SPECIAL_PROCEDURES, STAGE_TYPES } from '../../../common/process';
import { ROLES } from '../../../common/roles';
import { nonBlank } from '../../platform/http/schemas';

export const StageSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: nonBlank(60),
  nameEn: nonBlank(80),
  type: z.enum(STAGE_TYPES),
  special: z.enum(SPECIAL_PROCEDURES).optional(),
  role: z.enum(ROLES).exclude(['applicant']),
  unitCode: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/).optional(),
  limitDays: z.number().int().min(0).max(120),
});

export const StepSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: nonBlank(60),
  nameEn: nonBlank(80),
  stages: z.array(StageSchema).min(1).max(8),
});

export const ProcessBodySchema = z.object({
  steps: z.array(StepSchema).min(1).max(30),
  allowsCommitment: z.boolean(),
  verificationDays: z.number().int().min(0).max(120),
});

export const DefinitionView = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    name: z.string(),
    nameEn: z.string(),
    body: ProcessBodySchema,
    note: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    /** Working days the counted stages add up to (special procedures excluded). */
    countedDays: z.number().int(),
  })
  .meta({ id: 'ProcessDefinition' });

export const VersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const ItemProcessView = z
  .object({
    itemId: z.uuid(),
    itemCode: z.string(),
    key: z.string(),
    current: DefinitionView,
    versions: z.array(VersionSummary),
  })
  .meta({ id: 'ItemProcess' });

export const SaveDefinitionBody = z.object({
  name: nonBlank(80),
  nameEn: nonBlank(120),
  body: ProcessBodySchema,
  note: z.string().trim().max(300).default(''),
  /** The version you edited; a newer one in between gets 409. */
  baseVersion: z.number().int().min(1),
});

export const KeyParams = z.object({ key: z.string().regex(/^(item|flow):[A-Za-z0-9-]{1,60}$/) });
export const KeyVersionParams = KeyParams.extend({ version: z.coerce.number().int().min(1) });

/** A process definition as a BPMN 2.0 XML document (see processes.bpmn.ts for what it holds). */
export const BpmnDocument = z
  .string()
  .min(1)
  .max(1024 * 1024)
  .meta({
    description:
      'BPMN 2.0 XML (namespace http://www.omg.org/spec/BPMN/20100524/MODEL). Each stage is a userTask whose id is the stage id; ' +
      'parallel steps are parallelGateway blocks; stage attributes are extension attributes in https://onewindow.local/bpmn.',
  });

export const BpmnImportQuery = z.object({
  /** The version you exported or edited; a newer one in between gets 409. */
  baseVersion: z.coerce.number().int().min(1),
  /** Why the new version was made (shown in the version list). */
  note: z.string().trim().max(300).optional(),
});

export const ItemCodeParams = z.object({ code: z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/) });
