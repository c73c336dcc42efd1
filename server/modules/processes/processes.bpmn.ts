/**
 * BPMN 2.0 exchange of process definitions: for display (bpmn-js in the browser) and for moving definitions
 * between installations. Our declarative ProcessBody stays the source of truth; BPMN is a view of it.
 *
 *   申请受理 (start) → one userTask per stage → 办结 (end); a parallel step (并联审批) is a parallelGateway split and
 *   join around its stages. Stage and step attributes travel as extension attributes in our namespace (ow:…),
 *   so that bpmnToDefinition(definitionToBpmn(d)).body deep-equals d.body.
 *
 * The export carries its own diagram (BPMNDiagram) from a simple column layout, so viewers need no auto-layout.
 * The import accepts only what the model can express — one start, one end, a chain of tasks and balanced
 * parallel blocks — and lists every problem it finds rather than stopping at the first.
 */
// bpmn-moddle ships no types for its entry point; the reference (not a tsconfig entry) lets the web's type check,
// which reaches this file through cases.schemas.ts → processes/index.ts, see them too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./bpmn-moddle.d.ts" />
import { BpmnModdle, type ModdleElement, type ModdlePackage } from 'bpmn-moddle';
import {
  SPECIAL_PROCEDURE_LABELS,
  SPECIAL_PROCEDURES,
  STAGE_TYPES,
  type ProcessBody,
  type SpecialProcedure,
  type StageDef,
  type StageType,
  type StepDef,
} from '../../../common/process';
import { STAFF_ROLES, type StaffRole } from '../../../common/roles';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { describeZodIssue } from '../../platform/http/validation';
import { ProcessBodySchema } from './processes.schemas';

export const BPMN_MODEL_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
/** Our extension namespace; the prefix in a document does not matter, the URI does. */
export const OW_NS = 'https://onewindow.local/bpmn';

export interface DefinitionForBpmn {
  key: string;
  name: string;
  nameEn: string;
  version: number;
  body: ProcessBody;
}

