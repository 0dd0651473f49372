import type { Fix } from '../../model/diagnostic';
import type { PathSegment } from '../../parse/fieldPath';
import { isScalar } from 'yaml';
import { fitsInt64 } from '../../parse/goYamlScalars';
import { findNode, rangeInDocument } from '../../parse/manifests';
import { propertiesByName, propertiesOf, rootSchema, versionsOfField } from '../../schema/query';
import { compareKubernetesVersions } from '../../schema/kubernetesVersion';
import type { SchemaNode } from '../../schema/query';
import type { RuleContext } from '../context';
import { replaceValue } from '../edits';
import { showValue } from '../fieldErrors';
import { nearestName } from '../nearestName';
import { parseQuantity } from '../quantity';
import type { RuleDefinition } from '../rule';
import { validationRule } from '../rule';

/** resource.Quantity's accepted text [apimachinery resource.ParseQuantity]. */
const INTEGER_TEXT = /^-?[0-9]+$/;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/**
 * Unknown fields and wrong JSON types anywhere in the object, from the generated schema.
 * The API server's decoder rejects both (kubectl's default strict field validation for
 * unknown fields; a 400 "json: cannot unmarshal …" for types and for integers past the Go
 * field's int32 or int64), so both are errors. The value is what kubectl sends
 * (parse/goYamlScalars.ts): an unquoted `yes` is already a boolean, `1_000` an integer. One
 * walk over the decoded value; paths are built only for problems.
 */
export const schemaTypesRules: RuleDefinition = {
  rules: [
    validationRule({
      id: 'unknown-field',
      title: 'Unknown field',
      description:
        'A field the Kubernetes API does not define at this place (often a typo or wrong indentation); strict field validation rejects it.',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    }),
    validationRule({
      id: 'field-type',
      title: 'Wrong value type',
      description:
        'A value of the wrong JSON type, e.g. a quoted number ("3") for an integer field or a number for a string such as the schedule.',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    }),
  ],
  check(ctx) {
    const walker = new Walker(ctx);
    walker.object(ctx.root, rootSchema(ctx.kind, ctx.version));
  },
};

/** Why a field of another version is unknown in this one. */
function versionNote(version: string, other: { readonly since: string; readonly until: string }): string {
  if (compareKubernetesVersions(version, other.since) < 0) {
    return `Kubernetes ${version} does not have this field yet (added in ${other.since})`;
  }
  const which = other.since === other.until ? `only in ${other.until}` : `up to ${other.until}`;
  return `Kubernetes ${version} no longer has this field (${which})`;
}

class Walker {
  // The current path is segments[0..depth), written in place rather than pushed and popped: the
  // walk visits every field of every document, mostly before it is optimised, where each push
  // and pop is a call.
  private readonly segments: PathSegment[] = [];
  /** Parallel to `segments`: whether the segment is a map key (printed `[key]`, not `.key`). */
  private readonly mapKey: boolean[] = [];
  private depth = 0;
  private readonly reportUnknown: boolean;
  private readonly reportTypes: boolean;

  constructor(private readonly ctx: RuleContext) {
    this.reportUnknown = ctx.enabled('unknown-field');
    this.reportTypes = ctx.enabled('field-type');
  }

  object(value: Record<string, unknown>, schema: SchemaNode): void {
    const properties = propertiesByName(schema);
    const depth = this.depth;
    this.depth = depth + 1;
    for (const key in value) {
      const child = value[key];
      const prop = properties.get(key);
      // A string where a string belongs (most fields of a manifest) needs no call to value().
      if (prop !== undefined && typeof child === 'string' && prop.type === 'string') continue;
      this.segments[depth] = key;
      this.mapKey[depth] = false;
      if (prop) this.value(child, prop);
      else if (this.reportUnknown) this.unknown(key, schema);
    }
    this.depth = depth;
  }

  /** The path of the field being walked (for a finding). */
  private get path(): PathSegment[] {
    return this.segments.slice(0, this.depth);
  }

