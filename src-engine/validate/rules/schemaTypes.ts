import type { Fix } from '../../model/diagnostic';
import type { PathSegment } from '../../parse/fieldPath';
import { findNode, rangeInDocument } from '../../parse/manifests';
import { propertiesOf, propertyOf, rootSchema } from '../../schema/query';
import type { SchemaNode } from '../../schema/query';
import { isPlainScalarAt } from '../astLookup';
import type { RuleContext } from '../context';
import { replaceValue } from '../edits';
import { showValue } from '../fieldErrors';
import { nearestName } from '../nearestName';
import type { RuleDefinition } from '../rule';

/** resource.Quantity's accepted text [apimachinery resource.ParseQuantity]. */
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const INTEGER_TEXT = /^-?[0-9]+$/;
const INT32_MAX = 2147483647;
/**
 * Plain scalars YAML 1.1 reads as booleans but YAML 1.2 (the `yaml` package) as strings.
 * kubectl decodes manifests with sigs.k8s.io/yaml (a go-yaml v2 fork, YAML 1.1), so for the
 * API server `value: yes` is a boolean and `suspend: on` is true.
 */
const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Unknown fields and wrong JSON types anywhere in the object, from the generated schema.
 * The API server's decoder rejects both (kubectl's default strict field validation for
 * unknown fields; a 400 "cannot unmarshal" for types, H.4), so both are errors. One walk
 * over the decoded value; paths are built only for problems.
 */
export const schemaTypesRules: RuleDefinition = {
  rules: [
    {
      id: 'unknown-field',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Unknown field',
      description: 'A field the Kubernetes API does not define at this place (often a typo or wrong indentation); strict field validation rejects it.',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    },
    {
      id: 'field-type',
      defaultSeverity: 'error',
      category: 'validation',
      title: 'Wrong value type',
      description: 'A value of the wrong JSON type, e.g. a quoted number ("3") for an integer field or a number for a string such as the schedule.',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    },
  ],
  check(ctx) {
    const walker = new Walker(ctx);
    walker.object(ctx.root, rootSchema(ctx.kind));
  },
};

class Walker {
  private readonly path: PathSegment[] = [];
  /** Parallel to `path`: whether the segment is a map key (printed `[key]`, not `.key`). */
  private readonly mapKey: boolean[] = [];
  private readonly reportUnknown: boolean;
  private readonly reportTypes: boolean;

  constructor(private readonly ctx: RuleContext) {
    this.reportUnknown = ctx.enabled('unknown-field');
    this.reportTypes = ctx.enabled('field-type');
  }

  object(value: Record<string, unknown>, schema: SchemaNode): void {
    for (const key in value) {
      const child = value[key];
      const prop = propertyOf(schema, key);
      this.path.push(key);
      this.mapKey.push(false);
      if (prop) this.value(child, prop);
      else if (this.reportUnknown) this.unknown(key, schema);
      this.path.pop();
      this.mapKey.pop();
    }
  }