export interface DefinitionFromBpmn {
  name: string;
  nameEn: string;
  body: ProcessBody;
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** Shape sizes and gaps of the layout, in BPMN diagram units (pixels at 100 %). */
const LAYOUT = {
  margin: 40,
  event: 36,
  gateway: 50,
  /** Wide enough for a nine-character name on one line, tall enough for three lines clear of the task icon. */
  taskWidth: 140,
  taskHeight: 100,
  /** Between consecutive columns. */
  gap: 40,
  /** Between a gateway and its branches: room for the branch lines to turn. */
  gatewayGap: 50,
  /** Between stacked parallel stages. */
  rowGap: 28,
  labelWidth: 90,
} as const;

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DiagramNode {
  id: string;
  tag: 'startEvent' | 'endEvent' | 'userTask' | 'parallelGateway';
  name?: string;
  attrs: [string, string][];
  documentation?: string;
  bounds: Bounds;
  /** Where an external label (events, gateways) is drawn. */
  label?: Bounds;
  isSpecial?: boolean;
  incoming: string[];
  outgoing: string[];
}

interface DiagramFlow {
  id: string;
  source: DiagramNode;
  target: DiagramNode;
  waypoints: [number, number][];
}

/** The time shown under a stage's name; bpmnToDefinition strips exactly these suffixes again. */
function limitLabel(stage: StageDef): string {
  if (stage.type === 'special') return `（不计时，最长${stage.limitDays}个工作日）`;
  if (stage.limitDays === 0) return '（当日办结）';
  return `（${stage.limitDays}个工作日）`;
}
const LIMIT_SUFFIX = /\n（(?:\d+个工作日|当日办结|不计时，最长\d+个工作日)）$/;

/** Characters that may not start or appear in an XML NCName (ids) become underscores. */
export function processIdOf(key: string): string {
  return `Process_${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function attributes(pairs: [string, string | number | boolean | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number | boolean] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function stageAttrs(stage: StageDef): [string, string][] {
  const pairs: [string, string | undefined][] = [
    ['ow:nameEn', stage.nameEn],
    ['ow:stageType', stage.type],
    ['ow:special', stage.special],
    ['ow:role', stage.role],
    ['ow:unitCode', stage.unitCode],
    ['ow:limitDays', String(stage.limitDays)],
  ];
  return pairs.filter((p): p is [string, string] => p[1] !== undefined);
}

function stepAttrs(step: StepDef): [string, string][] {
  return [
    ['ow:stepId', step.id],
    ['ow:stepName', step.name],
    ['ow:stepNameEn', step.nameEn],
  ];
}

/** A label box centred under a shape, tall enough for its wrapped text (bpmn-js wraps labels at 90 px). */
function labelBelow(shape: Bounds, text: string): Bounds {
  const textWidth = text.length * 12 + 4;
  const lines = Math.max(1, Math.ceil(textWidth / LAYOUT.labelWidth));
  const width = Math.min(LAYOUT.labelWidth, textWidth);
  return { x: shape.x + shape.width / 2 - width / 2, y: shape.y + shape.height + 6, width, height: lines * 14 };
}

/** Nodes and flows of the definition, laid out left to right: steps as columns, parallel stages stacked. */
function layOut(body: ProcessBody): { nodes: DiagramNode[]; flows: DiagramFlow[] } {
  const L = LAYOUT;
  const widest = Math.max(1, ...body.steps.map((s) => s.stages.length));
  const stackHeight = (n: number) => n * L.taskHeight + (n - 1) * L.rowGap;
  const cy = L.margin + stackHeight(widest) / 2;
  const nodes: DiagramNode[] = [];
  const flows: DiagramFlow[] = [];
  const right = (n: DiagramNode) => n.bounds.x + n.bounds.width;
  const middle = (n: DiagramNode) => n.bounds.y + n.bounds.height / 2;
  const connect = (source: DiagramNode, target: DiagramNode, waypoints: [number, number][]) => {
    const id = `Flow_${flows.length + 1}`;
    flows.push({ id, source, target, waypoints });
    source.outgoing.push(id);
    target.incoming.push(id);
  };
  const straight = (source: DiagramNode, target: DiagramNode) => connect(source, target, [[right(source), cy], [target.bounds.x, cy]]);
  const add = (node: Omit<DiagramNode, 'incoming' | 'outgoing'>) => {
    const full: DiagramNode = { ...node, incoming: [], outgoing: [] };
    nodes.push(full);
    return full;
  };
  const task = (stage: StageDef, x: number, y: number, step: StepDef | null) =>
    add({
      id: stage.id,
      tag: 'userTask',
      name: `${stage.name}\n${limitLabel(stage)}`,
      attrs: [...stageAttrs(stage), ...(step ? stepAttrs(step) : [])],
      ...(stage.special
        ? { documentation: `特别程序：${SPECIAL_PROCEDURE_LABELS[stage.special].zh}（不计入办理时限）\nSpecial procedure: ${SPECIAL_PROCEDURE_LABELS[stage.special].en.toLowerCase()} (time not counted)` }
        : {}),
      bounds: { x, y, width: L.taskWidth, height: L.taskHeight },
      isSpecial: stage.type === 'special',
    });

  let x = L.margin;
  const startBounds = { x, y: cy - L.event / 2, width: L.event, height: L.event };
  let previous = add({ id: 'StartEvent_accept', tag: 'startEvent', name: '申请受理', attrs: [], bounds: startBounds, label: labelBelow(startBounds, '申请受理') });
  x += L.event + L.gap;

  for (const step of body.steps) {
    if (step.stages.length === 1) {
      const node = task(step.stages[0]!, x, cy - L.taskHeight / 2, step);
      straight(previous, node);
      previous = node;
      x += L.taskWidth + L.gap;
      continue;
    }
    // 并联审批: split, the stages stacked around the axis, join.
    const splitBounds = { x, y: cy - L.gateway / 2, width: L.gateway, height: L.gateway };
    const split = add({ id: `Gateway_${step.id}_split`, tag: 'parallelGateway', name: step.name, attrs: stepAttrs(step), bounds: splitBounds, label: labelBelow(splitBounds, step.name) });
    straight(previous, split);
    x += L.gateway + L.gatewayGap;
    const taskX = x;
    x += L.taskWidth + L.gatewayGap;
    const join = add({ id: `Gateway_${step.id}_join`, tag: 'parallelGateway', attrs: [['ow:stepId', step.id]], bounds: { x, y: cy - L.gateway / 2, width: L.gateway, height: L.gateway } });
    const top = cy - stackHeight(step.stages.length) / 2;
    const turnOut = right(split) + L.gatewayGap / 2;
    const turnIn = join.bounds.x - L.gatewayGap / 2;
    step.stages.forEach((stage, i) => {
      const node = task(stage, taskX, top + i * (L.taskHeight + L.rowGap), null);
      const y = middle(node);
      if (y === cy) {
        straight(split, node);
        straight(node, join);
      } else {
        connect(split, node, [[right(split), cy], [turnOut, cy], [turnOut, y], [taskX, y]]);
        connect(node, join, [[right(node), y], [turnIn, y], [turnIn, cy], [join.bounds.x, cy]]);
      }
    });
    previous = join;
    x += L.gateway + L.gap;
  }

  const endBounds = { x, y: cy - L.event / 2, width: L.event, height: L.event };
  const end = add({ id: 'EndEvent_done', tag: 'endEvent', name: '办结', attrs: [], bounds: endBounds, label: labelBelow(endBounds, '办结') });
  straight(previous, end);
  return { nodes, flows };
}

/** Purple for special procedures, so that the stopped clock is visible at a glance. */
const SPECIAL_COLOURS = { stroke: '#531dab', fill: '#f9f0ff' };

/**
 * The definition as a BPMN 2.0 document with its diagram. Task ids are the stage ids (the web highlights open
 * stages by id); gateways are `Gateway_<step>_split|join`, flows `Flow_<n>`, shapes `BPMNShape_<element id>`:
 * capitalised, so they never collide with stage ids, which are lower case.
 */
export function definitionToBpmn(def: DefinitionForBpmn): string {
  const { nodes, flows } = layOut(def.body);
  const processId = processIdOf(def.key);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<bpmn:definitions${attributes([
      ['xmlns:bpmn', BPMN_MODEL_NS],
      ['xmlns:bpmndi', 'http://www.omg.org/spec/BPMN/20100524/DI'],
      ['xmlns:dc', 'http://www.omg.org/spec/DD/20100524/DC'],
      ['xmlns:di', 'http://www.omg.org/spec/DD/20100524/DI'],
      ['xmlns:bioc', 'http://bpmn.io/schema/bpmn/biocolor/1.0'],
      ['xmlns:color', 'http://www.omg.org/spec/BPMN/non-normative/color/1.0'],
      ['xmlns:ow', OW_NS],
      ['id', `Definitions_${processId.slice('Process_'.length)}`],
      ['targetNamespace', OW_NS],
      ['exporter', 'OneWindow 一窗通'],
      ['exporterVersion', '1'],
    ])}>`,
  );
  out.push(
    `  <bpmn:process${attributes([
      ['id', processId],
      ['name', def.name],
      ['isExecutable', false],
      ['ow:key', def.key],
      ['ow:version', def.version],
      ['ow:nameEn', def.nameEn],
      ['ow:allowsCommitment', def.body.allowsCommitment],
      ['ow:verificationDays', def.body.verificationDays],
    ])}>`,
  );
  for (const node of nodes) {
    out.push(`    <bpmn:${node.tag}${attributes([['id', node.id], ['name', node.name], ...node.attrs])}>`);
    if (node.documentation) out.push(`      <bpmn:documentation>${escapeXml(node.documentation)}</bpmn:documentation>`);
    for (const id of node.incoming) out.push(`      <bpmn:incoming>${id}</bpmn:incoming>`);
    for (const id of node.outgoing) out.push(`      <bpmn:outgoing>${id}</bpmn:outgoing>`);
    out.push(`    </bpmn:${node.tag}>`);
  }
  for (const flow of flows) {
    out.push(`    <bpmn:sequenceFlow${attributes([['id', flow.id], ['sourceRef', flow.source.id], ['targetRef', flow.target.id]])} />`);
  }
  out.push('  </bpmn:process>');
  out.push('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">');
  out.push(`    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">`);
  const bounds = (b: Bounds) => `<dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />`;
  for (const node of nodes) {
    const colours: [string, string | undefined][] = node.isSpecial
      ? [
          ['bioc:stroke', SPECIAL_COLOURS.stroke],
          ['bioc:fill', SPECIAL_COLOURS.fill],
          ['color:border-color', SPECIAL_COLOURS.stroke],
          ['color:background-color', SPECIAL_COLOURS.fill],
        ]
      : [];
    out.push(`      <bpmndi:BPMNShape${attributes([['id', `BPMNShape_${node.id}`], ['bpmnElement', node.id], ...colours])}>`);
    out.push(`        ${bounds(node.bounds)}`);
    if (node.label) out.push(`        <bpmndi:BPMNLabel>${bounds(node.label)}</bpmndi:BPMNLabel>`);
    out.push('      </bpmndi:BPMNShape>');
  }
  for (const flow of flows) {
    out.push(`      <bpmndi:BPMNEdge id="BPMNEdge_${flow.id}" bpmnElement="${flow.id}">`);
    for (const [wx, wy] of flow.waypoints) out.push(`        <di:waypoint x="${wx}" y="${wy}" />`);
    out.push('      </bpmndi:BPMNEdge>');
  }
  out.push('    </bpmndi:BPMNPlane>');
  out.push('  </bpmndi:BPMNDiagram>');
  out.push('</bpmn:definitions>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Import

const OW_ATTRIBUTES = [
  'key',
  'version',
  'nameEn',
  'allowsCommitment',
  'verificationDays',
  'stageType',
  'special',
  'role',
  'unitCode',
  'limitDays',
  'stepId',
  'stepName',
  'stepNameEn',
] as const;

/** Our attributes as a moddle package, so that they are found by namespace whatever prefix a document uses. */
const OW_PACKAGE: ModdlePackage = {
  name: 'OneWindow',
  uri: OW_NS,
  prefix: 'ow',
  types: [{ name: 'Attributes', extends: ['bpmn:BaseElement'], properties: OW_ATTRIBUTES.map((name) => ({ name, isAttr: true, type: 'String' })) }],
};

/** Flow elements the model can express; anything else in a process is refused. */
const TASK_TYPES = new Set(['bpmn:UserTask', 'bpmn:Task']);

/** Problems found while reading, each with a path (`bpmn.task.review`) and both languages. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(path: string, zh: string, en: string): void {
    this.list.push({ path, zh, en });
  }
}

function ow(element: ModdleElement, name: (typeof OW_ATTRIBUTES)[number]): string | undefined {
  const value = element.get(`ow:${name}`);
  return typeof value === 'string' ? value : undefined;
}

function list<T = ModdleElement>(element: ModdleElement, property: string): T[] {
  const value = element.get(property);
  return Array.isArray(value) ? (value as T[]) : [];
}

function ref(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element.get(property) as ModdleElement | undefined;
  return value && typeof value === 'object' ? value : undefined;
}

function pathOf(element: ModdleElement): string {
  const id = element.id ?? '?';
  if (TASK_TYPES.has(element.$type)) return `bpmn.task.${id}`;
  if (element.$type === 'bpmn:ParallelGateway') return `bpmn.gateway.${id}`;
  if (element.$type === 'bpmn:SequenceFlow') return `bpmn.flow.${id}`;
  if (element.$type === 'bpmn:StartEvent' || element.$type === 'bpmn:EndEvent') return `bpmn.event.${id}`;
  return `bpmn.element.${id}`;
}

function describe(element: ModdleElement): string {
  return `${element.$type.replace(/^bpmn:/, '')} ${element.id ?? ''}`.trim();
}

function parseDays(raw: string | undefined, path: string, attr: string, problems: Problems, fallback?: number): number {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    problems.add(path, `缺少扩展属性 ow:${attr}（工作日数）。`, `The extension attribute ow:${attr} (working days) is missing.`);
    return 0;
  }
  if (!/^\d{1,3}$/.test(raw.trim()) || Number(raw) > 120) {
    problems.add(path, `ow:${attr} 应为 0 到 120 之间的整数，实为「${raw}」。`, `ow:${attr} must be a whole number from 0 to 120, not "${raw}".`);
    return 0;
  }
  return Number(raw);
}

/** A task's stage from its name and our attributes; every missing or unknown value is a problem. */
function readStage(task: ModdleElement, problems: Problems): StageDef {
  const id = task.id ?? '';
  const path = `bpmn.task.${id}`;
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(id)) {
    problems.add(path, `任务 id「${id}」须以小写字母开头，只含小写字母、数字和下划线（最多 40 个字符）：它就是环节编号。`, `Task id "${id}" must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 40): it is the stage id.`);
  }
  const name = (task.name ?? '').replace(LIMIT_SUFFIX, '').trim();
  if (!name) problems.add(path, '任务没有名称。', 'The task has no name.');
  const type = ow(task, 'stageType');
  if (type === undefined) {
    problems.add(path, '缺少扩展属性 ow:stageType（环节类型）。', 'The extension attribute ow:stageType (stage type) is missing.');
  } else if (!(STAGE_TYPES as readonly string[]).includes(type)) {
    problems.add(path, `环节类型 ow:stageType「${type}」无效，可选：${STAGE_TYPES.join('、')}。`, `Stage type ow:stageType "${type}" is unknown; allowed: ${STAGE_TYPES.join(', ')}.`);
  }
  const special = ow(task, 'special');
  if (special !== undefined && !(SPECIAL_PROCEDURES as readonly string[]).includes(special)) {
    problems.add(path, `特别程序 ow:special「${special}」无效，可选：${SPECIAL_PROCEDURES.join('、')}。`, `Special procedure ow:special "${special}" is unknown; allowed: ${SPECIAL_PROCEDURES.join(', ')}.`);
  }
  const role = ow(task, 'role');
  if (role === undefined) {
    problems.add(path, '缺少扩展属性 ow:role（办理角色）：任务必须指定由哪个岗位办理。', 'The extension attribute ow:role is missing: a task must say which role handles it.');
  } else if (!(STAFF_ROLES as readonly string[]).includes(role)) {
    problems.add(path, `办理角色 ow:role「${role}」无效，可选：${STAFF_ROLES.join('、')}。`, `Role ow:role "${role}" is unknown; allowed: ${STAFF_ROLES.join(', ')}.`);
  }
  const unitCode = ow(task, 'unitCode');
  const limitDays = parseDays(ow(task, 'limitDays'), path, 'limitDays', problems);
  return {
    id,
    name,
    nameEn: ow(task, 'nameEn')?.trim() || name,
    type: (type ?? 'review') as StageType,
    ...(special !== undefined ? { special: special as SpecialProcedure } : {}),
    role: (role ?? 'reviewer') as StaffRole,
    ...(unitCode !== undefined ? { unitCode } : {}),
    limitDays,
  };
}

/** The step of a one-stage column: from the task's step attributes, or named after the stage. */
function sequentialStep(task: ModdleElement, stage: StageDef): StepDef {
  const name = ow(task, 'stepName') ?? stage.name;
  return { id: ow(task, 'stepId') ?? stage.id, name, nameEn: ow(task, 'stepNameEn') ?? (ow(task, 'stepName') ? name : stage.nameEn), stages: [stage] };
}

/** The process as a graph: its nodes, the flows between them, and every task's stage read from its attributes. */
interface Graph {
  starts: ModdleElement[];
  nodes: ModdleElement[];
  out: Map<ModdleElement, ModdleElement[]>;
  into: Map<ModdleElement, ModdleElement[]>;
  stageOf: Map<ModdleElement, StageDef>;
}

const isTask = (n: ModdleElement) => TASK_TYPES.has(n.$type);
const isGateway = (n: ModdleElement) => n.$type === 'bpmn:ParallelGateway';
const outOf = (g: Graph, n: ModdleElement) => g.out.get(n) ?? [];
const inOf = (g: Graph, n: ModdleElement) => g.into.get(n) ?? [];

/**
 * Collects the graph and its structural problems into `problems`, the tasks' attribute problems into
 * `stageProblems` (kept apart: attribute problems do not stop the walk, structural ones do).
 */
function readGraph(process: ModdleElement, problems: Problems, stageProblems: Problems): Graph {
  const g: Graph = { starts: [], nodes: [], out: new Map(), into: new Map(), stageOf: new Map() };
  let ends = 0;
  for (const element of list(process, 'flowElements')) {
    const path = pathOf(element);
    switch (element.$type) {
      case 'bpmn:StartEvent':
      case 'bpmn:EndEvent':
        if (element.$type === 'bpmn:StartEvent') g.starts.push(element);
        else ends++;
        g.nodes.push(element);
        if (list(element, 'eventDefinitions').length) {
          problems.add(path, `事件「${element.id}」带有事件定义（定时、消息等），本系统的流程不支持。`, `Event "${element.id}" has an event definition (timer, message…), which our processes do not support.`);
        }
        break;
      case 'bpmn:ParallelGateway':
        g.nodes.push(element);
        break;
      case 'bpmn:UserTask':
      case 'bpmn:Task':
        g.nodes.push(element);
        g.stageOf.set(element, readStage(element, stageProblems));
        if (element.get('loopCharacteristics')) {
          problems.add(path, `任务「${element.id}」是循环或多实例任务，本系统的流程不支持。`, `Task "${element.id}" loops or is multi-instance, which our processes do not support.`);
        }
        break;
      case 'bpmn:SequenceFlow': {
        const source = ref(element, 'sourceRef');
        const target = ref(element, 'targetRef');
        if (!source || !target) {
          problems.add(path, `连线「${element.id}」缺少起点或终点。`, `Flow "${element.id}" lacks a source or a target.`);
          break;
        }
        if (element.get('conditionExpression')) {
          problems.add(path, `连线「${element.id}」带有条件，本系统的流程没有条件分支。`, `Flow "${element.id}" has a condition; our processes have no conditional branches.`);
        }
        g.out.set(source, [...outOf(g, source), target]);
        g.into.set(target, [...inOf(g, target), source]);
        break;
      }
      case 'bpmn:ExclusiveGateway':
      case 'bpmn:InclusiveGateway':
      case 'bpmn:ComplexGateway':
      case 'bpmn:EventBasedGateway':
        problems.add(
          path,
          `不支持条件网关 ${describe(element)}：本系统的流程只有顺序环节和并联环节（并行网关）。`,
          `Gateway ${describe(element)} is not supported: our processes have only sequential and parallel steps (parallel gateways).`,
        );
        break;
      default:
        problems.add(
          path,
          `不支持的元素 ${describe(element)}：本系统的流程只由开始事件、用户任务、并行网关、连线和结束事件组成。`,
          `Unsupported element ${describe(element)}: our processes consist of a start event, user tasks, parallel gateways, sequence flows and an end event.`,
        );
    }
  }
  if (g.starts.length !== 1) {
    problems.add('bpmn.process', `流程须有且只有一个开始事件，实有 ${g.starts.length} 个。`, `A process has exactly one start event; this one has ${g.starts.length}.`);
  }
  if (ends !== 1) problems.add('bpmn.process', `流程须有且只有一个结束事件，实有 ${ends} 个。`, `A process has exactly one end event; this one has ${ends}.`);
  for (const node of g.nodes) {
    const path = pathOf(node);
    const isStart = node.$type === 'bpmn:StartEvent';
    const isEnd = node.$type === 'bpmn:EndEvent';
    const ins = inOf(g, node).length;
    const outs = outOf(g, node).length;
    if (isStart && ins) problems.add(path, '开始事件不能有进入的连线。', 'The start event cannot have incoming flows.');
    if (isEnd && outs) problems.add(path, '结束事件不能有离开的连线。', 'The end event cannot have outgoing flows.');
    if (!isStart && ins === 0) problems.add(path, `${describe(node)} 没有进入的连线。`, `${describe(node)} has no incoming flow.`);
    if (!isEnd && outs === 0) problems.add(path, `${describe(node)} 没有离开的连线。`, `${describe(node)} has no outgoing flow.`);
    if ((isTask(node) || isStart || isEnd) && (ins > 1 || outs > 1)) {
      problems.add(path, `${describe(node)} 只能有一条进入和一条离开的连线；分支与汇聚请用并行网关。`, `${describe(node)} must have at most one incoming and one outgoing flow; use parallel gateways to split and join.`);
    }
    if (isGateway(node) && ins > 1 && outs > 1) {
      problems.add(path, `并行网关「${node.id}」不能同时汇聚和分支。`, `Parallel gateway "${node.id}" cannot both join and split.`);
    }
  }
  for (const node of loopEntries(g)) {
    problems.add(
      pathOf(node),
      `流程在「${node.id}」处形成回路；退回与补正由系统处理，流程图中不画回路。`,
      `The process loops back to "${node.id}"; returns and corrections are handled by the system and are not drawn as loops.`,
    );
  }
  return g;
}

/** The nodes that a flow loops back to (targets of back edges in a depth-first search). */
function loopEntries(g: Graph): ModdleElement[] {
  const state = new Map<ModdleElement, 'open' | 'done'>();
  const entries = new Set<ModdleElement>();
  const visit = (node: ModdleElement) => {
    state.set(node, 'open');
    for (const next of outOf(g, node)) {
      if (state.get(next) === 'open') entries.add(next);
      else if (!state.has(next)) visit(next);
    }
    state.set(node, 'done');
  };
  for (const node of g.nodes) if (!state.has(node)) visit(node);
  return [...entries];
}

/**
 * Walks the chain from the start event and rebuilds the steps: a task is a one-stage step, a split gateway whose
 * branches are single tasks joining at one gateway is a parallel step. A structural error stops the walk (what
 * follows it would be guesswork).
 */
function walkSteps(g: Graph, start: ModdleElement, problems: Problems): StepDef[] {
  const steps: StepDef[] = [];
  const seen = new Set<ModdleElement>([start]);
  let current = start;
  for (;;) {
    const next = outOf(g, current)[0];
    if (!next) break;
    if (seen.has(next)) {
      problems.add(pathOf(next), `流程在「${next.id}」处形成回路；退回与补正由系统处理，流程图中不画回路。`, `The process loops back at "${next.id}"; returns and corrections are handled by the system and are not drawn as loops.`);
      return steps;
    }
    seen.add(next);
    if (next.$type === 'bpmn:EndEvent') break;
    if (isTask(next)) {
      steps.push(sequentialStep(next, g.stageOf.get(next)!));
      current = next;
      continue;
    }
    const branches = outOf(g, next);
    if (branches.length < 2) {
      problems.add(pathOf(next), `并行网关「${next.id}」在此处应分出至少两个分支。`, `Parallel gateway "${next.id}" should split into at least two branches here.`);
      return steps;
    }
    const joins = new Set<ModdleElement>();
    let isBalanced = true;
    for (const branch of branches) {
      if (!isTask(branch) || seen.has(branch)) {
        problems.add(
          pathOf(branch),
          `并行网关「${next.id}」的每个分支须恰好是一个任务（不支持嵌套或空分支），「${branch.id}」不是。`,
          `Each branch of parallel gateway "${next.id}" must be exactly one task (no nesting, no empty branch); "${branch.id}" is not.`,
        );
        isBalanced = false;
        continue;
      }
      seen.add(branch);
      const after = outOf(g, branch)[0];
      if (after) joins.add(after);
    }
    const join = [...joins][0];
    if (!isBalanced) return steps;
    if (joins.size !== 1 || !join || !isGateway(join) || inOf(g, join).length !== branches.length) {
      problems.add(
        pathOf(next),
        `并行网关「${next.id}」的各分支须汇聚到同一个并行网关，且该网关只汇聚这些分支。`,
        `The branches of parallel gateway "${next.id}" must all join at one parallel gateway that joins nothing else.`,
      );
      return steps;
    }
    seen.add(join);
    steps.push(parallelStep(next, join, branches.map((branch) => g.stageOf.get(branch)!), steps.length));
    current = join;
  }
  for (const node of g.nodes) {
    if (!seen.has(node)) problems.add(pathOf(node), `${describe(node)} 不在从开始到结束的主流程上。`, `${describe(node)} is not on the path from start to end.`);
  }
  return steps;
}

/** The step of a parallel block: from the split gateway's step attributes, or its name. */
function parallelStep(split: ModdleElement, join: ModdleElement, stages: StageDef[], index: number): StepDef {
  const name = ow(split, 'stepName') ?? split.name?.trim() ?? '';
  const fallbackId = split.id && /^[a-z][a-z0-9_]{0,39}$/.test(split.id) ? split.id : `step_${index + 1}`;
  return {
    id: ow(split, 'stepId') ?? ow(join, 'stepId') ?? fallbackId,
    name: name || stages.map((s) => s.name).join('、'),
    nameEn: ow(split, 'stepNameEn') ?? (name || stages.map((s) => s.nameEn).join(', ')),
    stages,
  };
}

/** Reads the process graph back into steps; structural problems first, then the tasks' attribute problems. */
function readSteps(process: ModdleElement, problems: Problems): StepDef[] {
  const before = problems.list.length;
  const stageProblems = new Problems();
  const g = readGraph(process, problems, stageProblems);
  const steps = problems.list.length === before && g.starts.length === 1 ? walkSteps(g, g.starts[0]!, problems) : [];
  problems.list.push(...stageProblems.list);
  return steps;
}

/** Schema problems of the rebuilt body, on the task or step they concern. */
function schemaProblems(body: ProcessBody, problems: Problems): void {
  const parsed = ProcessBodySchema.safeParse(body);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const [first, stepIndex, third, stageIndex, ...rest] = issue.path.map(String);
    const step = first === 'steps' && stepIndex !== undefined ? body.steps[Number(stepIndex)] : undefined;
    const stage = step && third === 'stages' && stageIndex !== undefined ? step.stages[Number(stageIndex)] : undefined;
    const path = stage
      ? ['bpmn.task', stage.id, ...rest].join('.')
      : step
        ? ['bpmn.step', step.id, ...(third !== undefined ? [third] : [])].join('.')
        : ['bpmn.process', ...issue.path.map(String)].join('.');
    problems.add(path, describeZodIssue(issue, 'zh'), describeZodIssue(issue, 'en'));
  }
}

