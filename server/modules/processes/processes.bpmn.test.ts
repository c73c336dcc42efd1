/**
 * BPMN export and import of process definitions: every demo definition survives the round trip, the exported
 * documents are sound BPMN that bpmn-moddle reads without warnings, and what the model cannot express is
 * refused with every problem named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import type { ProcessBody } from '../../../common/process';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { deriveResultName, SEED_DATA_DIR } from '../../db/seed/reference';
import { bpmnToDefinition, definitionToBpmn, processIdOf, type DefinitionForBpmn } from './processes.bpmn';
import { R10_FLOWS } from './processes.flows';
import { generateProcess, type ItemForProcess } from './processes.generator';

interface SeedItem extends Omit<ItemForProcess, 'resultName'> {
  type: string;
}

const items: SeedItem[] = ['bureau-items.json', 'center-items.json'].flatMap((f) => JSON.parse(fs.readFileSync(path.join(SEED_DATA_DIR, f), 'utf8')));
const flowItems = new Set(R10_FLOWS.flatMap((f) => f.itemCodes));

/** Every definition the demo installation starts with, as the seed makes them. */
const demoDefinitions: DefinitionForBpmn[] = [
  ...R10_FLOWS.map((f) => ({ key: f.key, name: f.name, nameEn: f.nameEn, version: 1, body: f.body })),
  ...items
    .filter((i) => !flowItems.has(i.code))
    .map((i) => ({ key: `item:${i.code}`, name: i.name, nameEn: `Process of ${i.code}`, version: 1, body: generateProcess({ ...i, resultName: deriveResultName(i.name, i.type) }) })),
];

const flow = (key: string) => demoDefinitions.find((d) => d.key === key)!;
const item = (code: string) => flow(`item:${code}`);

/** The problems a rejected import lists. */
async function problemsOf(xml: string): Promise<FieldProblem[]> {
  try {
    await bpmnToDefinition(xml);
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return err.fields ?? [];
    throw err;
  }
  throw new Error('the document was accepted');
}

interface Parsed {
  warnings: Error[];
  process: ModdleElement;
  diagramIds: Set<string>;
}

/** Reads a document with plain bpmn-moddle, as bpmn-js does (no knowledge of our namespace). */
async function parsePlain(xml: string): Promise<Parsed> {
  const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
  const roots = rootElement.get('rootElements') as ModdleElement[];
  const diagrams = rootElement.get('diagrams') as ModdleElement[];
  const plane = diagrams[0]!.get('plane') as ModdleElement;
  const diagramIds = new Set((plane.get('planeElement') as ModdleElement[]).map((e) => (e.get('bpmnElement') as ModdleElement).id!));
  return { warnings, process: roots.find((r) => r.$type === 'bpmn:Process')!, diagramIds };
}