  value(value: unknown, schema: SchemaNode): void {
    if (value === null || value === undefined) return;
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string') this.wrongType(value, 'string');
        else if (YAML11_BOOLEAN.test(value) && this.isPlain()) this.yaml11Boolean(value);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.wrongType(value, 'integer');
        else if (schema.maximum === INT32_MAX && value > INT32_MAX && this.reportTypes) {
          this.report('field-type', `${this.where()}: Invalid value: ${value}: does not fit the field's Go type int32 (at most ${INT32_MAX})`);
        }
        return;
      case 'boolean':
        if (typeof value !== 'boolean' && !(typeof value === 'string' && YAML11_BOOLEAN.test(value) && this.isPlain())) this.wrongType(value, 'boolean');
        return;
      case 'int-or-string':
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) this.wrongType(value, 'integer or string');
        return;
      case 'quantity':
        if (typeof value === 'number') return;
        if (typeof value !== 'string') this.wrongType(value, 'quantity (string or number)');
        else if (!QUANTITY.test(value) && this.reportTypes) {
          this.report('field-type', `${this.where()}: Invalid value: ${showValue(value)}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        }
        return;
      case 'any':
        return;
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) this.wrongType(value, 'object');
        else this.object(value as Record<string, unknown>, schema);
        return;
      case 'array': {
        if (!Array.isArray(value)) {
          this.wrongType(value, 'array');
          return;
        }
        const items = schema.items;
        if (!items) return;
        for (let i = 0; i < value.length; i++) {
          this.path.push(i);
          this.mapKey.push(false);
          this.value(value[i], items);
          this.path.pop();
          this.mapKey.pop();
        }
        return;
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          this.wrongType(value, 'object (map)');
          return;
        }
        const values = schema.values;
        if (!values) return;
        const map = value as Record<string, unknown>;
        for (const key in map) {
          this.path.push(key);
          this.mapKey.push(true);
          this.value(map[key], values);
          this.path.pop();
          this.mapKey.pop();
        }
      }
    }
  }

  /** Whether the value at the current path is written as a plain (unquoted) scalar. */
  private isPlain(): boolean {
    return isPlainScalarAt(this.ctx.doc, this.path);
  }

  private yaml11Boolean(value: string): void {
    if (!this.reportTypes) return;
    const edit = replaceValue(this.ctx.doc, this.path, JSON.stringify(value));
    this.report(
      'field-type',
      `${this.where()}: Invalid value: ${value}: must be of type string, not boolean; kubectl reads YAML 1.1, where an unquoted ${value} is a boolean: quote it`,
      edit ? [{ title: `Quote ${value}`, edits: [edit], isPreferred: true }] : [],
    );
  }

  private where(): string {
    let out = '';
    this.path.forEach((segment, i) => {
      if (typeof segment === 'number' || this.mapKey[i]) out += `[${segment}]`;
      else out += out === '' ? segment : `.${segment}`;
    });
    return out;
  }

  private report(rule: string, message: string, fixes?: Fix[], at: 'key' | 'value' = 'value'): void {
    this.ctx.report({ rule, path: [...this.path], field: this.where(), message, at, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
  }

  private unknown(key: string, schema: SchemaNode): void {
    const suggestion = nearestName(key, propertiesOf(schema).map((p) => p.name));
    const fixes: Fix[] = [];
    if (suggestion) {
      const keyNode = findNode(this.ctx.doc, this.path).keyNode;
      if (keyNode?.range) {
        fixes.push({ title: `Rename to ${suggestion}`, edits: [{ range: rangeInDocument(this.ctx.doc, keyNode.range[0], keyNode.range[1]), newText: suggestion }], isPreferred: true });
      }
    }
    const where = this.where();
    const parent = where.slice(0, where.length - key.length).replace(/\.$/, '') || 'the object';
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    this.report('unknown-field', `${this.where()}: unknown field ${JSON.stringify(key)} in ${parent}${schema.typeName ? ` (${schema.typeName})` : ''}${hint}`, fixes, 'key');
  }

  private wrongType(value: unknown, expected: string): void {
    if (!this.reportTypes) return;
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && !Number.isInteger(value) ? 'number' : typeof value;
    let hint = '';
    const fixes: Fix[] = [];
    if (typeof value === 'string' && (expected === 'integer' && INTEGER_TEXT.test(value.trim()) || expected === 'boolean' && /^(true|false)$/.test(value.trim()))) {
      hint = `; quotes make a YAML string, write ${value.trim()} without them`;
      const edit = replaceValue(this.ctx.doc, this.path, value.trim());
      if (edit) fixes.push({ title: `Remove the quotes: ${value.trim()}`, edits: [edit], isPreferred: true });
    } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
      hint = '; YAML reads this unquoted value as a ' + actual + ', quote it';
    }
    this.report('field-type', `${this.where()}: Invalid value: ${showValue(value)}: must be of type ${expected}, not ${actual}${hint}`, fixes);
  }
}