/**
 * Reads a BPMN 2.0 document back into a definition. Throws VALIDATION_FAILED listing every problem, with
 * paths like `bpmn.task.review` (a task), `bpmn.gateway.<id>`, `bpmn.process`, `bpmn.xml` (the document).
 * Running the business rules (one decision step, known units, the promised limit) is saveDefinition's job.
 */
export async function bpmnToDefinition(xml: string): Promise<DefinitionFromBpmn> {
  const problems = new Problems();
  const moddle = new BpmnModdle({ ow: OW_PACKAGE });
  let root: ModdleElement;
  let warnings: Error[];
  try {
    ({ rootElement: root, warnings } = await moddle.fromXML(xml));
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'bpmn.xml', zh: `不是有效的 BPMN 2.0 XML 文档（${detail}）。`, en: `Not a valid BPMN 2.0 XML document (${detail}).` }],
    });
  }
  for (const warning of warnings.slice(0, 20)) {
    const [first, ...rest] = warning.message.split('\n');
    const where = rest.map((l) => l.trim()).filter((l) => /^(line|column):/.test(l)).join(' ');
    const detail = `${first}${where ? ` (${where})` : ''}`;
    problems.add('bpmn.xml', `文档中有无法识别的内容：${detail}`, `The document has content that cannot be read: ${detail}`);
  }
  const processes = list(root, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (processes.length !== 1) {
    problems.add('bpmn.process', `文档须恰好包含一个流程（bpmn:process），实有 ${processes.length} 个。`, `The document must hold exactly one process (bpmn:process); it has ${processes.length}.`);
    throw new AppError('VALIDATION_FAILED', { fields: problems.list });
  }
  const process = processes[0]!;
  const name = (process.name ?? '').trim();
  if (!name) problems.add('bpmn.process.name', '流程没有名称（bpmn:process 的 name）。', 'The process has no name (the name of bpmn:process).');
  const commitment = ow(process, 'allowsCommitment');
  if (commitment !== undefined && commitment !== 'true' && commitment !== 'false') {
    problems.add('bpmn.process.allowsCommitment', `ow:allowsCommitment 应为 true 或 false，实为「${commitment}」。`, `ow:allowsCommitment must be true or false, not "${commitment}".`);
  }
  const verificationDays = parseDays(ow(process, 'verificationDays'), 'bpmn.process.verificationDays', 'verificationDays', problems, 0);
  const steps = readSteps(process, problems);
  const body: ProcessBody = { steps, allowsCommitment: commitment === 'true', verificationDays };
  if (problems.list.length === 0) schemaProblems(body, problems);
  if (problems.list.length) throw new AppError('VALIDATION_FAILED', { fields: problems.list });
  return { name, nameEn: ow(process, 'nameEn')?.trim() || name, body };
}