  value(value: unknown, schema: SchemaNode): void {
    if (value === null || value === undefined) return;
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string') this.wrongType(value, 'string');
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.wrongType(value, 'integer');
        else if (schema.maximum === INT32_MAX && (value > INT32_MAX || value < INT32_MIN)) this.overflow(value, 'int32');
        else if (!fitsInt64(value)) this.overflow(value, 'int64');
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.wrongType(value, 'boolean');
        return;
      case 'int-or-string':
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
          this.wrongType(value, 'integer or string');
        }
        return;
      case 'quantity':
        if (typeof value === 'number') return;
        if (typeof value !== 'string') this.wrongType(value, 'quantity (string or number)');
        else if (parseQuantity(value.trim()) === undefined && this.reportTypes) {
          // Quantity.UnmarshalJSON trims surrounding spaces before parsing.
          this.report(
            'field-type',
            `${this.where()}: Invalid value: ${showValue(value)}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
          );
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
        const depth = this.depth;
        this.depth = depth + 1;
        for (let i = 0; i < value.length; i++) {
          this.segments[depth] = i;
          this.mapKey[depth] = false;
          this.value(value[i], items);
        }
        this.depth = depth;
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
        const depth = this.depth;
        this.depth = depth + 1;
        for (const key in map) {
          this.segments[depth] = key;
          this.mapKey[depth] = true;
          this.value(map[key], values);
        }
        this.depth = depth;
      }
    }
  }

  /** The source text of the value at the current path when it is written unquoted. */
  private plainSource(): string | undefined {
    const node = findNode(this.ctx.doc, this.path).node;
    return isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : undefined;
  }

  /** An integer past the Go type the server decodes into (json: cannot unmarshal number … of type int32). */
  private overflow(value: number, goType: 'int32' | 'int64'): void {
    if (!this.reportTypes) return;
    const bounds = goType === 'int32' ? `${INT32_MIN} to ${INT32_MAX}` : '-9223372036854775808 to 9223372036854775807';
    this.report(
      'field-type',
      `${this.where()}: Invalid value: ${showValue(value)}: does not fit the field's Go type ${goType} (${bounds}): json: ` +
        `cannot unmarshal number ${showValue(value)} into a field of type ${goType}`,
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
    this.ctx.report({
      rule,
      path: this.path,
      field: this.where(),
      message,
      at,
      ...(fixes && fixes.length > 0 ? { fixes } : {}),
    });
  }

  private unknown(key: string, schema: SchemaNode): void {
    const other = schema.typeName ? versionsOfField(schema.typeName, key) : undefined;
    // A field of another version is not a typo: no rename to a look-alike (hostnameOverride → hostname).
    const suggestion = other
      ? undefined
      : nearestName(
          key,
          propertiesOf(schema).map((p) => p.name),
        );
    const fixes: Fix[] = [];
    if (suggestion) {
      const keyNode = findNode(this.ctx.doc, this.path).keyNode;
      if (keyNode?.range) {
        fixes.push({
          title: `Rename to ${suggestion}`,
          edits: [{ range: rangeInDocument(this.ctx.doc, keyNode.range[0], keyNode.range[1]), newText: suggestion }],
          isPreferred: true,
        });
      }
    }
    const where = this.where();
    const parent = where.slice(0, where.length - key.length).replace(/\.$/, '') || 'the object';
    const hint = other ? `: ${versionNote(this.ctx.version, other)}` : suggestion ? ` (did you mean "${suggestion}"?)` : '';
    this.report(
      'unknown-field',
      `${this.where()}: unknown field ${JSON.stringify(key)} in ${parent}${schema.typeName ? ` (${schema.typeName})` : ''}${hint}`,
      fixes,
      'key',
    );
  }

  private wrongType(value: unknown, expected: string): void {
    if (!this.reportTypes) return;
    const actual =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'array'
          : typeof value === 'number' && !Number.isInteger(value)
            ? 'number'
            : typeof value;
    let hint = '';
    const fixes: Fix[] = [];
    if (
      typeof value === 'string' &&
      ((expected === 'integer' && INTEGER_TEXT.test(value.trim())) ||
        (expected === 'boolean' && /^(true|false)$/.test(value.trim())))
    ) {
      hint = `; quotes make a YAML string, write ${value.trim()} without them`;
      const edit = replaceValue(this.ctx.doc, this.path, value.trim());
      if (edit) fixes.push({ title: `Remove the quotes: ${value.trim()}`, edits: [edit], isPreferred: true });
    } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
      const source = this.plainSource();
      // Quoting keeps what was written when the text is not already the value's own spelling
      // (`yes`, `on`, `1.10`, `0755`); `5` quoted would still not be a schedule or an image.
      if (source !== undefined && source !== String(value)) {
        const yaml11 = typeof value === 'boolean' && !/^(?:true|false)$/i.test(source) ? ' (YAML 1.1, as kubectl reads it)' : '';
        hint = `; kubectl reads the unquoted ${source} as a ${actual}${yaml11}: quote it`;
        const edit = replaceValue(this.ctx.doc, this.path, JSON.stringify(source));
        if (edit) fixes.push({ title: `Quote ${source}`, edits: [edit], isPreferred: true });
        const message = `${this.where()}: Invalid value: ${source}: must be of type ${expected}, not ${actual}${hint}`;
        this.report('field-type', message, fixes);
        return;
      }
      hint = `; YAML reads this unquoted value as a ${actual}, quote it`;
    }
    this.report(
      'field-type',
      `${this.where()}: Invalid value: ${showValue(value)}: must be of type ${expected}, not ${actual}${hint}`,
      fixes,
    );
  }
}