describe('definitionToBpmn → bpmnToDefinition', () => {
  it('covers every demo definition: all items and the four R10 flows', () => {
    expect(demoDefinitions.length).toBe(items.length - flowItems.size + R10_FLOWS.length);
    expect(demoDefinitions.some((d) => d.body.steps.some((s) => s.stages.length > 1))).toBe(true);
    expect(demoDefinitions.some((d) => d.body.steps.some((s) => s.stages.some((st) => st.special)))).toBe(true);
    expect(demoDefinitions.some((d) => d.body.allowsCommitment)).toBe(true);
  });

  it('gives back the same body, name and English name for every demo definition', async () => {
    for (const def of demoDefinitions) {
      const back = await bpmnToDefinition(definitionToBpmn(def));
      expect(back.body, def.key).toStrictEqual(def.body);
      expect({ name: back.name, nameEn: back.nameEn }, def.key).toEqual({ name: def.name, nameEn: def.nameEn });
    }
  });

  it('writes documents that bpmn-moddle reads without warnings and that are sound BPMN', async () => {
    for (const def of demoDefinitions) {
      const xml = definitionToBpmn(def);
      const { warnings, process, diagramIds } = await parsePlain(xml);
      expect(warnings.map((w) => w.message), def.key).toEqual([]);
      expect(process.id).toBe(processIdOf(def.key));
      const elements = process.get('flowElements') as ModdleElement[];
      const ids = elements.map((e) => e.id!);
      expect(new Set(ids).size, `${def.key}: ids are unique`).toBe(ids.length);
      const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
      const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
      for (const f of flows) {
        const source = f.get('sourceRef') as ModdleElement | undefined;
        const target = f.get('targetRef') as ModdleElement | undefined;
        expect(source && nodes.includes(source), `${def.key} ${f.id} source`).toBe(true);
        expect(target && nodes.includes(target), `${def.key} ${f.id} target`).toBe(true);
      }
      for (const node of nodes) {
        const incoming = (node.get('incoming') as ModdleElement[]).map((f) => f.id);
        const outgoing = (node.get('outgoing') as ModdleElement[]).map((f) => f.id);
        // <incoming>/<outgoing> agree with the flows' own source and target (bpmn-auto-layout reads them).
        expect(incoming, `${def.key} ${node.id} incoming`).toEqual(flows.filter((f) => (f.get('targetRef') as ModdleElement) === node).map((f) => f.id));
        expect(outgoing, `${def.key} ${node.id} outgoing`).toEqual(flows.filter((f) => (f.get('sourceRef') as ModdleElement) === node).map((f) => f.id));
        if (node.$type !== 'bpmn:StartEvent') expect(incoming.length, `${def.key} ${node.id} has incoming`).toBeGreaterThan(0);
        if (node.$type !== 'bpmn:EndEvent') expect(outgoing.length, `${def.key} ${node.id} has outgoing`).toBeGreaterThan(0);
      }
      expect(nodes.filter((n) => n.$type === 'bpmn:StartEvent')).toHaveLength(1);
      expect(nodes.filter((n) => n.$type === 'bpmn:EndEvent')).toHaveLength(1);
      // Task ids are the stage ids, in order; everything is drawn.
      const stageIds = def.body.steps.flatMap((s) => s.stages.map((st) => st.id));
      expect(nodes.filter((n) => n.$type === 'bpmn:UserTask').map((n) => n.id)).toEqual(stageIds);
      expect([...diagramIds].sort(), def.key).toEqual([...ids].sort());
    }
  });

  it('lays the diagram out left to right without overlapping shapes or labels', async () => {
    for (const def of demoDefinitions) {
      const { rootElement } = await new BpmnModdle().fromXML(definitionToBpmn(def));
      const plane = (rootElement.get('diagrams') as ModdleElement[])[0]!.get('plane') as ModdleElement;
      const boxes: { id: string; x: number; y: number; width: number; height: number }[] = [];
      for (const el of plane.get('planeElement') as ModdleElement[]) {
        if (el.$type !== 'bpmndi:BPMNShape') continue;
        const id = (el.get('bpmnElement') as ModdleElement).id!;
        boxes.push({ id, ...(el.get('bounds') as { x: number; y: number; width: number; height: number }) });
        const label = el.get('label') as ModdleElement | undefined;
        if (label) boxes.push({ id: `${id} label`, ...(label.get('bounds') as { x: number; y: number; width: number; height: number }) });
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlaps, `${def.key}: ${a.id} overlaps ${b.id}`).toBe(false);
        }
      }
      const tasksInOrder = def.body.steps.map((s) => boxes.find((b) => b.id === s.stages[0]!.id)!.x);
      expect(tasksInOrder, def.key).toEqual([...tasksInOrder].sort((p, q) => p - q));
    }
  });

  it('draws parallel steps as gateway blocks and marks special procedures', () => {
    const xml = definitionToBpmn(flow('flow:enterprise-investment'));
    expect(xml).toContain('xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"');
    expect(xml).toContain('xmlns:ow="https://onewindow.local/bpmn"');
    expect(xml).toMatch(/<bpmn:parallelGateway id="Gateway_opinions_split" name="并联征求意见" ow:stepId="opinions"/);
    expect(xml).toMatch(/<bpmn:parallelGateway id="Gateway_opinions_join"/);
    expect(xml).toMatch(/<bpmn:userTask id="assessment" name="委托咨询评估&#10;（不计时，最长30个工作日）"[^>]* ow:stageType="special" ow:special="expert_review"/);
    expect(xml).toContain('<bpmn:documentation>特别程序：专家评审（不计入办理时限）');
    expect(xml).toMatch(/<bpmn:startEvent id="StartEvent_accept" name="申请受理">/);
    expect(xml).toMatch(/<bpmn:endEvent id="EndEvent_done" name="办结">/);
    const foodLicence = definitionToBpmn(item('WX-XK-099'));
    expect(foodLicence).toMatch(/<bpmn:process id="Process_item_WX-XK-099" name="食品经营许可[^"]*" isExecutable="false"[^>]* ow:allowsCommitment="true" ow:verificationDays="20">/);
    expect(foodLicence).toMatch(/<bpmn:userTask id="review" name="审查&#10;（\d+个工作日）" ow:nameEn="Review" ow:stageType="review" ow:role="reviewer" ow:unitCode="[A-Z-]+" ow:limitDays="\d+" ow:stepId="review"/);
  });

  it('escapes what XML needs escaped and keeps it through the round trip', async () => {
    const body: ProcessBody = {
      allowsCommitment: false,
      verificationDays: 0,
      steps: [
        { id: 'check', name: '审查 <A & "B">', nameEn: 'Check <A & "B">', stages: [{ id: 'check', name: '审查 & 核对', nameEn: 'Check & <verify>', type: 'review', role: 'reviewer', limitDays: 2 }] },
        { id: 'decide', name: '决定', nameEn: 'Decide', stages: [{ id: 'decision', name: '决定（含复核）', nameEn: 'Decide', type: 'decision', role: 'leader', limitDays: 0 }] },
      ],
    };
    const back = await bpmnToDefinition(definitionToBpmn({ key: 'flow:odd-names', name: '名称 "引号" & <尖括号>', nameEn: 'x', version: 3, body }));
    expect(back.body).toStrictEqual(body);
    expect(back.name).toBe('名称 "引号" & <尖括号>');
  });
});

