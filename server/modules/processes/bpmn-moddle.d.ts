/**
 * The part of bpmn-moddle (the BPMN 2.0 model bpmn-js reads with) that processes.bpmn.ts uses. The package
 * ships types for the model's elements only (bpmn-moddle/types), not for its entry point.
 */
declare module 'bpmn-moddle' {
  /** An element of the parsed model: typed properties by name, unknown attributes in `$attrs`. */
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    $attrs: Record<string, string>;
    /** A property by its qualified name, e.g. `ow:role` (any prefix in the document resolves by namespace). */
    get(name: string): unknown;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Error[];
  }

  /** A moddle package: a namespace and the types or attributes it adds to BPMN. */
  export interface ModdlePackage {
    name: string;
    uri: string;
    prefix: string;
    types: { name: string; extends?: string[]; superClass?: string[]; properties: { name: string; isAttr?: boolean; type: string }[] }[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, ModdlePackage>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