/** A document drawn by hand (as in a BPMN modeler): our prefix is `x`, steps are not named. */
function handDrawn(inner: string, processAttrs = 'name="手绘流程"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:x="https://onewindow.local/bpmn" id="Defs" targetNamespace="urn:test">
  <process id="P1" ${processAttrs}>
${inner}
  </process>
</definitions>`;
}

const task = (id: string, attrs = 'x:stageType="review" x:role="reviewer" x:limitDays="2"', name = id) => `<userTask id="${id}" name="${name}" ${attrs} />`;
const seq = (id: string, from: string, to: string) => `<sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

describe('bpmnToDefinition on documents from elsewhere', () => {
  it('reads a hand-drawn process with a parallel block, whatever prefix our namespace has', async () => {
    const xml = handDrawn(
      [
        '<startEvent id="s" />',
        task('review'),
        '<parallelGateway id="fork" name="会同审查" />',
        task('a', 'x:stageType="review" x:role="reviewer" x:unitCode="SEC-ZCFG" x:limitDays="3" x:nameEn="Opinion A"', '意见甲'),
        task('b', 'x:stageType="inspection" x:role="reviewer" x:limitDays="3"', '勘验乙'),
        '<parallelGateway id="merge" />',
        task('decision', 'x:stageType="decision" x:role="leader" x:limitDays="1"', '决定'),
        '<endEvent id="e" />',
        seq('f1', 's', 'review'),
        seq('f2', 'review', 'fork'),
        seq('f3', 'fork', 'a'),
        seq('f4', 'fork', 'b'),
        seq('f5', 'a', 'merge'),
        seq('f6', 'b', 'merge'),
        seq('f7', 'merge', 'decision'),
        seq('f8', 'decision', 'e'),
      ].join('\n'),
    );
    const def = await bpmnToDefinition(xml);
    expect(def.name).toBe('手绘流程');
    expect(def.nameEn).toBe('手绘流程');
    expect(def.body).toStrictEqual({
      allowsCommitment: false,
      verificationDays: 0,
      steps: [
        { id: 'review', name: 'review', nameEn: 'review', stages: [{ id: 'review', name: 'review', nameEn: 'review', type: 'review', role: 'reviewer', limitDays: 2 }] },
        {
          id: 'fork',
          name: '会同审查',
          nameEn: '会同审查',
          stages: [
            { id: 'a', name: '意见甲', nameEn: 'Opinion A', type: 'review', role: 'reviewer', unitCode: 'SEC-ZCFG', limitDays: 3 },
            { id: 'b', name: '勘验乙', nameEn: '勘验乙', type: 'inspection', role: 'reviewer', limitDays: 3 },
          ],
        },
        { id: 'decision', name: '决定', nameEn: '决定', stages: [{ id: 'decision', name: '决定', nameEn: '决定', type: 'decision', role: 'leader', limitDays: 1 }] },
      ],
    });
  });

  it('refuses exclusive gateways, conditions and unknown elements, and a task without role, all at once', async () => {
    const xml = handDrawn(
      [
        '<startEvent id="s" />',
        task('review', 'x:stageType="review" x:limitDays="2"'),
        '<exclusiveGateway id="choice" />',
        task('decision', 'x:stageType="decision" x:role="leader" x:limitDays="1"'),
        '<serviceTask id="robot" />',
        '<endEvent id="e" />',
        seq('f1', 's', 'review'),
        seq('f2', 'review', 'choice'),
        '<sequenceFlow id="f3" sourceRef="choice" targetRef="decision"><conditionExpression>${ok}</conditionExpression></sequenceFlow>',
        seq('f4', 'choice', 'robot'),
        seq('f5', 'robot', 'e'),
        seq('f6', 'decision', 'e'),
      ].join('\n'),
    );
    const problems = await problemsOf(xml);
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('bpmn.element.choice');
    expect(paths).toContain('bpmn.element.robot');
    expect(paths).toContain('bpmn.flow.f3');
    expect(paths).toContain('bpmn.task.review');
    expect(problems.find((p) => p.path === 'bpmn.element.choice')!.zh).toMatch(/不支持条件网关/);
    expect(problems.find((p) => p.path === 'bpmn.element.choice')!.en).toMatch(/not supported/);
    expect(problems.find((p) => p.path === 'bpmn.task.review')!.zh).toMatch(/ow:role/);
    expect(problems.find((p) => p.path === 'bpmn.task.review')!.en).toMatch(/which role/);
  });

  it('refuses loops', async () => {
    const xml = handDrawn(
      ['<startEvent id="s" />', task('review'), task('check'), '<endEvent id="e" />', seq('f1', 's', 'review'), seq('f2', 'review', 'check'), seq('f3', 'check', 'review')].join('\n'),
    );
    const problems = await problemsOf(xml);
    // The loop leaves `review` with two incoming flows and the end event with none.
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['bpmn.task.review', 'bpmn.event.e']));
    expect(problems.find((p) => p.path === 'bpmn.task.review' && /回路/.test(p.zh ?? ''))!.en).toMatch(/loops back to "review"/);
    const cycle = handDrawn(
      [
        '<startEvent id="s" />',
        '<parallelGateway id="g1" />',
        task('a'),
        task('b'),
        '<parallelGateway id="g2" />',
        '<endEvent id="e" />',
        seq('f1', 's', 'g1'),
        seq('f2', 'g1', 'a'),
        seq('f3', 'g1', 'b'),
        seq('f4', 'a', 'g2'),
        seq('f5', 'b', 'g2'),
        seq('f6', 'g2', 'g1'),
        seq('f7', 'g2', 'e'),
      ].join('\n'),
    );
    const cycleProblems = await problemsOf(cycle);
    expect(cycleProblems.map((p) => p.en).join(' ')).toMatch(/cannot both join and split/);
    expect(cycleProblems.map((p) => p.en).join(' ')).toMatch(/loops back to "g1"/);
  });

  it('refuses several start events and unbalanced parallel blocks', async () => {
    const twoStarts = handDrawn(['<startEvent id="s1" />', '<startEvent id="s2" />', task('review'), '<endEvent id="e" />', seq('f1', 's1', 'review'), seq('f2', 's2', 'review'), seq('f3', 'review', 'e')].join('\n'));
    const problems = await problemsOf(twoStarts);
    expect(problems.find((p) => p.path === 'bpmn.process')!.zh).toMatch(/有且只有一个开始事件，实有 2 个/);
    const unbalanced = handDrawn(
      [
        '<startEvent id="s" />',
        '<parallelGateway id="g1" />',
        task('a'),
        task('b'),
        task('c'),
        '<parallelGateway id="g2" />',
        '<endEvent id="e" />',
        seq('f1', 's', 'g1'),
        seq('f2', 'g1', 'a'),
        seq('f3', 'g1', 'b'),
        seq('f4', 'a', 'g2'),
        seq('f5', 'b', 'c'),
        seq('f6', 'c', 'g2'),
        seq('f7', 'g2', 'e'),
      ].join('\n'),
    );
    expect((await problemsOf(unbalanced)).map((p) => p.path)).toContain('bpmn.gateway.g1');
  });

  it('names bad attribute values on the task they belong to', async () => {
    const xml = handDrawn(
      [
        '<startEvent id="s" />',
        task('Review', 'x:stageType="approval" x:role="applicant" x:limitDays="-1" x:special="lottery"'),
        '<endEvent id="e" />',
        seq('f1', 's', 'Review'),
        seq('f2', 'Review', 'e'),
      ].join('\n'),
      'name="" x:allowsCommitment="yes"',
    );
    const problems = await problemsOf(xml);
    expect(problems.filter((p) => p.path === 'bpmn.task.Review').map((p) => p.en)).toEqual([
      expect.stringMatching(/Task id "Review" must start with a lower-case letter/),
      expect.stringMatching(/ow:stageType "approval" is unknown/),
      expect.stringMatching(/ow:special "lottery" is unknown/),
      expect.stringMatching(/ow:role "applicant" is unknown/),
      expect.stringMatching(/ow:limitDays must be a whole number/),
    ]);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['bpmn.process.name', 'bpmn.process.allowsCommitment']));
  });

  it('reports what is not XML, not BPMN or holds no single process', async () => {
    expect((await problemsOf('<definitions'))[0]).toMatchObject({ path: 'bpmn.xml', zh: expect.stringMatching(/不是有效的 BPMN 2\.0 XML 文档/) });
    expect((await problemsOf('<html><body>hello</body></html>'))[0]!.path).toBe('bpmn.xml');
    expect((await problemsOf('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" />')).map((p) => p.path)).toEqual(['bpmn.process']);
    const unknown = handDrawn('<startEvent id="s" /><frobnicate id="z" /><endEvent id="e" />' + seq('f1', 's', 'e'));
    expect((await problemsOf(unknown)).some((p) => p.path === 'bpmn.xml' && /frobnicate/i.test(p.en ?? ''))).toBe(true);
  });

  it('leaves the business rules to saveDefinition but checks the schema (lengths, limits)', async () => {
    const longName = '很'.repeat(61);
    const xml = handDrawn(['<startEvent id="s" />', task('review', 'x:stageType="review" x:role="reviewer" x:limitDays="2"', longName), '<endEvent id="e" />', seq('f1', 's', 'review'), seq('f2', 'review', 'e')].join('\n'));
    const problems = await problemsOf(xml);
    expect(problems.map((p) => p.path).sort()).toEqual(['bpmn.step.review.name', 'bpmn.task.review.name']);
  });
});
